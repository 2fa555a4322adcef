/** One step of a long computation, reported through an {@link OnProgress} callback. */
export interface Progress {
  /**
   * What is running: `'load'` the model, `'activations'` the forward pass, `'projection'` the PCA
   * to at most 50 dimensions, `'layout'` t-SNE / UMAP / PCA per layer, `'metrics'` a layer's
   * separability metrics.
   */
  readonly stage: 'load' | 'activations' | 'projection' | 'layout' | 'metrics';
  /** Units done so far (samples for activations, layers for projection), `0 <= done <= total`. */
  readonly done: number;
  /** Units in all. */
  readonly total: number;
  /** A short sentence for people, e.g. `"Activations: 1,200 of 2,000 samples"`. */
  readonly message: string;
}

/** Receives progress; the caller decides how to show it. */
export type OnProgress = (progress: Progress) => void;

/** Throw the signal's reason (a DOMException named AbortError) if it has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}

/** Let other tasks (UI events, other widgets) run between batches of work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
