import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { PCA } from 'ml-pca';

/** A 2-D or 3-D layout of N samples, row-major `(N, dims)`. */
export interface Projection {
  /** `(N, dims)` coordinates, row-major. */
  readonly coords: Float32Array;
  /** Number of samples N. */
  readonly rows: number;
  /** 2 or 3. */
  readonly dims: number;
  /** Fraction of the variance each axis explains, in [0, 1]; 0 for padded axes. */
  readonly explainedVariance: readonly number[];
}

/**
 * Project `(rows, cols)` data onto its first `dims` principal components (centered, not scaled).
 *
 * Signs are fixed so that each component's largest loading is positive, so the same data always
 * gives the same picture. When the data has fewer than `dims` features the extra axes are zero.
 *
 * Up to {@link COVARIANCE_MAX_COLS} features with more samples than features (every layer the
 * view lays out: at most 50 features), the `(cols, cols)` covariance is summed in typed arrays and
 * only its eigendecomposition goes to ml-matrix: 50,000 × 50 in about 0.1 s, where ml-pca's
 * generic matrices took 2.3 s (see the commit that made the change); wider data goes to ml-pca.
 *
 * @param dims - 2 or 3.
 */
export function projectPca(
  data: Float32Array,
  rows: number,
  cols: number,
  dims: 2 | 3 = 2
): Projection {
  const coords = new Float32Array(rows * dims);
  const explained = new Array<number>(dims).fill(0);
  if (rows < 2 || cols === 0) {
    return { coords, rows, dims, explainedVariance: explained };
  }
  if (cols <= COVARIANCE_MAX_COLS && rows > cols) {
    return projectByCovariance(data, rows, cols, dims);
  }
  const matrix: number[][] = [];
  for (let r = 0; r < rows; r++) {
    matrix.push(Array.from(data.subarray(r * cols, (r + 1) * cols)));
  }
  // Covariance eigendecomposition is (cols x cols): cheaper than an SVD of the data when N > D.
  const pca = new PCA(matrix, {
    method: rows > cols ? 'covarianceMatrix' : 'SVD',
    center: true,
    scale: false
  });
  const k = Math.min(dims, cols);
  const projected = pca.predict(matrix, { nComponents: k }).to2DArray();
  const vectors = pca.getEigenvectors().to2DArray();
  const ratios = pca.getExplainedVariance();
  for (let c = 0; c < k; c++) {
    const sign = largestLoadingSign(vectors, c);
    explained[c] = Number.isFinite(ratios[c]) ? (ratios[c] ?? 0) : 0;
    for (let r = 0; r < rows; r++) {
      const value = (projected[r]?.[c] ?? 0) * sign;
      coords[r * dims + c] = Number.isFinite(value) ? value : 0;
    }
  }
  return { coords, rows, dims, explainedVariance: explained };
}

/** Widest data {@link projectPca} handles through its own covariance (a `cols²` matrix). */
export const COVARIANCE_MAX_COLS = 256;

function projectByCovariance(
  data: Float32Array,
  rows: number,
  cols: number,
  dims: 2 | 3
): Projection {
  const mean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      mean[c]! += data[r * cols + c]!;
    }
  }
  for (let c = 0; c < cols; c++) {
    mean[c]! /= rows;
  }
  // Upper triangle of Σ (x - mean)(x - mean)ᵀ, one centred row at a time.
  const scatter = new Float64Array(cols * cols);
  const centred = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      centred[c] = data[r * cols + c]! - mean[c]!;
    }
    for (let a = 0; a < cols; a++) {
      const va = centred[a]!;
      const base = a * cols;
      for (let b = a; b < cols; b++) {
        scatter[base + b]! += va * centred[b]!;
      }
    }
  }
  const covariance = new Matrix(cols, cols);
  for (let a = 0; a < cols; a++) {
    for (let b = a; b < cols; b++) {
      const v = scatter[a * cols + b]! / (rows - 1);
      covariance.set(a, b, v);
      covariance.set(b, a, v);
    }
  }
  const eig = new EigenvalueDecomposition(covariance, { assumeSymmetric: true });
  // ml-matrix returns ascending eigenvalues for symmetric input; walk them from the largest.
  const values = eig.realEigenvalues;
  const vectors = eig.eigenvectorMatrix;
  const order = values.map((_, i) => i).sort((i, j) => (values[j] ?? 0) - (values[i] ?? 0));
  const total = values.reduce((sum, v) => sum + Math.max(0, v), 0);
  const k = Math.min(dims, cols);
  const coords = new Float32Array(rows * dims);
  const explained = new Array<number>(dims).fill(0);
  const axis = new Float64Array(cols);
  for (let c = 0; c < k; c++) {
    const col = order[c] as number;
    let largest = 0;
    for (let a = 0; a < cols; a++) {
      axis[a] = vectors.get(a, col);
      largest = Math.abs(axis[a]!) > Math.abs(largest) ? axis[a]! : largest;
    }
    const sign = largest < 0 ? -1 : 1;
    explained[c] = total > 0 ? Math.max(0, values[col] ?? 0) / total : 0;
    for (let r = 0; r < rows; r++) {
      let v = 0;
      for (let a = 0; a < cols; a++) {
        v += (data[r * cols + a]! - mean[a]!) * axis[a]!;
      }
      v *= sign;
      coords[r * dims + c] = Number.isFinite(v) ? v : 0;
    }
  }
  return { coords, rows, dims, explainedVariance: explained };
}

function largestLoadingSign(vectors: number[][], component: number): number {
  let best = 0;
  for (const row of vectors) {
    const v = row[component] ?? 0;
    if (Math.abs(v) > Math.abs(best)) {
      best = v;
    }
  }
  return best < 0 ? -1 : 1;
}
