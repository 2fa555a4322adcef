import { describe, expect, it } from 'vitest';

import {
  APPROXIMATE_ABOVE_ROWS,
  approximateNeighbors,
  exactNeighbors,
  nearestNeighbors,
  type Neighbors
} from '../src/index.js';
import { blobs } from './reduce_helpers.js';

/** Share of the exact k nearest neighbours that `got` lists, over all rows. */
function recall(got: Neighbors, exact: Neighbors): number {
  const { rows, k } = exact;
  let hits = 0;
  for (let i = 0; i < rows; i++) {
    const truth = new Set(exact.indices.subarray(i * k, (i + 1) * k));
    for (const j of got.indices.subarray(i * k, (i + 1) * k)) {
      hits += truth.has(j) ? 1 : 0;
    }
  }
  return hits / (rows * k);
}

describe('approximateNeighbors', () => {
  // 3,000 points in 10 Gaussian clusters of 50-D: within a cluster the points are isotropic
  // noise, the hard case for random projection trees (no low-dimensional structure to follow).
  const cols = 50;
  const { data, rows } = blobs(10, 300, cols, 5);

  for (const k of [15, 90]) {
    it(`finds at least 98% of the exact ${k} nearest neighbours`, () => {
      const exact = exactNeighbors(data, rows, cols, k);
      const got = approximateNeighbors(data, rows, cols, k, { seed: 1 });
      const r = recall(got, exact);
      expect(r).toBeGreaterThanOrEqual(0.98);
      // Each row: no self, no repeats, ascending, with true squared distances.
      for (let i = 0; i < rows; i += 97) {
        const idx = Array.from(got.indices.subarray(i * k, (i + 1) * k));
        expect(idx).not.toContain(i);
        expect(new Set(idx).size).toBe(k);
        for (let m = 0; m < k; m++) {
          const j = idx[m] ?? 0;
          let s = 0;
          for (let c = 0; c < cols; c++) {
            s += ((data[i * cols + c] ?? 0) - (data[j * cols + c] ?? 0)) ** 2;
          }
          expect(got.squaredDistances[i * k + m]).toBeCloseTo(s, 6);
          if (m > 0) {
            expect(got.squaredDistances[i * k + m]).toBeGreaterThanOrEqual(
              got.squaredDistances[i * k + m - 1] ?? 0
            );
          }
        }
      }
    });
  }

  it('gives the same neighbours for the same seed', () => {
    const a = approximateNeighbors(data, rows, cols, 10, { seed: 3 });
    const b = approximateNeighbors(data, rows, cols, 10, { seed: 3 });
    expect(Array.from(b.indices)).toEqual(Array.from(a.indices));
  });

  it('handles duplicate points and tiny inputs', () => {
    const same = new Float32Array(200 * 3).fill(1);
    const got = approximateNeighbors(same, 200, 3, 5);
    expect(got.squaredDistances.every((d) => d === 0)).toBe(true);
    const few = approximateNeighbors(new Float32Array([0, 0, 1, 0, 0, 2]), 3, 2, 2);
    expect(Array.from(few.indices)).toEqual([1, 2, 0, 2, 0, 1]);
  });

  it('fills every row even from a single small-leaved tree', () => {
    const k = 40;
    const got = approximateNeighbors(data, rows, cols, k, { trees: 1, leafSize: k + 1, rounds: 0 });
    expect(got.indices.every((j) => j >= 0 && j < rows)).toBe(true);
    expect(got.squaredDistances.every((d) => Number.isFinite(d))).toBe(true);
  });

  it('names a parameter out of range and stops with the signal', () => {
    expect(() => approximateNeighbors(data, rows, cols, 0)).toThrow(/k must be an integer/);
    expect(() => approximateNeighbors(data, rows, cols, 5, { trees: 0 })).toThrow(/trees/);
    expect(() => approximateNeighbors(data, rows, cols, 5, { delta: 2 })).toThrow(/delta/);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(() => approximateNeighbors(data, rows, cols, 5, { signal: controller.signal })).toThrow(
      'stop'
    );
  });
});

describe('nearestNeighbors', () => {
  it(`is exact up to ${APPROXIMATE_ABOVE_ROWS} rows unless told otherwise`, () => {
    const { data, rows } = blobs(4, 50, 6);
    const exact = exactNeighbors(data, rows, 6, 7);
    expect(Array.from(nearestNeighbors(data, rows, 6, 7).indices)).toEqual(
      Array.from(exact.indices)
    );
    const approximate = nearestNeighbors(data, rows, 6, 7, { method: 'approximate' });
    expect(recall(approximate, exact)).toBeGreaterThanOrEqual(0.98);
  });
});
