// Exact vs approximate k-NN: seconds and recall (not a test; run after `npx tsc -b packages/core`).
//
//   node packages/core/test/perf/neighbors.mjs [--sizes 10000,20000] [--k 90] [--data act,syn50]
//
// act: the benchmark's activations (out/bench/data, 64 columns; `npm run bench` writes them);
// syn50: 20 Gaussian clusters in 50-D (centres N(0, 3²) per axis, unit noise), seed 1.
// Each method runs once on 1,000 rows first (JIT warm-up), then once timed.
import { parseArgs } from 'node:util';

import { approximateNeighbors, exactNeighbors } from '../../lib/reduce/index.js';
import { dataset } from './data.mjs';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,20000' },
    k: { type: 'string', default: '90' },
    data: { type: 'string', default: 'act,syn50' }
  }
});
const k = Number(args.k);

function recall(got, exact) {
  let hits = 0;
  for (let i = 0; i < exact.rows; i++) {
    const truth = new Set(exact.indices.subarray(i * k, (i + 1) * k));
    for (const j of got.indices.subarray(i * k, (i + 1) * k)) {
      hits += truth.has(j) ? 1 : 0;
    }
  }
  return hits / (exact.rows * k);
}

function timed(f) {
  const t = performance.now();
  const result = f();
  return { result, seconds: (performance.now() - t) / 1000 };
}

for (const name of args.data.split(',')) {
  for (const n of args.sizes.split(',').map(Number)) {
    const { x, cols } = dataset(name, n);
    const warm = x.subarray(0, 1000 * cols);
    exactNeighbors(warm, 1000, cols, k);
    approximateNeighbors(warm, 1000, cols, k);
    const exact = timed(() => exactNeighbors(x, n, cols, k));
    const approx = timed(() => approximateNeighbors(x, n, cols, k));
    console.log(
      JSON.stringify({
        data: name,
        n,
        cols,
        k,
        exactSeconds: +exact.seconds.toFixed(2),
        approximateSeconds: +approx.seconds.toFixed(2),
        recall: +recall(approx.result, exact.result).toFixed(4)
      })
    );
  }
}
