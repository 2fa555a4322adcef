import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { registerCustomObjects } from '../src/index.js';
import { KerasLayerScale } from '../src/custom_layer_scale.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  registerCustomObjects();
});

const values = (t: tf.Tensor | tf.Tensor[]): number[] =>
  Array.from((Array.isArray(t) ? (t[0] as tf.Tensor) : t).dataSync());

describe('KerasLayerScale', () => {
  it('starts with gamma at initValues, named gamma', () => {
    const layer = new KerasLayerScale({ name: 'scale', initValues: 0.5, projectionDim: 2 });
    expect(values(layer.apply(tf.tensor2d([[2, -4]])) as tf.Tensor)).toEqual([1, -2]);
    expect(layer.weights.map((w) => w.name)).toEqual(['scale/gamma']);
    expect(layer.kerasClassName).toBe('LayerScale');
  });

  it('multiplies each channel of the last axis by its gamma, over every other axis', () => {
    const layer = new KerasLayerScale({ projectionDim: 2 });
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]);
    layer.apply(x);
    layer.setWeights([tf.tensor1d([10, -1])]);
    const before = tf.memory().numTensors;
    const out = layer.apply(x) as tf.Tensor;
    expect(values(out)).toEqual([10, -2, 30, -4, 50, -6, 70, -8]);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('outputs no mask, as Keras, where TF.js would throw on a masked input', () => {
    const tokens = tf.input({ shape: [3] });
    const embedded = tf.layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true });
    const scaled = new KerasLayerScale({ projectionDim: 2 }).apply(
      embedded.apply(tokens)
    ) as tf.SymbolicTensor;
    const model = tf.model({ inputs: tokens, outputs: scaled });
    const out = model.predict(tf.tensor2d([[1, 2, 0]])) as tf.Tensor;
    expect(out.shape).toEqual([1, 3, 2]);
    expect(scaled.sourceLayer.computeMask(tf.ones([1, 3, 2]), tf.ones([1, 3]))).toBeNull();
  });

  it('loads from the JSON the kernel writes, with its weight by name', async () => {
    const topology = {
      class_name: 'Sequential',
      config: {
        name: 'seq',
        layers: [
          {
            class_name: 'LayervizLayerScale',
            config: {
              name: 'scale',
              init_values: 1e-6,
              projection_dim: 3,
              batch_input_shape: [null, 3]
            }
          }
        ]
      },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js'
    };
    const gamma = new Float32Array([1, 2, 3]);
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: topology,
        weightSpecs: [{ name: 'scale/gamma', shape: [3], dtype: 'float32' }],
        weightData: gamma.buffer
      })
    );
    const out = model.predict(tf.tensor2d([[1, 1, -1]])) as tf.Tensor;
    expect(values(out)).toEqual([1, 2, -3]);
    const config = model.layers[0]?.getConfig();
    expect(config).toMatchObject({ initValues: 1e-6, projectionDim: 3 });
  });
});
