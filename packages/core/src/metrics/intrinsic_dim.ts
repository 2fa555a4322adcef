import {
  APPROXIMATE_ABOVE_ROWS,
  type NearestNeighborsOptions,
  nearestNeighborsSteps
} from '../reduce/knn.js';
import { type MetricOptions, runSteps, runStepsAsync, type Steps } from '../steps.js';

/** Options of {@link twoNnDimension}. */
export interface TwoNnOptions {
  /**
   * Share of the ratios μ kept for the fit, smallest first, in (0, 1]; default 0.9. The largest
   * ratios come from points in sparse regions, whose second neighbour is far: Facco et al. leave
   * out the top 10% so that these outliers do not drag the slope.
   */
  readonly fraction?: number;
  /**
   * Neighbours searched per row, in [2, rows − 1]; default 2 up to the exact-search limit
   * (`APPROXIMATE_ABOVE_ROWS`), 20 above it. The approximate search finds a row's first two
   * neighbours more reliably when it looks for more of them: on 10,000 points of a 30-D Gaussian
   * in 50-D, 20 gave d = 20.41 against 20.46 with exact neighbours (10 gave 20.02, 2 gave 19.09).
   */
  readonly searched?: number;
  /** The neighbour search: see `nearestNeighbors`; default `'auto'`. */
  readonly method?: NearestNeighborsOptions['method'];
}

/**
 * Intrinsic dimension by TwoNN (Facco et al. 2017), as Ansuini et al. 2019 use it on hidden
 * layers: for each point, μ = r₂ / r₁, the distances (Euclidean) to its second and first nearest
 * neighbours. If the density is locally constant, μ follows a Pareto law with F(μ) = 1 − μ^−d, so
 * −log(1 − F(μ)) = d log μ. The estimate is the least-squares slope, through the origin, of
 * −log(1 − i/N) against log μ₍ᵢ₎ (the ratios sorted ascending, i = 1…N), on the smallest
 * `fraction` of them. Points with r₁ = 0 (duplicates) or r₁ = r₂ are left out first, as in
 * Ansuini et al.'s code.
 *
 * Time: one k-nearest-neighbour search (exact O(N² D) up to 5,000 rows, approximate above) plus
 * O(N log N); memory O(N k). Measured on 50-D features: 0.18 s for 2,000 rows, 0.6-1.3 s for
 * 10,000 (about a third of k-NN accuracy and silhouette together).
 *
 * @param data - `(N, cols)` row-major.
 * @returns a dimension ≥ 0 (typically 1 to a few tens, at most about `cols` for data that fills
 *   its space); NaN with fewer than 3 usable points.
 */
export function twoNnDimension(
  data: ArrayLike<number>,
  cols: number,
  options: TwoNnOptions = {}
): number {
  return runSteps(twoNnSteps(data, cols, options));
}

/**
 * {@link twoNnDimension} without blocking: yields to the event loop while it searches neighbours,
 * reports the share done and stops when `signal` fires.
 */
export function twoNnDimensionAsync(
  data: ArrayLike<number>,
  cols: number,
  options: TwoNnOptions & MetricOptions = {}
): Promise<number> {
  return runStepsAsync(twoNnSteps(data, cols, options), options);
}

/** {@link twoNnDimension} in steps (see `runStepsAsync`). */
export function* twoNnSteps(
  data: ArrayLike<number>,
  cols: number,
  options: TwoNnOptions = {}
): Steps<number> {
  const rows = Math.floor(data.length / cols);
  const fraction = options.fraction ?? 0.9;
  if (!(fraction > 0 && fraction <= 1)) {
    throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  }
  if (rows < 4) {
    return NaN;
  }
  const method = options.method ?? 'auto';
  const exact = method === 'exact' || (method === 'auto' && rows <= APPROXIMATE_ABOVE_ROWS);
  const searched = Math.min(rows - 1, options.searched ?? (exact ? 2 : 20));
  const { squaredDistances: d2, k } = yield* nearestNeighborsSteps(data, rows, cols, searched, {
    method
  });
  const ratios: number[] = [];
  for (let i = 0; i < rows; i++) {
    const r1 = d2[i * k]!;
    const r2 = d2[i * k + 1]!;
    if (r1 > 0 && r2 > r1) {
      ratios.push(Math.sqrt(r2 / r1));
    }
  }
  return twoNnFit(ratios, fraction);
}

/**
 * The TwoNN slope from the ratios μ = r₂ / r₁ (each > 1), as in {@link twoNnDimension}: F = i/N
 * for the i-th smallest, the first ⌊fraction N⌋ kept (and never the last two, where 1 − F
 * vanishes).
 */
export function twoNnFit(ratios: readonly number[], fraction = 0.9): number {
  const n = ratios.length;
  const kept = Math.min(Math.floor(n * fraction), n - 2);
  if (kept < 1) {
    return NaN;
  }
  const sorted = Float64Array.from(ratios).sort();
  let xy = 0;
  let xx = 0;
  for (let i = 0; i < kept; i++) {
    const x = Math.log(sorted[i]!);
    const y = -Math.log(1 - (i + 1) / n);
    xy += x * y;
    xx += x * x;
  }
  return xx > 0 ? xy / xx : NaN;
}
