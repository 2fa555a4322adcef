import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  combineAttentionMask,
  dotProductAttention,
  KerasMultiHeadAttention,
  listLayers,
  mergeMasks,
  registerCustomObjects
} from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCustomObjects();
});

const close = (values: number[]): unknown[] => values.map((v) => expect.closeTo(v, 6));
const bools = (values: number[], shape: number[]): tf.Tensor => tf.tensor(values, shape, 'bool');
const values = (t: tf.Tensor | null): number[] => Array.from(t?.dataSync() ?? []);

describe('combineAttentionMask', () => {
  it('is null when nothing masks', () => {
    expect(combineAttentionMask(null, null, false, 3, 3)).toBeNull();
  });
  it('ANDs the query mask [B, T, 1], the value mask [B, 1, S] and the causal triangle', () => {
    const valid = bools([1, 1, 0], [1, 3]);
    const mask = combineAttentionMask(valid, valid, true, 3, 3);
    expect(mask?.shape).toEqual([1, 3, 3]);
    expect(values(mask)).toEqual([1, 0, 0, 1, 1, 0, 0, 0, 0]);
    // Alone, the query's mask is [B, T, 1] (whole rows), the value's [B, 1, S] (columns).
    expect(combineAttentionMask(valid, null, false, 3, 2)?.shape).toEqual([1, 3, 1]);
    expect(combineAttentionMask(null, valid, false, 2, 3)?.shape).toEqual([1, 1, 3]);
    tf.dispose([valid, mask as tf.Tensor]);
  });
  it('builds a rectangular causal mask for T ≠ S (query step t sees keys up to t)', () => {
    expect(values(combineAttentionMask(null, null, true, 2, 3))).toEqual([1, 0, 0, 1, 1, 0]);
  });
});

describe('dotProductAttention', () => {
  // One head, one query step, two keys: scores 0 and 2 (scaled by 1 / sqrt(1)).
  const q = (): tf.Tensor4D => tf.tensor4d([1], [1, 1, 1, 1]);
  const k = (): tf.Tensor4D => tf.tensor4d([0, 2], [1, 1, 2, 1]);
  const v = (): tf.Tensor4D => tf.tensor4d([1, 3], [1, 1, 2, 1]);
  const p = Math.exp(2) / (1 + Math.exp(2));

  it('averages the values with the softmax of query · key / sqrt(depth)', () => {
    expect(values(dotProductAttention(q(), k(), v(), null))).toEqual(close([1 - p + 3 * p]));
    // Depth 4: the scores are halved.
    const q4 = tf.tensor4d([1, 1, 1, 1], [1, 1, 1, 4]);
    const k4 = tf.tensor4d([0, 0, 0, 0, 1, 1, 1, 1], [1, 1, 2, 4]);
    const half = Math.exp(2) / (1 + Math.exp(2));
    expect(values(dotProductAttention(q4, k4, v(), null))).toEqual(close([1 - half + 3 * half]));
  });
  it('leaves masked keys out', () => {
    const mask = bools([1, 0], [1, 1, 2]);
    expect(values(dotProductAttention(q(), k(), v(), mask))).toEqual(close([1]));
  });
  it('averages every value where all keys are masked, or outputs zeros if told to', () => {
    const none = bools([0, 0], [1, 1, 2]);
    expect(values(dotProductAttention(q(), k(), v(), none))).toEqual(close([2]));
    expect(values(dotProductAttention(q(), k(), v(), none, true))).toEqual(close([0]));
  });
});

describe('KerasMultiHeadAttention', () => {
  /** A one-head, one-feature attention whose projections are the identity. */
  function identity(args: Record<string, unknown> = {}): KerasMultiHeadAttention {
    const layer = new KerasMultiHeadAttention({ numHeads: 1, keyDim: 1, name: 'mha', ...args });
    const x = tf.zeros([1, 2, 1]);
    layer.apply([x, x]);
    layer.setWeights(layer.getWeights().map((w) => (w.rank === 3 ? tf.ones(w.shape) : w)));
    return layer;
  }
  const x = (): tf.Tensor => tf.tensor3d([0, 1], [1, 2, 1]);
  const e = Math.E / (1 + Math.E);

  it('names its weights as Keras does, in its order', () => {
    const layer = identity();
    expect(layer.weights.map((w) => w.originalName)).toEqual([
      'mha/query/kernel',
      'mha/query/bias',
      'mha/key/kernel',
      'mha/key/bias',
      'mha/value/kernel',
      'mha/value/bias',
      'mha/attention_output/kernel',
      'mha/attention_output/bias'
    ]);
  });
  it('attends over the steps: scores x_t · x_s', () => {
    const input = x();
    const out = identity().apply([input, input]) as tf.Tensor;
    expect(out.shape).toEqual([1, 2, 1]);
    // Step 0 scores (0, 0): the mean 0.5; step 1 scores (0, 1).
    expect(values(out)).toEqual(close([0.5, e]));
  });
  it('applies the causal mask from its config', () => {
    const input = x();
    const out = identity({ useCausalMask: true }).apply([input, input]) as tf.Tensor;
    expect(values(out)).toEqual(close([0, e]));
  });
  it("takes the query's padding mask for the keys in self-attention, unless told not to", () => {
    const input = x();
    const mask = bools([1, 0], [1, 2]);
    const masked = identity().call([input, input], { mask }) as tf.Tensor;
    // Step 0 sees step 0 only; step 1 is padding: every key masked, the uniform mean.
    expect(values(masked)).toEqual(close([0, 0.5]));
    const ignored = identity({ paddingMask: false }).call([input, input], { mask });
    expect(values(ignored as tf.Tensor)).toEqual(close([0.5, e]));
    expect(identity().computeMask([input, input], [mask, mask])).toBe(mask);
  });
  it('projects to output_shape, and shows the Keras class', () => {
    const layer = new KerasMultiHeadAttention({ numHeads: 2, keyDim: 3, outputShape: [5] });
    const q = tf.zeros([2, 4, 6]);
    const v = tf.zeros([2, 3, 7]);
    expect((layer.apply([q, v]) as tf.Tensor).shape).toEqual([2, 4, 5]);
    expect(
      layer.computeOutputShape([
        [null, 4, 6],
        [null, 3, 7]
      ])
    ).toEqual([null, 4, 5]);
    const input = tf.input({ shape: [3, 2] });
    const attention = new KerasMultiHeadAttention({ numHeads: 1, keyDim: 2, name: 'att' });
    const model = tf.model({
      inputs: input,
      outputs: attention.apply([input, input]) as tf.SymbolicTensor
    });
    expect(listLayers(model).map((l) => l.className)).toContain('MultiHeadAttention');
  });
});

describe('mergeMasks', () => {
  const a = (): tf.Tensor => bools([1, 0, 0], [1, 3]);
  const b = (): tf.Tensor => bools([1, 1, 0], [1, 3]);
  it("ORs Keras 3's masks, null when any input has none", () => {
    expect(values(mergeMasks([a(), b()], 'or'))).toEqual([1, 1, 0]);
    expect(mergeMasks([a(), null], 'or')).toBeNull();
  });
  it("ANDs tf.keras 2's masks over the inputs that have one", () => {
    expect(values(mergeMasks([a(), b()], 'and'))).toEqual([1, 0, 0]);
    expect(values(mergeMasks([null, b()], 'and'))).toEqual([1, 1, 0]);
    expect(mergeMasks([null, undefined], 'and')).toBeNull();
  });
});
