import { seededRandom } from './random.js';

/** Half the height of a class's band in a strip layout, in class units. */
export const STRIP_JITTER = 0.35;

/**
 * The layout of a layer with a single feature (e.g. a sigmoid output): the value on the first
 * axis, standardised, and on the second the sample's class (0, 1, ... in ascending label order)
 * plus seeded jitter in ±{@link STRIP_JITTER}, so the classes form bands; a third axis, if
 * asked, is jitter alone. A t-SNE of one number draws a curve that says nothing more.
 *
 * @param values - one value per sample.
 * @param labels - a class per sample, or null: one band.
 * @returns `(N, dims)` row-major coordinates.
 */
export function stripLayout(
  values: Float32Array,
  labels: Int32Array | null,
  dims: 2 | 3,
  seed = 0
): Float32Array {
  const n = values.length;
  let mean = 0;
  let finite = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      mean += v;
      finite++;
    }
  }
  mean = finite > 0 ? mean / finite : 0;
  let variance = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      variance += (v - mean) ** 2;
    }
  }
  const scale = finite > 1 && variance > 0 ? Math.sqrt(variance / finite) : 1;
  const band = new Map<number, number>();
  if (labels !== null) {
    [...new Set(labels)].sort((a, b) => a - b).forEach((label, i) => band.set(label, i));
  }
  const random = seededRandom(seed);
  const out = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    out[i * dims] = ((values[i] as number) - mean) / scale;
    const row = labels === null ? 0 : (band.get(labels[i] as number) ?? 0);
    out[i * dims + 1] = row + (random() * 2 - 1) * STRIP_JITTER;
    if (dims === 3) {
      out[i * dims + 2] = (random() * 2 - 1) * STRIP_JITTER;
    }
  }
  return out;
}
