import { describe, expect, it } from 'vitest';

import {
  gaussian,
  linearCka,
  linearCkaBetween,
  linearCkaBetweenAsync,
  linearCkaMatrix,
  seededRandom
} from '../src/index.js';

function noise(rows: number, cols: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length: rows * cols }, () => gaussian(random));
}

/** `x` mixed by a random `(cols, outCols)` matrix plus a little noise: related to `x`, not equal. */
function mixed(x: Float32Array, cols: number, outCols: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  const w = Array.from({ length: cols * outCols }, () => gaussian(random));
  const rows = x.length / cols;
  const out = new Float32Array(rows * outCols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < outCols; c++) {
      let s = 0.3 * gaussian(random);
      for (let k = 0; k < cols; k++) {
        s += (x[r * cols + k] ?? 0) * (w[k * outCols + c] ?? 0);
      }
      out[r * outCols + c] = Math.tanh(s);
    }
  }
  return out;
}

const ROWS = 240;
const a0 = noise(ROWS, 5, 1);
const setA = [
  { data: a0, cols: 5 },
  { data: mixed(a0, 5, 7, 2), cols: 7 }
];
const setB = [
  { data: mixed(a0, 5, 4, 3), cols: 4 },
  { data: noise(ROWS, 6, 4), cols: 6 },
  { data: mixed(mixed(a0, 5, 7, 2), 7, 3, 5), cols: 3 }
];

describe('linear CKA between two sets of layers', () => {
  it('holds the CKA of every pair, rows from the first set and columns from the second', () => {
    const values = linearCkaBetween(setA, setB);
    expect(values.length).toBe(6);
    for (const [i, a] of setA.entries()) {
      for (const [j, b] of setB.entries()) {
        const pair = linearCka(a.data, a.cols, b.data, b.cols);
        expect(values[i * 3 + j]).toBeCloseTo(pair, 10);
      }
    }
    // Related layers score high, the unrelated noise layer low: the matrix is not uniform.
    expect(values[0]).toBeGreaterThan(0.5);
    expect(values[1]).toBeLessThan(0.2);
  });

  it('is the within-set matrix when both sets are the same, and transposes with its sets', () => {
    const both = [...setA, ...setB];
    const within = linearCkaMatrix(both);
    const between = linearCkaBetween(both, both);
    between.forEach((value, k) => expect(value).toBeCloseTo(within[k] ?? NaN, 10));
    const ab = linearCkaBetween(setA, setB);
    const ba = linearCkaBetween(setB, setA);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        expect(ba[j * 2 + i]).toBeCloseTo(ab[i * 3 + j] ?? NaN, 12);
      }
    }
  });

  it('gives 0 for a constant layer and refuses sets of different sample counts', () => {
    const constant = { data: new Float32Array(ROWS * 2).fill(3), cols: 2 };
    expect(Array.from(linearCkaBetween([constant], setB))).toEqual([0, 0, 0]);
    const short = { data: noise(ROWS - 1, 5, 9), cols: 5 };
    expect(() => linearCkaBetween(setA, [short])).toThrow(/second set's layer 0 has 239 samples/);
  });

  it('computes the same without blocking, reporting progress up to 1', async () => {
    const shares: number[] = [];
    const values = await linearCkaBetweenAsync(setA, setB, {
      onProgress: (share) => shares.push(share)
    });
    expect(Array.from(values)).toEqual(Array.from(linearCkaBetween(setA, setB)));
    expect(shares.at(-1)).toBeCloseTo(1, 12);
    expect(shares.every((s, k) => k === 0 || s >= (shares[k - 1] ?? 0))).toBe(true);
  });
});
