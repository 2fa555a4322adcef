import { LAYOUT_NUMBERS, TSNE_ITERATIONS } from '../options.js';
import { checkRange, checkShape } from './argument_checks.js';
import { projectPca } from './pca.js';
import { perplexityAffinities, type SparseMatrix, upperTriangle } from './affinities.js';
import { attraction2, attraction3 } from './attraction.js';
import { FftRepulsion } from './fft_repulsion.js';
import { nearestNeighbors } from './knn.js';
import { gaussian, seededRandom } from './random.js';
import { IterativeReducer } from './reducer.js';
import { mortonOrder, SpaceTree } from './space_tree.js';
import { layoutNeighborRecall, WARM_START_MIN_RECALL, WARM_START_SHARE } from './warm_start.js';

/** Parameters of {@link Tsne}; every field has a default. */
export interface TsneParameters {
  /** Output dimensions, 2 or 3; default 2. */
  readonly dims?: 2 | 3;
  /**
   * Effective number of neighbours, in [2, 100]; default 30. Lowered to (N - 1) / 3 for small N,
   * as the neighbour lists hold 3 × perplexity points.
   */
  readonly perplexity?: number;
  /** Total iterations including early exaggeration, in [1, 10000]; default 750. */
  readonly iterations?: number;
  /** Iterations with exaggerated attraction at the start, in [0, iterations]; default 250. */
  readonly earlyExaggerationIterations?: number;
  /** Attraction factor during early exaggeration, in [1, 100]; default 12. */
  readonly exaggeration?: number;
  /** Step size; default `'auto'`: N / exaggeration in each phase (Belkina et al. 2019). */
  readonly learningRate?: number | 'auto';
  /** Momentum of the updates after early exaggeration, in [0, 1); default 0.8. */
  readonly momentum?: number;
  /**
   * Longest step a point may take in one iteration, in layout units, > 0 (`Infinity`: no limit);
   * default 5, openTSNE's `max_step_norm`. With N's learning rate a few points shoot off in the
   * first iterations after exaggeration (at 100,000 points the layout swung between spans of 85
   * and 245), which costs accuracy and widens the FFT's grid.
   */
  readonly maxStepNorm?: number;
  /**
   * Momentum during early exaggeration, in [0, 1); default 0.5, as scikit-learn and openTSNE. With
   * 0.8 there, 20 well-separated clusters overshoot: the layout swung out to a span of 300 and back
   * (openTSNE's stays near 20), which costs accuracy and keeps the repulsion off the FFT grid.
   */
  readonly earlyMomentum?: number;
  /** Barnes-Hut accuracy: 0 is exact, larger is faster and coarser; in [0, 1], default 0.5. */
  readonly theta?: number;
  /** Seed of the random initial layout (only used when `init` is `'random'`); default 0. */
  readonly seed?: number;
  /**
   * Initial layout: `'pca'` (default, the data's first principal components), `'random'`, or an
   * `(N, dims)` layout, e.g. the previous layer's, to keep consecutive layouts alike. Either way it is
   * centred and scaled so the first axis has standard deviation 1e-4.
   */
  readonly init?: 'pca' | 'random' | Float32Array;
  /**
   * Whether to continue from an `(N, dims)` `init` that is a finished layout of related data (the
   * previous layer's) when it already keeps the data's neighbourhoods: when at least
   * {@link WARM_START_MIN_RECALL} of each point's 10 nearest neighbours are among its 10 nearest in
   * `init` (scored on up to 1,000 rows), the start keeps its scale, early exaggeration is skipped
   * and a third of `iterations` run (250 of 750), which keeps trustworthiness within 0.002 of a
   * cold start on the layers measured. Otherwise, and by default, the start is shrunk and run like
   * any other. See {@link Tsne.warmStarted}.
   */
  readonly warmStart?: boolean;
  /**
   * Neighbour search for the affinities: `'auto'` (default) is exact up to 5,000 rows and
   * approximate above (random projection trees + nearest-neighbour descent, seeded by `seed`),
   * where exact search's O(N² D) would dominate; `'exact'` or `'approximate'` force one.
   */
  readonly neighborSearch?: 'auto' | 'exact' | 'approximate';
  /**
   * How the repulsive forces are approximated (openTSNE's `negative_gradient_method`): `'bh'`
   * Barnes-Hut (see `theta`), `'fft'` FFT-accelerated interpolation on a grid (2-D only; FIt-SNE;
   * Barnes-Hut still runs while the layout spans more than about 340, where the grid would pass
   * 2048² and 67 MB, and wherever WebAssembly with SIMD cannot be compiled synchronously, e.g. a
   * browser's main thread), or `'auto'` (default): per iteration, whichever a cost model fitted on
   * this machine's timings says is faster, which picks the FFT from about 1,000 points on while
   * the layout spans up to about 170 at 20,000 points (all of a run on the benchmark's data) and
   * throughout at 100,000. Barnes-Hut stays within 0.7-1.8% of the exact forces on average on
   * t-SNE layouts of 3,000 activations; the FFT within 0.2-0.7% while exaggerating (up to 1.8% on
   * compact layouts, see `FFT_BOX_WIDTH`) and 2-3% after, with openTSNE's boxes (see
   * `FFT_BOX_WIDTH_LATE`). The choice depends only on N and the layout, so results stay
   * reproducible.
   */
  readonly negativeGradient?: 'auto' | 'bh' | 'fft';
}

const INIT_STD = 1e-4;
const MIN_GAIN = 0.01;
/**
 * Widest interpolation box of the FFT method while exaggerating, in layout units. openTSNE's
 * default, 1, gave up to 2% error on the tight clusters of that phase here; at 0.65 the mean error
 * over whole runs on 3,000 and 5,000 syn50 points stays at 0.45% and the largest at 1.8-1.9%. The
 * layout is compact then, so the finer grid costs little.
 */
const FFT_BOX_WIDTH = 0.65;
/**
 * Widest box after exaggeration: openTSNE's 1. The layout spreads out (a span of 40 to 120 at
 * 20,000 points) and the grid's cost with it; boxes of 1 take (0.65)² ≈ 0.42 of 0.65's grid and
 * the forces are 2.7% off the exact ones against 0.6% (a spread layout of 900 points), which left
 * the layouts as trustworthy: 20,000 points, trustworthiness@10 0.9843 vs 0.9847 (syn50) and 0.9978
 * vs 0.9979 (activations), openTSNE 0.9848 and 0.9983, in about half the time.
 */
const FFT_BOX_WIDTH_LATE = 1;
/**
 * The FFT method's largest grid: 2048² (two half grids and the kernel's transform, 67 MB), a
 * layout span up to about 340 (boxes of 1); past it Barnes-Hut runs, even when `'fft'` is asked
 * for.
 */
const FFT_MAX_LENGTH = 2048;
/**
 * Barnes-Hut iterations between two Z-orderings of the points: the order only speeds the tree up
 * (points move little between iterations), and sorting costs about a tenth of an iteration.
 */
const ORDER_EVERY = 10;
/** Below this many points Barnes-Hut is fast enough that `'auto'` does not consider the FFT. */
const FFT_MIN_ROWS = 1000;

/**
 * Seconds per iteration of each repulsion method. Barnes-Hut (Z-ordered) was fitted to the fastest
 * of 5 calls on t-SNE layouts of 10,000, 20,000 and 100,000 points on an idle machine (Node 20,
 * one core of a 2-core AMD EPYC virtual machine): 21-24, 48-60 and 300 ms. The FFT (PFFFT in
 * WebAssembly) was timed against it on Gaussian layouts of growing span with the machine about
 * 1.5 times busier, and scaled by that: at 10,000 points FFT and Barnes-Hut took 4 vs 44 ms at
 * L = 160, 17 vs 33 at 640, 38 vs 35 at 960 and 72 vs 34 at 1200; at 20,000, 35 vs 67 at 640, 72
 * vs 75 at 960, 88 vs 78 at 1152; at 100,000, 39 vs 420 at 160, 113 vs 456 at 1152 and 332 vs 542
 * at 1920. Only the ratio of the two matters.
 */
function barnesHutCost(rows: number): number {
  return 0.18e-6 * rows * Math.log2(rows);
}

function fftCost(length: number, rows: number): number {
  return 4e-9 * length * length * Math.log2(length) + 0.25e-6 * rows;
}

/**
 * t-SNE in 2-D or 3-D, with affinities over exact neighbours up to 5,000 rows and approximate ones
 * above (see `neighborSearch`), and repulsion by Barnes-Hut (van der Maaten 2014) or, in 2-D while
 * the layout is compact, FFT-accelerated interpolation (Linderman et al. 2019; see
 * `negativeGradient`).
 *
 * Memory is O(N × 3 × perplexity) for the affinities, O(N) for the layout and up to 67 MB for the
 * FFT grids; each iteration costs O(N log N) (Barnes-Hut) or O(N + L² log L) (FFT on an L × L
 * grid). The same data and parameters give the same layout on every platform.
 */
export class Tsne extends IterativeReducer {
  readonly dims: 2 | 3;
  readonly rows: number;
  /** The perplexity actually used, after lowering for small N. */
  readonly perplexity: number;
  private readonly params: TsneParameters;
  private readonly data: Float32Array;
  private readonly cols: number;
  private readonly theta2: number;
  private fullIterations: number;
  private earlyIterations: number;
  private warm = false;
  private readonly exaggeration: number;
  private readonly momentum: number;
  private readonly earlyMomentum: number;
  private readonly maxStepNorm: number;
  /** P's entries above the diagonal (P is symmetric). */
  private affinities: SparseMatrix | null = null;
  private readonly y: Float64Array;
  private readonly update: Float64Array;
  private readonly gains: Float64Array;
  private readonly gradient: Float64Array;
  private readonly repulsion: Float64Array;
  private readonly tree: SpaceTree;
  private readonly negativeGradient: 'auto' | 'bh' | 'fft';
  private fft: FftRepulsion | null = null;
  /** Set when PFFFT's WebAssembly cannot run here: Barnes-Hut does all the work. */
  private fftUnavailable = false;
  private fftSteps = 0;
  /** The points in Z-order, renewed every {@link ORDER_EVERY} Barnes-Hut iterations. */
  private spatialOrder: Int32Array | null = null;
  /** Each point's Σ_j q_ij from the tree. */
  private readonly pointQ: Float64Array;
  private orderAge = 0;

  /**
   * @param data - `(rows, cols)` row-major samples; reduce D to ≤ 50 first for speed.
   * @throws RangeError when a parameter is outside its documented range.
   */
  constructor(data: ArrayLike<number>, rows: number, cols: number, params: TsneParameters = {}) {
    super();
    this.params = params;
    this.dims = params.dims ?? 2;
    this.rows = rows;
    this.cols = cols;
    this.data = data instanceof Float32Array ? data : Float32Array.from(data);
    const range = LAYOUT_NUMBERS.perplexity;
    const perplexity = params.perplexity ?? range.default;
    checkRange('perplexity', perplexity, range.min, range.max);
    this.perplexity = Math.max(1, Math.min(perplexity, (rows - 1) / 3));
    const iterations = params.iterations ?? TSNE_ITERATIONS;
    checkRange(
      'iterations',
      iterations,
      LAYOUT_NUMBERS.iterations.min,
      LAYOUT_NUMBERS.iterations.max
    );
    this.fullIterations = rows < 3 ? 0 : Math.round(iterations);
    this.earlyIterations = Math.min(params.earlyExaggerationIterations ?? 250, this.fullIterations);
    this.exaggeration = params.exaggeration ?? 12;
    checkRange('exaggeration', this.exaggeration, 1, 100);
    this.momentum = params.momentum ?? 0.8;
    checkRange('momentum', this.momentum, 0, 0.9999);
    this.earlyMomentum = params.earlyMomentum ?? 0.5;
    checkRange('earlyMomentum', this.earlyMomentum, 0, 0.9999);
    this.maxStepNorm = params.maxStepNorm ?? 5;
    if (!(this.maxStepNorm > 0)) {
      throw new RangeError(`maxStepNorm must be > 0, got ${this.maxStepNorm}`);
    }
    const theta = params.theta ?? 0.5;
    checkRange('theta', theta, 0, 1);
    this.theta2 = theta * theta;
    if (this.dims !== 2 && this.dims !== 3) {
      throw new RangeError(`dims must be 2 or 3, got ${String(this.dims)}`);
    }
    checkShape(data, rows, cols);
    this.negativeGradient = params.negativeGradient ?? 'auto';
    if (!['auto', 'bh', 'fft'].includes(this.negativeGradient)) {
      throw new RangeError(
        `negativeGradient must be 'auto', 'bh' or 'fft', got ${String(this.negativeGradient)}`
      );
    }
    if (this.negativeGradient === 'fft' && this.dims !== 2) {
      throw new RangeError("negativeGradient 'fft' is for 2-D layouts; use 'bh' or 'auto' in 3-D");
    }
    this.y = new Float64Array(rows * this.dims);
    this.update = new Float64Array(rows * this.dims);
    this.gains = new Float64Array(rows * this.dims).fill(1);
    this.gradient = new Float64Array(rows * this.dims);
    this.repulsion = new Float64Array(rows * this.dims);
    this.pointQ = new Float64Array(rows);
    this.tree = new SpaceTree(this.dims);
  }

  /** Iterations a full fit runs: fewer once a warm start is taken (see `warmStart`). */
  get iterations(): number {
    return this.fullIterations;
  }

  /** Whether the fit continues from `init` at its scale (known after `init()`; see `warmStart`). */
  get warmStarted(): boolean {
    return this.warm;
  }

  /** Iterations so far whose repulsion came from the FFT method (the others from Barnes-Hut). */
  get fftIterations(): number {
    return this.fftSteps;
  }

  embedding(): Float32Array {
    return Float32Array.from(this.y);
  }

  protected initialize(signal?: AbortSignal): void {
    if (this.rows < 3) {
      this.setInitialLayout();
      return;
    }
    const k = Math.min(this.rows - 1, Math.floor(3 * this.perplexity));
    const neighbors = nearestNeighbors(this.data, this.rows, this.cols, k, {
      method: this.params.neighborSearch ?? 'auto',
      seed: this.params.seed ?? 0,
      signal
    });
    const init = this.params.init;
    if (this.params.warmStart === true && init instanceof Float32Array) {
      this.checkInit(init);
      if (layoutNeighborRecall(neighbors, init, this.dims) >= WARM_START_MIN_RECALL) {
        this.warm = true;
        this.fullIterations = Math.max(1, Math.round(this.fullIterations * WARM_START_SHARE));
        this.earlyIterations = Math.min(
          this.params.earlyExaggerationIterations ?? 0,
          this.fullIterations
        );
      }
    }
    this.setInitialLayout();
    // Each pair once: the attraction is symmetric, so one pass adds it to both ends.
    this.affinities = upperTriangle(perplexityAffinities(neighbors, this.perplexity));
  }

  private checkInit(init: Float32Array): void {
    if (init.length !== this.rows * this.dims) {
      throw new RangeError(`init has ${init.length} values, not ${this.rows} × ${this.dims}`);
    }
  }

  protected advance(iteration: number): void {
    const early = iteration < this.earlyIterations;
    const exaggeration = early ? this.exaggeration : 1;
    const rate = this.params.learningRate ?? 'auto';
    const learningRate = rate === 'auto' ? Math.max(this.rows / exaggeration, 50) : rate;
    if (iteration === this.earlyIterations && iteration > 0) {
      // A new phase starts from rest, as in scikit-learn and openTSNE: the step size grows by the
      // exaggeration factor, and the old velocity was scaled for the smaller one.
      this.update.fill(0);
    }
    this.computeGradient(exaggeration);
    const { y, update, gains, gradient } = this;
    const momentum = early ? this.earlyMomentum : this.momentum;
    for (let i = 0; i < y.length; i++) {
      const g = gradient[i]!;
      const u = update[i]!;
      const gain = g > 0 !== u > 0 ? gains[i]! + 0.2 : gains[i]! * 0.8;
      gains[i] = gain < MIN_GAIN ? MIN_GAIN : gain;
      update[i] = momentum * u - learningRate * gains[i]! * g;
    }
    clipSteps(update, this.rows, this.dims, this.maxStepNorm);
    for (let i = 0; i < y.length; i++) {
      y[i]! += update[i]!;
    }
    center(y, this.rows, this.dims);
  }

  /** KL gradient: exaggeration × attraction over the affinities minus normalised repulsion. */
  private computeGradient(exaggeration: number): void {
    const { y, gradient, dims, rows } = this;
    const p = this.affinities as SparseMatrix;
    if (dims === 2) {
      attraction2(y, p, exaggeration, gradient);
    } else {
      attraction3(y, p, exaggeration, gradient);
    }
    const repulsion = this.repulsion;
    let sumQ: number;
    if (this.useFft(exaggeration)) {
      sumQ = (this.fft as FftRepulsion).compute(y, rows, repulsion, this.boxWidth(exaggeration));
      this.fftSteps += 1;
    } else {
      sumQ = this.barnesHut();
    }
    const inverse = 1 / sumQ;
    for (let i = 0; i < gradient.length; i++) {
      gradient[i]! -= repulsion[i]! * inverse;
    }
  }

  /** Barnes-Hut repulsion into `this.repulsion`; returns Σ q. */
  private barnesHut(): number {
    const { y, rows, dims, tree, repulsion } = this;
    if (this.spatialOrder === null || this.orderAge >= ORDER_EVERY) {
      this.spatialOrder = mortonOrder(y, rows, dims);
      this.orderAge = 0;
    }
    this.orderAge += 1;
    const order = this.spatialOrder;
    tree.build(y, rows, order);
    const force = new Float64Array(3);
    const pointQ = this.pointQ;
    for (let m = 0; m < rows; m++) {
      const i = order[m]!;
      pointQ[i] = tree.repulsion(y, i, this.theta2, force);
      for (let d = 0; d < dims; d++) {
        repulsion[i * dims + d] = force[d]!;
      }
    }
    // Summed in index order, so the walk's order changes nothing in the result.
    let sumQ = 0;
    for (let i = 0; i < rows; i++) {
      sumQ += pointQ[i]!;
    }
    return sumQ;
  }

  /** Whether this iteration's repulsion comes from the FFT method (see `negativeGradient`). */
  private boxWidth(exaggeration: number): number {
    return exaggeration > 1 ? FFT_BOX_WIDTH : FFT_BOX_WIDTH_LATE;
  }

  private useFft(exaggeration: number): boolean {
    const { y, rows } = this;
    if (this.dims !== 2 || this.negativeGradient === 'bh' || this.fftUnavailable) {
      return false;
    }
    if (this.negativeGradient === 'auto' && rows < FFT_MIN_ROWS) {
      return false;
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < y.length; i++) {
      const v = y[i]!;
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
    const length = FftRepulsion.fftLength(hi - lo, this.boxWidth(exaggeration));
    if (length > FFT_MAX_LENGTH) {
      return false;
    }
    if (this.negativeGradient !== 'fft' && fftCost(length, rows) >= barnesHutCost(rows)) {
      return false;
    }
    this.fft ??= FftRepulsion.create();
    this.fftUnavailable = this.fft === null;
    return !this.fftUnavailable;
  }

  private setInitialLayout(): void {
    const { rows, dims, y } = this;
    const init = this.params.init ?? 'pca';
    if (init instanceof Float32Array) {
      this.checkInit(init);
      y.set(init);
    } else if (init === 'random') {
      const random = seededRandom(this.params.seed ?? 0);
      for (let i = 0; i < y.length; i++) {
        y[i] = gaussian(random);
      }
    } else {
      y.set(projectPca(this.data, rows, this.cols, dims).coords);
    }
    center(y, rows, dims);
    let sq = 0;
    for (let i = 0; i < rows; i++) {
      sq += y[i * dims]! ** 2;
    }
    const std = Math.sqrt(sq / Math.max(1, rows));
    if (this.warm && std > 0) {
      return;
    }
    const scale = std > 0 ? INIT_STD / std : 0;
    for (let i = 0; i < y.length; i++) {
      y[i]! *= scale;
    }
    if (scale === 0) {
      // A degenerate start (all points equal) gets a tiny seeded jitter so t-SNE can move them apart.
      const random = seededRandom(this.params.seed ?? 0);
      for (let i = 0; i < y.length; i++) {
        y[i] = INIT_STD * gaussian(random);
      }
    }
  }
}

/** Shortens every point's step (a row of `update`) longer than `max` to that length. */
function clipSteps(update: Float64Array, rows: number, dims: number, max: number): void {
  if (!Number.isFinite(max)) {
    return;
  }
  const max2 = max * max;
  for (let i = 0; i < rows; i++) {
    let norm2 = 0;
    for (let d = 0; d < dims; d++) {
      norm2 += update[i * dims + d]! ** 2;
    }
    if (norm2 > max2) {
      const scale = max / Math.sqrt(norm2);
      for (let d = 0; d < dims; d++) {
        update[i * dims + d]! *= scale;
      }
    }
  }
}

function center(y: Float64Array, rows: number, dims: number): void {
  for (let d = 0; d < dims; d++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) {
      mean += y[i * dims + d]!;
    }
    mean /= Math.max(1, rows);
    for (let i = 0; i < rows; i++) {
      y[i * dims + d]! -= mean;
    }
  }
}
