import { BACKWARD, FORWARD, type Pffft } from './pffft.js';

/**
 * Columns per panel of the column pass: 32 columns of up to 2,048 complex values, two panels of
 * 512 KB at most, stay in cache while they are transformed, multiplied and transformed back. At
 * L = 1152 a call took 66 ms with 32, 85-96 ms with 16 and 93 with 64 (one run each on a busy
 * machine).
 */
const PANEL = 32;

/**
 * Circular convolution of two complex grids with one real, even kernel (whose transform is real,
 * so the real and imaginary parts of each grid convolve independently: four real convolutions for
 * the price of two complex ones), by 2-D FFTs in PFFFT's WebAssembly memory, in single precision.
 *
 * The grids are L × L, complex, row-major, of which only rows and columns below `used` ≤ L/2 hold
 * charges (so the convolution does not wrap onto them) and only those of the result are computed:
 * the rows that hold charges are transformed, then the columns a panel at a time (copied out to
 * contiguous rows, as PFFFT has no strided transforms, transformed, multiplied by the kernel's
 * transform, transformed back and copied in), then the rows again. The panels stay in cache, where
 * transposing whole grids did not.
 *
 * Memory: two `L/2 × L` charge grids and the kernel's `L × L` transform, complex float32, in the
 * module's memory (16·L² bytes: 17 MB at L = 1024).
 */
export class GridConvolution {
  readonly length: number;
  private readonly pffft: Pffft;
  /** Byte offsets of the two charge grids (L/2 rows each), the panels and the kernel's transform. */
  private readonly grids: readonly [number, number];
  private readonly panel: number;
  private readonly product: number;
  /** The kernel's transform, column by column (row c: column c's transform, internal order). */
  private readonly hat: number;

  /**
   * @param length - L, a length PFFFT transforms (see `pffftLength`), ≥ 32.
   */
  constructor(pffft: Pffft, length: number) {
    this.pffft = pffft;
    this.length = length;
    pffft.plan(length);
    const half = 8 * Math.ceil(length / 2) * length;
    this.grids = [pffft.malloc(half), pffft.malloc(half)];
    this.panel = pffft.malloc(8 * PANEL * length);
    this.product = pffft.malloc(8 * PANEL * length);
    this.hat = pffft.malloc(8 * length * length);
  }

  /** Gives the grids' memory back to the module. */
  dispose(): void {
    for (const at of [...this.grids, this.panel, this.product, this.hat]) {
      this.pffft.free(at);
    }
  }

  /**
   * Sets the kernel: `kernel(da, db)` is its value at the grid offset (da, db), each in
   * (-L/2, L/2]; it must be even in each (`kernel(-da, db) = kernel(da, db)`), so its transform is
   * real and the real and imaginary parts of the charges convolve independently.
   */
  setKernel(kernel: (da: number, db: number) => number): void {
    const L = this.length;
    const { pffft, hat } = this;
    // Transformed as the charges are (rows in natural order, then columns in PFFFT's internal
    // order), and kept transposed: row c of `hat` is column c's transform, read with column c.
    const grid = new Float32Array(pffft.buffer, hat, 2 * L * L);
    for (let a = 0; a < L; a++) {
      const da = a <= L / 2 ? a : a - L;
      for (let b = 0; b < L; b++) {
        const db = b <= L / 2 ? b : b - L;
        const at = 2 * (a * L + b);
        grid[at] = kernel(da, db);
        grid[at + 1] = 0;
      }
    }
    for (let r = 0; r < L; r++) {
      pffft.transformOrdered(L, hat + 8 * r * L, hat + 8 * r * L, FORWARD);
    }
    this.transposeSquare(hat);
    for (let r = 0; r < L; r++) {
      pffft.transform(L, hat + 8 * r * L, hat + 8 * r * L, FORWARD);
    }
  }

  /**
   * Charge grid `which` (0 or 1), its rows below `used` zeroed, as `(used, L)` complex values
   * interleaved re/im; the caller fills columns below `used`. Take the views again after
   * {@link convolve}.
   */
  charges(which: 0 | 1, used: number): Float32Array {
    const view = new Float32Array(this.pffft.buffer, this.grids[which], 2 * used * this.length);
    view.fill(0);
    return view;
  }

  /**
   * Convolves both charge grids with the kernel, in place: returns their rows below `used`,
   * `(used, L)` complex each, of which columns below `used` hold the convolution.
   */
  convolve(used: number): [Float32Array, Float32Array] {
    const L = this.length;
    const { pffft, panel, product, hat } = this;
    const scale = 1 / (L * L);
    for (const grid of this.grids) {
      for (let r = 0; r < used; r++) {
        pffft.transformOrdered(L, grid + 8 * r * L, grid + 8 * r * L, FORWARD);
      }
      for (let c0 = 0; c0 < L; c0 += PANEL) {
        const width = Math.min(PANEL, L - c0);
        this.copyColumns(grid, c0, width, used, true);
        new Float32Array(pffft.buffer, product, 2 * width * L).fill(0);
        for (let k = 0; k < width; k++) {
          const at = 8 * k * L;
          pffft.transform(L, panel + at, panel + at, FORWARD);
          pffft.zconvolveAccumulate(L, panel + at, hat + 8 * (c0 + k) * L, product + at, scale);
          pffft.transform(L, product + at, product + at, BACKWARD);
        }
        this.copyColumns(grid, c0, width, used, false);
      }
      for (let r = 0; r < used; r++) {
        pffft.transformOrdered(L, grid + 8 * r * L, grid + 8 * r * L, BACKWARD);
      }
    }
    const buffer = pffft.buffer;
    return [
      new Float32Array(buffer, this.grids[0], 2 * used * L),
      new Float32Array(buffer, this.grids[1], 2 * used * L)
    ];
  }

  /**
   * Columns c0 … c0 + width - 1 of `grid`'s first `used` rows, out to the panel's rows (zero past
   * `used`), or back in from the product's. Complex values move as one float64 each (finite
   * float32 pairs never form a NaN pattern, so no bits change).
   */
  private copyColumns(grid: number, c0: number, width: number, used: number, out: boolean): void {
    const L = this.length;
    const buffer = this.pffft.buffer;
    const cells = new Float64Array(buffer, grid, used * L);
    if (out) {
      const panel = new Float64Array(buffer, this.panel, width * L);
      for (let r = 0; r < used; r++) {
        const row = r * L + c0;
        for (let k = 0; k < width; k++) {
          panel[k * L + r] = cells[row + k]!;
        }
      }
      for (let k = 0; k < width; k++) {
        panel.fill(0, k * L + used, (k + 1) * L);
      }
    } else {
      const product = new Float64Array(buffer, this.product, width * L);
      for (let r = 0; r < used; r++) {
        const row = r * L + c0;
        for (let k = 0; k < width; k++) {
          cells[row + k] = product[k * L + r]!;
        }
      }
    }
  }

  /**
   * Transposes an L × L complex grid in place (float64 moves, as in {@link copyColumns}), in
   * 32 × 32 tiles so both sides of each swap stay in cache.
   */
  private transposeSquare(at: number): void {
    const L = this.length;
    const cells = new Float64Array(this.pffft.buffer, at, L * L);
    const tile = 32;
    for (let r0 = 0; r0 < L; r0 += tile) {
      for (let c0 = r0; c0 < L; c0 += tile) {
        const r1 = Math.min(L, r0 + tile);
        const c1 = Math.min(L, c0 + tile);
        for (let r = r0; r < r1; r++) {
          for (let c = Math.max(c0, r + 1); c < c1; c++) {
            const v = cells[r * L + c]!;
            cells[r * L + c] = cells[c * L + r]!;
            cells[c * L + r] = v;
          }
        }
      }
    }
  }
}
