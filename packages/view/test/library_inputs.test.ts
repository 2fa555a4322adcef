import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { labelIds, modelArtifacts, samplesArray } from '../src/library/inputs.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function smallModel(): tf.LayersModel {
  return tf.sequential({
    name: 'small',
    layers: [
      tf.layers.dense({ inputShape: [3], units: 4, activation: 'relu', name: 'hidden' }),
      tf.layers.dense({ units: 2, activation: 'softmax', name: 'probs' })
    ]
  });
}

describe('modelArtifacts', () => {
  it('serializes a LayersModel so that core rebuilds it with the same weights', async () => {
    const model = smallModel();
    const artifacts = await modelArtifacts(model);
    expect(artifacts.weightSpecs.map((s) => s.name)).toEqual([
      'hidden/kernel',
      'hidden/bias',
      'probs/kernel',
      'probs/bias'
    ]);
    const weights = model.getWeights();
    const bytes = weights.reduce((n, w) => n + w.size * 4, 0);
    expect(artifacts.weightData.byteLength).toBe(bytes);
    const kernel = new Float32Array(artifacts.weightData, 0, 12);
    expect([...kernel]).toEqual([...(weights[0] as tf.Tensor).dataSync()]);
    model.dispose();
  });

  it('loads a model.json URL with the given fetch, and names the URL when it fails', async () => {
    const model = smallModel();
    const saved = await modelArtifacts(model);
    const fetchFunc = (async (url: string) => {
      if (url.endsWith('model.json')) {
        const json = {
          modelTopology: saved.modelTopology,
          weightsManifest: [{ paths: ['weights.bin'], weights: saved.weightSpecs }]
        };
        return new Response(JSON.stringify(json), { status: 200 });
      }
      return new Response(saved.weightData, { status: 200 });
    }) as unknown as typeof fetch;
    const loaded = await modelArtifacts('http://example.test/m/model.json', fetchFunc);
    expect(new Uint8Array(loaded.weightData)).toEqual(new Uint8Array(saved.weightData));
    const missing = (async () => new Response('', { status: 404 })) as unknown as typeof fetch;
    await expect(modelArtifacts('http://example.test/none/model.json', missing)).rejects.toThrow(
      'could not load the model at http://example.test/none/model.json'
    );
    model.dispose();
  });

  it('refuses artifacts without weights', async () => {
    await expect(modelArtifacts({ modelTopology: {} })).rejects.toThrow(
      'not a TF.js layers model with weights'
    );
  });
});

describe('samplesArray', () => {
  it('reads tensors, nested arrays and NdArrays', () => {
    const t = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6]
    ]);
    expect(samplesArray(t)).toEqual({
      data: Float32Array.from([1, 2, 3, 4, 5, 6]),
      dtype: 'float32',
      shape: [3, 2]
    });
    t.dispose();
    const ids = tf.tensor2d([[1, 2]], undefined, 'int32');
    expect(samplesArray(ids).dtype).toBe('int32');
    ids.dispose();
    expect(
      samplesArray([
        [[1], [2]],
        [[3], [4]]
      ]).shape
    ).toEqual([2, 2, 1]);
    const nd = { data: new Float32Array(4), dtype: 'float32' as const, shape: [2, 2] };
    expect(samplesArray(nd)).toBe(nd);
  });

  it('names what is wrong with malformed samples', () => {
    expect(() => samplesArray([])).toThrow('x is empty');
    expect(() => samplesArray([[1, 2], [3]])).toThrow('x must be nested number arrays');
    expect(() =>
      samplesArray({ data: new Float32Array(3), dtype: 'float32', shape: [2, 2] })
    ).toThrow('x has 3 values but its shape [2, 2] needs 4');
  });
});

describe('labelIds', () => {
  it('takes ids, one-hot rows and names', () => {
    expect(labelIds([2, 0, 1], 3)).toEqual({ ids: Int32Array.from([2, 0, 1]), classNames: null });
    const oneHot = tf.tensor2d([
      [0, 1],
      [1, 0]
    ]);
    expect(labelIds(oneHot, 2).ids).toEqual(Int32Array.from([1, 0]));
    oneHot.dispose();
    expect(labelIds(['dog', 'cat', 'dog'], 3)).toEqual({
      ids: Int32Array.from([1, 0, 1]),
      classNames: ['cat', 'dog']
    });
  });

  it('names what is wrong with bad labels', () => {
    expect(() => labelIds([0, 1], 3)).toThrow('y has 2 labels but x has 3 samples');
    expect(() => labelIds([0, 1.5], 2)).toThrow('y[1] is 1.5');
    expect(() => labelIds([0, -1], 2)).toThrow('y[1] is -1');
    const cube = tf.zeros([2, 2, 2]);
    expect(() => labelIds(cube, 2)).toThrow('got a tensor of shape [2, 2, 2]');
    cube.dispose();
  });
});
