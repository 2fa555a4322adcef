// Compute every layer of a converted model with @layerviz/core in Node and write the raw
// (flattened) outputs, for the Python cross-language tests. The backend is TF.js's WASM one
// (its .wasm ships in the npm package), or LAYERVIZ_BACKEND=cpu for the pure-JS one.
//
//   node test/cross/compute_layers.mjs DIR
//
// DIR holds model.json + weights (written by layerviz.convert.TfjsArtifacts.save) and
// x.bin + x.json ({"dtype", "shape"}); writes DIR/out/<layer>.f32 and DIR/out/manifest.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { computeActivations, listLayers, ndarrayFromBytes } from '@layerviz/core';

import { loadModelDir } from './model_dir.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node compute_layers.mjs DIR');
  process.exit(2);
}
const backend = process.env.LAYERVIZ_BACKEND ?? 'wasm';
if (!(await tf.setBackend(backend))) {
  console.error(`TF.js backend ${backend} is not available`);
  process.exit(1);
}
const model = await loadModelDir(dir);
const xMeta = JSON.parse(readFileSync(join(dir, 'x.json'), 'utf8'));
const x = ndarrayFromBytes(
  new Uint8Array(readFileSync(join(dir, 'x.bin'))),
  xMeta.dtype,
  xMeta.shape
);
const layers = listLayers(model);
const before = tf.memory().numTensors;
const acts = await computeActivations(
  model,
  x,
  layers.map((l) => l.name),
  { pooling: process.env.LAYERVIZ_POOLING ?? 'flatten', batchSize: 7 }
);
const leaked = tf.memory().numTensors - before;
mkdirSync(join(dir, 'out'), { recursive: true });
const out = {
  backend: tf.getBackend(),
  leakedTensors: leaked,
  weightNames: model.weights.map((w) => w.originalName),
  layers: []
};
for (const [i, act] of acts.entries()) {
  writeFileSync(join(dir, 'out', `${act.layer}.f32`), Buffer.from(act.data.buffer));
  out.layers.push({ ...layers[i], rows: act.rows, cols: act.cols });
}
writeFileSync(join(dir, 'out', 'manifest.json'), JSON.stringify(out, null, 1));
model.dispose();
