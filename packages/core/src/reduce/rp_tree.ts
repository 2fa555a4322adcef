import type { Random } from './random.js';

/**
 * Random projection trees over the rows of a `(rows, cols)` row-major matrix, as in Annoy: each
 * node is split by the hyperplane halfway between two of its points drawn at random, down to
 * leaves of at most `leafSize` rows. NN-descent starts from the pairs within each leaf. One
 * instance builds tree after tree in the same buffers.
 */
export class RandomProjectionTrees {
  /** The rows in the leaf order of the last tree built; each leaf is a range of it. */
  readonly order: Int32Array;
  private readonly x: Float64Array;
  private readonly rows: number;
  private readonly cols: number;
  private readonly random: Random;
  private readonly projection: Float64Array;
  private readonly normal: Float64Array;

  /**
   * @param x - the data, read at each {@link build} (the caller may reorder its rows in place).
   * @param random - draws the two points of every split.
   */
  constructor(x: Float64Array, rows: number, cols: number, random: Random) {
    this.x = x;
    this.rows = rows;
    this.cols = cols;
    this.random = random;
    this.order = new Int32Array(rows);
    this.projection = new Float64Array(rows);
    this.normal = new Float64Array(cols);
  }

  /**
   * Build one tree; `onLeaf(start, end)` is called for each leaf, the rows `order[start, end)`,
   * as it is reached.
   */
  build(leafSize: number, onLeaf?: (start: number, end: number) => void): void {
    const { order, rows } = this;
    for (let i = 0; i < rows; i++) {
      order[i] = i;
    }
    const stack = [0, rows];
    while (stack.length > 0) {
      const end = stack.pop()!;
      const start = stack.pop()!;
      if (end - start <= leafSize) {
        onLeaf?.(start, end);
        continue;
      }
      const mid = this.split(start, end);
      stack.push(start, mid, mid, end);
    }
  }

  /** Partition `order[start, end)` by a random hyperplane; returns where the right side starts. */
  private split(start: number, end: number): number {
    const { x, cols, order, projection, normal, random } = this;
    const size = end - start;
    const a = order[start + Math.floor(random() * size)]!;
    let b = order[start + Math.floor(random() * (size - 1))]!;
    if (b === a) {
      b = order[end - 1]!;
    }
    let offset = 0;
    for (let c = 0; c < cols; c++) {
      const va = x[a * cols + c]!;
      const vb = x[b * cols + c]!;
      normal[c] = va - vb;
      offset += (va - vb) * (va + vb) * 0.5;
    }
    for (let p = start; p < end; p++) {
      const i = order[p]!;
      let s = 0;
      for (let c = 0, o = i * cols; c < cols; c++, o++) {
        s += x[o]! * normal[c]!;
      }
      projection[i] = s - offset;
    }
    let lo = start;
    let hi = end - 1;
    while (lo <= hi) {
      const i = order[lo]!;
      if (projection[i]! < 0) {
        lo++;
      } else {
        order[lo] = order[hi]!;
        order[hi] = i;
        hi--;
      }
    }
    // Equal points (or an unlucky pair) can put nearly all on one side; halve instead, which
    // keeps the depth logarithmic.
    return lo - start < size / 8 || end - lo < size / 8 ? start + (size >> 1) : lo;
  }
}
