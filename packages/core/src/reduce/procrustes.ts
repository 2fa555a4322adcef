import { Matrix, SingularValueDecomposition } from 'ml-matrix';

/**
 * Rotate (and if that fits better, reflect) `source` onto `target`: the orthogonal Procrustes
 * solution. The result keeps `source`'s own shape and scale and is centred where `target` is, so
 * two layouts of the same samples can be compared and animated between.
 *
 * @param source - `(rows, dims)` row-major layout to move.
 * @param target - `(rows, dims)` row-major layout to match; same rows and dims.
 * @returns a new `(rows, dims)` layout.
 * @throws RangeError when the two layouts differ in size.
 */
export function alignLayout(
  source: Float32Array,
  target: Float32Array,
  dims: number
): Float32Array {
  if (source.length !== target.length || source.length % dims !== 0) {
    throw new RangeError(
      `layouts of ${source.length} and ${target.length} values cannot be aligned in ${dims}-D`
    );
  }
  const rows = source.length / dims;
  const sourceMean = columnMeans(source, rows, dims);
  const targetMean = columnMeans(target, rows, dims);
  // Cross-covariance Sᵀ T of the centred layouts (dims × dims).
  const cross = Matrix.zeros(dims, dims);
  for (let i = 0; i < rows; i++) {
    for (let a = 0; a < dims; a++) {
      const s = source[i * dims + a]! - sourceMean[a]!;
      for (let b = 0; b < dims; b++) {
        cross.set(a, b, cross.get(a, b) + s * (target[i * dims + b]! - targetMean[b]!));
      }
    }
  }
  const svd = new SingularValueDecomposition(cross);
  const rotation = svd.leftSingularVectors.mmul(svd.rightSingularVectors.transpose());
  const out = new Float32Array(source.length);
  for (let i = 0; i < rows; i++) {
    for (let b = 0; b < dims; b++) {
      let v = targetMean[b]!;
      for (let a = 0; a < dims; a++) {
        v += (source[i * dims + a]! - sourceMean[a]!) * rotation.get(a, b);
      }
      out[i * dims + b] = v;
    }
  }
  return out;
}

function columnMeans(x: Float32Array, rows: number, dims: number): Float64Array {
  const mean = new Float64Array(dims);
  for (let i = 0; i < rows; i++) {
    for (let d = 0; d < dims; d++) {
      mean[d]! += x[i * dims + d]!;
    }
  }
  for (let d = 0; d < dims; d++) {
    mean[d]! /= Math.max(1, rows);
  }
  return mean;
}
