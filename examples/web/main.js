// Train a TF.js model in the page and show layerviz live: after each epoch the layer plots are
// computed again (the last layouts stay on screen until the new ones arrive). Options in the URL:
// ?epochs=20&samples=600&method=tsne (tsne, umap or pca).
import * as tf from '@tensorflow/tfjs';
import { renderLayerViz } from '@layerviz/view';
import '@layerviz/view/style/view.css';

import digitsUrl from '../data/digits.json?url';
import { digitsModel, digitsTensors } from '../shared/digits.js';

const params = new URLSearchParams(location.search);
const epochs = Number(params.get('epochs') ?? 20);
const samples = Number(params.get('samples') ?? 600);
const method = params.get('method') ?? 'tsne';
const status = document.querySelector('#status');
const plots = document.querySelector('#plots');

/** What the page has done so far, for people reading the console and for the smoke test. */
const progress = { epochsTrained: 0, epochsShown: [], accuracy: null, error: null };
window.layervizExample = progress;

function say(text) {
  status.textContent = text;
}

async function main() {
  await tf.ready();
  const digits = await (await fetch(digitsUrl)).json();
  const { x, y } = digitsTensors(digits);
  const shown = x.slice(0, samples);
  const model = digitsModel();
  say(`Untrained network: laying out ${samples} digits…`);
  const handle = await renderLayerViz(plots, {
    model,
    x: shown,
    y: digits.labels.slice(0, samples),
    layout: { method, dims: 2 }
  });
  progress.handle = handle;
  await handle.ready;
  progress.epochsShown.push(0);

  // The layouts take longer than an epoch: while one update runs, only the latest epoch waits.
  let updating = false;
  let waiting = null;
  const show = (epoch) => {
    if (updating) {
      waiting = epoch;
      return;
    }
    updating = true;
    void handle.update({ model }).then((ok) => {
      updating = false;
      if (ok) {
        progress.epochsShown.push(epoch);
      }
      if (waiting !== null) {
        const next = waiting;
        waiting = null;
        show(next);
      }
    });
  };
  await model.fit(x, y, {
    epochs,
    batchSize: 64,
    shuffle: true,
    callbacks: {
      onEpochEnd: (epoch, logs) => {
        progress.epochsTrained = epoch + 1;
        progress.accuracy = logs.acc;
        say(`Epoch ${epoch + 1} of ${epochs}: training accuracy ${(100 * logs.acc).toFixed(1)}%`);
        show(epoch + 1);
      }
    }
  });
}

main().catch((err) => {
  progress.error = String(err);
  say(`Failed: ${err instanceof Error ? err.message : String(err)}`);
});
