import { GridConvolution } from './fft_grid.js';
import { Pffft, pffftLength } from './pffft.js';

/** Interpolation nodes per box and axis (openTSNE's `n_interpolation_points`). */
const NODES = 3;
/** Smallest FFT length used: below it the grid would be coarser than the box-width rule asks. */
const MIN_LENGTH = 32;
/**
 * Grid spacings are rounded up to powers of 2^(1/16), so that the kernels' transforms are reused
 * while the layout grows by less than 4%: they cost about as much as a call.
 */
const SPACING_STEPS_PER_OCTAVE = 16;

/**
 * The repulsive forces of 2-D t-SNE by FFT-accelerated interpolation (Linderman et al. 2019,
 * FIt-SNE; openTSNE's `negative_gradient_method="fft"`): each point's unit charge is spread onto an
 * equispaced grid by Lagrange interpolation on {@link NODES} nodes per box, convolved by FFT with
 * three kernels, and the potentials interpolated back. The kernels are the forces themselves,
 * `(y_i - y_j) q_ij²` along each axis, and `q_ij` for the normalisation, where FIt-SNE convolves
 * four charges (1, y, |y|²) with `q²` and subtracts: no cancellation, so single-precision FFTs
 * (PFFFT in WebAssembly with SIMD, see {@link GridConvolution}) keep the forces' accuracy, and one
 * forward transform and two inverse ones do the work of four of each. Cost O(N + L² log L) per call
 * for an L × L grid, against Barnes-Hut's O(N log N): cheaper while the layout is small enough for
 * a small grid (boxes at most `maxBoxWidth` wide).
 *
 * Needs WebAssembly with SIMD and synchronous compilation ({@link FftRepulsion.create} returns
 * null without them). Buffers are kept between calls; one instance serves one layout at a time.
 */
export class FftRepulsion {
  private readonly pffft: Pffft;
  private grid: GridConvolution | null = null;
  private kernelSpacing = 0;
  /** Per point: its box along each axis and its NODES interpolation weights along each. */
  private box = new Int32Array(0);
  private weights = new Float64Array(0);
  /** The points by the row of their box (counting sort), so spreading and gathering sweep the grid. */
  private order = new Int32Array(0);
  private counts = new Int32Array(0);
  private q = new Float64Array(0);

  private constructor(pffft: Pffft) {
    this.pffft = pffft;
  }

  /** A new instance, or null where PFFFT's WebAssembly cannot run (see {@link Pffft.load}). */
  static create(): FftRepulsion | null {
    const pffft = Pffft.load();
    return pffft === null ? null : new FftRepulsion(pffft);
  }

  /**
   * The FFT length that a layout spanning `range` needs for boxes at most `maxBoxWidth` wide: the
   * grid has 3 nodes per box and is padded to twice its size, rounded up to a length PFFFT
   * transforms (16·2^a·3^b·5^c, within 25% of any length from 64 on; see `pffftLength`), and at
   * least 32.
   *
   * @param range - the layout's span along its wider axis, in layout units, ≥ 0.
   * @param maxBoxWidth - widest interpolation box, in layout units, > 0.
   */
  static fftLength(range: number, maxBoxWidth: number): number {
    const boxes = Math.max(1, Math.ceil(range / maxBoxWidth));
    return pffftLength(Math.max(MIN_LENGTH, 2 * NODES * boxes));
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
    const grid = this.prepare(length);
    const boxes = Math.floor(length / (2 * NODES));
    const nodes = boxes * NODES;
    // Round the spacing up to a fixed ladder of values so that the kernels' transforms can be
    // reused over consecutive iterations; the grid then reaches a little past `hi`.
    const spacing =
      2 **
      (Math.ceil(Math.log2(range / nodes) * SPACING_STEPS_PER_OCTAVE) / SPACING_STEPS_PER_OCTAVE);
    if (spacing !== this.kernelSpacing) {
      grid.setKernel((da, db) => {
        const q = 1 / (1 + spacing * spacing * (da * da + db * db));
        return q * q;
      });
      this.kernelSpacing = spacing;
    }
    // Charges are taken relative to the grid's centre: smaller numbers, less cancellation in the
    // differences that make the forces.
    const centre = lo + (nodes * spacing) / 2;
    this.interpolationWeights(y, n, lo, NODES * spacing, boxes);
    this.sortByRow(n, boxes);
    this.spread(y, n, centre, grid.charges(0, nodes), grid.charges(1, nodes), length);
    const [a, b] = grid.convolve(nodes);
    return this.gather(y, n, centre, a, b, length, out);
  }

  private pointQ(n: number): Float64Array {
    if (this.q.length < n) {
      this.q = new Float64Array(n);
    }
    return this.q;
  }

  private prepare(length: number): GridConvolution {
    if (this.grid?.length !== length) {
      this.grid?.dispose();
      this.grid = new GridConvolution(this.pffft, length);
      this.kernelSpacing = 0;
    }
    return this.grid;
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

  private sortByRow(n: number, boxes: number): void {
    if (this.order.length < n) {
      this.order = new Int32Array(n);
    }
    if (this.counts.length < boxes + 1) {
      this.counts = new Int32Array(boxes + 1);
    }
    const { box, order, counts } = this;
    counts.fill(0, 0, boxes + 1);
    for (let i = 0; i < n; i++) {
      counts[box[2 * i]! + 1]! += 1;
    }
    for (let b = 0; b < boxes; b++) {
      counts[b + 1]! += counts[b]!;
    }
    for (let i = 0; i < n; i++) {
      order[counts[box[2 * i]!]!++] = i;
    }
  }

  /**
   * Spread the charges 1, y₀, y₁ and |y|² (relative to `centre`) onto the grids, two to a complex
   * grid (A = 1 + i y₀, B = y₁ + i |y|²); rows are `L` complex values long.
   */
  private spread(
    y: Float64Array,
    n: number,
    centre: number,
    gridA: Float32Array,
    gridB: Float32Array,
    L: number
  ): void {
    const { box, weights, order } = this;
    for (let m = 0; m < n; m++) {
      const i = order[m]!;
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
  private gather(
    y: Float64Array,
    n: number,
    centre: number,
    gridA: Float32Array,
    gridB: Float32Array,
    L: number,
    out: Float64Array
  ): number {
    const { box, weights, order } = this;
    // Summed in index order (below), so the sweep's order changes nothing in the result.
    const pointQ = this.pointQ(n);
    for (let m = 0; m < n; m++) {
      const i = order[m]!;
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
      pointQ[i] = (1 + y0 * y0 + y1 * y1) * p1 - 2 * (y0 * p2 + y1 * p3) + p4;
    }
    let sumQ = 0;
    for (let i = 0; i < n; i++) {
      sumQ += pointQ[i]!;
    }
    return sumQ - n;
  }
}
