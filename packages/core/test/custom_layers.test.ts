import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  KerasGlobalPooling,
  KerasNormalization,
  KerasScalarOp,
  listLayers,
  registerCustomObjects,
  ResetAfterGRU,
  ZeroMaskedBidirectional
} from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCustomObjects();
});

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

describe('ResetAfterGRU', () => {
  it('computes Keras reset_after=True by hand: reset gate after the recurrent product', () => {
    const layer = new ResetAfterGRU({ units: 1, returnSequences: true } as never);
    const output = layer.apply(tf.tensor3d([[[1], [2]]])) as tf.Tensor;
    // kernel [1, 3] (z, r, h), recurrent kernel [1, 3], bias [2, 3] (input row, recurrent row).
    layer.setWeights([
      tf.tensor2d([[0.5, -0.25, 1]]),
      tf.tensor2d([[0.3, 0.7, -2]]),
      tf.tensor2d([
        [0.1, 0.2, 0.3],
        [-0.1, 0.4, 0.5]
      ])
    ]);
    const result = (layer.apply(tf.tensor3d([[[1], [2]]])) as tf.Tensor).dataSync();
    let h = 0;
    const expected: number[] = [];
    for (const x of [1, 2]) {
      const z = sigmoid(0.5 * x + 0.1 + 0.3 * h - 0.1);
      const r = sigmoid(-0.25 * x + 0.2 + 0.7 * h + 0.4);
      const hh = Math.tanh(1 * x + 0.3 + r * (-2 * h + 0.5));
      h = z * h + (1 - z) * hh;
      expected.push(h);
    }
    expect(Array.from(result)).toEqual(expected.map((v) => expect.closeTo(v, 6)));
    output.dispose();
  });

  it('survives a round trip through a Bidirectional config, as TF.js rebuilds wrappers', () => {
    const bi = tf.layers.bidirectional({
      layer: new ResetAfterGRU({ units: 2, name: 'g' } as never) as never
    });
    bi.apply(tf.input({ shape: [3, 4] }));
    const config = bi.getConfig();
    expect((config['layer'] as { className: string }).className).toBe('LayervizResetAfterGRU');
    const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [3, 4] }), bi] });
    // Plot titles say GRU, the Keras class, not the stand-in's registered name.
    expect(listLayers(model)[0]?.className).toBe('Bidirectional');
    const gru = new ResetAfterGRU({ units: 2, name: 'alone' } as never);
    const single = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [3, 4] }), gru] });
    expect(listLayers(single)[0]?.className).toBe('GRU');
    expect(bi.getWeights().map((w) => w.shape)).toEqual([
      [4, 6],
      [2, 6],
      [2, 6],
      [4, 6],
      [2, 6],
      [2, 6]
    ]);
  });
});

describe('KerasGlobalPooling', () => {
  const x = tf.tensor3d([
    [
      [1, 10],
      [3, 30],
      [100, 1000]
    ]
  ]);

  it('averages the unmasked steps only', () => {
    const layer = new KerasGlobalPooling({});
    const mask = tf.tensor2d([[1, 1, 0]], undefined, 'bool');
    expect(Array.from(layer.call(x, { mask }).dataSync())).toEqual([2, 20]);
  });

  it('averages every step without a mask, and over the last axis for channels_first', () => {
    const mean = Array.from(new KerasGlobalPooling({}).call(x, {}).dataSync());
    expect(mean).toEqual([expect.closeTo(104 / 3, 4), expect.closeTo(1040 / 3, 3)]);
    const cf = new KerasGlobalPooling({ dataFormat: 'channelsFirst' });
    expect(cf.computeOutputShape([null, 3, 2])).toEqual([null, 3]);
    expect(Array.from(cf.call(x, {}).dataSync())).toEqual([5.5, 16.5, 550]);
  });

  it('keeps the pooled axes with keepdims, for max and average over 2-D', () => {
    const image = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]);
    const max = new KerasGlobalPooling({ pooling: 'max', keepdims: true });
    expect(max.computeOutputShape([null, 2, 2, 2])).toEqual([null, 1, 1, 2]);
    const pooled = max.call(image, {});
    expect(pooled.shape).toEqual([1, 1, 1, 2]);
    expect(Array.from(pooled.dataSync())).toEqual([7, 8]);
    const avg = new KerasGlobalPooling({ keepdims: false, kerasClass: 'GlobalAveragePooling2D' });
    expect(Array.from(avg.call(image, {}).dataSync())).toEqual([4, 5]);
    expect(avg.kerasClassName).toBe('GlobalAveragePooling2D');
  });
});

describe('KerasNormalization', () => {
  it('subtracts the mean and divides by the standard deviation per channel', () => {
    const model = tf.sequential({
      layers: [tf.layers.inputLayer({ inputShape: [2] }), new KerasNormalization({ axis: [-1] })]
    });
    model.setWeights([tf.tensor1d([1, -2]), tf.tensor1d([4, 0]), tf.scalar(10)]);
    const out = model.predict(tf.tensor2d([[3, -2]])) as tf.Tensor;
    // (3 - 1) / 2 = 1; a zero variance divides by 1e-7 as Keras does: (−2 − −2) / 1e-7 = 0.
    expect(Array.from(out.dataSync())).toEqual([1, 0]);
    expect(listLayers(model)[0]?.className).toBe('Normalization');
  });
});

describe('KerasScalarOp', () => {
  it('computes x op number, number op x and x op y with broadcasting', () => {
    const x = tf.tensor2d([[2, 4]]);
    const first = new KerasScalarOp({ op: 'subtract', constant: 10, constantFirst: true });
    expect(Array.from(first.call(x).dataSync())).toEqual([8, 6]);
    const divide = new KerasScalarOp({ op: 'divide', constant: 4 });
    expect(Array.from(divide.call(x).dataSync())).toEqual([0.5, 1]);
    const both = new KerasScalarOp({ op: 'multiply' });
    expect(
      both.computeOutputShape([
        [null, 2],
        [null, 1]
      ])
    ).toEqual([null, 2]);
    expect(Array.from(both.call([x, tf.tensor2d([[3]])]).dataSync())).toEqual([6, 12]);
    expect(both.kerasClassName).toBe('Multiply');
  });

  it('promotes integer inputs to float32 with a fractional number, as Keras does', () => {
    const half = new KerasScalarOp({ op: 'multiply', constant: 0.5 });
    const out = half.call(tf.tensor1d([3, 5], 'int32'));
    expect(out.dtype).toBe('float32');
    expect(Array.from(out.dataSync())).toEqual([1.5, 2.5]);
  });
});

describe('ZeroMaskedBidirectional', () => {
  it('outputs zeros at padded steps where TF.js repeats the last output', () => {
    const make = (cls: 'tfjs' | 'layerviz'): tf.LayersModel => {
      const input = tf.input({ shape: [3], dtype: 'int32' });
      const embedded = tf.layers
        .embedding({ inputDim: 5, outputDim: 2, maskZero: true, embeddingsInitializer: 'ones' })
        .apply(input) as tf.SymbolicTensor;
      const rnn = tf.layers.simpleRNN({
        units: 2,
        returnSequences: true,
        kernelInitializer: 'ones',
        recurrentInitializer: 'ones'
      });
      const bi =
        cls === 'tfjs'
          ? tf.layers.bidirectional({ layer: rnn })
          : new ZeroMaskedBidirectional({ layer: rnn } as never);
      return tf.model({ inputs: input, outputs: bi.apply(embedded) as tf.SymbolicTensor });
    };
    const tokens = tf.tensor2d([[3, 1, 0]], undefined, 'int32');
    const [theirs] = (make('tfjs').predict(tokens) as tf.Tensor).arraySync() as number[][][];
    const [ours] = (make('layerviz').predict(tokens) as tf.Tensor).arraySync() as number[][][];
    // The forward half: TF.js carries step 1's output into the padded step 2.
    const forward = (steps: number[][] | undefined, step: number): number[] | undefined =>
      steps?.[step]?.slice(0, 2);
    expect(forward(theirs, 2)).toEqual(forward(theirs, 1));
    expect(forward(theirs, 2)?.every((v) => v !== 0)).toBe(true);
    expect(ours?.[2]).toEqual([0, 0, 0, 0]);
    expect(ours?.slice(0, 2)).toEqual(theirs?.slice(0, 2));
  });
});
