// Exact vs approximate k-NN: seconds and recall (not a test; run after `npx tsc -b packages/core`).
//
//   node packages/core/test/perf/neighbors.mjs [--sizes 10000,20000] [--k 90] [--data act,syn50]
//
// act: the benchmark's activations (out/bench/data, 64 columns; `npm run bench` writes them);
// syn50: 20 Gaussian clusters in 50-D (centres N(0, 3²) per axis, unit noise), seed 1.
// Each method runs once on 1,000 rows first (JIT warm-up), then once timed.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import {
  approximateNeighbors,
  exactNeighbors,
  gaussian,
  seededRandom
} from '../../lib/reduce/index.js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,20000' },
    k: { type: 'string', default: '90' },
    data: { type: 'string', default: 'act,syn50' }
  }
});
const k = Number(args.k);

export function dataset(name, n) {
  if (name === 'act') {
    const path = 'out/bench/data/activations.f32';
    if (!existsSync(path)) {
      throw new Error(`${path} missing: run npm run bench once (it prepares the data)`);
    }
    const raw = readFileSync(path);
    const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    return { x: all.slice(0, n * 64), cols: 64 };
  }
  const cols = 50;
  const random = seededRandom(1);
  const centres = Array.from({ length: 20 }, () =>
    Array.from({ length: cols }, () => 3 * gaussian(random))
  );
  const x = new Float32Array(n * cols);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < cols; c++) {
      x[i * cols + c] = centres[i % 20][c] + gaussian(random);
    }
  }
  return { x, cols };
}

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
