import { checkLabels } from '../reduce/check.js';
import { exactNeighbors } from '../reduce/knn.js';

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

/**
 * Leave-one-out k-nearest-neighbour classification accuracy: the share of points whose k nearest
 * other points (Euclidean) vote for their own label, ties going to the smallest label (as
 * scikit-learn's `KNeighborsClassifier`).
 *
 * Memory O(N k). With `queries`, only those rows are scored (their neighbours are still searched
 * among all rows): O(queries × N × cols) time instead of O(N² cols / 2).
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
  const rows = labels.length;
  checkLabels(data, cols, labels);
  const kk = Math.min(k, rows - 1);
  const neighborsOf: (i: number) => number[] =
    queries === undefined
      ? (() => {
          const all = exactNeighbors(data, rows, cols, kk);
          return (i: number) => Array.from(all.indices.subarray(i * kk, (i + 1) * kk));
        })()
      : (i: number) => nearestInLayout(data, cols, rows, i, kk);
  const scored = queries ?? Array.from({ length: rows }, (_, i) => i);
  let correct = 0;
  const votes = new Map<number, number>();
  for (const i of scored) {
    votes.clear();
    for (const j of neighborsOf(i)) {
      const label = labels[j]!;
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

/** The k rows nearest to row i (i excluded), by a bounded selection; ties by index. */
function nearestInLayout(
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
