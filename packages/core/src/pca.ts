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
