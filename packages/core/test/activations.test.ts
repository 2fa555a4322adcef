import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { computeActivations, listLayers, truncate } from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Dense(2, relu) → Dense(1, linear) with hand-picked weights. */
function tinyModel(): tf.LayersModel {
  const input = tf.input({ shape: [2], name: 'features' });
  const hidden = tf.layers
    .dense({ units: 2, activation: 'relu', name: 'hidden' })
    .apply(input) as tf.SymbolicTensor;
  const out = tf.layers.dense({ units: 1, name: 'out' }).apply(hidden) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: out, name: 'tiny' });
  model.getLayer('hidden').setWeights([
    tf.tensor2d([
      [1, -1],
      [2, 1]
    ]),
    tf.tensor1d([0, 0.5])
  ]);
  model.getLayer('out').setWeights([tf.tensor2d([[1], [-2]]), tf.tensor1d([0.25])]);
  return model;
}

const x = { data: new Float32Array([1, 1, -1, 2, 0, 0]), dtype: 'float32' as const, shape: [3, 2] };

describe('computeActivations', () => {
  it('returns every chosen layer, as computed by hand', async () => {
    const model = tinyModel();
    const [hidden, out] = await computeActivations(model, x, ['hidden', 'out'], { batchSize: 2 });
    // hidden = relu(x W + b): [1,1] -> [3, 0.5]; [-1,2] -> [3, 3.5]; [0,0] -> [0, 0.5]
    expect(Array.from(hidden?.data ?? [])).toEqual([3, 0.5, 3, 3.5, 0, 0.5]);
    expect(hidden?.cols).toBe(2);
    // out = hidden . [1, -2] + 0.25
    expect(Array.from(out?.data ?? [])).toEqual([2.25, -3.75, -0.75]);
    model.dispose();
  });

  it('leaves no tensor behind', async () => {
    const model = tinyModel();
    const before = tf.memory().numTensors;
    await computeActivations(model, x, ['hidden', 'out'], { batchSize: 1 });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('rejects an unknown layer with the list of layers', async () => {
    const model = tinyModel();
    await expect(computeActivations(model, x, ['nope'])).rejects.toThrow(
      /no layer named "nope".*hidden, out/
    );
    model.dispose();
  });

  it('rejects x whose shape does not fit the input', async () => {
    const model = tinyModel();
    const bad = { data: new Float32Array(6), dtype: 'float32' as const, shape: [2, 3] };
    await expect(computeActivations(model, bad, ['hidden'])).rejects.toThrow(
      /x has shape \[2, 3\] but model "tiny" expects \[N, 2\]/
    );
    model.dispose();
  });

  it('stops when aborted', async () => {
    const model = tinyModel();
    const controller = new AbortController();
    controller.abort();
    await expect(
      computeActivations(model, x, ['hidden'], { signal: controller.signal })
    ).rejects.toThrow(/abort/i);
    model.dispose();
  });

  it('reports progress per batch', async () => {
    const model = tinyModel();
    const seen: number[] = [];
    await computeActivations(model, x, ['out'], {
      batchSize: 2,
      onProgress: (p) => seen.push(p.done)
    });
    expect(seen).toEqual([2, 3]);
    model.dispose();
  });
});

describe('listLayers and truncate', () => {
  it('lists non-input layers with class and shape', () => {
    const model = tinyModel();
    expect(listLayers(model)).toEqual([
      { name: 'hidden', className: 'Dense', outputShape: [null, 2], index: 1 },
      { name: 'out', className: 'Dense', outputShape: [null, 1], index: 2 }
    ]);
    model.dispose();
  });

  it('truncates at a layer and shares its weights', () => {
    const model = tinyModel();
    const cut = truncate(model, 'hidden');
    const y = tf.tidy(() =>
      Array.from((cut.predict(tf.tensor2d([[1, 1]])) as tf.Tensor).dataSync())
    );
    expect(y).toEqual([3, 0.5]);
    expect(cut.getLayer('hidden')).toBe(model.getLayer('hidden'));
    model.dispose();
  });
});
