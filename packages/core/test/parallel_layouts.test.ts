import { describe, expect, it } from 'vitest';

import { type LayerFeatures, layoutLayer, layoutLayers, layoutPlan } from '../src/reduce/index.js';
import {
  layoutWorkerCount,
  type LayoutReply,
  type LayoutRequest,
  LayoutRouter,
  LayoutService
} from '../src/service/index.js';
import { blobs } from './reduce_helpers.js';

function layersOf(count: number): LayerFeatures[] {
  const { data, rows } = blobs(3, 20, 4);
  return Array.from({ length: count }, (_, i) => ({
    name: `l${i}`,
    data: data.map((v, j) => v * (i + 1) + ((j * 7919) % 13) * 0.01 * i),
    rows,
    cols: 4
  }));
}

const params = { method: 'tsne', dims: 2, perplexity: 5, iterations: 60 } as const;

describe('layoutWorkerCount', () => {
  it('leaves one core to the page, at least one worker, at most max', () => {
    expect(layoutWorkerCount(undefined)).toBe(1);
    expect(layoutWorkerCount(1)).toBe(1);
    expect(layoutWorkerCount(2)).toBe(1);
    expect(layoutWorkerCount(8)).toBe(4);
    expect(layoutWorkerCount(8, 16)).toBe(7);
  });
});

describe('layoutPlan', () => {
  it('with one lane, starts each layer from the one before it, outwards from the focus', () => {
    expect(Array.from(layoutPlan(5, 0, 1))).toEqual([-1, 0, 1, 2, 3]);
    expect(Array.from(layoutPlan(5, 2, 1))).toEqual([1, 2, -1, 2, 3]);
  });
  it('cuts the layers into one run per lane, each led by the end nearest the focus', () => {
    expect(Array.from(layoutPlan(4, 0, 2))).toEqual([-1, 0, -1, 2]);
    expect(Array.from(layoutPlan(6, 4, 2))).toEqual([1, 2, -1, 4, -1, 4]);
    expect(Array.from(layoutPlan(5, 0, 3))).toEqual([-1, 0, -1, -1, 3]);
    expect(Array.from(layoutPlan(2, 0, 8))).toEqual([-1, -1]);
  });
});

describe('layoutLayers with a delegate', () => {
  it('gives the same layouts whichever lane finishes first', async () => {
    const layers = layersOf(4);
    const run = async (delayMs: number): Promise<number[][]> => {
      const out = await layoutLayers(layers, params, {
        helpers: 1,
        delegate: async (index, init, signal) => {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          return layoutLayer(layers[index] as LayerFeatures, params, init, { signal });
        }
      });
      return out.map((c) => Array.from(c));
    };
    expect(await run(0)).toEqual(await run(300));
  });

  it('lays out two layers at once and every layer exactly once', async () => {
    const layers = layersOf(4);
    let inFlight = 0;
    let most = 0;
    const delegated: number[] = [];
    const laidOut: number[] = [];
    const delegate = async (
      index: number,
      init: Float32Array | undefined,
      signal: AbortSignal
    ): Promise<Float32Array> => {
      delegated.push(index);
      inFlight += 1;
      most = Math.max(most, inFlight);
      try {
        // Another "worker": the same code, interleaved with the local lane on this event loop.
        return await layoutLayer(layers[index] as LayerFeatures, params, init, { signal });
      } finally {
        inFlight -= 1;
      }
    };
    const out = await layoutLayers(layers, params, {
      delegate,
      helpers: 1,
      onLayout: (i) => {
        laidOut.push(i);
      }
    });
    expect(out.every((c) => c.length === 2 * (layers[0] as LayerFeatures).rows)).toBe(true);
    expect([...laidOut].sort()).toEqual([0, 1, 2, 3]);
    expect(delegated.length).toBeGreaterThan(0);
    expect(delegated.length).toBeLessThan(4);
    expect(most).toBe(1);
  });

  it('fails with the delegate and leaves nothing running', async () => {
    const layers = layersOf(3);
    const failing = (): Promise<Float32Array> => Promise.reject(new Error('helper crashed'));
    await expect(layoutLayers(layers, params, { delegate: failing, helpers: 1 })).rejects.toThrow(
      'helper crashed'
    );
  });

  it('gives a layer whose twin is still being laid out the twin’s layout', async () => {
    const [a, b] = layersOf(2) as [LayerFeatures, LayerFeatures];
    const twin = { ...a, name: 'dropout', data: a.data.slice() };
    const delegated: number[] = [];
    const out = await layoutLayers([a, twin, b], params, {
      helpers: 1,
      delegate: (index, init, signal) => {
        delegated.push(index);
        return layoutLayer([a, twin, b][index] as LayerFeatures, params, init, { signal });
      }
    });
    expect(delegated).not.toContain(1);
    expect(Array.from(out[1] as Float32Array)).toEqual(Array.from(out[0] as Float32Array));
  });
});

describe('LayoutRouter', () => {
  it('runs one request over a primary and a helper service, as one service would reply', async () => {
    const layers = layersOf(4);
    const delivered: LayoutReply[] = [];
    const helperRequests: LayoutRequest['type'][] = [];
    let router: LayoutRouter | null = null;
    // Replies travel on a later task, as worker messages do.
    const later = (f: () => void): void => void setTimeout(f, 0);
    const primary = new LayoutService((reply) => later(() => router?.fromPrimary(reply)));
    const helper = new LayoutService((reply) => later(() => router?.fromHelper(0, reply)));
    let finished: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finished = resolve));
    router = new LayoutRouter(
      (request) => later(() => void primary.handle(request)),
      [
        (request) => {
          helperRequests.push(request.type);
          later(() => void helper.handle(request));
        }
      ],
      (reply) => {
        delivered.push(reply);
        if (reply.type === 'done' || reply.type === 'error') {
          finished();
        }
      }
    );
    expect(router.helperCount).toBe(1);
    router.send({ type: 'data', layers, labels: null });
    router.send({ type: 'layout', id: 7, params, metrics: 'none' });
    await done;
    expect(delivered.some((r) => r.type === 'error')).toBe(false);
    const layouts = delivered.flatMap((r) => (r.type === 'layout' ? [r.layer] : []));
    expect([...layouts].sort()).toEqual([0, 1, 2, 3]);
    expect(delivered.every((r) => r.id === 7)).toBe(true);
    expect(helperRequests[0]).toBe('data');
    expect(helperRequests).toContain('layer');
    expect(delivered.some((r) => r.type === 'delegate')).toBe(false);
  });

  it('answers a delegation it cannot place with an error, and drops stale helper replies', () => {
    const toPrimary: LayoutRequest[] = [];
    const delivered: LayoutReply[] = [];
    const router = new LayoutRouter(
      (r) => toPrimary.push(r),
      [],
      (r) => delivered.push(r)
    );
    router.fromPrimary({ type: 'delegate', id: 1, layer: 2, params });
    expect(toPrimary[0]).toMatchObject({ type: 'delegated', id: 1, layer: 2 });
    expect((toPrimary[0] as { error?: string }).error).toMatch(/no free layout helper/);
    router.fromHelper(0, { type: 'layout', id: 1, layer: 2, coords: new Float32Array(2) });
    expect(delivered).toEqual([]);
  });
});
