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

describe('Tsne step clipping', () => {
  const { data, rows } = blobs(4, 50, 10, 3);

  it("limits each point's step to maxStepNorm (openTSNE's max_step_norm, default 5)", () => {
    const init = new Float32Array(rows * 2).map((_, i) => Math.sin(i) * 1e-4);
    /** The longest move of any point in each of 20 iterations. */
    const longestMoves = (maxStepNorm: number): number[] => {
      const tsne = new Tsne(data, rows, 10, { init, maxStepNorm, iterations: 20 });
      tsne.init();
      let before = tsne.embedding();
      const moves: number[] = [];
      for (let i = 0; i < 20; i++) {
        tsne.step();
        const after = tsne.embedding();
        let longest = 0;
        for (let p = 0; p < rows; p++) {
          const dx = (after[2 * p] ?? 0) - (before[2 * p] ?? 0);
          const dy = (after[2 * p + 1] ?? 0) - (before[2 * p + 1] ?? 0);
          longest = Math.max(longest, Math.hypot(dx, dy));
        }
        moves.push(longest);
        before = after;
      }
      return moves;
    };
    // The step, plus the shift that re-centres the layout (at most the longest step).
    expect(Math.max(...longestMoves(1e-3))).toBeLessThanOrEqual(2e-3 + 1e-9);
    expect(Math.max(...longestMoves(Infinity))).toBeGreaterThan(1e-2);
  });

  it('checks maxStepNorm', () => {
    expect(() => new Tsne(data, rows, 10, { maxStepNorm: 0 })).toThrow(/maxStepNorm/);
  });
});
