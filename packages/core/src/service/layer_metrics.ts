import { seededRandom, shuffledIndices } from '../reduce/random.js';
import type { MetricOptions } from '../steps.js';
import { twoNnDimensionAsync } from '../metrics/intrinsic_dim.js';
import {
  continuityAsync,
  knnAccuracyAsync,
  trustworthinessAsync
} from '../metrics/neighborhood.js';
import { linearProbe } from './probe.js';
import { linearCkaAsync, silhouetteScoreAsync } from '../metrics/separation.js';

/** Which metrics to compute: none, the fast ones (k-NN and silhouette), or all of them. */
export type MetricsLevel = 'none' | 'fast' | 'all';

/** A layer's separability numbers; absent ones were not asked for or do not apply. */
export interface LayerMetrics {
  /** Leave-one-out 5-NN accuracy in the layer's features, in [0, 1] (`fast`). */
  readonly knnAccuracy?: number;
  /** Silhouette of the true classes in the layer's features, in [−1, 1] (`fast`). */
  readonly silhouette?: number;
  /** Test accuracy of a linear probe on a 70/30 split, in [0, 1] (`all`). */
  readonly probeAccuracy?: number;
  /** Trustworthiness@10 of the layout with respect to the features, in [0, 1] (`all`). */
  readonly trustworthiness?: number;
  /** Continuity@10 of the layout with respect to the features, in [0, 1] (`all`). */
  readonly continuity?: number;
  /** Linear CKA between this layer's features and the next layer's, in [0, 1] (`all`). */
  readonly ckaNext?: number;
  /**
   * Intrinsic dimension of the layer's features by TwoNN (Facco et al. 2017), ≥ 0, at most about
   * the feature count (`fast`; absent when too few distinct points).
   */
  readonly intrinsicDim?: number;
}

/** Above this many samples, the O(N²) metrics are computed on a seeded sample of rows. */
export const METRICS_SAMPLE = 2000;

/**
 * The metrics that depend on the layer's features only (not on its layout): k-NN accuracy,
 * silhouette and the TwoNN intrinsic dimension (`fast`), plus the linear probe and CKA with the
 * next layer (`all`). Label-based metrics are skipped without labels or with a single class.
 *
 * Past {@link METRICS_SAMPLE} samples, k-NN accuracy and silhouette are computed for a seeded
 * sample of rows (neighbours are still searched among all rows), so their cost stays O(N).
 *
 * Yields to the event loop as it goes; `onProgress` gets the share of the work done, in [0, 1],
 * and `signal` stops it (rejecting with the signal's reason).
 *
 * @param next - the next layer's features, for CKA; null for the last layer.
 */
export async function featureMetrics(
  features: { readonly data: Float32Array; readonly rows: number; readonly cols: number },
  labels: Int32Array | null,
  level: MetricsLevel,
  next: { readonly data: Float32Array; readonly cols: number } | null = null,
  options: MetricOptions = {}
): Promise<LayerMetrics> {
  const { data, rows, cols } = features;
  const labelled = labels !== null && new Set(labels).size >= 2 && rows > 5;
  const out: { -readonly [K in keyof LayerMetrics]: number } = {};
  const tasks: ((o: MetricOptions) => Promise<void>)[] = [];
  if (level !== 'none' && labelled) {
    const sample = sampleRows(rows, METRICS_SAMPLE);
    tasks.push(async (o) => {
      out.knnAccuracy = await knnAccuracyAsync(data, cols, labels, 5, sample, o);
    });
    tasks.push(async (o) => {
      out.silhouette =
        sample === undefined
          ? await silhouetteScoreAsync(data, cols, labels, o)
          : await silhouetteScoreAsync(
              subset(data, cols, sample),
              cols,
              Int32Array.from(sample, (r) => labels[r]!),
              o
            );
    });
  }
  if (level !== 'none') {
    // Needs no labels; all rows (its neighbour search is approximate past 5,000 rows).
    tasks.push(async (o) => {
      const d = await twoNnDimensionAsync(data, cols, o);
      if (Number.isFinite(d)) {
        out.intrinsicDim = d;
      }
    });
  }
  if (level === 'all' && labelled) {
    tasks.push(async (o) => {
      out.probeAccuracy = (await linearProbe(data, cols, labels, o)).testAccuracy;
    });
  }
  if (level === 'all' && next !== null) {
    tasks.push(async (o) => {
      out.ckaNext = await linearCkaAsync(data, cols, next.data, next.cols, o);
    });
  }
  await runInTurn(tasks, options);
  return out;
}

/**
 * Trustworthiness and continuity (k = 10) of a layer's layout (`all` only), without blocking:
 * progress and cancellation as {@link featureMetrics}.
 */
export async function layoutMetrics(
  features: { readonly data: Float32Array; readonly rows: number; readonly cols: number },
  layout: Float32Array,
  dims: number,
  level: MetricsLevel,
  options: MetricOptions = {}
): Promise<LayerMetrics> {
  if (level !== 'all' || features.rows < 25) {
    return {};
  }
  const queries = sampleRows(features.rows, METRICS_SAMPLE);
  const { data, cols } = features;
  const out: { -readonly [K in keyof LayerMetrics]: number } = {};
  await runInTurn(
    [
      async (o) => {
        out.trustworthiness = await trustworthinessAsync(data, cols, layout, dims, {
          ...o,
          k: 10,
          queries
        });
      },
      async (o) => {
        out.continuity = await continuityAsync(data, cols, layout, dims, { ...o, k: 10, queries });
      }
    ],
    options
  );
  return out;
}

/** Run the tasks one after the other, each an equal share of the progress reported. */
async function runInTurn(
  tasks: readonly ((options: MetricOptions) => Promise<void>)[],
  options: MetricOptions
): Promise<void> {
  options.signal?.throwIfAborted();
  for (const [i, task] of tasks.entries()) {
    await task({
      ...options,
      onProgress: (share) => options.onProgress?.((i + share) / tasks.length)
    });
  }
}

/** A seeded sample of `size` row indices, ascending; undefined when all rows fit. */
function sampleRows(rows: number, size: number): number[] | undefined {
  if (rows <= size) {
    return undefined;
  }
  const order = shuffledIndices(rows, seededRandom(rows));
  return order.slice(0, size).sort((a, b) => a - b);
}

function subset(data: Float32Array, cols: number, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => out.set(data.subarray(r * cols, (r + 1) * cols), i * cols));
  return out;
}
