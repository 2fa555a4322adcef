import * as tf from '@tensorflow/tfjs';

/**
 * How a per-sample output with more than one axis, (T, C) or (H, W, C), becomes one vector:
 * `'mean'` over steps/positions (masked steps excluded), `'max'`, `'last'` unmasked step
 * (sequences only), or `'flatten'` to T·C features.
 */
export type PoolingMode = 'mean' | 'max' | 'last' | 'flatten';

/**
 * Reduce a batch of layer outputs to one row per sample.
 *
 * @param output - `(B, D)` is returned as is; `(B, T, C)` and `(B, H, W, C)` are pooled over
 *   all axes but the first and last.
 * @param mask - optional `(B, T)` of 0/1 for sequence outputs; steps with 0 are excluded. A
 *   sample whose steps are all masked pools to zeros.
 * @returns a `(B, D)` float32 tensor; the caller owns it (call inside `tf.tidy`).
 */
export function poolOutput(
  output: tf.Tensor,
  mode: PoolingMode = 'mean',
  mask?: tf.Tensor2D
): tf.Tensor2D {
  const rank = output.rank;
  if (rank === 1) {
    return output.reshape([-1, 1]);
  }
  if (rank === 2) {
    return output.toFloat() as tf.Tensor2D;
  }
  const batch = output.shape[0];
  const channels = output.shape[rank - 1] ?? 1;
  if (mode === 'flatten') {
    return output.reshape([batch, -1]).toFloat() as tf.Tensor2D;
  }
  // Collapse (H, W) into one step axis so images and sequences share one code path.
  const collapsed = output.reshape([batch, -1, channels]);
  const steps = (output.dtype === 'float32' ? collapsed : collapsed.toFloat()) as tf.Tensor3D;
  if (mask === undefined && (mode === 'mean' || mode === 'max')) {
    // Nothing to exclude: no (B, steps, C) temporaries, which would double the batch's memory.
    return (mode === 'mean' ? steps.mean(1) : steps.max(1)) as tf.Tensor2D;
  }
  const weights =
    mask !== undefined && rank === 3 ? mask.toFloat() : tf.ones([batch, steps.shape[1]], 'float32');
  const w3 = weights.expandDims(2);
  if (mode === 'max') {
    // Masked steps must never win the max: push them to -Infinity, then map empty rows to 0.
    const masked = steps.where(w3.cast('bool').tile([1, 1, channels]), -Infinity);
    const max = masked.max(1);
    return max.where(max.isFinite(), tf.zerosLike(max)) as tf.Tensor2D;
  }
  if (mode === 'last') {
    // Index of the last unmasked step per sample (0 when none are unmasked).
    const positions = tf.range(0, steps.shape[1], 1, 'float32').expandDims(0);
    const last = weights.mul(positions.add(1)).max(1).sub(1).maximum(0).toInt();
    return tf.gather(steps, last, 1, 1).as2D(batch, channels);
  }
  const sum = steps.mul(w3).sum(1);
  const count = weights.sum(1, true).maximum(1);
  return sum.div(count) as tf.Tensor2D;
}
