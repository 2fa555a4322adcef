import * as tf from '@tensorflow/tfjs';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

import { checkRange, checkShape } from './reduce/argument_checks.js';
import { gaussian, seededRandom } from './reduce/random.js';

/** Options of {@link randomizedPca}. */
export interface RandomizedPcaOptions {
  /** Components to keep, in [1, min(rows, cols)]. */
  readonly components: number;
  /**
   * Power iterations, in [0, 20]; more is more accurate when the spectrum decays slowly. Default 4.
   * Unused up to {@link EXACT_PCA_MAX_COLS} columns, where the result is exact.
   */
  readonly powerIterations?: number;
  /** Extra random directions beyond `components`, in [0, 100]; default 10. Unused as above. */
  readonly oversample?: number;
  /** Seed of the random test matrix; default 0. Unused as above. */
  readonly seed?: number;
}

/** The first principal components of a data set. */
export interface PcaResult {
  readonly rows: number;
  /** Components kept, k. */
  readonly components: number;
  /** `(rows, k)` coordinates of the centred data on the components, row-major. */
  readonly scores: Float32Array;
  /** `(k, cols)` unit-length component directions, row-major; each one's largest entry is positive. */
  readonly directions: Float32Array;
  /** Fraction of the total variance each component explains, in [0, 1], descending. */
  readonly explainedVarianceRatio: Float64Array;
}

/**
 * Widest data, in columns, that {@link randomizedPca} decomposes exactly, from its `(cols, cols)`
 * scatter matrix, instead of by range finding. The scatter costs rows × cols² multiply-adds and its
 * eigendecomposition (ml-matrix, in JS) about cols³ whatever the rows, against about
 * 10 × rows × cols × (components + 10) for the range finder's passes. Measured on the WASM backend
 * for 50 components: at 10,000 rows the exact path takes 0.06 s at 128 columns (range finder
 * 0.16 s), as long as the range finder at 256 (0.23 s) and twice as long at 384, where the
 * eigendecomposition dominates; at 100,000 rows it wins up to about 450 columns (256: 1.4 s against
 * 3.7 s; 512: 5.3 s against 4.5 s). It is also the more accurate: the 50 variance ratios of
 * 100,000 × 257 data within 3·10⁻⁴ of float64 NumPy, the range finder's within 1.2·10⁻².
 */
export const EXACT_PCA_MAX_COLS = 256;

/**
 * PCA by randomised range finding (Halko, Martinsson & Tropp 2011): a few passes of matrix
 * products over the data on the current TF.js backend (WebGL, WASM, ...) plus small dense
 * eigenproblems in JS. Used to bring wide layers down to ≤ 50 dimensions before t-SNE or UMAP.
 *
 * Up to {@link EXACT_PCA_MAX_COLS} columns it is exact instead, and faster there (see
 * {@link covariancePca}); the result has the same form either way.
 *
 * The range finder centres the data implicitly, so no centred copy of `(rows, cols)` is made.
 * Every tensor is disposed before it returns.
 *
 * @param data - `(rows, cols)` row-major samples.
 * @throws RangeError when an option is out of range.
 */
export async function randomizedPca(
  data: Float32Array,
  rows: number,
  cols: number,
  options: RandomizedPcaOptions
): Promise<PcaResult> {
  checkShape(data, rows, cols);
  const k = options.components;
  checkRange('components', k, 1, Math.max(1, Math.min(rows, cols)));
  const powerIterations = options.powerIterations ?? 4;
  checkRange('powerIterations', powerIterations, 0, 20);
  const oversample = options.oversample ?? 10;
  checkRange('oversample', oversample, 0, 100);
  const width = Math.min(k + oversample, rows, cols);
  if (cols <= EXACT_PCA_MAX_COLS) {
    return covariancePca(data, rows, cols, k);
  }
  return rangeFinderPca(data, rows, cols, k, width, powerIterations, options.seed ?? 0);
}

/**
 * Exact PCA of `(rows, cols)` data through its `(cols, cols)` scatter matrix X_cᵀ·X_c (one product
 * on the TF.js backend) and that matrix's symmetric eigendecomposition (ml-matrix, float64).
 * Meant for narrow data: see {@link EXACT_PCA_MAX_COLS}. Holds at most two `(rows, cols)` tensors
 * at once, as the range finder does.
 *
 * @param data - `(rows, cols)` row-major samples, already checked.
 * @param k - Components to keep, in [1, min(rows, cols)].
 */
export async function covariancePca(
  data: Float32Array,
  rows: number,
  cols: number,
  k: number
): Promise<PcaResult> {
  const stats = columnStats(data, rows, cols);
  const mean = tf.tensor2d(Float32Array.from(stats.mean), [1, cols]);
  const x = tf.tensor2d(data, [rows, cols]);
  // Centred before the product, not corrected by rows·μ·μᵀ after it: that difference of float32
  // sums cancels catastrophically when the means dwarf the spread.
  const xc = tf.tidy(() => x.sub(mean) as tf.Tensor2D);
  tf.dispose([x, mean]);
  try {
    // An explicit transpose: products with a transposed operand are >10x slower on the WASM backend.
    const scatter = await toMatrix(tf.tidy(() => xc.transpose().matMul(xc) as tf.Tensor2D));
    // The backend's blocked product need not round (i, j) and (j, i) alike; the eigensolver
    // assumes an exactly symmetric matrix.
    for (let i = 0; i < cols; i++) {
      for (let j = 0; j < i; j++) {
        const v = (scatter.get(i, j) + scatter.get(j, i)) / 2;
        scatter.set(i, j, v);
        scatter.set(j, i, v);
      }
    }
    const { vectors, values } = symmetricEigen(scatter);
    const directions = new Float32Array(k * cols);
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < cols; j++) {
        directions[c * cols + j] = vectors.get(j, c);
      }
    }
    const v = tf.tensor2d(directions, [k, cols]);
    const scoresT = tf.tidy(() => xc.matMul(v.transpose()));
    const scores = (await scoresT.data()) as Float32Array;
    tf.dispose([v, scoresT]);
    // Rounding leaves the eigenvalues of a rank-deficient scatter slightly negative: no variance.
    const total = stats.totalVariance;
    const ratio = Float64Array.from(values.slice(0, k), (lambda) =>
      total > 0 ? Math.max(lambda, 0) / (rows - 1) / total : 0
    );
    fixSigns(scores, directions, rows, cols, k);
    return { rows, components: k, scores, directions, explainedVarianceRatio: ratio };
  } finally {
    xc.dispose();
  }
}

async function rangeFinderPca(
  data: Float32Array,
  rows: number,
  cols: number,
  k: number,
  width: number,
  powerIterations: number,
  seed: number
): Promise<PcaResult> {
  const x = tf.tensor2d(data, [rows, cols]);
  // An explicit transpose: products with a transposed operand are >10x slower on the WASM backend.
  const xt = tf.tidy(() => x.transpose() as tf.Tensor2D);
  const stats = columnStats(data, rows, cols);
  const mean = tf.tensor2d(Float32Array.from(stats.mean), [1, cols]);
  const ones = tf.ones([rows, 1]);
  // X_c · W without forming X_c: X·W − 1·(μ·W).
  const timesRight = (w: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => x.matMul(w).sub(ones.matMul(mean.matMul(w))));
  // X_cᵀ · Q = Xᵀ·Q − μᵀ·(1ᵀ·Q).
  const timesLeft = (q: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => xt.matMul(q).sub(mean.transpose().matMul(q.sum(0, true))));
  try {
    const random = seededRandom(seed);
    const omegaValues = new Float32Array(cols * width);
    for (let i = 0; i < omegaValues.length; i++) {
      omegaValues[i] = gaussian(random);
    }
    const omega = tf.tensor2d(omegaValues, [cols, width]);
    let q = await orthonormalize(timesRight(omega));
    omega.dispose();
    for (let it = 0; it < powerIterations; it++) {
      const z = await orthonormalize(timesLeft(q));
      q.dispose();
      q = await orthonormalize(timesRight(z));
      z.dispose();
    }
    // B = Qᵀ X_c, small (width × cols); its SVD gives the components.
    const b = tf.tidy(() => timesLeft(q).transpose() as tf.Tensor2D);
    const gram = await toMatrix(tf.tidy(() => b.matMul(b, false, true) as tf.Tensor2D));
    const { vectors, values } = symmetricEigen(gram);
    const kept = Math.min(k, values.length);
    const singular = values.slice(0, kept).map((v) => Math.sqrt(Math.max(v, 0)));
    const rotate = new Float32Array(q.shape[1] * kept);
    const unscale = new Float32Array(q.shape[1] * kept);
    for (let r = 0; r < q.shape[1]; r++) {
      for (let c = 0; c < kept; c++) {
        rotate[r * kept + c] = vectors.get(r, c);
        unscale[r * kept + c] = singular[c]! > 0 ? vectors.get(r, c) / singular[c]! : 0;
      }
    }
    const rotateT = tf.tensor2d(rotate, [q.shape[1], kept]);
    const unscaleT = tf.tensor2d(unscale, [q.shape[1], kept]);
    // Scores U·S = Q·U_B·S; directions Vᵀ = S⁻¹·U_Bᵀ·B.
    const scoresT = tf.tidy(() => q.matMul(rotateT).mul(tf.tensor1d(singular)));
    const directionsT = tf.tidy(() => unscaleT.transpose().matMul(b));
    const total = stats.totalVariance;
    const scores = (await scoresT.data()) as Float32Array;
    const directions = (await directionsT.data()) as Float32Array;
    tf.dispose([q, b, rotateT, unscaleT, scoresT, directionsT]);
    const ratio = Float64Array.from(singular, (s) =>
      total > 0 ? (s * s) / (rows - 1) / total : 0
    );
    fixSigns(scores, directions, rows, cols, kept);
    return {
      rows,
      components: kept,
      scores,
      directions,
      explainedVarianceRatio: ratio
    };
  } finally {
    tf.dispose([x, xt, mean, ones]);
  }
}

/** An orthonormal basis of `a`'s columns (from the eigenvectors of aᵀa); disposes `a`. */
async function orthonormalize(a: tf.Tensor2D): Promise<tf.Tensor2D> {
  const gram = await toMatrix(tf.tidy(() => a.transpose().matMul(a) as tf.Tensor2D));
  const { vectors, values } = symmetricEigen(gram);
  const largest = values[0] ?? 0;
  // Directions with no energy left (rank-deficient data) are dropped, not divided by ~0.
  const keep = values.filter((v) => v > largest * 1e-10 && v > 0).length;
  const w = new Float32Array(gram.rows * Math.max(keep, 1));
  for (let r = 0; r < gram.rows; r++) {
    for (let c = 0; c < keep; c++) {
      w[r * keep + c] = vectors.get(r, c) / Math.sqrt(values[c]!);
    }
  }
  const wT = tf.tensor2d(w, [gram.rows, Math.max(keep, 1)]);
  const q = tf.tidy(() => a.matMul(wT) as tf.Tensor2D);
  tf.dispose([a, wT]);
  return q;
}

/** Eigenpairs of a symmetric matrix, largest eigenvalue first. */
function symmetricEigen(m: Matrix): { vectors: Matrix; values: number[] } {
  const evd = new EigenvalueDecomposition(m, { assumeSymmetric: true });
  const raw = evd.realEigenvalues;
  const order = raw.map((_, i) => i).sort((a, b) => raw[b]! - raw[a]!);
  const vectors = new Matrix(m.rows, m.rows);
  order.forEach((from, to) => {
    for (let r = 0; r < m.rows; r++) {
      vectors.set(r, to, evd.eigenvectorMatrix.get(r, from));
    }
  });
  return { vectors, values: order.map((i) => raw[i]!) };
}

async function toMatrix(t: tf.Tensor2D): Promise<Matrix> {
  const [r, c] = t.shape;
  const values = await t.data();
  t.dispose();
  const m = new Matrix(r, c);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      m.set(i, j, values[i * c + j]!);
    }
  }
  return m;
}

/** Column means, accumulated in float64. */
function columnMeans(data: Float32Array, rows: number, cols: number): Float64Array {
  const sum = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      sum[c]! += data[r * cols + c]!;
    }
  }
  return sum.map((s) => s / Math.max(1, rows));
}

/**
 * Column means and the sum of the columns' variances, accumulated in float64 (a float32 sum of
 * N × D squares drifts by about a percent at N × D = 10⁷).
 */
function columnStats(
  data: Float32Array,
  rows: number,
  cols: number
): { mean: Float64Array; totalVariance: number } {
  const mean = columnMeans(data, rows, cols);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const d = data[r * cols + c]! - mean[c]!;
      total += d * d;
    }
  }
  return { mean, totalVariance: rows > 1 ? total / (rows - 1) : 0 };
}

/** Make each direction's largest-magnitude entry positive, flipping its scores with it. */
function fixSigns(
  scores: Float32Array,
  directions: Float32Array,
  rows: number,
  cols: number,
  k: number
): void {
  for (let c = 0; c < k; c++) {
    let best = 0;
    for (let j = 0; j < cols; j++) {
      const v = directions[c * cols + j]!;
      if (Math.abs(v) > Math.abs(best)) {
        best = v;
      }
    }
    if (best >= 0) {
      continue;
    }
    for (let j = 0; j < cols; j++) {
      directions[c * cols + j] = -directions[c * cols + j]!;
    }
    for (let r = 0; r < rows; r++) {
      scores[r * k + c] = -scores[r * k + c]!;
    }
  }
}
