import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { KerasUnaryOp, registerCustomObjects } from '../src/index.js';
import { KerasJoinOp, KerasShapeOp } from '../src/custom_tensor_ops.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCustomObjects();
});

const values = (t: tf.Tensor | tf.Tensor[]): number[] =>
  Array.from((Array.isArray(t) ? (t[0] as tf.Tensor) : t).dataSync());

describe('KerasShapeOp', () => {
  it('reshapes each sample and keeps the batch first', () => {
    const reshape = new KerasShapeOp({ op: 'reshape', shape: [3, 2] });
    const x = tf.range(0, 12).reshape([2, 6]);
    const y = reshape.apply(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 3, 2]);
    expect(reshape.computeOutputShape([null, 6])).toEqual([null, 3, 2]);
    expect(values(y)).toEqual(values(x));
  });
  it('fails instead of moving values between samples when the sizes disagree', () => {
    const reshape = new KerasShapeOp({ op: 'reshape', shape: [4] });
    expect(() => reshape.apply(tf.zeros([2, 6]))).toThrow();
  });
  it('inserts and removes axes of each sample, never the batch axis', () => {
    const expand = new KerasShapeOp({ op: 'expandDims', axes: [-1] });
    expect((expand.apply(tf.zeros([2, 3])) as tf.Tensor).shape).toEqual([2, 3, 1]);
    const squeeze = new KerasShapeOp({ op: 'squeeze', axes: [-3] });
    expect(() => squeeze.computeOutputShape([null, 1, 3])).toThrow(/not an axis of each sample/);
  });
});

describe('KerasJoinOp', () => {
  it('concatenates along a sample axis and multiplies each sample’s matrices', () => {
    const concat = new KerasJoinOp({ op: 'concatenate', axis: -1 });
    expect(
      concat.computeOutputShape([
        [null, 2, 3],
        [null, 2, 4]
      ])
    ).toEqual([null, 2, 7]);
    const matmul = new KerasJoinOp({ op: 'matmul' });
    const a = tf.tensor3d([[[1, 2]], [[3, 4]]]);
    const b = tf.tensor3d([
      [[1], [1]],
      [[2], [0]]
    ]);
    expect(values(matmul.apply([a, b]) as tf.Tensor)).toEqual([3, 6]);
    expect(() =>
      matmul.computeOutputShape([
        [null, 2],
        [null, 2]
      ])
    ).toThrow(/across samples/);
  });
  it('refuses to concatenate along the batch axis', () => {
    const concat = new KerasJoinOp({ op: 'concatenate', axis: -2 });
    expect(() =>
      concat.computeOutputShape([
        [null, 3],
        [null, 3]
      ])
    ).toThrow(/axis -2/);
  });
});

describe('KerasUnaryOp', () => {
  it('refuses a reduction whose negative axis is the batch (tf.keras 2 records no rank)', () => {
    const mean = new KerasUnaryOp({ op: 'mean', axis: [-2] });
    expect(() => mean.computeOutputShape([null, 3])).toThrow(/batch axis/);
  });
});
