import { throwIfAborted, yieldToEventLoop } from '../progress.js';

/** Called with the iteration just done (1-based); returning `false` stops early (anything else goes on). */
export type OnStep = (iteration: number, reducer: IterativeReducer) => unknown;

/** Options of {@link IterativeReducer.fitAsync}. */
export interface FitAsyncOptions {
  /** Stops between iterations with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Longest stretch of work, in ms, before yielding to the event loop; default 40. */
  readonly sliceMs?: number;
}

/**
 * The shape every layout method shares: `init()` does the one-off work (neighbours, affinities,
 * initial layout), each `step()` one optimisation iteration, and `embedding()` the current layout.
 * `fit()` runs it to the end; `fitAsync()` does too while yielding, so a page or worker stays
 * responsive and can watch the layout form.
 */
export abstract class IterativeReducer {
  /** 2 or 3. */
  abstract readonly dims: number;
  /** Samples N. */
  abstract readonly rows: number;
  /** Iterations a full fit runs (0 for closed-form methods such as PCA). */
  abstract readonly iterations: number;
  private done = 0;
  private initialized = false;

  /** Iterations done so far. */
  get iteration(): number {
    return this.done;
  }

  /** Whether every iteration has run. */
  get finished(): boolean {
    return this.initialized && this.done >= this.iterations;
  }

  /** The current `(rows, dims)` layout, row-major; a copy the caller owns. */
  abstract embedding(): Float32Array;

  protected abstract initialize(signal?: AbortSignal): void;
  protected abstract advance(iteration: number): void;

  /** Do the one-off work; calling it again does nothing. */
  init(signal?: AbortSignal): this {
    if (!this.initialized) {
      this.initialize(signal);
      this.initialized = true;
    }
    return this;
  }

  /**
   * Run one iteration (initialising first if needed).
   *
   * @returns false once every iteration has run.
   */
  step(): boolean {
    this.init();
    if (this.done >= this.iterations) {
      return false;
    }
    this.advance(this.done);
    this.done += 1;
    return this.done < this.iterations;
  }

  /** Run to the end without yielding; returns the final layout. */
  fit(signal?: AbortSignal): Float32Array {
    this.init(signal);
    while (this.step()) {
      if (this.done % 16 === 0) {
        throwIfAborted(signal);
      }
    }
    return this.embedding();
  }

  /**
   * Run to the end, calling `onStep` after every iteration and yielding to the event loop every
   * `sliceMs`; `onStep` returning false stops early.
   *
   * @returns the layout when it stopped.
   * @throws the signal's reason when aborted.
   */
  async fitAsync(onStep?: OnStep, options: FitAsyncOptions = {}): Promise<Float32Array> {
    const sliceMs = options.sliceMs ?? 40;
    throwIfAborted(options.signal);
    this.init(options.signal);
    let sliceStart = Date.now();
    while (this.done < this.iterations) {
      this.step();
      if (onStep?.(this.done, this) === false) {
        break;
      }
      if (Date.now() - sliceStart >= sliceMs) {
        await yieldToEventLoop();
        throwIfAborted(options.signal);
        sliceStart = Date.now();
      }
    }
    return this.embedding();
  }
}
