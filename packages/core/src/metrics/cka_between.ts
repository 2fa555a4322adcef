import { type MetricOptions, runSteps, runStepsAsync, type Steps } from '../steps.js';
import { type CkaLayer, centredColumns, crossSquaredSteps } from './cka_matrix.js';

/**
 * Linear CKA between every layer of one set and every layer of another, on the same samples: two
 * models shown side by side, or one model at two moments of its training. Entry `(i, j)` is
 * `‖Bⱼᵀ Aᵢ‖²_F / (‖Aᵢᵀ Aᵢ‖_F ‖Bⱼᵀ Bⱼ‖_F)` on column-centred features, as
 * {@link linearCkaMatrix} computes it within one set (the same exact feature-space form, linear in
 * the number of samples).
 *
 * @param rows - layers of the first set (the matrix's rows), at least one.
 * @param cols - layers of the second set (its columns), at least one; all with as many samples
 *   (rows of `data`) as the first set's.
 * @returns `(rows.length, cols.length)` row-major, each entry in [0, 1]; 0 where either layer is
 *   constant (CKA undefined).
 * @throws RangeError when the layers' sample counts differ.
 */
export function linearCkaBetween(
  rows: readonly CkaLayer[],
  cols: readonly CkaLayer[]
): Float64Array {
  return runSteps(linearCkaBetweenSteps(rows, cols));
}

/**
 * {@link linearCkaBetween} without blocking: yields to the event loop between blocks of columns,
 * reports the share done and stops when `signal` fires.
 */
export function linearCkaBetweenAsync(
  rows: readonly CkaLayer[],
  cols: readonly CkaLayer[],
  options: MetricOptions = {}
): Promise<Float64Array> {
  return runStepsAsync(linearCkaBetweenSteps(rows, cols), options);
}

/** {@link linearCkaBetween} in steps (see `runStepsAsync`). */
export function* linearCkaBetweenSteps(
  rows: readonly CkaLayer[],
  cols: readonly CkaLayer[]
): Steps<Float64Array> {
  const all = [...rows, ...cols];
  const samples = all.length === 0 ? 0 : all[0]!.data.length / all[0]!.cols;
  for (const [i, layer] of all.entries()) {
    if (layer.data.length !== samples * layer.cols) {
      const set =
        i < rows.length ? `first set's layer ${i}` : `second set's layer ${i - rows.length}`;
      throw new RangeError(
        `the ${set} has ${layer.data.length / layer.cols} samples, not ${samples}`
      );
    }
  }
  // Progress in multiply-adds: each layer's own product, then every cross product.
  let total = 0;
  for (const layer of all) {
    total += layer.cols * layer.cols;
  }
  for (const a of rows) {
    for (const b of cols) {
      total += a.cols * b.cols;
    }
  }
  let done = 0;
  const product = function* (a: Float64Array, aCols: number, b: Float64Array, bCols: number) {
    const cost = aCols * bCols;
    const value = yield* crossSquaredSteps(a, aCols, b, bCols, samples, (share) =>
      total > 0 ? (done + share * cost) / total : 1
    );
    done += cost;
    return value;
  };
  // The second set is held centred (it is read once per row layer); the first is centred once.
  const centredCols = cols.map((layer) => centredColumns(layer.data, samples, layer.cols));
  const colNorms: number[] = [];
  for (const [j, layer] of cols.entries()) {
    const y = centredCols[j]!;
    colNorms.push(Math.sqrt(yield* product(y, layer.cols, y, layer.cols)));
  }
  const out = new Float64Array(rows.length * cols.length);
  for (const [i, layer] of rows.entries()) {
    const x = centredColumns(layer.data, samples, layer.cols);
    const norm = Math.sqrt(yield* product(x, layer.cols, x, layer.cols));
    for (const [j, other] of cols.entries()) {
      const cross = yield* product(x, layer.cols, centredCols[j]!, other.cols);
      const denominator = norm * colNorms[j]!;
      out[i * cols.length + j] = denominator > 0 ? cross / denominator : 0;
    }
  }
  return out;
}
