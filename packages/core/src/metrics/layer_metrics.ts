import { seededRandom, shuffledIndices } from '../reduce/random.js';
import { continuity, knnAccuracy, trustworthiness } from './neighborhood.js';
import { linearProbe } from './probe.js';
import { linearCka, silhouetteScore } from './separation.js';

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
}

/** Above this many samples, the O(N²) metrics are computed on a seeded sample of rows. */
export const METRICS_SAMPLE = 2000;

/**
 * The metrics that depend on the layer's features only (not on its layout): k-NN accuracy and
 * silhouette (`fast`), plus the linear probe and CKA with the next layer (`all`). Label-based
 * metrics are skipped without labels or with a single class.
 *
 * Past {@link METRICS_SAMPLE} samples, k-NN accuracy and silhouette are computed for a seeded
 * sample of rows (neighbours are still searched among all rows), so their cost stays O(N).
 *
 * @param next - the next layer's features, for CKA; null for the last layer.
 */
export async function featureMetrics(
  features: { readonly data: Float32Array; readonly rows: number; readonly cols: number },
  labels: Int32Array | null,
  level: MetricsLevel,
  next: { readonly data: Float32Array; readonly cols: number } | null = null
): Promise<LayerMetrics> {
  if (level === 'none') {
    return {};
  }
  const { data, rows, cols } = features;
  const labelled = labels !== null && new Set(labels).size >= 2 && rows > 5;
  const out: { -readonly [K in keyof LayerMetrics]: number } = {};
  if (labelled) {
    const sample = sampleRows(rows, METRICS_SAMPLE);
    out.knnAccuracy = knnAccuracy(data, cols, labels, 5, sample);
    out.silhouette =
      sample === undefined
        ? silhouetteScore(data, cols, labels)
        : silhouetteScore(
            subset(data, cols, sample),
            cols,
            Int32Array.from(sample, (r) => labels[r]!)
          );
  }
  if (level === 'all') {
    if (labelled) {
      out.probeAccuracy = (await linearProbe(data, cols, labels)).testAccuracy;
    }
    if (next !== null) {
      out.ckaNext = linearCka(data, cols, next.data, next.cols);
    }
  }
  return out;
}

/** Trustworthiness and continuity (k = 10) of a layer's layout (`all` only). */
export function layoutMetrics(
  features: { readonly data: Float32Array; readonly rows: number; readonly cols: number },
  layout: Float32Array,
  dims: number,
  level: MetricsLevel
): LayerMetrics {
  if (level !== 'all' || features.rows < 25) {
    return {};
  }
  const queries = sampleRows(features.rows, METRICS_SAMPLE);
  const options = { k: 10, queries };
  return {
    trustworthiness: trustworthiness(features.data, features.cols, layout, dims, options),
    continuity: continuity(features.data, features.cols, layout, dims, options)
  };
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
