import { ComplexFft, nextFftLength } from './fft_lengths.js';

/** Interpolation nodes per box and axis (openTSNE's `n_interpolation_points`). */
const NODES = 3;
/** Smallest FFT length used: below it the grid would be coarser than the box-width rule asks. */
const MIN_LENGTH = 32;
/**
 * Grid spacings are rounded up to powers of 2^(1/16), so that the kernel's transform is reused
 * while the layout grows by less than 4%: it is one of the five 2-D FFTs of an iteration.
 */
const SPACING_STEPS_PER_OCTAVE = 16;

/**
 * The repulsive forces of 2-D t-SNE by FFT-accelerated interpolation (Linderman et al. 2019,
 * FIt-SNE; openTSNE's `negative_gradient_method="fft"`): the points' charges are spread onto an
 * equispaced grid by Lagrange interpolation on {@link NODES} nodes per box, convolved with the
 * Student-t kernel by FFT, and the potentials interpolated back. Cost O(N + L² log L) per call
 * for an L × L FFT, against Barnes-Hut's O(N log N): cheaper while the layout is small enough for
 * a small grid (boxes at most `maxBoxWidth` wide).
 *
 * Buffers are kept between calls; one instance serves one layout at a time.
 */
export class FftRepulsion {
  private readonly ffts = new Map<number, ComplexFft>();
  private length = 0;
  /** Two complex L × L grids, row-major, interleaved re/im: charges, then potentials. */
  private gridA = new Float64Array(0);
  private gridB = new Float64Array(0);
  /** The kernel's DFT (real: the kernel is real and even) for {@link kernelSpacing}. */
  private kernelHat = new Float64Array(0);
  private kernelSpacing = 0;
  private row = new Float64Array(0);
  private column = new Float64Array(0);
  private columnOut = new Float64Array(0);
  /** Per point: its box along each axis and its NODES interpolation weights along each. */
  private box = new Int32Array(0);
  private weights = new Float64Array(0);

  /**
   * The FFT length that a layout spanning `range` needs for boxes at most `maxBoxWidth` wide: the
   * grid has 3 nodes per box and is padded to twice its size, rounded up to 2^k or 3·2^k (see
   * {@link nextFftLength}; 3·2^k wastes at most a third of each axis where powers of two alone
   * wasted up to half), and at least 32.
   *
   * @param range - the layout's span along its wider axis, in layout units, ≥ 0.
   * @param maxBoxWidth - widest interpolation box, in layout units, > 0.
   */
  static fftLength(range: number, maxBoxWidth: number): number {
    const boxes = Math.max(1, Math.ceil(range / maxBoxWidth));
    return nextFftLength(Math.max(MIN_LENGTH, 2 * NODES * boxes));
  }

  /**
   * Writes `Σ_j q_ij² (y_i - y_j)` for every point into `out` (`(n, 2)`, as the Barnes-Hut tree's
   * repulsion) and returns `Σ_{i≠j} q_ij`, with `q_ij = 1 / (1 + |y_i - y_j|²)`.
   *
   * @param y - `(n, 2)` layout, row-major.
   * @param maxBoxWidth - widest interpolation box, in layout units; openTSNE uses 1.
   */
  compute(y: Float64Array, n: number, out: Float64Array, maxBoxWidth: number): number {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < 2 * n; i++) {
      const v = y[i]!;
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
    const range = Math.max(hi - lo, 1e-9);
    const length = FftRepulsion.fftLength(range, maxBoxWidth);
    this.prepare(length);
    const boxes = Math.floor(length / (2 * NODES));
    const nodes = boxes * NODES;
    // Round the spacing up to a fixed ladder of values so that the kernel's transform can be
    // reused over consecutive iterations; the grid then reaches a little past `hi`.
    const spacing =
      2 **
      (Math.ceil(Math.log2(range / nodes) * SPACING_STEPS_PER_OCTAVE) / SPACING_STEPS_PER_OCTAVE);
    const boxWidth = NODES * spacing;
    // Charges are taken relative to the grid's centre: smaller numbers, less cancellation in the
    // sum of q below.
    const centre = lo + (nodes * spacing) / 2;
    if (spacing !== this.kernelSpacing) {
      this.transformKernel(spacing);
    }
    this.interpolationWeights(y, n, lo, boxWidth, boxes);
    this.spread(y, n, centre);
    this.convolve(this.gridA, nodes);
    this.convolve(this.gridB, nodes);
    return this.gather(y, n, centre, out);
  }

  private prepare(length: number): void {
    if (length === this.length) {
      return;
    }
    this.length = length;
    if (!this.ffts.has(length)) {
      this.ffts.set(length, new ComplexFft(length));
    }
    this.gridA = new Float64Array(2 * length * length);
    this.gridB = new Float64Array(2 * length * length);
    this.kernelHat = new Float64Array(length * length);
    this.kernelSpacing = 0;
    this.row = new Float64Array(2 * length);
    this.column = new Float64Array(4 * 2 * length);
    this.columnOut = new Float64Array(2 * length);
  }

  /** The DFT of the kernel `1 / (1 + r²)²` sampled on the grid's offsets, wrapped circularly. */
  private transformKernel(spacing: number): void {
    const L = this.length;
    const grid = this.gridA;
    grid.fill(0);
    for (let a = 0; a < L; a++) {
      const da = a <= L / 2 ? a : a - L;
      for (let b = 0; b < L; b++) {
        const db = b <= L / 2 ? b : b - L;
        const r2 = spacing * spacing * (da * da + db * db);
        const q = 1 / (1 + r2);
        grid[2 * (a * L + b)] = q * q;
      }
    }
    this.forward(grid, L);
    for (let at = 0; at < L * L; at++) {
      this.kernelHat[at] = grid[2 * at]!;
    }
    this.kernelSpacing = spacing;
  }

  /** Each point's box and Lagrange weights along x and y. */
  private interpolationWeights(
    y: Float64Array,
    n: number,
    lo: number,
    boxWidth: number,
    boxes: number
  ): void {
    if (this.box.length < 2 * n) {
      this.box = new Int32Array(2 * n);
      this.weights = new Float64Array(2 * n * NODES);
    }
    const { box, weights } = this;
    // Nodes at (j + 1/2) / NODES of the box; the Lagrange basis for three nodes, written out.
    const s0 = 0.5 / NODES;
    const s1 = 1.5 / NODES;
    const s2 = 2.5 / NODES;
    const d0 = (s0 - s1) * (s0 - s2);
    const d1 = (s1 - s0) * (s1 - s2);
    const d2 = (s2 - s0) * (s2 - s1);
    for (let i = 0; i < 2 * n; i++) {
      const u = (y[i]! - lo) / boxWidth;
      const b = Math.min(boxes - 1, Math.floor(u));
      const t = u - b;
      box[i] = b;
      weights[NODES * i] = ((t - s1) * (t - s2)) / d0;
      weights[NODES * i + 1] = ((t - s0) * (t - s2)) / d1;
      weights[NODES * i + 2] = ((t - s0) * (t - s1)) / d2;
    }
  }

  /**
   * Spread the charges 1, y₀, y₁ and |y|² (relative to `centre`) onto the grids, two to a complex
   * grid (A = 1 + i y₀, B = y₁ + i |y|²): the kernel's transform is real, so the real and
   * imaginary parts convolve independently and two real convolutions cost one complex one.
   */
  private spread(y: Float64Array, n: number, centre: number): void {
    const L = this.length;
    const { gridA, gridB, box, weights } = this;
    gridA.fill(0);
    gridB.fill(0);
    for (let i = 0; i < n; i++) {
      const y0 = y[2 * i]! - centre;
      const y1 = y[2 * i + 1]! - centre;
      const y2 = y0 * y0 + y1 * y1;
      const r0 = box[2 * i]! * NODES;
      const c0 = box[2 * i + 1]! * NODES;
      const wx = NODES * 2 * i;
      const wy = wx + NODES;
      for (let jx = 0; jx < NODES; jx++) {
        const rowBase = 2 * ((r0 + jx) * L + c0);
        const w = weights[wx + jx]!;
        for (let jy = 0; jy < NODES; jy++) {
          const v = w * weights[wy + jy]!;
          const at = rowBase + 2 * jy;
          gridA[at]! += v;
          gridA[at + 1]! += v * y0;
          gridB[at]! += v * y1;
          gridB[at + 1]! += v * y2;
        }
      }
    }
  }

  /** Interpolate the four potentials back to the points: forces into `out`; returns Σ q. */
  private gather(y: Float64Array, n: number, centre: number, out: Float64Array): number {
    const L = this.length;
    const { gridA, gridB, box, weights } = this;
    let sumQ = 0;
    for (let i = 0; i < n; i++) {
      const r0 = box[2 * i]! * NODES;
      const c0 = box[2 * i + 1]! * NODES;
      const wx = NODES * 2 * i;
      const wy = wx + NODES;
      let p1 = 0;
      let p2 = 0;
      let p3 = 0;
      let p4 = 0;
      for (let jx = 0; jx < NODES; jx++) {
        const rowBase = 2 * ((r0 + jx) * L + c0);
        const w = weights[wx + jx]!;
        for (let jy = 0; jy < NODES; jy++) {
          const v = w * weights[wy + jy]!;
          const at = rowBase + 2 * jy;
          p1 += v * gridA[at]!;
          p2 += v * gridA[at + 1]!;
          p3 += v * gridB[at]!;
          p4 += v * gridB[at + 1]!;
        }
      }
      const y0 = y[2 * i]! - centre;
      const y1 = y[2 * i + 1]! - centre;
      // p1 = Σ_j q², (p2, p3) = Σ_j q² y_j, p4 = Σ_j q² |y_j|², all including j = i (q_ii = 1).
      out[2 * i] = y0 * p1 - p2;
      out[2 * i + 1] = y1 * p1 - p3;
      // q = q² (1 + |y_i - y_j|²), expanded.
      sumQ += (1 + y0 * y0 + y1 * y1) * p1 - 2 * (y0 * p2 + y1 * p3) + p4;
    }
    return sumQ - n;
  }

  /**
   * Circular convolution of a complex grid with the kernel. The charges fill only rows and columns
   * below `nodes` (at most half the grid), so wrapped-around terms never reach them.
   */
  private convolve(grid: Float64Array, nodes: number): void {
    const L = this.length;
    this.forward(grid, nodes);
    const hat = this.kernelHat;
    for (let at = 0; at < L * L; at++) {
      const k = hat[at]!;
      grid[2 * at]! *= k;
      grid[2 * at + 1]! *= k;
    }
    this.inverse(grid, nodes);
  }

  /** 2-D forward DFT in place; rows at and past `rowsUsed` are zero on entry and are skipped. */
  private forward(grid: Float64Array, rowsUsed: number): void {
    const L = this.length;
    const fft = this.ffts.get(L)!;
    const row = this.row;
    for (let r = 0; r < rowsUsed; r++) {
      const view = grid.subarray(2 * r * L, 2 * (r + 1) * L);
      fft.transform(row, view);
      view.set(row);
    }
    this.columns(grid, false);
  }

  /** 2-D inverse DFT in place; only rows below `rowsUsed` are completed. */
  private inverse(grid: Float64Array, rowsUsed: number): void {
    const L = this.length;
    const fft = this.ffts.get(L)!;
    this.columns(grid, true);
    const row = this.row;
    for (let r = 0; r < rowsUsed; r++) {
      const view = grid.subarray(2 * r * L, 2 * (r + 1) * L);
      fft.inverseTransform(row, view);
      view.set(row);
    }
  }

  /**
   * 1-D DFTs down every column, four columns per pass over the rows: a column's values are a row
   * apart, and reading four neighbours at once uses each cache line fully.
   */
  private columns(grid: Float64Array, inverse: boolean): void {
    const L = this.length;
    const fft = this.ffts.get(L)!;
    const buf = this.column;
    const out = this.columnOut;
    const width = Math.min(4, L);
    for (let c0 = 0; c0 < L; c0 += width) {
      for (let r = 0; r < L; r++) {
        const at = 2 * (r * L + c0);
        for (let w = 0; w < width; w++) {
          buf[w * 2 * L + 2 * r] = grid[at + 2 * w]!;
          buf[w * 2 * L + 2 * r + 1] = grid[at + 2 * w + 1]!;
        }
      }
      for (let w = 0; w < width; w++) {
        const view = buf.subarray(w * 2 * L, (w + 1) * 2 * L);
        if (inverse) {
          fft.inverseTransform(out, view);
        } else {
          fft.transform(out, view);
        }
        view.set(out);
      }
      for (let r = 0; r < L; r++) {
        const at = 2 * (r * L + c0);
        for (let w = 0; w < width; w++) {
          grid[at + 2 * w] = buf[w * 2 * L + 2 * r]!;
          grid[at + 2 * w + 1] = buf[w * 2 * L + 2 * r + 1]!;
        }
      }
    }
  }
}
