import type { LayerInfo } from '@layerviz/core';
import { describe, expect, it } from 'vitest';

import { groupByColor, PreviewCanvas } from '../src/preview.js';

/** A canvas whose 2-D context counts colour assignments and rectangles. */
function fakeDocument(): {
  document: Document;
  counts: { fillStyle: number; fillRect: number; rects: [number, number][] };
} {
  const counts = { fillStyle: 0, fillRect: 0, rects: [] as [number, number][] };
  const ctx = {
    set fillStyle(_value: string) {
      counts.fillStyle += 1;
    },
    globalAlpha: 1,
    font: '',
    setTransform: () => undefined,
    clearRect: () => undefined,
    fillText: () => undefined,
    measureText: () => ({ width: 10 }),
    fillRect: (x: number, y: number) => {
      counts.fillRect += 1;
      counts.rects.push([x, y]);
    }
  };
  const canvas = {
    hidden: true,
    width: 0,
    height: 0,
    style: {} as Record<string, string>,
    className: '',
    ownerDocument: { defaultView: null },
    getContext: () => ctx
  };
  const document = { createElement: () => canvas } as unknown as Document;
  return { document, counts };
}

const info = (name: string, index: number): LayerInfo => ({
  name,
  className: 'Dense',
  outputShape: [null, 2],
  index
});

describe('groupByColor', () => {
  it('puts every sample under its colour, in order, and uncoloured ones together', () => {
    const groups = groupByColor(5, ['blue', 'red', 'blue', 'green', 'red']);
    expect(groups.get('red')).toEqual([1, 4]);
    expect(groups.get('blue')).toEqual([0, 2]);
    expect([...groups.values()].flat().sort()).toEqual([0, 1, 2, 3, 4]);
    expect(groupByColor(2, null).size).toBe(1);
  });
});

describe('PreviewCanvas', () => {
  it('sets each colour once per layer, not once per point', () => {
    const { document, counts } = fakeDocument();
    const n = 1000;
    const colors = Array.from({ length: n }, (_, i) => ['red', 'green', 'blue'][i % 3] ?? '');
    const coords = Float32Array.from({ length: 2 * n }, (_, i) => Math.sin(i));
    const preview = new PreviewCanvas(document);
    const theme = globalThis as unknown as { getComputedStyle?: unknown };
    theme.getComputedStyle = () => ({ getPropertyValue: () => '' });
    try {
      preview.draw({
        layers: [
          { info: info('a', 0), coords, status: 't-SNE 10/750' },
          { info: info('b', 1), coords }
        ],
        focus: 0,
        colors,
        width: 800,
        height: 500
      });
    } finally {
      delete theme.getComputedStyle;
    }
    // Every point, each layer's background, and the one-pixel warm-up of prepare().
    expect(counts.fillRect).toBe(2 * n + 2 + 1);
    // Per layer: its background, three classes, and the status text of the first.
    expect(counts.fillStyle).toBe(2 * (1 + 3) + 1);
    expect(preview.canvas.hidden).toBe(false);
  });

  it('leaves samples a layer cannot show (NaN) out without moving the others', () => {
    const { document, counts } = fakeDocument();
    const coords = Float32Array.from([0, 0, Number.NaN, Number.NaN, 1, 1]);
    const preview = new PreviewCanvas(document);
    const theme = globalThis as unknown as { getComputedStyle?: unknown };
    theme.getComputedStyle = () => ({ getPropertyValue: () => '' });
    try {
      preview.draw({
        layers: [{ info: info('a', 0), coords }],
        focus: 0,
        colors: null,
        width: 400,
        height: 300
      });
    } finally {
      delete theme.getComputedStyle;
    }
    const finite = counts.rects.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    // The background, the warm-up pixel and the two drawable points; the NaN one is not drawn
    // anywhere visible (a NaN rectangle paints nothing).
    expect(finite.length).toBe(counts.rects.length - 1);
  });
});
