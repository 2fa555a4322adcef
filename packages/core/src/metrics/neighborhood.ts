import { checkLabels } from '../reduce/argument_checks.js';
import { nearestNeighborsSteps } from '../reduce/knn.js';
import { type MetricOptions, runSteps, runStepsAsync, type Steps } from '../steps.js';

/** Options of {@link trustworthiness}. */
export interface TrustworthinessOptions {
  /** Neighbours compared, in [1, N/2); default 10. */
  readonly k?: number;
  /**
   * Rows whose neighbourhoods are scored; default all. Scoring a fixed sample of rows keeps the
   * cost O(queries × N × D) on large N, and is an unbiased estimate of the full score.
   */
  readonly queries?: ArrayLike<number>;
}

/**
 * Trustworthiness (Venna & Kaski 2001) of a layout: 1 when every point's k nearest neighbours in
 * the layout are also among its k nearest in the original space, lower as the layout brings in
 * points that were far. Same definition and normalisation as scikit-learn's
 * `sklearn.manifold.trustworthiness`.
 *
 * Memory O(N) per query row; nothing of size N² is held.
 *
 * @param high - `(N, highCols)` original features, row-major.
 * @param low - `(N, lowCols)` layout, row-major.
 * @returns a value in [0, 1].
 */
export function trustworthiness(
  high: ArrayLike<number>,
  highCols: number,
  low: ArrayLike<number>,
  lowCols: number,
  options: TrustworthinessOptions = {}
): number {
  return runSteps(trustworthinessSteps(high, highCols, low, lowCols, options));
}

/**
 * {@link trustworthiness} without blocking: yields to the event loop between query rows, reports
 * the share of rows scored and stops when `signal` fires.
 */
export function trustworthinessAsync(
  high: ArrayLike<number>,
  highCols: number,
  low: ArrayLike<number>,
  lowCols: number,
  options: TrustworthinessOptions & MetricOptions = {}
): Promise<number> {
  return runStepsAsync(trustworthinessSteps(high, highCols, low, lowCols, options), options);
}

/** {@link trustworthiness} in steps of one query row (see {@link runStepsAsync}). */
export function* trustworthinessSteps(
  high: ArrayLike<number>,
  highCols: number,
  low: ArrayLike<number>,
  lowCols: number,
  options: TrustworthinessOptions = {}
): Steps<number> {
  const rows = low.length / lowCols;
  if (high.length !== rows * highCols) {
    throw new RangeError(`${high.length / highCols} original rows but ${rows} layout rows`);
  }
  const k = options.k ?? 10;
  if (k < 1 || k >= rows / 2) {
    throw new RangeError(`k must be in [1, ${Math.ceil(rows / 2) - 1}] for ${rows} rows, got ${k}`);
  }
  const queries = options.queries ?? Array.from({ length: rows }, (_, i) => i);
  const dist = new Float64Array(rows);
  let penalty = 0;
  for (let q = 0; q < queries.length; q++) {
    const i = queries[q]!;
    for (let j = 0; j < rows; j++) {
      dist[j] = squaredDistance(high, highCols, i, j);
    }
    for (const j of nearestInLayout(low, lowCols, rows, i, k)) {
      // Rank of j among i's neighbours in the original space (1 = nearest; ties by index).
      const dj = dist[j]!;
      let rank = 1;
      for (let m = 0; m < rows; m++) {
        if (m !== i && (dist[m]! < dj || (dist[m] === dj && m < j))) {
          rank++;
        }
      }
      penalty += Math.max(0, rank - k);
    }
    yield (q + 1) / queries.length;
  }
  // Scoring a sample of rows estimates the full sum: scale it up to all N rows.
  const scaled = (penalty * rows) / Math.max(1, queries.length);
  return 1 - (2 / (rows * k * (2 * rows - 3 * k - 1))) * scaled;
}

/**
 * Continuity (Venna & Kaski 2001) of a layout: 1 when every point's k nearest neighbours in the
 * original space stay among its k nearest in the layout, lower as the layout tears neighbours
 * apart. The mirror of {@link trustworthiness}, with the two spaces swapped.
 *
 * @returns a value in [0, 1].
 */
export function continuity(
  high: ArrayLike<number>,
  highCols: number,
  low: ArrayLike<number>,
  lowCols: number,
  options: TrustworthinessOptions = {}
): number {
  return trustworthiness(low, lowCols, high, highCols, options);
}

/** {@link continuity} without blocking, as {@link trustworthinessAsync}. */
export function continuityAsync(
  high: ArrayLike<number>,
  highCols: number,
  low: ArrayLike<number>,
  lowCols: number,
  options: TrustworthinessOptions & MetricOptions = {}
): Promise<number> {
  return trustworthinessAsync(low, lowCols, high, highCols, options);
}

/**
 * Leave-one-out k-nearest-neighbour classification accuracy: the share of points whose k nearest
 * other points (Euclidean) vote for their own label, ties going to the smallest label (as
 * scikit-learn's `KNeighborsClassifier`).
 *
 * Memory O(N k). Without `queries`, every row is scored with `nearestNeighbors` (exact up to
 * 5,000 rows, approximate above, recall ≥ 0.98). With `queries`, only those rows are scored, their
 * neighbours searched exactly among all rows: O(queries × N × cols) time.
 *
 * @param data - `(N, cols)` row-major: a layout or features.
 * @param labels - one class per row.
 * @returns a value in [0, 1].
 */
export function knnAccuracy(
  data: ArrayLike<number>,
  cols: number,
  labels: ArrayLike<number>,
  k = 10,
  queries?: readonly number[]
): number {
  return runSteps(knnAccuracySteps(data, cols, labels, k, queries));
}

/**
 * {@link knnAccuracy} without blocking: yields to the event loop while it searches neighbours,
 * reports the share done and stops when `signal` fires.
 */
export function knnAccuracyAsync(
  data: ArrayLike<number>,
  cols: number,
  labels: ArrayLike<number>,
  k = 10,
  queries?: readonly number[],
  options: MetricOptions = {}
): Promise<number> {
  return runStepsAsync(knnAccuracySteps(data, cols, labels, k, queries), options);
}

/** {@link knnAccuracy} in steps (see {@link runStepsAsync}). */
export function* knnAccuracySteps(
  data: ArrayLike<number>,
  cols: number,
  labels: ArrayLike<number>,
  k = 10,
  queries?: readonly number[]
): Steps<number> {
  const rows = labels.length;
  checkLabels(data, cols, labels);
  const kk = Math.min(k, rows - 1);
  const scored = queries ?? Array.from({ length: rows }, (_, i) => i);
  let neighborsOf: (i: number) => ArrayLike<number>;
  if (queries === undefined) {
    const all = yield* nearestNeighborsSteps(data, rows, cols, kk);
    neighborsOf = (i) => all.indices.subarray(i * kk, (i + 1) * kk);
  } else {
    neighborsOf = (i) => nearestInLayout(data, cols, rows, i, kk);
  }
  let correct = 0;
  const votes = new Map<number, number>();
  for (let q = 0; q < scored.length; q++) {
    const i = scored[q]!;
    votes.clear();
    const neighbors = neighborsOf(i);
    for (let n = 0; n < neighbors.length; n++) {
      const label = labels[neighbors[n]!]!;
      votes.set(label, (votes.get(label) ?? 0) + 1);
    }
    let best = -Infinity;
    let bestVotes = -1;
    for (const [label, count] of votes) {
      if (count > bestVotes || (count === bestVotes && label < best)) {
        best = label;
        bestVotes = count;
      }
    }
    if (best === labels[i]) {
      correct++;
    }
    if (queries !== undefined) {
      yield (q + 1) / scored.length;
    }
  }
  return scored.length > 0 ? correct / scored.length : 0;
}

function squaredDistance(x: ArrayLike<number>, cols: number, i: number, j: number): number {
  let d = 0;
  for (let c = 0; c < cols; c++) {
    const t = x[i * cols + c]! - x[j * cols + c]!;
    d += t * t;
  }
  return d;
}

/**
 * The k rows nearest to row i (i excluded, Euclidean), nearest first, by a bounded selection
 * over all rows: O(N × cols) time; ties by index.
 */
export function nearestInLayout(
  low: ArrayLike<number>,
  cols: number,
  rows: number,
  i: number,
  k: number
): number[] {
  const best: { j: number; d: number }[] = [];
  for (let j = 0; j < rows; j++) {
    if (j === i) {
      continue;
    }
    const d = squaredDistance(low, cols, i, j);
    if (best.length < k || d < best[best.length - 1]!.d) {
      let at = best.length;
      while (at > 0 && best[at - 1]!.d > d) {
        at--;
      }
      best.splice(at, 0, { j, d });
      if (best.length > k) {
        best.pop();
      }
    }
  }
  return best.map((b) => b.j);
}
