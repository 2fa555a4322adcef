// The handwritten digits (examples/data/digits.json) and a small classifier for them, shared by
// the examples: the web page and the notebook page train it in the browser, the Node script in
// Node. Only TF.js is needed.
import * as tf from '@tensorflow/tfjs';

/**
 * The digits as tensors: `x` is `(N, 64)` pixels scaled to [0, 1], `y` the class ids `(N,)` (float32, as TF.js's sparse cross-entropy takes them).
 *
 * @param {{shape: number[], pixels: number[], labels: number[]}} json - digits.json, parsed.
 * @param {number} [limit] - keep only the first `limit` digits.
 */
export function digitsTensors(json, limit = json.labels.length) {
  const count = Math.min(limit, json.labels.length);
  const size = json.shape[1] * json.shape[2];
  const x = tf.tidy(() =>
    tf.tensor2d(json.pixels.slice(0, count * size), [count, size], 'float32').div(16)
  );
  const y = tf.tensor1d(json.labels.slice(0, count), 'float32');
  return { x, y };
}

/** A small dense classifier of 8×8 digits: 64 → 32 → 16 → 10, with named layers. */
export function digitsModel() {
  const model = tf.sequential({
    name: 'digits',
    layers: [
      tf.layers.dense({ inputShape: [64], units: 32, activation: 'relu', name: 'hidden1' }),
      tf.layers.dense({ units: 16, activation: 'relu', name: 'hidden2' }),
      tf.layers.dense({ units: 10, activation: 'softmax', name: 'probs' })
    ]
  });
  model.compile({
    optimizer: tf.train.adam(0.01),
    loss: 'sparseCategoricalCrossentropy',
    metrics: ['accuracy']
  });
  return model;
}
