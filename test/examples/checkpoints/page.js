/* global document, window */
// The page of checkpoints.spec.ts: a small dense classifier of 3 Gaussian classes is saved before
// training and after each of 2 epochs (in-memory artifacts, as `model.save` gives them), and
// renderLayerViz shows the 3 checkpoints. What it made is on `window.checkpointsPage`.
import * as tf from '@tensorflow/tfjs';
import { renderLayerViz } from '@layerviz/view';

const SAMPLES = 240;
const FEATURES = 8;
const CLASSES = 3;

/** A seeded generator of uniform numbers in [0, 1) (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** SAMPLES rows of FEATURES values around one of CLASSES centres, and their classes. */
function samples() {
  const next = random(3);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const centers = Array.from({ length: CLASSES * FEATURES }, () => 2 * normal());
  const x = new Float32Array(SAMPLES * FEATURES);
  const y = new Int32Array(SAMPLES);
  for (let i = 0; i < SAMPLES; i++) {
    y[i] = i % CLASSES;
    for (let j = 0; j < FEATURES; j++) {
      x[i * FEATURES + j] = centers[y[i] * FEATURES + j] + 1.5 * normal();
    }
  }
  return { x, y };
}

function classifier() {
  const init = (seed) => tf.initializers.glorotUniform({ seed });
  return tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [FEATURES],
        units: 16,
        activation: 'relu',
        name: 'hidden1',
        kernelInitializer: init(1)
      }),
      tf.layers.dense({
        units: 8,
        activation: 'relu',
        name: 'hidden2',
        kernelInitializer: init(2)
      }),
      tf.layers.dense({
        units: CLASSES,
        activation: 'softmax',
        name: 'probs',
        kernelInitializer: init(3)
      })
    ]
  });
}

/** The model as it is now: its artifacts, as a save handler receives them. */
async function checkpoint(model) {
  let saved = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    })
  );
  return saved;
}

async function main() {
  await tf.setBackend('cpu');
  const { x, y } = samples();
  const model = classifier();
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
  const xs = tf.tensor2d(x, [SAMPLES, FEATURES]);
  const ys = tf.oneHot(tf.tensor1d(y, 'int32'), CLASSES);
  const checkpoints = [await checkpoint(model)];
  for (let epoch = 1; epoch <= 2; epoch++) {
    await model.fit(xs, ys, { epochs: 1, batchSize: 32, shuffle: false });
    checkpoints.push(await checkpoint(model));
  }
  tf.dispose([xs, ys]);
  const handle = await renderLayerViz(document.querySelector('#plots'), {
    checkpoints,
    x: { data: x, dtype: 'float32', shape: [SAMPLES, FEATURES] },
    y,
    layout: { method: 'pca', dims: 2 }
  });
  const page = window.checkpointsPage;
  handle.on('epoch', (epoch) => page.epochEvents.push(epoch));
  handle.on('cka', (matrix) => page.ckaEvents.push(matrix.layers.length));
  page.handle = handle;
}

window.checkpointsPage = { handle: null, epochEvents: [], ckaEvents: [], error: null };
main().catch((err) => {
  window.checkpointsPage.error = String(err);
});
