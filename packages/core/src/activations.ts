import * as tf from '@tensorflow/tfjs';

import { findLayer, layerOutput } from './model.js';
import type { NdArray } from './ndarray.js';
import { sizeOf } from './ndarray.js';
import { poolOutput, type PoolingMode } from './pooling.js';
import { type OnProgress, throwIfAborted, yieldToEventLoop } from './progress.js';

/** The activations of one layer on all samples, pooled to one row per sample. */
export interface LayerActivations {
  /** The layer's name. */
  readonly layer: string;
  /** `(N, D)` row-major float32. */
  readonly data: Float32Array;
  /** Number of samples N. */
  readonly rows: number;
  /** Features per sample D. */
  readonly cols: number;
}

/** Options of {@link computeActivations}. */
export interface ActivationOptions {
  /**
   * Upper bound on TF.js's memory during the forward pass, in bytes, default
   * {@link MEMORY_BUDGET_BYTES} (512 MiB): the model's weights plus one batch of the input,
   * every layer's outputs (shown or not) and the ops' temporaries stay under it. The batch size is derived from it and the layers'
   * output shapes: at least 1 sample, at most 1,024.
   */
  readonly memoryBudgetBytes?: number;
  /** Fixed batch size, overriding {@link memoryBudgetBytes}; 1 or more. */
  readonly batchSize?: number;
  /** Pooling of outputs with more than one feature axis, default `'mean'`. */
  readonly pooling?: PoolingMode;
  /** Called after each batch. */
  readonly onProgress?: OnProgress;
  /** Stops the computation between batches; the promise then rejects with an AbortError. */
  readonly signal?: AbortSignal;
}

/** The default {@link ActivationOptions.memoryBudgetBytes}: 512 MiB. */
export const MEMORY_BUDGET_BYTES = 512 * 1024 * 1024;

/**
 * Compute the outputs of all `layerNames` in ONE forward pass per batch: a multi-output model
 * sharing the trained layers, so every "truncated model" costs nothing extra.
 *
 * Every tensor is disposed: `tf.memory().numTensors` is the same before and after.
 *
 * @param x - the model input, `(N, ...)`, int32 or float32.
 * @throws Error if a layer does not exist or x does not fit the model's input shape.
 */
export async function computeActivations(
  model: tf.LayersModel,
  x: NdArray,
  layerNames: readonly string[],
  options: ActivationOptions = {}
): Promise<LayerActivations[]> {
  const layers = layerNames.map((name) => findLayer(model, name));
  checkInput(model, x);
  const multi = tf.model({
    inputs: model.inputs,
    outputs: layers.map((layer) => layerOutput(model, layer))
  });
  const n = x.shape[0] ?? 0;
  const rowSize = sizeOf(x.shape.slice(1));
  const batchSize = options.batchSize ?? batchSizeFor(model, x, options.memoryBudgetBytes);
  const maskFromInput = sequenceMaskSource(model, x);
  const results: { data: Float32Array; cols: number }[] = [];
  for (let start = 0; start < n; start += batchSize) {
    throwIfAborted(options.signal);
    const end = Math.min(n, start + batchSize);
    const pooled = tf.tidy(() => {
      const xb = tf.tensor(
        x.data.subarray(start * rowSize, end * rowSize),
        [end - start, ...x.shape.slice(1)],
        x.dtype === 'float32' ? 'float32' : 'int32'
      );
      const mask = maskFromInput ? (xb.notEqual(0) as tf.Tensor2D) : undefined;
      const outputs = multi.predict(xb, { batchSize: end - start });
      const list = Array.isArray(outputs) ? outputs : [outputs];
      return list.map((out) => {
        const seqMask = mask !== undefined && out.rank === 3 && out.shape[1] === xb.shape[1];
        return poolOutput(out, options.pooling ?? 'mean', seqMask ? mask : undefined);
      });
    });
    const values = await Promise.all(pooled.map((t) => t.data<'float32'>()));
    pooled.forEach((tensor, i) => {
      const cols = tensor.shape[1] ?? 1;
      const slot = (results[i] ??= { data: new Float32Array(n * cols), cols });
      slot.data.set(values[i] as Float32Array, start * cols);
    });
    tf.dispose(pooled);
    options.onProgress?.({
      stage: 'activations',
      done: end,
      total: n,
      message: `Activations: ${end.toLocaleString('en')} of ${n.toLocaleString('en')} samples`
    });
    await yieldToEventLoop();
  }
  return layers.map((layer, i) => ({
    layer: layer.name,
    data: results[i]?.data ?? new Float32Array(0),
    rows: n,
    cols: results[i]?.cols ?? 0
  }));
}

function checkInput(model: tf.LayersModel, x: NdArray): void {
  if (model.inputs.length !== 1) {
    throw new Error(`model "${model.name}" has ${model.inputs.length} inputs; layerviz needs one`);
  }
  const expected = model.inputs[0]?.shape ?? [];
  const fits =
    expected.length === x.shape.length &&
    expected.every((dim, i) => i === 0 || dim === null || dim === x.shape[i]);
  if (!fits) {
    throw new Error(
      `x has shape [${x.shape.join(', ')}] but model "${model.name}" expects ` +
        `[${expected.map((d) => (d === null ? 'N' : d)).join(', ')}]`
    );
  }
}

/**
 * The largest batch whose tensors fit in `budget` less the weights: the input and every layer's
 * outputs (intermediate ones are in memory during the pass too), times
 * {@link TEMPORARY_FACTOR} for what the ops make on the way; float32 assumed. Sequence lengths
 * left open (`null`) count as 1: their real length is only known from x.
 */
function batchSizeFor(model: tf.LayersModel, x: NdArray, budget = MEMORY_BUDGET_BYTES): number {
  const weightBytes = model.weights.reduce((sum, w) => sum + 4 * sizeOf(w.shape as number[]), 0);
  const outputBytes = model.layers.reduce((sum, layer) => {
    const shapes = (
      Array.isArray((layer.outputShape as unknown[])[0]) ? layer.outputShape : [layer.outputShape]
    ) as (number | null)[][];
    return sum + shapes.reduce((s, shape) => s + 4 * sizeOf(known(shape.slice(1))), 0);
  }, 0);
  const bytesPerSample = TEMPORARY_FACTOR * (outputBytes + 4 * sizeOf(x.shape.slice(1)));
  const room = Math.max(0, budget - weightBytes);
  return Math.max(1, Math.min(1024, Math.floor(room / Math.max(1, bytesPerSample))));
}

/**
 * Ops allocate temporaries besides a layer's output (a convolution's im2col patches, the output
 * before its bias and activation): measured at 2.1× the outputs for a 3×3 conv on the CPU
 * backend (core's memory test), so 3× leaves a margin.
 */
const TEMPORARY_FACTOR = 3;

function known(shape: readonly (number | null)[]): number[] {
  return shape.map((d) => d ?? 1);
}

/**
 * Whether sequence outputs should be masked by `x != 0`: true when the model starts with an
 * Embedding with `mask_zero`, which is where Keras and TF.js masks come from in the models
 * layerviz converts (the full per-layer mask propagation is Keras's `compute_mask`).
 */
function sequenceMaskSource(model: tf.LayersModel, x: NdArray): boolean {
  if (x.shape.length !== 2) {
    return false;
  }
  return model.layers.some(
    (layer) => layer.getClassName() === 'Embedding' && layer.getConfig()['maskZero'] === true
  );
}
