import { gaussian, seededRandom } from '../src/index.js';

/** `clusters` Gaussian blobs of `perCluster` points in `cols` dimensions, centres 10 apart. */
export function blobs(
  clusters: number,
  perCluster: number,
  cols: number,
  seed = 1
): { data: Float32Array; labels: Int32Array; rows: number } {
  const random = seededRandom(seed);
  const rows = clusters * perCluster;
  const data = new Float32Array(rows * cols);
  const labels = new Int32Array(rows);
  const centres = Array.from({ length: clusters }, () =>
    Array.from({ length: cols }, () => 10 * gaussian(random))
  );
  for (let r = 0; r < rows; r++) {
    const c = r % clusters;
    labels[r] = c;
    for (let d = 0; d < cols; d++) {
      data[r * cols + d] = (centres[c]?.[d] ?? 0) + gaussian(random);
    }
  }
  return { data, labels, rows };
}
