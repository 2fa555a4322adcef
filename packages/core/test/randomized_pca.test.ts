import * as tf from '@tensorflow/tfjs';
import { PCA } from 'ml-pca';
import { beforeAll, describe, expect, it } from 'vitest';

import { gaussian, projectPca, randomizedPca, seededRandom } from '../src/index.js';
import type { PcaResult } from '../src/index.js';
import { covariancePca, EXACT_PCA_MAX_COLS } from '../src/randomized_pca.js';
import { blobs } from './reduce_helpers.js';

/**
 * `rows × cols` samples of a rank-`rank` signal with singular values ∝ 1/i (the benchmark's
 * spectrum), plus isotropic noise of standard deviation `noise`, offset by `offset` per column.
 */
function decaying(
  rows: number,
  cols: number,
  { rank = 20, noise = 0.05, offset = 0, seed = 3 } = {}
): Float32Array {
  const random = seededRandom(seed);
  const u = Array.from({ length: rows * rank }, () => gaussian(random));
  const v = Array.from({ length: rank * cols }, () => gaussian(random));
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let x = offset * (1 + (c % 7)) + noise * gaussian(random);
      for (let i = 0; i < rank; i++) {
        x += ((u[r * rank + i] ?? 0) / (i + 1)) * (v[i * cols + c] ?? 0);
      }
      data[r * cols + c] = x;
    }
  }
  return data;
}

/** |cosine| between component `c` of two results' directions, over `cols` entries. */
function alignment(a: PcaResult, b: PcaResult, c: number, cols: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < cols; j++) {
    const x = a.directions[c * cols + j] ?? NaN;
    const y = b.directions[c * cols + j] ?? NaN;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return Math.abs(dot) / Math.sqrt(na * nb);
}

/** Largest |a − b| over the first `k` score columns, relative to the largest |b|. */
function scoreError(a: PcaResult, b: PcaResult, rows: number, k: number): number {
  let err = 0;
  let scale = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < k; c++) {
      const x = a.scores[r * a.components + c] ?? NaN;
      const y = b.scores[r * b.components + c] ?? NaN;
      err = Math.max(err, Math.abs(x - y));
      scale = Math.max(scale, Math.abs(y));
    }
  }
  return err / scale;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('randomizedPca', () => {
  const { data, rows } = blobs(4, 30, 60);

  it('matches exact PCA on data with a few strong directions', async () => {
    const before = tf.memory().numTensors;
    const got = await randomizedPca(data, rows, 60, { components: 3 });
    expect(tf.memory().numTensors).toBe(before);
    const exact = projectPca(data, rows, 60, 3);
    expect(got.components).toBe(3);
    for (let c = 0; c < 3; c++) {
      expect(got.explainedVarianceRatio[c]).toBeCloseTo(exact.explainedVariance[c] ?? NaN, 3);
    }
    // Same sign convention as projectPca, so the scores agree entry by entry.
    for (let i = 0; i < rows * 2; i++) {
      const r = Math.floor(i / 2);
      const c = i % 2;
      expect(got.scores[r * 3 + c]).toBeCloseTo(exact.coords[r * 3 + c] ?? NaN, 2);
    }
  });

  it('returns unit-length directions and is deterministic for a seed, on either path', async () => {
    const wide = EXACT_PCA_MAX_COLS + 40;
    for (const [x, n, cols] of [
      [data, rows, 60],
      [decaying(100, wide), 100, wide]
    ] as const) {
      const a = await randomizedPca(x, n, cols, { components: 5, seed: 2 });
      const b = await randomizedPca(x, n, cols, { components: 5, seed: 2 });
      expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
      for (let c = 0; c < 5; c++) {
        let norm = 0;
        for (let j = 0; j < cols; j++) {
          norm += (a.directions[c * cols + j] ?? 0) ** 2;
        }
        expect(norm).toBeCloseTo(1, 4);
      }
    }
  });

  it('copes with rank-deficient data, on either path', async () => {
    for (const cols of [10, EXACT_PCA_MAX_COLS + 10]) {
      const flat = new Float32Array(20 * cols).map(
        (_, i) => (i % cols) * (Math.floor(i / cols) % 2)
      );
      const before = tf.memory().numTensors;
      const got = await randomizedPca(flat, 20, cols, { components: 4 });
      expect(tf.memory().numTensors).toBe(before);
      expect(Array.from(got.scores).every(Number.isFinite)).toBe(true);
      expect(got.explainedVarianceRatio[0]).toBeCloseTo(1, 5);
    }
  });

  it('is exact up to EXACT_PCA_MAX_COLS columns: variances, axes and scores of ml-pca', async () => {
    // Means 1,000 to 7,000 times the spread: the centring must happen before float32 sums.
    const n = 400;
    const cols = 40;
    const x = decaying(n, cols, { offset: 1000 });
    const got = await randomizedPca(x, n, cols, { components: 10, powerIterations: 0 });
    const matrix = Array.from({ length: n }, (_, r) =>
      Array.from(x.subarray(r * cols, (r + 1) * cols))
    );
    const reference = new PCA(matrix, { method: 'covarianceMatrix', center: true, scale: false });
    const ratios = reference.getExplainedVariance();
    const axes = reference.getEigenvectors();
    const scores = reference.predict(matrix, { nComponents: 10 });
    expect(got.components).toBe(10);
    for (let c = 0; c < 10; c++) {
      const want = ratios[c] ?? NaN;
      expect(Math.abs((got.explainedVarianceRatio[c] ?? NaN) - want)).toBeLessThan(1e-5 * want);
      let dot = 0;
      for (let j = 0; j < cols; j++) {
        dot += (got.directions[c * cols + j] ?? NaN) * axes.get(j, c);
      }
      expect(Math.abs(dot)).toBeGreaterThan(1 - 1e-6);
      // Same sign convention as the range finder: the largest entry of each direction is > 0.
      const sign = Math.sign(dot);
      let err = 0;
      let scale = 0;
      for (let r = 0; r < n; r++) {
        err = Math.max(err, Math.abs((got.scores[r * 10 + c] ?? NaN) - sign * scores.get(r, c)));
        scale = Math.max(scale, Math.abs(scores.get(r, c)));
      }
      expect(err).toBeLessThan(1e-4 * scale);
    }
  });

  it('takes the exact path up to the threshold, and the range finder agrees with it', async () => {
    const n = 300;
    const narrow = decaying(n, EXACT_PCA_MAX_COLS, { offset: 5 });
    const before = tf.memory().numTensors;
    const auto = await randomizedPca(narrow, n, EXACT_PCA_MAX_COLS, { components: 10 });
    const exact = await covariancePca(narrow, n, EXACT_PCA_MAX_COLS, 10);
    expect(Array.from(auto.scores)).toEqual(Array.from(exact.scores));
    expect(Array.from(auto.directions)).toEqual(Array.from(exact.directions));
    // One column past it, both paths on the same data: the 1/i spectrum keeps the first ten
    // components well apart, so the range finder's four power iterations pin them down.
    const cols = EXACT_PCA_MAX_COLS + 1;
    const wide = decaying(n, cols, { offset: 5 });
    const ranged = await randomizedPca(wide, n, cols, { components: 10 });
    const reference = await covariancePca(wide, n, cols, 10);
    expect(tf.memory().numTensors).toBe(before);
    for (let c = 0; c < 10; c++) {
      const want = reference.explainedVarianceRatio[c] ?? NaN;
      expect(Math.abs((ranged.explainedVarianceRatio[c] ?? NaN) - want)).toBeLessThan(1e-3 * want);
      expect(alignment(ranged, reference, c, cols)).toBeGreaterThan(1 - 1e-4);
    }
    expect(scoreError(ranged, reference, n, 10)).toBeLessThan(1e-2);
  });

  it('names an option out of range', async () => {
    await expect(randomizedPca(data, rows, 60, { components: 0 })).rejects.toThrow(
      /components must be a number in \[1, 60\], got 0/
    );
  });
});
