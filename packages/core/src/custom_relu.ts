import * as tf from '@tensorflow/tfjs';

import { type LayerArgs, onlyInput } from './tfjs_classes.js';

/**
 * Keras's activation layers where TF.js's differ: TF.js's ReLU has no `negative_slope` or
 * `threshold`, and its ELU refuses any alpha but 1. The kernel picks these classes only there;
 * like Keras's, they pass a padding mask on (they are element-wise).
 */

/** Arguments of {@link KerasReLU}, as TF.js camelCases Keras's config. */
export interface KerasReLUArgs {
  name?: string;
  /** Upper bound of the output; none when null. */
  maxValue?: number | null;
  /** Slope below the threshold (Keras 3's name; tf.keras 2 calls it `negative_slope` too). */
  negativeSlope?: number;
  /** Inputs at or below it give 0 (or the slope's line). */
  threshold?: number;
}

/**
 * Keras's `activations.relu(x, negative_slope, max_value, threshold)`, step for step as its
 * TensorFlow backend computes it: a plain leaky ReLU without bound or threshold; else
 * `x > threshold ? x : 0`, clipped to `[0, max_value]`, minus `negative_slope ·
 * relu(threshold - x)`.
 */
export function kerasRelu(
  x: tf.Tensor,
  negativeSlope: number,
  maxValue: number | null,
  threshold: number
): tf.Tensor {
  return tf.tidy(() => {
    if (negativeSlope !== 0 && maxValue === null && threshold === 0) {
      return tf.leakyRelu(x, negativeSlope);
    }
    let y: tf.Tensor;
    let clip = maxValue !== null;
    if (threshold !== 0) {
      y = tf.where(x.greater(threshold), x, tf.zerosLike(x));
    } else if (maxValue === 6) {
      y = tf.relu6(x);
      clip = false;
    } else {
      y = tf.relu(x);
    }
    if (clip) {
      y = tf.clipByValue(y, 0, maxValue as number);
    }
    if (negativeSlope !== 0) {
      y = y.sub(tf.relu(tf.neg(x).add(threshold)).mul(negativeSlope));
    }
    return y;
  });
}

/** Keras's `ReLU` layer with `negative_slope` and `threshold` (and `max_value`). */
export class KerasReLU extends tf.layers.Layer {
  static readonly className = 'LayervizReLU';
  static readonly kerasClassName = 'ReLU';
  private readonly maxValue: number | null;
  private readonly negativeSlope: number;
  private readonly threshold: number;

  constructor(args: KerasReLUArgs) {
    super(args as LayerArgs);
    this.supportsMasking = true;
    this.maxValue = args.maxValue ?? null;
    this.negativeSlope = args.negativeSlope ?? 0;
    this.threshold = args.threshold ?? 0;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return kerasRelu(onlyInput(inputs), this.negativeSlope, this.maxValue, this.threshold);
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      maxValue: this.maxValue,
      negativeSlope: this.negativeSlope,
      threshold: this.threshold
    };
  }
}

/** Keras's `ELU(alpha)`: x for x > 0, else alpha · (exp(x) - 1). */
export class KerasELU extends tf.layers.Layer {
  static readonly className = 'LayervizELU';
  static readonly kerasClassName = 'ELU';
  private readonly alpha: number;

  constructor(args: { name?: string; alpha?: number }) {
    super(args as LayerArgs);
    this.supportsMasking = true;
    this.alpha = args.alpha ?? 1;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = onlyInput(inputs);
      const elu = tf.elu(x);
      // As Keras's TensorFlow backend: the scaled branch only where x ≤ 0.
      return this.alpha === 1 ? elu : tf.where(x.greater(0), elu, elu.mul(this.alpha));
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}
