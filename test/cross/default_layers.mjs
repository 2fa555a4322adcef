// Print, as JSON, the layers @layerviz/core shows by default for a converted model (and its
// whole graph), for the Python test that holds core's choice equal to layerviz.layer_choice.
//
//   node test/cross/default_layers.mjs DIR    (DIR holds model.json + weights)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { defaultLayers, loadModel, modelGraph } from '@layerviz/core';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node default_layers.mjs DIR');
  process.exit(2);
}
await tf.setBackend('cpu');
const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
const manifest = modelJson.weightsManifest[0];
const weights = readFileSync(join(dir, manifest.paths[0]));
const model = await loadModel({
  modelTopology: modelJson.modelTopology,
  weightSpecs: manifest.weights,
  weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength)
});
const graph = modelGraph(model);
console.log(JSON.stringify({ graph, chosen: defaultLayers(graph) }));
