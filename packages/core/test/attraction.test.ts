import { describe, expect, it } from 'vitest';

import {
  perplexityAffinities,
  type SparseMatrix,
  upperTriangle
} from '../src/reduce/affinities.js';
import { attraction2, attraction3 } from '../src/reduce/attraction.js';
import { exactNeighbors } from '../src/reduce/knn.js';
import { seededRandom } from '../src/reduce/random.js';
import { blobs } from './reduce_helpers.js';

/** Σ_j p_ij q_ij (y_i - y_j) over every stored entry of the symmetric P, row by row. */
function fullRows(y: Float64Array, p: SparseMatrix, dims: number): Float64Array {
  const out = new Float64Array(p.size * dims);
  for (let i = 0; i < p.size; i++) {
    for (let at = p.rowStart[i] ?? 0; at < (p.rowStart[i + 1] ?? 0); at++) {
      const j = p.columns[at] ?? 0;
      const d = Array.from(
        { length: dims },
        (_, c) => (y[i * dims + c] ?? 0) - (y[j * dims + c] ?? 0)
      );
      const w = (p.values[at] ?? 0) / (1 + d.reduce((s, v) => s + v * v, 0));
      d.forEach((v, c) => (out[i * dims + c] = (out[i * dims + c] ?? 0) + w * v));
    }
  }
  return out;
}

describe('attraction from the upper triangle of P', () => {
  const { data, rows } = blobs(3, 40, 5, 7);
  const p = perplexityAffinities(exactNeighbors(data, rows, 5, 30), 10);

  it('keeps each pair once', () => {
    const upper = upperTriangle(p);
    expect(upper.columns.length * 2).toBe(p.columns.length);
    for (let i = 0; i < rows; i++) {
      for (let at = upper.rowStart[i] ?? 0; at < (upper.rowStart[i + 1] ?? 0); at++) {
        expect(upper.columns[at]).toBeGreaterThan(i);
      }
    }
  });

  it('equals the attraction summed over whole rows, in 2-D and 3-D, times the exaggeration', () => {
    for (const dims of [2, 3]) {
      const random = seededRandom(dims);
      const y = new Float64Array(rows * dims).map(() => 4 * random() - 2);
      const want = fullRows(y, p, dims).map((v) => 12 * v);
      const got = new Float64Array(rows * dims).fill(99);
      (dims === 2 ? attraction2 : attraction3)(y, upperTriangle(p), 12, got);
      want.forEach((v, at) => expect(got[at]).toBeCloseTo(v, 12));
    }
  });
});
