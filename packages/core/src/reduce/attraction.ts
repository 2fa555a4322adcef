import type { SparseMatrix } from './affinities.js';

/**
 * Sets `out` to t-SNE's attractive forces in 2-D, `exaggeration × Σ_j p_ij q_ij (y_i - y_j)`, from
 * the upper triangle of the symmetric P (see `upperTriangle`): each pair's term is computed once
 * and added to both of its points with opposite signs, half the work of reading every row of P.
 */
export function attraction2(
  y: Float64Array,
  upper: SparseMatrix,
  exaggeration: number,
  out: Float64Array
): void {
  const { rowStart, columns, values } = upper;
  out.fill(0);
  for (let i = 0; i < upper.size; i++) {
    const yi0 = y[2 * i]!;
    const yi1 = y[2 * i + 1]!;
    let f0 = 0;
    let f1 = 0;
    const end = rowStart[i + 1]!;
    for (let at = rowStart[i]!; at < end; at++) {
      const j = columns[at]!;
      const d0 = yi0 - y[2 * j]!;
      const d1 = yi1 - y[2 * j + 1]!;
      const w = values[at]! / (1 + d0 * d0 + d1 * d1);
      f0 += w * d0;
      f1 += w * d1;
      out[2 * j]! -= w * d0;
      out[2 * j + 1]! -= w * d1;
    }
    out[2 * i]! += f0;
    out[2 * i + 1]! += f1;
  }
  if (exaggeration !== 1) {
    for (let i = 0; i < out.length; i++) {
      out[i]! *= exaggeration;
    }
  }
}

/** 3-D twin of {@link attraction2}, written out for speed like the tree's repulsion. */
export function attraction3(
  y: Float64Array,
  upper: SparseMatrix,
  exaggeration: number,
  out: Float64Array
): void {
  const { rowStart, columns, values } = upper;
  out.fill(0);
  for (let i = 0; i < upper.size; i++) {
    const yi0 = y[3 * i]!;
    const yi1 = y[3 * i + 1]!;
    const yi2 = y[3 * i + 2]!;
    let f0 = 0;
    let f1 = 0;
    let f2 = 0;
    const end = rowStart[i + 1]!;
    for (let at = rowStart[i]!; at < end; at++) {
      const j = columns[at]!;
      const d0 = yi0 - y[3 * j]!;
      const d1 = yi1 - y[3 * j + 1]!;
      const d2 = yi2 - y[3 * j + 2]!;
      const w = values[at]! / (1 + d0 * d0 + d1 * d1 + d2 * d2);
      f0 += w * d0;
      f1 += w * d1;
      f2 += w * d2;
      out[3 * j]! -= w * d0;
      out[3 * j + 1]! -= w * d1;
      out[3 * j + 2]! -= w * d2;
    }
    out[3 * i]! += f0;
    out[3 * i + 1]! += f1;
    out[3 * i + 2]! += f2;
  }
  if (exaggeration !== 1) {
    for (let i = 0; i < out.length; i++) {
      out[i]! *= exaggeration;
    }
  }
}
