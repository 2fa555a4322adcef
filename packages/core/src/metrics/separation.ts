import { checkLabels } from '../reduce/argument_checks.js';
import { type MetricOptions, runSteps, runStepsAsync, type Steps } from '../steps.js';

/**
 * Mean silhouette coefficient of the labelled classes (Rousseeuw 1987), Euclidean, as
 * scikit-learn's `silhouette_score`: for each sample, a = mean distance to the other members of
 * its class, b = the smallest mean distance to another class, s = (b − a) / max(a, b); samples
 * alone in their class count 0.
 *
 * Time O(N² D), memory O(N + classes): no N × N matrix is held.
 *
 * @param data - `(N, cols)` row-major.
 * @param labels - one class per row; at least two classes.
 * @returns a value in [−1, 1]: near 1 when classes are compact and apart, near 0 when they overlap.
 * @throws RangeError with fewer than two classes or mismatched sizes.
 */
export function silhouetteScore(
  data: ArrayLike<number>,
  cols: number,
  labels: ArrayLike<number>
): number {
  return runSteps(silhouetteSteps(data, cols, labels));
}

/**
 * {@link silhouetteScore} without blocking: yields to the event loop between rows, reports the
 * share of rows done and stops when `signal` fires.
 */
export function silhouetteScoreAsync(
  data: ArrayLike<number>,
  cols: number,
  labels: ArrayLike<number>,
  options: MetricOptions = {}
): Promise<number> {
  return runStepsAsync(silhouetteSteps(data, cols, labels), options);
}

/** {@link silhouetteScore} in steps of one row (see {@link runStepsAsync}). */
export function* silhouetteSteps(
  data: ArrayLike<number>,
  cols: number,
  labels: ArrayLike<number>
): Steps<number> {
  const rows = labels.length;
  checkLabels(data, cols, labels);
  const classes = [...new Set(Array.from(labels))];
  if (classes.length < 2) {
    throw new RangeError(`the silhouette needs at least two classes, got ${classes.length}`);
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  const sizes = new Float64Array(classes.length);
  const classOf = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    classOf[i] = index.get(labels[i]!)!;
    sizes[classOf[i]!]! += 1;
  }
  const sums = new Float64Array(classes.length);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    sums.fill(0);
    for (let j = 0; j < rows; j++) {
      if (j === i) {
        continue;
      }
      let d = 0;
      for (let c = 0; c < cols; c++) {
        const t = data[i * cols + c]! - data[j * cols + c]!;
        d += t * t;
      }
      sums[classOf[j]!]! += Math.sqrt(d);
    }
    yield (i + 1) / rows;
    const own = classOf[i]!;
    if (sizes[own]! <= 1) {
      continue;
    }
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let k = 0; k < classes.length; k++) {
      if (k !== own && sizes[k]! > 0) {
        b = Math.min(b, sums[k]! / sizes[k]!);
      }
    }
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / rows;
}

/**
 * Linear centred kernel alignment (Kornblith et al. 2019) between two representations of the same
 * samples: `‖Yᵀ X‖²_F / (‖Xᵀ X‖_F ‖Yᵀ Y‖_F)` on column-centred X and Y. 1 when one is an orthogonal
 * transform and scaling of the other, near 0 when unrelated.
 *
 * Time O(N (Dx + Dy)²), memory O((Dx + Dy)²).
 *
 * @param x - `(N, xCols)` row-major.
 * @param y - `(N, yCols)` row-major, same N.
 * @returns a value in [0, 1].
 */
export function linearCka(
  x: ArrayLike<number>,
  xCols: number,
  y: ArrayLike<number>,
  yCols: number
): number {
  return runSteps(linearCkaSteps(x, xCols, y, yCols));
}

/**
 * {@link linearCka} without blocking: yields to the event loop between blocks of rows, reports the
 * share done and stops when `signal` fires.
 */
export function linearCkaAsync(
  x: ArrayLike<number>,
  xCols: number,
  y: ArrayLike<number>,
  yCols: number,
  options: MetricOptions = {}
): Promise<number> {
  return runStepsAsync(linearCkaSteps(x, xCols, y, yCols), options);
}

/** {@link linearCka} in steps of a block of rows (see {@link runStepsAsync}). */
export function* linearCkaSteps(
  x: ArrayLike<number>,
  xCols: number,
  y: ArrayLike<number>,
  yCols: number
): Steps<number> {
  const rows = x.length / xCols;
  if (y.length !== rows * yCols) {
    throw new RangeError(`${rows} rows in x but ${y.length / yCols} in y`);
  }
  const xc = centred(x, rows, xCols);
  const yc = centred(y, rows, yCols);
  // The three Gram matrices, a third of the work each.
  const products = [
    [yc, yCols, xc, xCols],
    [xc, xCols, xc, xCols],
    [yc, yCols, yc, yCols]
  ] as const;
  const norms: number[] = [];
  for (const [p, [a, aCols, b, bCols]] of products.entries()) {
    const g = yield* gramSteps(a, aCols, b, bCols, rows, (share) => (p + share) / 3);
    norms.push(frobeniusSquared(g));
  }
  const [cross, xx, yy] = [norms[0]!, Math.sqrt(norms[1]!), Math.sqrt(norms[2]!)];
  return xx > 0 && yy > 0 ? cross / (xx * yy) : 0;
}

/** A float64 copy of `(rows, cols)` row-major `x` with each column's mean subtracted. */
export function centred(x: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = Float64Array.from(x as ArrayLike<number>);
  for (let c = 0; c < cols; c++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) {
      mean += out[r * cols + c]!;
    }
    mean /= Math.max(1, rows);
    for (let r = 0; r < rows; r++) {
      out[r * cols + c]! -= mean;
    }
  }
  return out;
}

/**
 * `aᵀ b` for `(rows, aCols)` and `(rows, bCols)` row-major matrices, in blocks of rows, yielding
 * `progress(share of rows done)`.
 */
export function* gramSteps(
  a: Float64Array,
  aCols: number,
  b: Float64Array,
  bCols: number,
  rows: number,
  progress: (share: number) => number
): Steps<Float64Array> {
  const out = new Float64Array(aCols * bCols);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < aCols; i++) {
      const v = a[r * aCols + i]!;
      if (v === 0) {
        continue;
      }
      for (let j = 0; j < bCols; j++) {
        out[i * bCols + j]! += v * b[r * bCols + j]!;
      }
    }
    if (r % 64 === 63) {
      yield progress((r + 1) / rows);
    }
  }
  return out;
}

/** The sum of the squares of `m`'s entries. */
export function frobeniusSquared(m: Float64Array): number {
  let s = 0;
  for (let i = 0; i < m.length; i++) {
    s += m[i]! * m[i]!;
  }
  return s;
}
