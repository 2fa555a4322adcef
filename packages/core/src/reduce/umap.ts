import { UMAP } from 'umap-js';

import { LAYOUT_NUMBERS } from '../options.js';
import { checkRange, checkShape } from './argument_checks.js';
import { nearestNeighbors } from './knn.js';
import { seededRandom } from './random.js';
import { IterativeReducer } from './reducer.js';

/** Parameters of {@link Umap}; every field has a default. */
export interface UmapParameters {
  /** Output dimensions, 2 or 3; default 2. */
  readonly dims?: 2 | 3;
  /** Size of the local neighbourhood, in [2, 200]; default 15 (lowered to N - 1 for small N). */
  readonly neighbors?: number;
  /** How tightly points may pack, in [0, 1]; default 0.1. */
  readonly minDist?: number;
  /**
   * Optimisation epochs, in [1, 10000]; default umap-js's choice: 500 up to 2,500 points, 400 up
   * to 5,000, 300 up to 7,500, else 200.
   */
  readonly epochs?: number;
  /** Seed of the random start and of the negative sampling; default 0. */
  readonly seed?: number;
  /** An `(N, dims)` start, e.g. the previous layer's layout; default random. */
  readonly init?: Float32Array;
  /**
   * Neighbour search: `'auto'` (default) is exact up to 5,000 rows and approximate above (random
   * projection trees + nearest-neighbour descent, seeded by `seed`); `'exact'` or `'approximate'`
   * force one.
   */
  readonly neighborSearch?: 'auto' | 'exact' | 'approximate';
}

/** umap-js starts from uniform noise in [-10, 10]; a given start is scaled to the same box. */
const INIT_EXTENT = 10;

/**
 * UMAP (McInnes et al. 2018) through umap-js, with our own neighbour search (exact up to 5,000 rows,
 * seeded approximate search above; see `neighborSearch`) and a seeded random source, so the same
 * data and seed give the same layout.
 */
export class Umap extends IterativeReducer {
  readonly dims: 2 | 3;
  readonly rows: number;
  private epochs: number;
  private readonly params: UmapParameters;
  private readonly data: ArrayLike<number>;
  private readonly cols: number;
  private readonly neighbors: number;
  private readonly umap: UMAP;

  /**
   * @param data - `(rows, cols)` row-major samples; reduce D to ≤ 50 first for speed.
   * @throws RangeError when a parameter is outside its documented range.
   */
  constructor(data: ArrayLike<number>, rows: number, cols: number, params: UmapParameters = {}) {
    super();
    this.params = params;
    this.dims = params.dims ?? 2;
    if (this.dims !== 2 && this.dims !== 3) {
      throw new RangeError(`dims must be 2 or 3, got ${String(this.dims)}`);
    }
    checkShape(data, rows, cols);
    const { neighbors: k, minDist: d, iterations: e } = LAYOUT_NUMBERS;
    const neighbors = params.neighbors ?? k.default;
    checkRange('neighbors', neighbors, k.min, k.max);
    this.neighbors = Math.max(1, Math.min(Math.round(neighbors), rows - 1));
    const minDist = params.minDist ?? d.default;
    checkRange('minDist', minDist, d.min, d.max);
    if (params.epochs !== undefined) {
      checkRange('epochs', params.epochs, e.min, e.max);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
    // Until initializeFit reports umap-js's own count, the same rule (umap-js's getNEpochs). It
    // used to be 500 up to 10,000 points (umap-learn's rule, not umap-js's as documented): 2.5x the
    // work at 10,000, for trustworthiness@10 0.9935 against 0.9923 with 200 on the activations.
    this.epochs = params.epochs ?? umapJsEpochs(rows);
    this.umap = new UMAP({
      nComponents: this.dims,
      nNeighbors: this.neighbors + 1,
      minDist,
      // 0 lets umap-js choose (its getNEpochs).
      nEpochs: params.epochs ?? 0,
      random: seededRandom(params.seed ?? 0)
    });
  }

  get iterations(): number {
    return this.rows < 3 ? 0 : this.epochs;
  }

  embedding(): Float32Array {
    const out = new Float32Array(this.rows * this.dims);
    if (this.rows < 3) {
      return out;
    }
    this.umap.getEmbedding().forEach((row, i) => out.set(row, i * this.dims));
    return out;
  }

  protected initialize(signal?: AbortSignal): void {
    if (this.rows < 3) {
      return;
    }
    const { rows, cols } = this;
    const vectors: number[][] = [];
    for (let r = 0; r < rows; r++) {
      vectors.push(Array.from({ length: cols }, (_, c) => this.data[r * cols + c] as number));
    }
    const knn = nearestNeighbors(this.data, rows, cols, this.neighbors, {
      method: this.params.neighborSearch ?? 'auto',
      seed: this.params.seed ?? 0,
      signal
    });
    const indices: number[][] = [];
    const distances: number[][] = [];
    for (let r = 0; r < rows; r++) {
      // UMAP's neighbour lists start with the point itself at distance 0.
      const idx = [r];
      const dist = [0];
      for (let j = 0; j < knn.k; j++) {
        idx.push(knn.indices[r * knn.k + j]!);
        dist.push(Math.sqrt(knn.squaredDistances[r * knn.k + j]!));
      }
      indices.push(idx);
      distances.push(dist);
    }
    this.umap.setPrecomputedKNN(indices, distances);
    this.epochs = this.umap.initializeFit(vectors);
    if (this.params.init !== undefined) {
      this.setStart(this.params.init);
    }
  }

  protected advance(): void {
    this.umap.step();
  }

  /** Overwrite umap-js's random start in place (its optimiser holds the same row arrays). */
  private setStart(init: Float32Array): void {
    const { rows, dims } = this;
    if (init.length !== rows * dims) {
      throw new RangeError(`init has ${init.length} values, not ${rows} × ${dims}`);
    }
    const mean = new Float64Array(dims);
    for (let i = 0; i < rows; i++) {
      for (let d = 0; d < dims; d++) {
        mean[d]! += init[i * dims + d]! / rows;
      }
    }
    let extent = 0;
    for (let i = 0; i < init.length; i++) {
      extent = Math.max(extent, Math.abs(init[i]! - mean[i % dims]!));
    }
    const scale = extent > 0 ? INIT_EXTENT / extent : 0;
    const rowsOut = this.umap.getEmbedding();
    for (let i = 0; i < rows; i++) {
      const row = rowsOut[i]!;
      for (let d = 0; d < dims; d++) {
        row[d] = (init[i * dims + d]! - mean[d]!) * scale;
      }
    }
  }
}

/** umap-js's default number of epochs for `rows` points (its `getNEpochs`). */
function umapJsEpochs(rows: number): number {
  return rows <= 2500 ? 500 : rows <= 5000 ? 400 : rows <= 7500 ? 300 : 200;
}
