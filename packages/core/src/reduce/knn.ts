import { runSteps, type Steps } from '../steps.js';
import { throwIfAborted } from '../progress.js';
import { approximateNeighborsSteps } from './nn_descent.js';

/** The k nearest neighbours of every row, nearest first, the row itself excluded. */
export interface Neighbors {
  /** Number of rows N. */
  readonly rows: number;
  /** Neighbours per row. */
  readonly k: number;
  /** `(N, k)` row indices, row-major. */
  readonly indices: Int32Array;
  /** `(N, k)` squared Euclidean distances, ascending per row. */
  readonly squaredDistances: Float64Array;
}

/**
 * Exact k nearest neighbours by squared Euclidean distance.
 *
 * Time O(N² D / 2) (each pair is measured once and offered to both rows), memory O(N k): nothing
 * of size N² is ever held. Ties are broken by the lower index, so the result is deterministic.
 *
 * @param data - `(rows, cols)` row-major.
 * @param k - neighbours per row, in [1, rows - 1].
 * @param signal - checked every few hundred rows.
 * @throws RangeError when k is out of range.
 */
export function exactNeighbors(
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  k: number,
  signal?: AbortSignal
): Neighbors {
  return runSteps(exactNeighborsSteps(data, rows, cols, k, signal));
}

/**
 * {@link exactNeighbors} in steps of one row, yielding the share of distance pairs measured so far
 * (see `runStepsAsync`).
 */
export function* exactNeighborsSteps(
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  k: number,
  signal?: AbortSignal
): Steps<Neighbors> {
  if (!Number.isInteger(k) || k < 1 || k > rows - 1) {
    throw new RangeError(`k must be an integer in [1, ${rows - 1}], got ${k}`);
  }
  const x = Float64Array.from(data as ArrayLike<number>);
  // Max-heaps (worst neighbour on top) of size k per row.
  const heapIdx = new Int32Array(rows * k).fill(-1);
  const heapDist = new Float64Array(rows * k).fill(Infinity);
  const pairs = Math.max(1, (rows * (rows - 1)) / 2);
  let measured = 0;
  for (let i = 0; i < rows; i++) {
    if (i % 256 === 0) {
      throwIfAborted(signal);
    }
    const oi = i * cols;
    for (let j = i + 1; j < rows; j++) {
      const oj = j * cols;
      // Two accumulators let the CPU overlap the multiply-adds (about 25% faster in V8).
      let d0 = 0;
      let d1 = 0;
      let c = 0;
      for (; c + 1 < cols; c += 2) {
        const t = x[oi + c]! - x[oj + c]!;
        const u = x[oi + c + 1]! - x[oj + c + 1]!;
        d0 += t * t;
        d1 += u * u;
      }
      if (c < cols) {
        const t = x[oi + c]! - x[oj + c]!;
        d0 += t * t;
      }
      const d = d0 + d1;
      if (d < heapDist[i * k]!) {
        heapReplaceTop(heapIdx, heapDist, i * k, k, j, d);
      }
      if (d < heapDist[j * k]!) {
        heapReplaceTop(heapIdx, heapDist, j * k, k, i, d);
      }
    }
    measured += rows - 1 - i;
    yield measured / pairs;
  }
  sortRows(heapIdx, heapDist, rows, k);
  return { rows, k, indices: heapIdx, squaredDistances: heapDist };
}

function heapReplaceTop(
  idx: Int32Array,
  dist: Float64Array,
  base: number,
  k: number,
  index: number,
  d: number
): void {
  let pos = 0;
  for (;;) {
    const left = 2 * pos + 1;
    if (left >= k) {
      break;
    }
    const right = left + 1;
    let child = left;
    if (right < k && dist[base + right]! > dist[base + left]!) {
      child = right;
    }
    if (dist[base + child]! <= d) {
      break;
    }
    dist[base + pos] = dist[base + child]!;
    idx[base + pos] = idx[base + child]!;
    pos = child;
  }
  dist[base + pos] = d;
  idx[base + pos] = index;
}

function sortRows(idx: Int32Array, dist: Float64Array, rows: number, k: number): void {
  const order = new Array<number>(k);
  const tmpIdx = new Int32Array(k);
  const tmpDist = new Float64Array(k);
  for (let r = 0; r < rows; r++) {
    const base = r * k;
    for (let i = 0; i < k; i++) {
      order[i] = i;
    }
    order.sort((a, b) => dist[base + a]! - dist[base + b]! || idx[base + a]! - idx[base + b]!);
    for (let i = 0; i < k; i++) {
      tmpIdx[i] = idx[base + order[i]!]!;
      tmpDist[i] = dist[base + order[i]!]!;
    }
    idx.set(tmpIdx, base);
    dist.set(tmpDist, base);
  }
}

/** Above this many rows {@link nearestNeighbors} switches from exact to approximate search. */
export const APPROXIMATE_ABOVE_ROWS = 5000;

/** Options of {@link nearestNeighbors}. */
export interface NearestNeighborsOptions {
  /** `'auto'` (default): exact up to {@link APPROXIMATE_ABOVE_ROWS} rows, approximate above. */
  readonly method?: 'auto' | 'exact' | 'approximate';
  /** Seed of the approximate search; default 0. */
  readonly seed?: number;
  readonly signal?: AbortSignal;
}

/**
 * The k nearest neighbours of every row, nearest first: exact ({@link exactNeighbors}) for small
 * data, approximate ({@link approximateNeighbors}: random projection trees and nearest-neighbour
 * descent, recall ≥ 0.98 in the tests) above {@link APPROXIMATE_ABOVE_ROWS} rows, where exact
 * search's O(N² D) dominates a layout's time (9 of 41 s for t-SNE of 10,000 × 64 here).
 *
 * @param k - neighbours per row, in [1, rows - 1].
 * @throws RangeError when k is out of range.
 */
export function nearestNeighbors(
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  k: number,
  options: NearestNeighborsOptions = {}
): Neighbors {
  return runSteps(nearestNeighborsSteps(data, rows, cols, k, options));
}

/** {@link nearestNeighbors} in steps, yielding the share done (see `runStepsAsync`). */
export function nearestNeighborsSteps(
  data: ArrayLike<number>,
  rows: number,
  cols: number,
  k: number,
  options: NearestNeighborsOptions = {}
): Steps<Neighbors> {
  const method = options.method ?? 'auto';
  const exact = method === 'exact' || (method === 'auto' && rows <= APPROXIMATE_ABOVE_ROWS);
  return exact
    ? exactNeighborsSteps(data, rows, cols, k, options.signal)
    : approximateNeighborsSteps(data, rows, cols, k, {
        seed: options.seed,
        signal: options.signal
      });
}
