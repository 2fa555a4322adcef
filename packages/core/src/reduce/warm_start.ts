import type { Neighbors } from './knn.js';

/**
 * Least share of each point's nearest neighbours that a previous layer's layout must already keep
 * for t-SNE to continue from it (see `TsneParameters.warmStart`). Measured on consecutive layers
 * of three trained models (`test/perf/warm_start.mjs`: 1,800-2,000 samples, 10-50 features),
 * continuing for 250 iterations kept trustworthiness@10 within 0.0015 of a 750-iteration cold
 * start wherever this recall was 0.18 or more (every dense, convolutional and pooling layer tried,
 * including a softmax after a ReLU layer) in 40-50% of the time, and lost 0.03-0.14 at 0.07 (a
 * BiLSTM after an Embedding, whose neighbourhoods have nothing in common), even in 500 iterations.
 */
export const WARM_START_MIN_RECALL = 0.15;

/** Share of a full fit's iterations that a warm start runs: 250 of the default 750. */
export const WARM_START_SHARE = 1 / 3;

/**
 * Of each sampled row's `k` nearest neighbours in the data (the first `k` of `neighbors`), the
 * share that are also among its `k` nearest in `layout`: 1 when the layout keeps every
 * neighbourhood, about k / N for an unrelated one.
 *
 * Time O(queries × N × dims): the layout's neighbours are found by brute force for at most
 * `maxQueries` rows spread evenly over the data.
 *
 * @param layout - `(N, dims)` row-major.
 * @param k - in [1, neighbors.k]; default 10 (less when the lists are shorter).
 * @param maxQueries - rows scored, at least 1; default 1,000.
 */
export function layoutNeighborRecall(
  neighbors: Neighbors,
  layout: ArrayLike<number>,
  dims: number,
  k = 10,
  maxQueries = 1000
): number {
  const { rows } = neighbors;
  const kk = Math.min(k, neighbors.k, rows - 1);
  if (kk < 1) {
    return 1;
  }
  const queries = Math.min(rows, Math.max(1, maxQueries));
  const bestDist = new Float64Array(kk);
  const bestIdx = new Int32Array(kk);
  let shared = 0;
  for (let q = 0; q < queries; q++) {
    const i = Math.floor((q * rows) / queries);
    bestDist.fill(Infinity);
    bestIdx.fill(-1);
    for (let j = 0; j < rows; j++) {
      if (j === i) {
        continue;
      }
      let d = 0;
      for (let c = 0; c < dims; c++) {
        const t = (layout[i * dims + c] as number) - (layout[j * dims + c] as number);
        d += t * t;
      }
      if (d < (bestDist[kk - 1] as number)) {
        // Insertion into the short sorted list of the k nearest so far.
        let at = kk - 1;
        while (at > 0 && (bestDist[at - 1] as number) > d) {
          bestDist[at] = bestDist[at - 1] as number;
          bestIdx[at] = bestIdx[at - 1] as number;
          at -= 1;
        }
        bestDist[at] = d;
        bestIdx[at] = j;
      }
    }
    const near = neighbors.indices.subarray(i * neighbors.k, i * neighbors.k + kk);
    for (let a = 0; a < kk; a++) {
      if (near.includes(bestIdx[a] as number)) {
        shared += 1;
      }
    }
  }
  return shared / (queries * kk);
}
