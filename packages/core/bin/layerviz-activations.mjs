#!/usr/bin/env node
// layerviz-activations: every layer's activations of a TF.js layers model on the samples of a
// .npy file, one <layer>.npy per layer — the same code the layerviz widget runs in the browser
// (@layerviz/core's computeActivations, one forward pass), here on TF.js's WASM backend.
//
//   npx layerviz-activations OUT_DIR/model.json X.npy -o DIR [--no-pool] [--layers a,b]
//
// Each layer's output is pooled to (N, D) as the widget shows it; with --no-pool it is written
// whole, in its own shape ((N, T, C), (N, H, W, C)).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { dump, parse } from 'npyjs';

import { computeActivations, listLayers, loadModel } from '../lib/index.js';

const USAGE =
  'usage: layerviz-activations MODEL_JSON X_NPY -o/--out DIR [--no-pool] [--layers a,b] ' +
  '[--backend wasm|cpu] [--version]';

/** This package's version, from its package.json. */
function version() {
  const path = new URL('../package.json', import.meta.url);
  return JSON.parse(readFileSync(path, 'utf8')).version;
}

/** Read a TF.js layers model.json and its weight shards (in manifest order) as artifacts. */
function readModelJson(path) {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  if (json.modelTopology === undefined || !Array.isArray(json.weightsManifest)) {
    throw new Error(`${path} is not a TF.js layers model.json (no modelTopology/weightsManifest)`);
  }
  const weightSpecs = [];
  const shards = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const shard of group.paths) {
      shards.push(readFileSync(join(dirname(path), shard)));
    }
  }
  const bytes = Buffer.concat(shards);
  return {
    modelTopology: json.modelTopology,
    weightSpecs,
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
  };
}

/** Read a .npy as an array the model takes: float32, or int32 for integers (token ids). */
function readSamples(path) {
  const bytes = readFileSync(path);
  const array = parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  if (array.fortranOrder) {
    throw new Error(
      `${path} is in Fortran order; save it with np.save(path, np.ascontiguousarray(x))`
    );
  }
  const integer = /^[<>|]?[iub]/.test(array.dtype) || array.data instanceof BigInt64Array;
  const data = integer ? Int32Array.from(array.data, Number) : Float32Array.from(array.data);
  return { data, dtype: integer ? 'int32' : 'float32', shape: array.shape };
}

/**
 * An unpooled layer's array in the layer's own shape, `(N, T, C)` or `(N, H, W, C)`, where its
 * output shape is fully known; `(N, D)` otherwise (e.g. a sequence of unknown length).
 */
function fullShape(act, outputShape) {
  const known = outputShape !== undefined && outputShape.every((d) => Number.isInteger(d));
  const size = known ? outputShape.reduce((a, b) => a * b, 1) : -1;
  return size === act.cols ? [act.rows, ...outputShape] : [act.rows, act.cols];
}

async function main(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      version: { type: 'boolean', short: 'V', default: false },
      'no-pool': { type: 'boolean', default: false },
      layers: { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      help: { type: 'boolean', short: 'h', default: false }
    }
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.version) {
    console.log(`layerviz-activations ${version()}`);
    return 0;
  }
  if (positionals.length !== 2 || values.out === undefined) {
    console.error(USAGE);
    return 2;
  }
  const [modelPath, xPath] = positionals.map((p) => resolve(p));
  if (!(await tf.setBackend(values.backend))) {
    console.error(`the TF.js backend "${values.backend}" is not available here; try --backend cpu`);
    return 1;
  }
  const model = await loadModel(readModelJson(modelPath));
  try {
    const x = readSamples(xPath);
    const layers = listLayers(model);
    const available = layers.map((l) => l.name);
    const names = values.layers === undefined ? available : values.layers.split(',');
    const shapes = new Map(layers.map((l) => [l.name, l.outputShape.slice(1)]));
    const acts = await computeActivations(model, x, names, {
      pooling: values['no-pool'] ? 'flatten' : undefined
    });
    mkdirSync(values.out, { recursive: true });
    for (const act of acts) {
      const file = join(values.out, `${act.layer.replaceAll('/', '__')}.npy`);
      const shape = values['no-pool']
        ? fullShape(act, shapes.get(act.layer))
        : [act.rows, act.cols];
      writeFileSync(file, Buffer.from(dump(act.data, shape)));
      console.log(`${act.layer}: ${shape.join(' x ')} -> ${file}`);
    }
  } finally {
    model.dispose();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`layerviz-activations: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
);
