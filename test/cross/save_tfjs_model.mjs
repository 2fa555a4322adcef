// Save a small model the way TF.js itself does (layers format), for the Python tests of
// TF.js-native models: DIR/model.json plus its weights split into two shards.
//
//   node test/cross/save_tfjs_model.mjs DIR
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node save_tfjs_model.mjs DIR');
  process.exit(2);
}
await tf.setBackend('cpu');
const init = (seed) => tf.initializers.randomNormal({ stddev: 0.5, seed });
const model = tf.sequential({
  name: 'native',
  layers: [
    tf.layers.dense({
      inputShape: [5],
      units: 6,
      activation: 'relu',
      name: 'hidden',
      kernelInitializer: init(1),
      biasInitializer: init(2)
    }),
    tf.layers.dense({ units: 3, activation: 'softmax', name: 'probs', kernelInitializer: init(3) })
  ]
});
await model.save(
  tf.io.withSaveHandler(async (artifacts) => {
    mkdirSync(dir, { recursive: true });
    const bytes = new Uint8Array(artifacts.weightData);
    const half = 4 * 12; // a shard boundary inside the weights, as TF.js does for large models
    writeFileSync(join(dir, 'shard1.bin'), bytes.subarray(0, half));
    writeFileSync(join(dir, 'shard2.bin'), bytes.subarray(half));
    const modelJson = {
      format: 'layers-model',
      generatedBy: 'TensorFlow.js tfjs-layers',
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['shard1.bin', 'shard2.bin'], weights: artifacts.weightSpecs }]
    };
    writeFileSync(join(dir, 'model.json'), JSON.stringify(modelJson));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  })
);
