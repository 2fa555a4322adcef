import * as tf from '@tensorflow/tfjs';

/** TF.js memory in use on this page (or process): live tensors and their bytes. */
export interface TensorMemory {
  readonly numTensors: number;
  /** Bytes held by live tensors. */
  readonly numBytes: number;
}

/**
 * The TF.js memory in use now: after every layerviz computation it is back where it was, which
 * the browser tests check across several widgets and re-runs.
 */
export function tensorMemory(): TensorMemory {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
}
