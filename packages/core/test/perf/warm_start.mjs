// Warm starts: does a layer laid out from the previous layer's finished t-SNE layout, kept at its
// scale and without early exaggeration, reach the quality of a cold start in fewer iterations?
// Not a test; run after `npx tsc -b packages/core` and
// `.venv/bin/python packages/core/test/perf/layer_features.py out/perf/layers`:
//
//   node packages/core/test/perf/warm_start.mjs [--dir out/perf/layers] [--models digits,cnn,article]
//
// For each layer after the first, it compares: `cold` (PCA start, 750 iterations of which 250
// exaggerated, as a first layer), `shrunk` (the previous layer's layout shrunk to std 1e-4, then
// the same 750: what layerviz did before warm starts) and `warmStart: true` (the previous layer's
// layout kept and 250 iterations without exaggeration when it keeps enough of the layer's
// neighbourhoods, else declined and run as `shrunk`). The previous layout is always the `cold` one, so every
// variant starts from the same place. Quality: trustworthiness@10 against the layer's features
// and 10-NN accuracy of the layout (all rows); time: the fit alone, after a warm-up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { exactNeighbors, knnAccuracy, trustworthiness, Tsne } from '../../lib/reduce/index.js';

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: 'out/perf/layers' },
    models: { type: 'string', default: 'digits,cnn,article' }
  }
});

function f32(path) {
  const raw = readFileSync(path);
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** Of each row's 10 nearest neighbours in `x`, the share also among its 10 nearest in `layout`. */
function neighbourRecall(x, rows, cols, layout) {
  const high = exactNeighbors(x, rows, cols, 10).indices;
  const low = exactNeighbors(layout, rows, 2, 10).indices;
  let shared = 0;
  for (let i = 0; i < rows; i++) {
    const mine = new Set(low.subarray(i * 10, i * 10 + 10));
    for (let j = 0; j < 10; j++) {
      shared += mine.has(high[i * 10 + j]) ? 1 : 0;
    }
  }
  return shared / (rows * 10);
}

function fit(x, rows, cols, params) {
  const start = performance.now();
  const tsne = new Tsne(x, rows, cols, { perplexity: 30, ...params });
  const layout = tsne.fit();
  return { layout, tsne, seconds: (performance.now() - start) / 1000 };
}

// Warm-up: JIT of every path on a small problem.
{
  const x = Float32Array.from({ length: 300 * 10 }, (_, i) => Math.sin(i * 0.37));
  const { layout } = fit(x, 300, 10, { iterations: 100 });
  fit(x, 300, 10, { init: layout, warmStart: true });
}

for (const model of args.models.split(',')) {
  const folder = join(args.dir, model);
  const { rows, layers } = JSON.parse(readFileSync(join(folder, 'layers.json'), 'utf8'));
  const r = readFileSync(join(folder, 'labels.i32'));
  const labels = new Int32Array(r.buffer.slice(r.byteOffset, r.byteOffset + r.byteLength));
  let previous = null;
  for (const { name, cols } of layers) {
    if (cols < 2) {
      continue; // a strip, not a t-SNE layout
    }
    const x = f32(join(folder, `${name}.f32`));
    const score = (layout) => ({
      trust: +trustworthiness(x, cols, layout, 2, { k: 10 }).toFixed(4),
      knn: +knnAccuracy(layout, 2, labels, 10).toFixed(4)
    });
    const cold = fit(x, rows, cols, {});
    const rowsOut = [
      { variant: 'cold 750', seconds: +cold.seconds.toFixed(2), ...score(cold.layout) }
    ];
    if (previous !== null) {
      const shrunk = fit(x, rows, cols, { init: previous });
      rowsOut.push({
        variant: 'shrunk 750',
        seconds: +shrunk.seconds.toFixed(2),
        ...score(shrunk.layout)
      });
      const warm = fit(x, rows, cols, { init: previous, warmStart: true });
      rowsOut.push({
        variant: warm.tsne.warmStarted ? `warm ${warm.tsne.iterations}` : 'declined: shrunk 750',
        seconds: +warm.seconds.toFixed(2),
        ...score(warm.layout)
      });
    }
    const recall =
      previous === null
        ? ''
        : `, start's 10-NN recall ${neighbourRecall(x, rows, cols, previous).toFixed(3)}`;
    console.log(`\n${model} ${name} (${rows} x ${cols}${recall})`);
    console.table(rowsOut);
    previous = cold.layout;
  }
}
