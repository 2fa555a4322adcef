import type { Neighbors } from './knn.js';

/** A sparse matrix in compressed sparse row form (symmetric, or one triangle of one). */
export interface SparseMatrix {
  /** Number of rows (and columns). */
  readonly size: number;
  /** Row i's entries are `columns/values[rowStart[i] .. rowStart[i + 1])`, columns ascending. */
  readonly rowStart: Int32Array;
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

const PERPLEXITY_TOLERANCE = 1e-5;
const MAX_BISECTION_STEPS = 200;

/**
 * t-SNE's input affinities: for each row a Gaussian over its neighbours whose bandwidth is found by
 * bisection so that the distribution's perplexity is `perplexity`; then symmetrised,
 * `P = (P_j|i + P_i|j) / 2N`, so that all entries sum to 1.
 *
 * @param neighbors - from {@link exactNeighbors}, with k ≥ perplexity (3 × perplexity is usual).
 * @param perplexity - effective number of neighbours, in [1, k].
 */
export function perplexityAffinities(neighbors: Neighbors, perplexity: number): SparseMatrix {
  const { rows, k, indices, squaredDistances } = neighbors;
  const conditional = new Float64Array(rows * k);
  const targetEntropy = Math.log(perplexity);
  const row = new Float64Array(k);
  for (let i = 0; i < rows; i++) {
    const base = i * k;
    // Distances relative to the nearest keep exp() in range; the shift cancels on normalising.
    const nearest = squaredDistances[base]!;
    let beta = 1;
    let lo = 0;
    let hi = Infinity;
    for (let step = 0; step < MAX_BISECTION_STEPS; step++) {
      let sum = 0;
      let weighted = 0;
      for (let j = 0; j < k; j++) {
        const d = squaredDistances[base + j]! - nearest;
        const p = Math.exp(-beta * d);
        row[j] = p;
        sum += p;
        weighted += p * d;
      }
      const entropy = Math.log(sum) + (beta * weighted) / sum;
      for (let j = 0; j < k; j++) {
        row[j]! /= sum;
      }
      const diff = entropy - targetEntropy;
      if (Math.abs(diff) < PERPLEXITY_TOLERANCE) {
        break;
      }
      if (diff > 0) {
        lo = beta;
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = (beta + lo) / 2;
      }
    }
    conditional.set(row, base);
  }
  return symmetrize(rows, k, indices, conditional);
}

/** `(A + Aᵀ) / (2 N)` of a k-neighbour matrix, merged into CSR. */
function symmetrize(
  rows: number,
  k: number,
  indices: Int32Array,
  values: Float64Array
): SparseMatrix {
  // Count entries per row of A + Aᵀ before merging duplicates.
  const counts = new Int32Array(rows + 1);
  for (let i = 0; i < rows; i++) {
    counts[i + 1]! += k;
    for (let j = 0; j < k; j++) {
      counts[indices[i * k + j]! + 1]! += 1;
    }
  }
  for (let i = 0; i < rows; i++) {
    counts[i + 1]! += counts[i]!;
  }
  const fill = counts.slice(0, rows);
  const cols = new Int32Array(counts[rows]!);
  const vals = new Float64Array(counts[rows]!);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < k; j++) {
      const n = indices[i * k + j]!;
      const v = values[i * k + j]!;
      let at = fill[i]!++;
      cols[at] = n;
      vals[at] = v;
      at = fill[n]!++;
      cols[at] = i;
      vals[at] = v;
    }
  }
  // Sort each row by column and merge duplicates (pairs that are neighbours both ways).
  const rowStart = new Int32Array(rows + 1);
  const outCols: number[] = [];
  const outVals: number[] = [];
  const scale = 1 / (2 * rows);
  const order: number[] = [];
  for (let i = 0; i < rows; i++) {
    rowStart[i] = outCols.length;
    order.length = 0;
    for (let at = counts[i]!; at < counts[i + 1]!; at++) {
      order.push(at);
    }
    order.sort((a, b) => cols[a]! - cols[b]!);
    let last = -1;
    for (const at of order) {
      if (cols[at] === last) {
        outVals[outVals.length - 1]! += vals[at]! * scale;
      } else {
        last = cols[at]!;
        outCols.push(last);
        outVals.push(vals[at]! * scale);
      }
    }
  }
  rowStart[rows] = outCols.length;
  return {
    size: rows,
    rowStart,
    columns: Int32Array.from(outCols),
    values: Float64Array.from(outVals)
  };
}

/**
 * The entries of a symmetric matrix above its diagonal (column > row), in the same form: each
 * pair once, half the entries.
 */
export function upperTriangle(matrix: SparseMatrix): SparseMatrix {
  const { size, rowStart, columns, values } = matrix;
  const start = new Int32Array(size + 1);
  for (let i = 0; i < size; i++) {
    let count = 0;
    for (let at = rowStart[i]!; at < rowStart[i + 1]!; at++) {
      count += columns[at]! > i ? 1 : 0;
    }
    start[i + 1] = start[i]! + count;
  }
  const upperColumns = new Int32Array(start[size]!);
  const upperValues = new Float64Array(start[size]!);
  let next = 0;
  for (let i = 0; i < size; i++) {
    for (let at = rowStart[i]!; at < rowStart[i + 1]!; at++) {
      if (columns[at]! > i) {
        upperColumns[next] = columns[at]!;
        upperValues[next] = values[at]!;
        next += 1;
      }
    }
  }
  return { size, rowStart: start, columns: upperColumns, values: upperValues };
}
