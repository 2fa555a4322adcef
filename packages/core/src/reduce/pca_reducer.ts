import { checkShape } from './argument_checks.js';
import { projectPca } from './pca.js';
import { IterativeReducer } from './reducer.js';

/** PCA as a reducer: closed form, so `init()` does all the work and there are no iterations. */
export class PcaReducer extends IterativeReducer {
  readonly dims: 2 | 3;
  readonly rows: number;
  readonly iterations = 0;
  private readonly data: Float32Array;
  private readonly cols: number;
  private coords: Float32Array;
  /** Fraction of variance per axis once initialised, in [0, 1]. */
  explainedVariance: readonly number[] = [];

  /** @param data - `(rows, cols)` row-major samples. */
  constructor(data: ArrayLike<number>, rows: number, cols: number, dims: 2 | 3 = 2) {
    super();
    checkShape(data, rows, cols);
    this.dims = dims;
    this.rows = rows;
    this.cols = cols;
    this.data = data instanceof Float32Array ? data : Float32Array.from(data);
    this.coords = new Float32Array(rows * dims);
  }

  embedding(): Float32Array {
    return this.coords.slice();
  }

  protected initialize(): void {
    const projection = projectPca(this.data, this.rows, this.cols, this.dims);
    this.coords = projection.coords;
    this.explainedVariance = projection.explainedVariance;
  }

  protected advance(): void {
    // Closed form: nothing to iterate.
  }
}
