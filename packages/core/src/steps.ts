import { yieldToEventLoop } from './progress.js';

/**
 * A metric computed in steps: the generator yields the share of the work done so far, in [0, 1],
 * between steps, and returns the metric's value. {@link runSteps} drives it to the end at once;
 * {@link runStepsAsync} drives it in time slices, with progress and cancellation.
 */
export type Steps<T> = Generator<number, T, void>;

/** Options of the asynchronous metric functions. */
export interface MetricOptions {
  /** Stops between steps with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called with the share done, in [0, 1], once per time slice and at the end. */
  readonly onProgress?: (fraction: number) => void;
  /** Longest stretch of work, in ms, before yielding to the event loop; default 40. */
  readonly sliceMs?: number;
}

/** Run every step without yielding and return the value. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done === true) {
      return next.value;
    }
  }
}

/**
 * Run the steps, yielding to the event loop every `sliceMs` so that a cancel message can arrive
 * (in a worker) or the page can paint (on the main thread).
 *
 * @throws the signal's reason when aborted.
 */
export async function runStepsAsync<T>(steps: Steps<T>, options: MetricOptions = {}): Promise<T> {
  const { signal, onProgress } = options;
  const sliceMs = options.sliceMs ?? 40;
  signal?.throwIfAborted();
  let sliceStart = Date.now();
  for (;;) {
    const next = steps.next();
    if (next.done === true) {
      onProgress?.(1);
      return next.value;
    }
    if (Date.now() - sliceStart >= sliceMs) {
      onProgress?.(next.value);
      await yieldToEventLoop();
      signal?.throwIfAborted();
      sliceStart = Date.now();
    }
  }
}
