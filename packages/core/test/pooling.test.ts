import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { poolOutput } from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Two samples, three steps, two channels.
const seq = (): tf.Tensor3D =>
  tf.tensor3d([
    [
      [1, 2],
      [3, 4],
      [100, 100]
    ],
    [
      [-1, 0],
      [5, 6],
      [7, 8]
    ]
  ]);
const mask = (): tf.Tensor2D =>
  tf.tensor2d([
    [1, 1, 0],
    [1, 1, 1]
  ]);

const pooled = (mode: 'mean' | 'max' | 'last' | 'flatten', withMask: boolean): number[] =>
  tf.tidy(() => Array.from(poolOutput(seq(), mode, withMask ? mask() : undefined).dataSync()));

describe('poolOutput', () => {
  it('means over unmasked steps only', () => {
    expect(pooled('mean', true)).toEqual([2, 3, 11 / 3, 14 / 3].map((v) => Math.fround(v)));
  });
  it('means over all steps without a mask', () => {
    expect(pooled('mean', false)[0]).toBeCloseTo(104 / 3, 5);
  });
  it('never lets a masked step win the max', () => {
    expect(pooled('max', true)).toEqual([3, 4, 7, 8]);
  });
  it('takes the last unmasked step', () => {
    expect(pooled('last', true)).toEqual([3, 4, 7, 8]);
  });
  it('flattens steps and channels', () => {
    expect(pooled('flatten', false)).toHaveLength(12);
  });
  it('pools images over height and width', () => {
    const v = tf.tidy(() => Array.from(poolOutput(tf.ones([1, 2, 2, 3]), 'mean').dataSync()));
    expect(v).toEqual([1, 1, 1]);
  });
  it('passes (N, D) through and disposes nothing it does not own', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => poolOutput(tf.ones([2, 3]))).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
