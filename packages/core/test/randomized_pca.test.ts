import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { projectPca, randomizedPca } from '../src/index.js';
import { blobs } from './reduce_helpers.js';

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

  it('returns unit-length directions and is deterministic for a seed', async () => {
    const a = await randomizedPca(data, rows, 60, { components: 5, seed: 2 });
    const b = await randomizedPca(data, rows, 60, { components: 5, seed: 2 });
    expect(Array.from(b.scores)).toEqual(Array.from(a.scores));
    for (let c = 0; c < 5; c++) {
      let norm = 0;
      for (let j = 0; j < 60; j++) {
        norm += (a.directions[c * 60 + j] ?? 0) ** 2;
      }
      expect(norm).toBeCloseTo(1, 4);
    }
  });

  it('copes with rank-deficient data', async () => {
    const flat = new Float32Array(20 * 10).map((_, i) => (i % 10) * (Math.floor(i / 10) % 2));
    const got = await randomizedPca(flat, 20, 10, { components: 4 });
    expect(Array.from(got.scores).every(Number.isFinite)).toBe(true);
    expect(got.explainedVarianceRatio[0]).toBeCloseTo(1, 5);
  });

  it('names an option out of range', async () => {
    await expect(randomizedPca(data, rows, 60, { components: 0 })).rejects.toThrow(
      /components must be a number in \[1, 60\], got 0/
    );
  });
});
