import { describe, expect, it } from 'vitest';

import { Tsne } from '../src/index.js';
import { blobs } from './reduce_helpers.js';

function span(layout: Float32Array): number {
  return Math.max(...layout) - Math.min(...layout);
}

describe('Tsne early exaggeration', () => {
  // 20 separated clusters, as the benchmark's syn50: with momentum 0.8 while exaggerating, the
  // clusters overshoot (at 20,000 points the layout swung out to a span of 300, openTSNE's stays
  // near 20); scikit-learn and openTSNE use 0.5 there.
  const { data, rows } = blobs(20, 100, 50, 1);

  it('runs with momentum 0.5 by default, which keeps the layout compact', () => {
    const params = { iterations: 250, seed: 0 } as const;
    const byDefault = new Tsne(data, rows, 50, params).fit();
    const half = new Tsne(data, rows, 50, { ...params, earlyMomentum: 0.5 }).fit();
    const high = new Tsne(data, rows, 50, { ...params, earlyMomentum: 0.8 }).fit();
    expect(Array.from(byDefault)).toEqual(Array.from(half));
    expect(span(byDefault)).toBeLessThan(0.8 * span(high));
  });

  it('checks earlyMomentum', () => {
    expect(() => new Tsne(data, rows, 50, { earlyMomentum: 1 })).toThrow(/earlyMomentum/);
  });
});
