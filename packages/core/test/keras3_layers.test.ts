import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  CausalConv1D,
  convTransposeLength,
  GluActivation,
  GluDense,
  gluShape,
  KerasConv1DTranspose,
  KerasCropping,
  KerasELU,
  kerasRelu,
  KerasReLU,
  KerasUpSampling,
  KerasZeroPadding,
  listLayers,
  registerCustomObjects,
  repeatAlong
} from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCustomObjects();
});

const close = (values: number[]): unknown[] => values.map((v) => expect.closeTo(v, 6));

/** The layer's output on `values` of `shape`, as plain numbers and its shape. */
function run(layer: tf.layers.Layer, values: number[], shape: number[]): [number[], number[]] {
  return tf.tidy(() => {
    const out = layer.apply(tf.tensor(values, shape)) as tf.Tensor;
    return [Array.from(out.dataSync()), out.shape];
  });
}

describe('kerasRelu', () => {
  const x = [-2, -0.5, 0.2, 0.5, 1, 3];
  const relu = (slope: number, max: number | null, threshold: number): number[] =>
    tf.tidy(() => Array.from(kerasRelu(tf.tensor(x), slope, max, threshold).dataSync()));

  it('is a leaky ReLU with a slope alone', () => {
    expect(relu(0.1, null, 0)).toEqual(close([-0.2, -0.05, 0.2, 0.5, 1, 3]));
  });
  it('zeroes inputs at or below the threshold', () => {
    expect(relu(0, null, 0.5)).toEqual(close([0, 0, 0, 0, 1, 3]));
  });
  it('clips at max_value, then subtracts the slope part', () => {
    expect(relu(0.2, 0.8, 0)).toEqual(close([-0.4, -0.1, 0.2, 0.5, 0.8, 0.8]));
  });
  it('combines all three as Keras does: slope · relu(threshold - x) below', () => {
    // where(x > 0.5, x, 0) clipped to [0, 1.2], minus 0.3 · relu(0.5 - x).
    expect(relu(0.3, 1.2, 0.5)).toEqual(close([-0.75, -0.3, -0.09, 0, 1, 1.2]));
  });
  it('KerasReLU reads its camelCased config and passes a mask on', () => {
    const layer = new KerasReLU({ negativeSlope: 0.1, threshold: 0.5, maxValue: null });
    expect(run(layer, [0, 1], [2])[0]).toEqual(close([-0.05, 1]));
    const mask = tf.tensor([1, 0], undefined, 'bool');
    expect(layer.computeMask(tf.zeros([2]), mask)).toBe(mask);
    expect(layer.getConfig()).toMatchObject({ negativeSlope: 0.1, threshold: 0.5, maxValue: null });
    mask.dispose();
  });
});

describe('KerasELU', () => {
  it('scales the negative branch of ELU by alpha', () => {
    const [out] = run(new KerasELU({ alpha: 0.5 }), [-1, 0, 2], [3]);
    expect(out).toEqual(close([0.5 * Math.expm1(-1), 0, 2]));
  });
  it('titles them with the Keras class', () => {
    const model = tf.sequential({
      layers: [tf.layers.inputLayer({ inputShape: [2] }), new KerasELU({ alpha: 2, name: 'e' })]
    });
    expect(listLayers(model)[0]?.className).toBe('ELU');
  });
});

describe('glu layers', () => {
  it('halve the last axis in their output shape', () => {
    expect(gluShape([null, 3, 8])).toEqual([null, 3, 4]);
    const input = tf.input({ shape: [5] });
    const dense = new GluDense({ units: 6, activation: 'layervizGlu', name: 'g' });
    expect((dense.apply(input) as tf.SymbolicTensor).shape).toEqual([null, 3]);
    const act = new GluActivation({ activation: 'layervizGlu' });
    expect((act.apply(tf.input({ shape: [2, 4] })) as tf.SymbolicTensor).shape).toEqual([
      null,
      2,
      2
    ]);
  });
});

describe('up-sampling, cropping and padding', () => {
  it('repeatAlong repeats each element in place, as numpy.repeat', () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4]
    ]);
    expect(repeatAlong(x, 2, 1).arraySync()).toEqual([
      [1, 1, 2, 2],
      [3, 3, 4, 4]
    ]);
    expect(repeatAlong(x, 2, 0).arraySync()).toEqual([
      [1, 2],
      [1, 2],
      [3, 4],
      [3, 4]
    ]);
    x.dispose();
  });

  it('up-samples 1-D and 3-D by repetition', () => {
    const [out1, shape1] = run(new KerasUpSampling({ size: [3] }), [1, 2], [1, 2, 1]);
    expect([out1, shape1]).toEqual([
      [1, 1, 1, 2, 2, 2],
      [1, 6, 1]
    ]);
    const up3 = new KerasUpSampling({ size: [1, 2, 1], kerasClass: 'UpSampling3D' });
    const [out3, shape3] = run(up3, [1, 2], [1, 1, 1, 2, 1]);
    expect([out3, shape3]).toEqual([
      [1, 2, 1, 2],
      [1, 1, 2, 2, 1]
    ]);
    expect(up3.computeOutputShape([null, 4, null, 2, 3])).toEqual([null, 4, null, 2, 3]);
  });

  it("resizes bilinearly with TensorFlow's half-pixel centres", () => {
    const layer = new KerasUpSampling({ size: [1, 2], interpolation: 'bilinear' });
    // Sources at (i + 0.5) / 2 - 0.5 = -0.25, 0.25, 0.75, 1.25, clamped to the edge pixels.
    expect(run(layer, [0, 1], [1, 1, 2, 1])[0]).toEqual(close([0, 0.25, 0.75, 1]));
  });

  it('refuses interpolations Keras has and layerviz does not', () => {
    expect(() => new KerasUpSampling({ size: [2, 2], interpolation: 'bicubic' })).toThrow(
      /bicubic/
    );
  });

  it('crops and pads each spatial axis by its own pair, channels last or first', () => {
    const crop = new KerasCropping({ cropping: [[1, 2]] });
    expect(run(crop, [0, 1, 2, 3, 4], [1, 5, 1])).toEqual([
      [1, 2],
      [1, 2, 1]
    ]);
    const pad = new KerasZeroPadding({ padding: [[1, 2]], dataFormat: 'channelsFirst' });
    expect(run(pad, [5, 6], [1, 1, 2])).toEqual([
      [0, 5, 6, 0, 0],
      [1, 1, 5]
    ]);
    const pad3 = new KerasZeroPadding({
      padding: [
        [1, 0],
        [0, 1],
        [1, 1]
      ]
    });
    expect(pad3.computeOutputShape([null, 2, 3, 4, 5])).toEqual([null, 3, 4, 6, 5]);
    expect(pad3.kerasClassName).toBe('ZeroPadding3D');
  });
});

describe('convolutions', () => {
  it("transposed lengths follow Keras's formula", () => {
    expect(convTransposeLength(5, 4, 3, 'valid', null)).toBe(16);
    expect(convTransposeLength(3, 2, 3, 'valid', null)).toBe(9);
    expect(convTransposeLength(5, 3, 2, 'same', null)).toBe(10);
    expect(convTransposeLength(5, 3, 2, 'same', 1)).toBe(10);
    expect(convTransposeLength(5, 3, 2, 'valid', 1)).toBe(12);
  });

  it('a causal convolution sees only the past, with dilation', () => {
    const conv = new CausalConv1D({ filters: 1, kernelSize: [2], dilationRate: [2], name: 'c' });
    conv.apply(tf.input({ shape: [4, 1] }));
    conv.setWeights([tf.tensor3d([[[1]], [[10]]]), tf.tensor1d([0])]);
    // Left-padded by 2: [0, 0, 1, 2, 3, 4]; y[t] = p[t] + 10 · p[t + 2].
    expect(run(conv, [1, 2, 3, 4], [1, 4, 1])).toEqual([
      [10, 20, 31, 42],
      [1, 4, 1]
    ]);
    expect(conv.computeOutputShape([null, 7, 1])).toEqual([null, 7, 1]);
    expect(conv.getConfig()['padding']).toBe('causal');
  });

  it('a 1-D transposed convolution spreads each step over the kernel', () => {
    const conv = new KerasConv1DTranspose({ filters: 1, kernelSize: 2, strides: 2 });
    conv.apply(tf.input({ shape: [3, 1] }));
    conv.setWeights([tf.tensor3d([[[1]], [[10]]]), tf.tensor1d([0.5])]);
    // out[2i + j] += x[i] · k[j], plus the bias.
    expect(run(conv, [1, 2, 3], [1, 3, 1])).toEqual([
      [1.5, 10.5, 2.5, 20.5, 3.5, 30.5],
      [1, 6, 1]
    ]);
    const overlapping = new KerasConv1DTranspose({ filters: 1, kernelSize: [2], useBias: false });
    overlapping.apply(tf.input({ shape: [2, 1] }));
    overlapping.setWeights([tf.tensor3d([[[1]], [[10]]])]);
    expect(run(overlapping, [1, 2], [1, 2, 1])[0]).toEqual([1, 12, 20]);
  });
});
