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

/** Relative L2 error of `got` against `want`: |got - want| / |want|. */
export function relativeError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? 0;
    num += ((got[i] ?? 0) - w) ** 2;
    den += w * w;
  }
  return Math.sqrt(num / den);
}
