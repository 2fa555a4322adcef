import { seededRandom, shuffledIndices } from '../reduce/random.js';
import { type MetricOptions, runSteps, runStepsAsync, type Steps } from '../steps.js';
import { nearestInLayout } from '../metrics/neighborhood.js';
import { linearProbe } from './probe.js';

/** Neighbours each selected point's purity counts (k of k-NN purity). */
export const SELECTION_K = 10;

/** Fewest selected points (and fewest left out) for which the selection metrics are computed. */
export const SELECTION_MIN_POINTS = 5;

/**
 * Above this many selected points, k-NN purity is averaged over a seeded sample of them (an
 * unbiased estimate; its standard error stays under 0.02), so a layer costs O(sample × N × D).
 */
export const SELECTION_QUERY_SAMPLE = 1000;

/**
 * Above this many samples, the probe trains and tests on a seeded sample: up to half of it
 * selected points, the rest from the others (balanced accuracy does not depend on the ratio).
 */
export const SELECTION_PROBE_SAMPLE = 2000;

/** What is shown instead of numbers when a selection is too small or holds every point. */
export const SELECTION_TOO_SMALL =
  `Select at least ${SELECTION_MIN_POINTS} and not all points ` +
  'to see where the selection separates from the rest.';

/** How separable a selection is from the rest of the samples in one layer's features. */
export interface SelectionSeparability {
  /**
   * Mean share of each selected point's {@link SELECTION_K} nearest neighbours (Euclidean, in
   * the layer's features, the point itself excluded) that are selected too, in [0, 1].
   */
  readonly knnPurity: number;
  /** The purity of a random selection of the same size: the selected share, n / N, in (0, 1). */
  readonly chance: number;
  /**
   * Balanced accuracy, in [0, 1] (chance 0.5), of a logistic regression telling selected from
   * not selected, trained on a seeded stratified 70% and scored on the other 30%.
   */
  readonly probeBalancedAccuracy: number;
  /** How many points are selected. */
  readonly nSelected: number;
}

/** Options of {@link selectionSeparability}. */
export interface SelectionOptions extends MetricOptions {
  /** Seed of the samples and of the probe's split; default 0. */
  readonly seed?: number;
  /** Full-batch Adam steps of the probe; default 200 (the selection is measured on every layer). */
  readonly probeEpochs?: number;
}

/**
 * Why the selection metrics cannot be computed for this selection ({@link SELECTION_TOO_SMALL}),
 * or null when they can.
 *
 * @param selected - one entry per sample: non-zero for a selected one.
 */
export function selectionProblem(selected: ArrayLike<number>): string | null {
  const n = countSelected(selected);
  return n < SELECTION_MIN_POINTS || selected.length - n < SELECTION_MIN_POINTS
    ? SELECTION_TOO_SMALL
    : null;
}

/**
 * k-NN purity of a selection: the mean, over the selected points (or `queries`, a subset of
 * them), of the share of each one's k nearest other points that are selected. 1 when the
 * selection is a cluster of its own; about the selected share when it is a random subset.
 *
 * Neighbours are searched exactly among all rows: O(queries × N × cols) time, O(N) memory.
 *
 * @param data - `(N, cols)` row-major features.
 * @param selected - N entries, non-zero for a selected sample.
 * @param k - neighbours per point, in [1, N − 1] (larger values are clamped); default 10.
 * @returns a value in [0, 1]; 0 with no selected point.
 */
export function knnPurity(
  data: ArrayLike<number>,
  cols: number,
  selected: ArrayLike<number>,
  k = SELECTION_K,
  queries?: readonly number[]
): number {
  return runSteps(knnPuritySteps(data, cols, selected, k, queries));
}

/** {@link knnPurity} without blocking: yields between points, reports progress, stops on `signal`. */
export function knnPurityAsync(
  data: ArrayLike<number>,
  cols: number,
  selected: ArrayLike<number>,
  k = SELECTION_K,
  queries?: readonly number[],
  options: MetricOptions = {}
): Promise<number> {
  return runStepsAsync(knnPuritySteps(data, cols, selected, k, queries), options);
}

function* knnPuritySteps(
  data: ArrayLike<number>,
  cols: number,
  selected: ArrayLike<number>,
  k: number,
  queries?: readonly number[]
): Steps<number> {
  const rows = selected.length;
  if (data.length !== rows * cols) {
    throw new RangeError(`${selected.length} selection flags for ${data.length / cols} rows`);
  }
  const kk = Math.min(k, rows - 1);
  const scored = queries ?? selectedRows(selected);
  if (kk < 1 || scored.length === 0) {
    return 0;
  }
  let sum = 0;
  for (let q = 0; q < scored.length; q++) {
    let same = 0;
    for (const j of nearestInLayout(data, cols, rows, scored[q]!, kk)) {
      same += selected[j] ? 1 : 0;
    }
    sum += same / kk;
    yield (q + 1) / scored.length;
  }
  return sum / scored.length;
}

/**
 * How separable the selected samples are from the others in one layer's features: k-NN purity
 * (with its chance level) and a balanced linear probe selection-vs-rest (see
 * {@link SelectionSeparability}). Deterministic for a seed.
 *
 * @param features - the layer's `(rows, cols)` features (pooled, PCA to ≤ 50).
 * @param selected - `rows` entries, non-zero for a selected sample.
 * @throws RangeError when {@link selectionProblem} finds the selection too small or total.
 */
export async function selectionSeparability(
  features: { readonly data: Float32Array; readonly rows: number; readonly cols: number },
  selected: ArrayLike<number>,
  options: SelectionOptions = {}
): Promise<SelectionSeparability> {
  const { data, rows, cols } = features;
  if (selected.length !== rows) {
    throw new RangeError(`${selected.length} selection flags for ${rows} rows`);
  }
  const problem = selectionProblem(selected);
  if (problem !== null) {
    throw new RangeError(problem);
  }
  const seed = options.seed ?? 0;
  const inside = selectedRows(selected);
  const outside = Array.from({ length: rows }, (_, r) => r).filter((r) => !selected[r]);
  // Purity is about two thirds of the time on 2,000 × 50 features; the probe the rest.
  const split = 0.6;
  const queries = sample(inside, SELECTION_QUERY_SAMPLE, seed);
  const knnPurityValue = await knnPurityAsync(data, cols, selected, SELECTION_K, queries, {
    ...options,
    onProgress: (share) => options.onProgress?.(share * split)
  });
  const probeRows = probeSample(inside, outside, seed);
  const probeData = new Float32Array(probeRows.length * cols);
  probeRows.forEach((r, i) => probeData.set(data.subarray(r * cols, (r + 1) * cols), i * cols));
  const probe = await linearProbe(
    probeData,
    cols,
    Int32Array.from(probeRows, (r) => (selected[r] ? 1 : 0)),
    {
      ...options,
      seed,
      balanced: true,
      epochs: options.probeEpochs ?? 200,
      onProgress: (share) => options.onProgress?.(split + share * (1 - split))
    }
  );
  return {
    knnPurity: knnPurityValue,
    chance: inside.length / rows,
    probeBalancedAccuracy: probe.testBalancedAccuracy,
    nSelected: inside.length
  };
}

function countSelected(selected: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < selected.length; i++) {
    n += selected[i] ? 1 : 0;
  }
  return n;
}

function selectedRows(selected: ArrayLike<number>): number[] {
  const rows: number[] = [];
  for (let i = 0; i < selected.length; i++) {
    if (selected[i]) {
      rows.push(i);
    }
  }
  return rows;
}

/** `rows` itself when it holds at most `size`, else a seeded sample of `size` of them, ascending. */
function sample(rows: readonly number[], size: number, seed: number): number[] {
  if (rows.length <= size) {
    return [...rows];
  }
  const order = shuffledIndices(rows.length, seededRandom(seed + rows.length));
  return order
    .slice(0, size)
    .map((i) => rows[i]!)
    .sort((a, b) => a - b);
}

/** The probe's rows: all of them up to {@link SELECTION_PROBE_SAMPLE}, else a seeded sample. */
function probeSample(
  inside: readonly number[],
  outside: readonly number[],
  seed: number
): number[] {
  if (inside.length + outside.length <= SELECTION_PROBE_SAMPLE) {
    return Array.from({ length: inside.length + outside.length }, (_, r) => r);
  }
  const fromInside = Math.min(inside.length, SELECTION_PROBE_SAMPLE / 2);
  const rows = [
    ...sample(inside, fromInside, seed),
    ...sample(outside, SELECTION_PROBE_SAMPLE - fromInside, seed + 1)
  ];
  return rows.sort((a, b) => a - b);
}
