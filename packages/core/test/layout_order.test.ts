import { describe, expect, it } from 'vitest';

import {
  type LayerFeatures,
  layoutLayers,
  nextLayer,
  sameFeatures,
  startingLayer,
  STRIP_JITTER,
  stripLayout
} from '../src/reduce/index.js';
import { type LayoutReply, LayoutService } from '../src/service/index.js';
import { blobs } from './reduce_helpers.js';

describe('layout order', () => {
  it('goes to the layer nearest the focus, the deeper one first on a tie', () => {
    const none = [undefined, undefined, undefined, undefined, undefined];
    expect(nextLayer(none, 0)).toBe(0);
    expect(nextLayer(none, 2)).toBe(2);
    expect(nextLayer([undefined, undefined, 1, undefined, undefined], 2)).toBe(3);
    expect(nextLayer([undefined, undefined, 1, 1, undefined], 2)).toBe(1);
    expect(nextLayer([1, 1], 0)).toBe(-1);
  });

  it('starts a layer from the one before it, else the nearest laid out', () => {
    expect(startingLayer([1, undefined, undefined], 1)).toBe(0);
    expect(startingLayer([undefined, undefined, 1, undefined], 1)).toBe(2);
    expect(startingLayer([undefined, undefined, undefined], 1)).toBe(-1);
  });
});

describe('layers with the same features', () => {
  it('are recognised value for value', () => {
    const a = { name: 'a', data: new Float32Array([1, 2, 3, 4]), rows: 2, cols: 2 };
    expect(sameFeatures(a, { ...a, name: 'b', data: a.data.slice() })).toBe(true);
    expect(sameFeatures(a, { ...a, data: new Float32Array([1, 2, 3, 5]) })).toBe(false);
    expect(sameFeatures(a, { ...a, rows: 4, cols: 1 })).toBe(false);
  });

  it('share one layout: the twin is not laid out again', async () => {
    const { layers } = layersOf(2);
    const first = layers[0] as LayerFeatures;
    const dropout = { ...first, name: 'dropout', data: first.data.slice() };
    const frames: number[] = [];
    const out = await layoutLayers(
      [first, dropout, layers[1] as LayerFeatures],
      { method: 'tsne', dims: 2, perplexity: 5, iterations: 30 },
      { frameMs: 0, onFrame: (layer) => frames.push(layer) }
    );
    expect(Array.from(out[1] as Float32Array)).toEqual(Array.from(out[0] as Float32Array));
    expect(out[1]).not.toBe(out[0]);
    expect(frames).not.toContain(1);
    expect(frames).toContain(2);
  });
});

describe('single-feature layers', () => {
  it('put the value on x and each class in its own band on y', () => {
    const values = new Float32Array([0.1, 0.9, 0.2, 0.8]);
    const coords = stripLayout(values, Int32Array.from([5, 7, 5, 7]), 2, 0);
    const x = [0, 1, 2, 3].map((i) => coords[2 * i] as number);
    const y = [0, 1, 2, 3].map((i) => coords[2 * i + 1] as number);
    expect(x[1]).toBeGreaterThan(x[0] as number);
    expect(x.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 5); // standardised
    expect(Math.abs((y[0] as number) - 0)).toBeLessThanOrEqual(STRIP_JITTER);
    expect(Math.abs((y[1] as number) - 1)).toBeLessThanOrEqual(STRIP_JITTER);
  });
});

function layersOf(count: number): { layers: LayerFeatures[]; labels: Int32Array } {
  const { data, labels, rows } = blobs(2, 20, 4);
  const layers = Array.from({ length: count }, (_, i) => ({
    name: `l${i}`,
    data: data.map((v) => v * (i + 1)),
    rows,
    cols: 4
  }));
  return { layers, labels };
}

describe('LayoutService', () => {
  it('sends a PCA preview of every layer before the first t-SNE iteration', async () => {
    const replies: LayoutReply[] = [];
    const service = new LayoutService((reply) => replies.push(reply));
    const { layers, labels } = layersOf(3);
    await service.handle({ type: 'data', layers, labels });
    await service.handle({
      type: 'layout',
      id: 1,
      params: { method: 'tsne', dims: 2, perplexity: 5, iterations: 20 }
    });
    const previews = replies.filter((r) => r.type === 'frame' && r.total === 0);
    expect(previews.map((r) => (r.type === 'frame' ? r.layer : -1))).toEqual([0, 1, 2]);
    const firstLayout = replies.findIndex((r) => r.type === 'layout');
    const lastPreview = replies.lastIndexOf(previews[2] as LayoutReply);
    expect(lastPreview).toBeLessThan(firstLayout);
  });

  it('lays the focused layer out first, then its neighbours', async () => {
    const replies: LayoutReply[] = [];
    const service = new LayoutService((reply) => replies.push(reply));
    const { layers, labels } = layersOf(5);
    await service.handle({ type: 'data', layers, labels });
    await service.handle({ type: 'focus', layer: 3 });
    await service.handle({ type: 'layout', id: 2, params: { method: 'pca', dims: 2 } });
    const order = replies.flatMap((r) => (r.type === 'layout' ? [r.layer] : []));
    expect(order).toEqual([3, 4, 2, 1, 0]);
  });

  it('keeps known layouts instead of computing them again', async () => {
    const replies: LayoutReply[] = [];
    const service = new LayoutService((reply) => replies.push(reply));
    const { layers } = layersOf(2);
    const known = new Float32Array((layers[0]?.rows ?? 0) * 2).fill(7);
    await service.handle({ type: 'data', layers });
    await service.handle({
      type: 'layout',
      id: 3,
      params: { method: 'pca', dims: 2 },
      known: { l0: known }
    });
    const first = replies.find((r) => r.type === 'layout' && r.layer === 0);
    expect(first?.type === 'layout' && [...first.coords].every((v) => v === 7)).toBe(true);
  });

  it('shows a single-feature layer as a strip, not a t-SNE of one number', async () => {
    const replies: LayoutReply[] = [];
    const service = new LayoutService((reply) => replies.push(reply));
    const values = Float32Array.from({ length: 40 }, (_, i) => i / 40);
    const labels = Int32Array.from({ length: 40 }, (_, i) => (i < 20 ? 0 : 1));
    await service.handle({
      type: 'data',
      layers: [{ name: 'out', data: values, rows: 40, cols: 1 }],
      labels
    });
    await service.handle({
      type: 'layout',
      id: 4,
      params: { method: 'tsne', dims: 2, perplexity: 5 }
    });
    const layout = replies.find((r) => r.type === 'layout');
    expect(layout?.type === 'layout' && layout.coords).toEqual(stripLayout(values, labels, 2, 0));
  });
});
