import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  KerasCelu,
  KerasGlu,
  KerasHardShrink,
  KerasHardTanh,
  KerasLogSigmoid,
  KerasSoftShrink,
  KerasSparsemax,
  KerasSparsePlus,
  KerasSparseSigmoid,
  KerasSquareplus,
  KerasTanhShrink,
  registerCustomObjects
} from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCustomObjects();
});

const xs = [-2, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 2];

/** The activation applied to `values` (shape `shape`), as plain numbers. */
function applied(
  activation: { apply(x: tf.Tensor): tf.Tensor },
  values: number[],
  shape = [values.length]
): number[] {
  return tf.tidy(() => Array.from(activation.apply(tf.tensor(values, shape)).dataSync()));
}

const close = (values: number[]): unknown[] => values.map((v) => expect.closeTo(v, 6));

describe('Keras 3 activations TF.js lacks, by hand', () => {
  const cases: [string, { apply(x: tf.Tensor): tf.Tensor }, (x: number) => number][] = [
    ['celu', new KerasCelu(), (x) => (x > 0 ? x : Math.expm1(x))],
    ['hard_shrink', new KerasHardShrink(), (x) => (Math.abs(x) > 0.5 ? x : 0)],
    ['hard_tanh', new KerasHardTanh(), (x) => Math.min(1, Math.max(-1, x))],
    ['log_sigmoid', new KerasLogSigmoid(), (x) => -Math.log1p(Math.exp(-x))],
    ['soft_shrink', new KerasSoftShrink(), (x) => (x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0)],
    [
      'sparse_plus',
      new KerasSparsePlus(),
      (x) => (x <= -1 ? 0 : x < 1 ? ((x + 1) * (x + 1)) / 4 : x)
    ],
    ['sparse_sigmoid', new KerasSparseSigmoid(), (x) => (x <= -1 ? 0 : x >= 1 ? 1 : (x + 1) / 2)],
    ['squareplus', new KerasSquareplus(), (x) => (x + Math.sqrt(x * x + 4)) / 2],
    ['tanh_shrink', new KerasTanhShrink(), (x) => x - Math.tanh(x)]
  ];
  for (const [name, activation, formula] of cases) {
    it(`${name} follows Keras's definition on both sides of its breakpoints`, () => {
      expect(applied(activation, xs)).toEqual(close(xs.map(formula)));
    });
  }

  it('spot values: soft_shrink, sparse_plus and squareplus', () => {
    expect(applied(new KerasSoftShrink(), [-2, 0.3, 1])).toEqual(close([-1.5, 0, 0.5]));
    expect(applied(new KerasSparsePlus(), [-1, 0, 0.5, 3])).toEqual(close([0, 0.25, 0.5625, 3]));
    expect(applied(new KerasSquareplus(), [0, 2])).toEqual(close([1, 1 + Math.SQRT2]));
  });

  it('glu gates the first half of the last axis with the sigmoid of the second', () => {
    const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
    const out = applied(new KerasGlu(), [1, 2, 0, -1, 3, -2, 0.5, 4], [2, 4]);
    expect(out).toEqual(
      close([1 * sigmoid(0), 2 * sigmoid(-1), 3 * sigmoid(0.5), -2 * sigmoid(4)])
    );
  });

  it("sparsemax is Keras 3.15's, rows along the last axis (values from Keras)", () => {
    const rows = [
      [-1, 0, 1, 0],
      [1, 0.8, -1, 0],
      [0.5, 0.4, 0.3, 0],
      [2, -1, 0.5, 1.8]
    ];
    // keras.activations.sparsemax: [0, 0, 1], [0.1, 0, 0] (not the textbook [0.6, 0.4, 0]),
    // [0, 0, 0] and [0, 0, 0, 0].
    const three = applied(
      new KerasSparsemax(),
      rows.slice(0, 3).flatMap((r) => r.slice(0, 3)),
      [3, 3]
    );
    expect(three).toEqual(close([0, 0, 1, 0.1, 0, 0, 0, 0, 0]));
    expect(applied(new KerasSparsemax(), rows[3] as number[], [1, 4])).toEqual(close([0, 0, 0, 0]));
  });

  it('sparsemax with a single winner is one-hot, on rank 3 too', () => {
    const out = applied(new KerasSparsemax(), [5, 0, 0, 0, 0, 7], [1, 2, 3]);
    expect(out).toEqual(close([1, 0, 0, 0, 0, 1]));
  });

  it('is reached by the name the kernel writes, through an Activation layer', () => {
    const layer = tf.layers.activation({ activation: 'layervizSquareplus' as 'linear' });
    const out = tf.tidy(() => Array.from((layer.apply(tf.tensor([0])) as tf.Tensor).dataSync()));
    expect(out).toEqual(close([1]));
  });
});
