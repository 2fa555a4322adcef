// Data sets of the performance scripts in this folder.
import { existsSync, readFileSync } from 'node:fs';

import { gaussian, seededRandom } from '../../lib/reduce/index.js';

/**
 * `act`: the first n rows of the benchmark's activations (out/bench/data, 64 columns, labels;
 * `npm run bench` prepares them); `syn50`: 20 Gaussian clusters in 50-D (centres N(0, 3²) per
 * axis, unit noise), seed 1, labelled by cluster. Returns `{ x, cols, labels }`.
 */
export function dataset(name, n) {
  if (name === 'act') {
    const path = 'out/bench/data/activations.f32';
    if (!existsSync(path)) {
      throw new Error(`${path} missing: run npm run bench once (it prepares the data)`);
    }
    const raw = readFileSync(path);
    const all = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
    const l = readFileSync('out/bench/data/activations.labels.i32');
    const labels = new Int32Array(l.buffer, l.byteOffset, l.byteLength / 4).slice(0, n);
    return { x: all.slice(0, n * 64), cols: 64, labels };
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
  return { x, cols, labels: Int32Array.from({ length: n }, (_, i) => i % 20) };
}
