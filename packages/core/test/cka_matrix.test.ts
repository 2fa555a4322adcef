import { describe, expect, it } from 'vitest';

import {
  gaussian,
  linearCka,
  linearCkaMatrix,
  linearCkaMatrixAsync,
  seededRandom
} from '../src/index.js';

/** `count` layers of `rows` samples: each a noisy linear map of the one before. */
function chain(rows: number, count: number, cols: number, seed = 1): Float32Array[] {
  const random = seededRandom(seed);
  const layers: Float32Array[] = [
    Float32Array.from({ length: rows * cols }, () => gaussian(random))
  ];
  for (let l = 1; l < count; l++) {
    const previous = layers[l - 1] ?? new Float32Array(rows * cols);
    const w = Array.from({ length: cols * cols }, () => gaussian(random) / Math.sqrt(cols));
    const next = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        let s = 0.5 * gaussian(random);
        for (let k = 0; k < cols; k++) {
          s += (previous[r * cols + k] ?? 0) * (w[k * cols + c] ?? 0);
        }
        next[r * cols + c] = Math.max(0, s);
      }
    }
    layers.push(next);
  }
  return layers;
}

describe('linear CKA between every pair of layers', () => {
  it('holds the pairwise CKA, symmetric with ones on the diagonal', () => {
    const layers = chain(300, 4, 6).map((data, i) => ({
      data: i === 2 ? data.subarray(0, 300 * 6).filter((_, k) => k % 6 < 3) : data,
      cols: i === 2 ? 3 : 6
    }));
    const matrix = linearCkaMatrix(layers);
    expect(matrix.length).toBe(16);
    for (let i = 0; i < 4; i++) {
      expect(matrix[i * 4 + i]).toBe(1);
      for (let j = 0; j < 4; j++) {
        expect(matrix[i * 4 + j]).toBe(matrix[j * 4 + i]);
        if (i !== j) {
          const { data: x, cols: xc } = layers[i] ?? { data: [], cols: 1 };
          const { data: y, cols: yc } = layers[j] ?? { data: [], cols: 1 };
          expect(matrix[i * 4 + j]).toBeCloseTo(linearCka(x, xc, y, yc), 12);
        }
      }
    }
    // Nearer layers are more alike than far ones.
    expect(matrix[1]).toBeGreaterThan(matrix[3] ?? 0);
  });

  it('is 0 for a constant layer, and refuses layers of different lengths', () => {
    const a = chain(50, 1, 3)[0] ?? new Float32Array(150);
    const matrix = linearCkaMatrix([
      { data: a, cols: 3 },
      { data: new Float32Array(100).fill(2), cols: 2 }
    ]);
    expect([...matrix]).toEqual([1, 0, 0, 0]);
    expect(() =>
      linearCkaMatrix([
        { data: a, cols: 3 },
        { data: new Float32Array(10), cols: 2 }
      ])
    ).toThrow(RangeError);
    expect(linearCkaMatrix([]).length).toBe(0);
  });

  it('reports progress up to 1 and stops when aborted', async () => {
    const layers = chain(2000, 3, 8).map((data) => ({ data, cols: 8 }));
    const shares: number[] = [];
    const matrix = await linearCkaMatrixAsync(layers, {
      onProgress: (s) => shares.push(s),
      sliceMs: 1
    });
    expect(matrix).toEqual(linearCkaMatrix(layers));
    expect(shares.at(-1)).toBe(1);
    expect(shares.every((s, i) => i === 0 || s >= (shares[i - 1] ?? 0))).toBe(true);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(linearCkaMatrixAsync(layers, { signal: controller.signal })).rejects.toThrow(
      'cancelled'
    );
  });
});
