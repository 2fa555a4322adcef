import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  attentionPaddingMasks,
  attentionScores,
  KerasAttention,
  KerasGlobalPooling,
  KerasGroupNormalization,
  KerasScalarOp,
  KerasUnaryOp,
  KerasUnitNormalization,
  listLayers,
  maskedSoftmax,
  queryMaskOf,
  registerCustomObjects
} from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCustomObjects();
});

const close = (values: number[]): unknown[] => values.map((v) => expect.closeTo(v, 6));
const values = (t: tf.Tensor | tf.Tensor[]): number[] =>
  Array.from((Array.isArray(t) ? (t[0] as tf.Tensor) : t).dataSync());
const bools = (data: number[], shape: number[]): tf.Tensor => tf.tensor(data, shape, 'bool');

describe('maskedSoftmax', () => {
  const scores = (): tf.Tensor => tf.tensor2d([[0, Math.log(3)]]);

  it('is the plain softmax without a mask', () => {
    expect(values(maskedSoftmax(scores(), null, 'subtract'))).toEqual(close([0.25, 0.75]));
  });
  it('leaves masked pairs out, by replacing or by subtracting 1e9', () => {
    const keep = bools([0, 1], [1, 2]);
    expect(values(maskedSoftmax(scores(), keep, 'replace'))).toEqual(close([0, 1]));
    expect(values(maskedSoftmax(scores(), keep, 'subtract'))).toEqual(close([0, 1]));
  });
  it('averages uniformly where every pair is masked, or zeroes if told to', () => {
    const none = bools([0, 0], [1, 2]);
    expect(values(maskedSoftmax(scores(), none, 'replace'))).toEqual(close([0.5, 0.5]));
    // 1e9 absorbs both scores in float32 (spacing 64 there): the same uniform average.
    expect(values(maskedSoftmax(scores(), none, 'subtract'))).toEqual(close([0.5, 0.5]));
    expect(values(maskedSoftmax(scores(), none, 'replace', true))).toEqual(close([0, 0]));
  });
});

describe('attentionPaddingMasks and queryMaskOf', () => {
  it("take the first input's mask, for the value too only in self-attention", () => {
    const q = tf.zeros([1, 2, 1]);
    const v = tf.zeros([1, 2, 1]);
    const mask = bools([1, 0], [1, 2]);
    expect(attentionPaddingMasks(q, q, [mask, mask], true)).toEqual({
      queryMask: mask,
      valueMask: mask
    });
    expect(attentionPaddingMasks(q, v, mask, true)).toEqual({ queryMask: mask, valueMask: null });
    expect(attentionPaddingMasks(q, q, mask, false)).toEqual({ queryMask: null, valueMask: null });
    expect(queryMaskOf([mask, mask])).toBe(mask);
    expect(queryMaskOf(undefined)).toBeNull();
  });
});

describe('attentionScores', () => {
  // One query step q = (1, 2), two key steps (0, 1) and (1, -1).
  const q = (): tf.Tensor => tf.tensor3d([[[1, 2]]]);
  const k = (): tf.Tensor =>
    tf.tensor3d([
      [
        [0, 1],
        [1, -1]
      ]
    ]);

  it('dot: scale · q · k', () => {
    expect(values(attentionScores('dot', q(), k(), null))).toEqual(close([2, -1]));
    expect(values(attentionScores('dot', q(), k(), tf.scalar(0.5)))).toEqual(close([1, -0.5]));
  });
  it('concat: weight · Σ tanh(scale · (q + k))', () => {
    const t = Math.tanh;
    const out = attentionScores('concat', q(), k(), tf.scalar(0.5), tf.scalar(2));
    expect(values(out)).toEqual(close([2 * (t(0.5) + t(1.5)), 2 * (t(1) + t(0.5))]));
  });
  it('additive: Σ scale_d · tanh(q_d + k_d)', () => {
    const t = Math.tanh;
    const out = attentionScores('additive', q(), k(), tf.tensor1d([1, -1]));
    expect(values(out)).toEqual(close([t(1) - t(3), t(2) - t(1)]));
    expect(values(attentionScores('additive', q(), k(), null))).toEqual(
      close([t(1) + t(3), t(2) + t(1)])
    );
  });
});

describe('KerasAttention', () => {
  // Two steps of one feature: x = (0, 1). Dot scores x_t · x_s: row 0 (0, 0), row 1 (0, 1).
  const x = (): tf.Tensor => tf.tensor3d([0, 1], [1, 2, 1]);
  const e = Math.E / (1 + Math.E);

  it('averages the values with the softmax of the scores, under the causal mask', () => {
    const input = x();
    expect(values(new KerasAttention({}).apply([input, input]) as tf.Tensor)).toEqual(
      close([0.5, e])
    );
    const causal = new KerasAttention({ useCausalMask: true });
    expect(values(causal.apply([input, input]) as tf.Tensor)).toEqual(close([0, e]));
  });
  it("masks padded keys by the value's mask and zeroes padded query steps", () => {
    const input = tf.tensor3d([2, 1], [1, 2, 1]);
    const mask = bools([1, 0], [1, 2]);
    const layer = new KerasAttention({});
    // Step 0 sees step 0 only (value 2); step 1 is padding: zero.
    expect(values(layer.call([input, input], { mask }))).toEqual(close([2, 0]));
    expect(layer.computeMask([input, input], [mask, mask])).toBe(mask);
    const ignoring = new KerasAttention({ paddingMask: false });
    const s0 = Math.exp(4) / (Math.exp(4) + Math.exp(2));
    const s1 = Math.exp(2) / (Math.exp(2) + Math.exp(1));
    expect(values(ignoring.call([input, input], { mask }))).toEqual(
      close([2 * s0 + (1 - s0), 2 * s1 + (1 - s1)])
    );
  });
  it("has Keras's weights: a scalar scale, the concat weight, a scale per feature", () => {
    const q = tf.zeros([1, 3, 4]);
    const names = (layer: KerasAttention): string[] => {
      layer.apply([q, q]);
      return layer.weights.map((w) => `${w.originalName.split('/')[1]} ${w.shape.join('x')}`);
    };
    expect(names(new KerasAttention({ useScale: true }))).toEqual(['scale ']);
    expect(names(new KerasAttention({ scoreMode: 'concat', useScale: true }))).toEqual([
      'scale ',
      'concat_score_weight '
    ]);
    expect(names(new KerasAttention({ scoreMode: 'additive', useScale: true }))).toEqual([
      'scale 4'
    ]);
  });
  it('takes the key from a third input, outputs the value width, titles its Keras class', () => {
    const q = tf.input({ shape: [3, 2] });
    const v = tf.input({ shape: [5, 6] });
    const key = tf.input({ shape: [5, 2] });
    const layer = new KerasAttention({ scoreMode: 'additive', name: 'add' });
    const out = layer.apply([q, v, key]) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, 3, 6]);
    const model = tf.model({ inputs: [q, v, key], outputs: out });
    expect(listLayers(model).map((l) => l.className)).toContain('AdditiveAttention');
    expect(() => new KerasAttention({ scoreMode: 'general' as never })).toThrow(/score mode/);
  });
});

describe('KerasGroupNormalization', () => {
  it('normalizes each group of channels by its own statistics, then gamma and beta', () => {
    const layer = new KerasGroupNormalization({ groups: 2, epsilon: 0 });
    const x = tf.tensor2d([[1, 3, 2, 6]]);
    layer.apply(x);
    layer.setWeights([tf.tensor1d([1, 2, 3, 4]), tf.tensor1d([0, 0, 0, 1])]);
    // Group (1, 3): mean 2, variance 1 → (−1, 1); group (2, 6): mean 4, variance 4 → (−1, 1).
    expect(values(layer.apply(x) as tf.Tensor)).toEqual(close([-1, 2, -3, 5]));
    expect(layer.kerasClassName).toBe('GroupNormalization');
  });
  it('pools a group over the steps too, and has no weights without center and scale', () => {
    // Steps × channels [[1, 5], [3, 7]] in one group: mean 4, variance 5.
    const layer = new KerasGroupNormalization({
      groups: 1,
      epsilon: 0,
      center: false,
      scale: false
    });
    const out = layer.apply(
      tf.tensor3d([
        [
          [1, 5],
          [3, 7]
        ]
      ])
    ) as tf.Tensor;
    const s = Math.sqrt(5);
    expect(values(out)).toEqual(close([-3 / s, 1 / s, -1 / s, 3 / s]));
    expect(layer.weights).toHaveLength(0);
  });
  it('refuses channels that do not split into the groups', () => {
    const layer = new KerasGroupNormalization({ groups: 3 });
    expect(() => layer.apply(tf.zeros([1, 4]))).toThrow(/4 channels in 3 groups/);
  });
});

describe('KerasUnitNormalization', () => {
  it('divides each vector by its L2 norm; a zero vector stays zero', () => {
    const layer = new KerasUnitNormalization({});
    const out = layer.apply(
      tf.tensor2d([
        [3, 4],
        [0, 0]
      ])
    ) as tf.Tensor;
    expect(values(out)).toEqual(close([0.6, 0.8, 0, 0]));
  });
  it('normalizes over several axes together', () => {
    const layer = new KerasUnitNormalization({ axis: [1, 2] });
    const out = layer.apply(
      tf.tensor3d([
        [
          [1, 1],
          [1, 1]
        ]
      ])
    ) as tf.Tensor;
    expect(values(out)).toEqual(close([0.5, 0.5, 0.5, 0.5]));
  });
});

describe('KerasUnaryOp', () => {
  const x = (): tf.Tensor =>
    tf.tensor2d([
      [1, -2, 3],
      [0, 4, -4]
    ]);

  it('computes element-wise functions and clip, in float32', () => {
    expect(values(new KerasUnaryOp({ op: 'square' }).call(x()))).toEqual([1, 4, 9, 0, 16, 16]);
    expect(values(new KerasUnaryOp({ op: 'sign' }).call(x()))).toEqual([1, -1, 1, 0, 1, -1]);
    const clip = new KerasUnaryOp({ op: 'clip', xMin: -1, xMax: 2 });
    expect(values(clip.call(x()))).toEqual([1, -1, 2, 0, 2, -1]);
    const sin = new KerasUnaryOp({ op: 'sin' }).call(tf.tensor1d([1], 'int32'));
    expect(sin.dtype).toBe('float32');
    expect(values(sin)).toEqual(close([Math.sin(1)]));
  });
  it('reduces over the given axes, keeping them if told, with their output shape', () => {
    const mean = new KerasUnaryOp({ op: 'mean', axis: [-1], keepdims: true });
    expect(values(mean.call(x()))).toEqual(close([2 / 3, 0]));
    expect(mean.computeOutputShape([null, 4, 3])).toEqual([null, 4, 1]);
    const std = new KerasUnaryOp({ op: 'std', axis: [1] });
    // Population deviation of (1, −2, 3): mean 2/3, variance (1/9 + 64/9 + 49/9) / 3 = 38/9.
    expect(values(std.call(x()))).toEqual(close([Math.sqrt(38 / 9), Math.sqrt(32 / 3)]));
    expect(std.computeOutputShape([null, 4, 3])).toEqual([null, 3]);
    expect(new KerasUnaryOp({ op: 'max', axis: [1], kerasClass: 'Max' }).kerasClassName).toBe(
      'Max'
    );
  });
  it('drops the padding mask, as Keras ops do, and refuses what it does not know', () => {
    const op = new KerasUnaryOp({ op: 'exp' });
    expect(op.computeMask()).toBeNull();
    expect(() => new KerasUnaryOp({ op: 'cumsum' })).toThrow(/unknown op/);
    expect(() => new KerasUnaryOp({ op: 'sum' })).toThrow(/axes/);
  });
});

describe('KerasScalarOp power, maximum and minimum', () => {
  it('computes them with a number or between two tensors, and drops the mask', () => {
    const x = tf.tensor2d([[2, -3]]);
    expect(values(new KerasScalarOp({ op: 'power', constant: 2 }).call(x))).toEqual([4, 9]);
    expect(values(new KerasScalarOp({ op: 'maximum', constant: 0 }).call(x))).toEqual([2, 0]);
    const min = new KerasScalarOp({ op: 'minimum' });
    expect(values(min.call([x, tf.tensor2d([[1]])]))).toEqual([1, -3]);
    expect(min.computeMask()).toBeNull();
  });
});

describe('KerasGlobalPooling under a stale mask', () => {
  it('ignores the mask it is handed when the kernel says Keras hands it none', () => {
    const x = tf.tensor3d([[[1], [3]]]);
    const mask = bools([1, 0], [1, 2]);
    expect(values(new KerasGlobalPooling({}).call(x, { mask }))).toEqual([1]);
    expect(values(new KerasGlobalPooling({ paddingMask: false }).call(x, { mask }))).toEqual([2]);
  });
});
