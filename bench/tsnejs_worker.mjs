// Runs the card's tsne-js (exact O(N²) t-SNE) on the first N rows of a data set, in its own
// process so the benchmark can stop it at a time limit.
//
//   node bench/tsnejs_worker.mjs DATA_PREFIX N ITERATIONS PERPLEXITY OUT.f32
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const TSNE = require('tsne-js');

const [prefix, n, iterations, perplexity, out] = process.argv.slice(2);
const meta = JSON.parse(readFileSync(`${prefix}.json`, 'utf8'));
const raw = readFileSync(`${prefix}.f32`);
const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
const rows = Number(n);
const data = Array.from({ length: rows }, (_, r) =>
  Array.from(all.subarray(r * meta.cols, (r + 1) * meta.cols))
);
const start = performance.now();
const model = new TSNE({
  dim: 2,
  perplexity: Number(perplexity),
  nIter: Number(iterations),
  metric: 'euclidean'
});
model.init({ data, type: 'dense' });
model.run();
const seconds = (performance.now() - start) / 1000;
const layout = Float32Array.from(model.getOutput().flat());
writeFileSync(out, Buffer.from(layout.buffer));
console.log(JSON.stringify({ seconds }));
