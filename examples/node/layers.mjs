// @layerviz/core in a plain Node script, no Jupyter: build a small TF.js model, compute every
// layer's activations in one forward pass and project each layer to 2-D with PCA.
//
//   npm run build && node examples/node/layers.mjs
import * as tf from '@tensorflow/tfjs';
import { computeActivations, listLayers, projectPca } from '@layerviz/core';

await tf.setBackend('cpu');
const model = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu', name: 'hidden' }),
    tf.layers.dense({ units: 3, activation: 'softmax', name: 'probs' })
  ]
});
// Two clusters of 50 points each, 4 features.
const n = 100;
const data = new Float32Array(n * 4).map(
  (_, i) => (Math.floor(i / 4) < n / 2 ? 1 : -1) + Math.sin(i)
);
const x = { data, dtype: 'float32', shape: [n, 4] };

const layers = listLayers(model);
const activations = await computeActivations(
  model,
  x,
  layers.map((l) => l.name),
  { onProgress: (p) => console.log(p.message) }
);
for (const act of activations) {
  const { coords, explainedVariance } = projectPca(act.data, act.rows, act.cols, 2);
  console.log(
    `${act.layer}: ${act.rows} x ${act.cols} -> first sample at (${coords[0].toFixed(3)}, ` +
      `${coords[1].toFixed(3)}), PCA explains ${(100 * (explainedVariance[0] + explainedVariance[1])).toFixed(1)}%`
  );
}
model.dispose();
