// Print, as JSON, the layers @layerviz/core shows by default for a converted model (and its
// whole graph), for the Python test that holds core's choice equal to layerviz.layer_choice.
//
//   node test/cross/default_layers.mjs DIR    (DIR holds model.json + weights)
import * as tf from '@tensorflow/tfjs';
import { defaultLayers, modelGraph } from '@layerviz/core';

import { loadModelDir } from './model_dir.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node default_layers.mjs DIR');
  process.exit(2);
}
await tf.setBackend('cpu');
const model = await loadModelDir(dir);
const graph = modelGraph(model);
console.log(JSON.stringify({ graph, chosen: defaultLayers(graph) }));
