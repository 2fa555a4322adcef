// Runs the card's tsne-js (exact O(N²) t-SNE) on the first N rows of a data set, in its own
// process so the benchmark can stop it at a time limit.
//
//   node bench/tsnejs_worker.mjs DATA_PREFIX N ITERATIONS PERPLEXITY OUT.f32
//
// Before the clock starts (all in this process): the import, reading the data, converting it to
// the arrays of arrays tsne-js takes, and one warm-up run with the same settings on the first
// WARMUP_ROWS rows (so that V8 has compiled tsne-js's hot loops). It then prints
// {"started": true}, from which bench/run.mjs counts its time limit, and {"seconds": ...} at the
// end: `init` (distances, affinities) and `run` (the iterations) alone.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const TSNE = require('tsne-js');

const WARMUP_ROWS = 200;
const [prefix, n, iterations, perplexity, out] = process.argv.slice(2);
const meta = JSON.parse(readFileSync(`${prefix}.json`, 'utf8'));
const raw = readFileSync(`${prefix}.f32`);
const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
const rows = Number(n);
const data = Array.from({ length: rows }, (_, r) =>
  Array.from(all.subarray(r * meta.cols, (r + 1) * meta.cols))
);

function fit(points) {
  const model = new TSNE({
    dim: 2,
    perplexity: Number(perplexity),
    nIter: Number(iterations),
    metric: 'euclidean'
  });
  model.init({ data: points, type: 'dense' });
  model.run();
  return model;
}

fit(data.slice(0, Math.min(WARMUP_ROWS, rows)));
console.log(JSON.stringify({ started: true }));
const start = performance.now();
const model = fit(data);
const seconds = (performance.now() - start) / 1000;
const layout = Float32Array.from(model.getOutput().flat());
writeFileSync(out, Buffer.from(layout.buffer));
console.log(JSON.stringify({ seconds, warmup_rows: Math.min(WARMUP_ROWS, rows) }));
