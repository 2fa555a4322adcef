// @layerviz/core in a plain Node script: every layer's activations of a TF.js model on the
// digits, laid out in 2-D (t-SNE, UMAP or PCA, each layer aligned with the one before), written
// as CSV — one row per sample and layer. With no model given it first trains the examples' small
// digits classifier for a few epochs.
//
//   node examples/node/csv.mjs --out out/digits-layers.csv [--model path/model.json]
//        [--method tsne|umap|pca] [--epochs 5] [--samples 500]
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import * as tf from '@tensorflow/tfjs';
import { analyzeModel, layoutLayers } from '@layerviz/core';
import { csvFormat } from 'd3-dsv';

import { digitsModel, digitsTensors } from '../shared/digits.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'digits-layers.csv' },
    model: { type: 'string' },
    method: { type: 'string', default: 'tsne' },
    epochs: { type: 'string', default: '5' },
    samples: { type: 'string', default: '500' }
  }
});
if (!['tsne', 'umap', 'pca'].includes(values.method)) {
  throw new Error(`--method must be tsne, umap or pca, not "${values.method}"`);
}
await tf.setBackend('cpu');

const digits = JSON.parse(readFileSync(resolve(here, '../data/digits.json'), 'utf8'));
const { x, y } = digitsTensors(digits);
let model;
if (values.model === undefined) {
  model = digitsModel();
  await model.fit(x, y, {
    epochs: Number(values.epochs),
    batchSize: 64,
    shuffle: true,
    verbose: 0,
    callbacks: {
      onEpochEnd: (epoch, logs) =>
        console.log(`epoch ${epoch + 1}: accuracy ${logs.acc.toFixed(3)}`)
    }
  });
} else {
  // A model.json and its weight files on disk, read through TF.js's HTTP loader.
  const readFile = async (url) => new Response(readFileSync(fileURLToPath(url)));
  const path = new URL(`file://${resolve(values.model)}`).href;
  model = await tf.loadLayersModel(tf.io.http(path, { fetchFunc: readFile }));
}

// Core takes serialized artifacts, exactly as the widget receives them from the kernel.
let artifacts;
await model.save(
  tf.io.withSaveHandler(async (saved) => {
    artifacts = saved;
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(saved) };
  })
);
const count = Math.min(Number(values.samples), digits.labels.length);
const samples = x.slice(0, count);
const input = { data: samples.dataSync(), dtype: 'float32', shape: samples.shape };
const labels = digits.labels.slice(0, count);
const results = await analyzeModel(artifacts, input, {
  onProgress: (p) => console.log(p.message)
});
const coords = await layoutLayers(
  results.map((r) => r.features),
  { method: values.method, dims: 2 },
  { onLayout: (i) => console.log(`${values.method}: layer ${results[i].info.name} laid out`) }
);

const rows = results.flatMap((result, layer) =>
  labels.map((label, sample) => ({
    sample,
    label,
    layer: result.info.name,
    x: coords[layer][2 * sample],
    y: coords[layer][2 * sample + 1]
  }))
);
mkdirSync(dirname(resolve(values.out)), { recursive: true });
writeFileSync(values.out, csvFormat(rows) + '\n');
console.log(`${rows.length} rows (${count} samples x ${results.length} layers) -> ${values.out}`);
tf.dispose([x, y, samples]);
model.dispose();
