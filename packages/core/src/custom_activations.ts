import * as tf from '@tensorflow/tfjs';

/**
 * Keras 3 activations that TF.js 4.22 lacks or computes differently. The kernel renames them in
 * the topology to `layerviz_<keras name>` (TF.js then camelCases the string), so a model can
 * never pick up TF.js's different namesake by accident.
 */
abstract class KerasActivation extends tf.serialization.Serializable {
  abstract apply(x: tf.Tensor): tf.Tensor;

  getConfig(): tf.serialization.ConfigDict {
    return {};
  }
}

/** Keras 3 `hard_sigmoid`: relu6(x + 3) / 6 (TF.js's is clip(0.2x + 0.5, 0, 1)). */
export class KerasHardSigmoid extends KerasActivation {
  static readonly className = 'layervizHardSigmoid';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.relu6(x.add(3)).div(6));
  }
}

/** Keras 3 `hard_silu` (alias `hard_swish`): x · relu6(x + 3) / 6. */
export class KerasHardSilu extends KerasActivation {
  static readonly className = 'layervizHardSilu';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => x.mul(tf.relu6(x.add(3)).div(6)));
  }
}

/** Keras 3 `leaky_relu` as an activation string: slope 0.2 for x < 0. */
export class KerasLeakyRelu extends KerasActivation {
  static readonly className = 'layervizLeakyRelu';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.leakyRelu(x, 0.2);
  }
}

/** Keras 3 `exponential`: exp(x). */
export class KerasExponential extends KerasActivation {
  static readonly className = 'layervizExponential';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.exp(x);
  }
}

/**
 * Keras 3 `celu` (alpha 1, its default as a string): max(x, 0) + expm1(min(x, 0)). TF.js has no
 * expm1; exp(m) - 1 differs from it by under 1e-7 in float32 where m is near 0.
 */
export class KerasCelu extends KerasActivation {
  static readonly className = 'layervizCelu';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.relu(x).add(tf.exp(tf.minimum(x, 0)).sub(1)));
  }
}

/**
 * Keras 3 `glu` (gated linear unit, last axis): the first half times the sigmoid of the second.
 * It halves the last axis, so the layers carrying it are layerviz's (custom_glu.ts), which say so
 * in their output shapes.
 */
export class KerasGlu extends KerasActivation {
  static readonly className = 'layervizGlu';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const [value, gate] = tf.split(x, 2, -1) as [tf.Tensor, tf.Tensor];
      return value.mul(tf.sigmoid(gate));
    });
  }
}

/** Keras 3 `hard_shrink` (threshold 0.5): x where |x| > 0.5, else 0. */
export class KerasHardShrink extends KerasActivation {
  static readonly className = 'layervizHardShrink';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.where(tf.abs(x).greater(0.5), x, tf.zerosLike(x)));
  }
}

/** Keras 3 `hard_tanh`: clip(x, -1, 1). */
export class KerasHardTanh extends KerasActivation {
  static readonly className = 'layervizHardTanh';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.clipByValue(x, -1, 1);
  }
}

/** Keras 3 `log_sigmoid`: log(sigmoid(x)) = -softplus(-x), without overflow. */
export class KerasLogSigmoid extends KerasActivation {
  static readonly className = 'layervizLogSigmoid';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.logSigmoid(x);
  }
}

/**
 * Keras 3 `soft_shrink` (threshold 0.5): x - 0.5 above 0.5, x + 0.5 below -0.5, else 0 —
 * which is x - clip(x, -0.5, 0.5), exactly (the same subtraction where it is not 0).
 */
export class KerasSoftShrink extends KerasActivation {
  static readonly className = 'layervizSoftShrink';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => x.sub(tf.clipByValue(x, -0.5, 0.5)));
  }
}

/** Keras 3 `sparse_plus`: 0 for x ≤ -1, (x + 1)² / 4 for -1 < x < 1, x from 1 on. */
export class KerasSparsePlus extends KerasActivation {
  static readonly className = 'layervizSparsePlus';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const smooth = tf.square(x.add(1)).mul(0.25);
      const upper = tf.where(x.less(1), smooth, x);
      return tf.where(x.lessEqual(-1), tf.zerosLike(x), upper);
    });
  }
}

/** Keras 3 `sparse_sigmoid`: 0 for x ≤ -1, (x + 1) / 2 between, 1 from 1 on. */
export class KerasSparseSigmoid extends KerasActivation {
  static readonly className = 'layervizSparseSigmoid';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.clipByValue(x.add(1).mul(0.5), 0, 1));
  }
}

/** Keras 3 `squareplus` (b = 4): (x + sqrt(x² + 4)) / 2. */
export class KerasSquareplus extends KerasActivation {
  static readonly className = 'layervizSquareplus';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => x.add(tf.sqrt(tf.square(x).add(4))).div(2));
  }
}

/** Keras 3 `tanh_shrink`: x - tanh(x). */
export class KerasTanhShrink extends KerasActivation {
  static readonly className = 'layervizTanhShrink';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => x.sub(tf.tanh(x)));
  }
}

/**
 * Keras 3 `sparsemax` over the last axis, as Keras 3.15 computes it in every backend: with the
 * values sorted in descending order z₍ⱼ₎, their cumulative sums c_j and the support
 * S = {j : z₍ⱼ₎ - (c_j - 1) / j > 0}, τ = (Σ_{j∈S} c_j - 1) / |S| and the output is
 * max(x - τ, 0). (The textbook τ is (c_|S| - 1) / |S|; Keras sums the cumulative sums, so its
 * outputs need not sum to 1. Faithful to Keras is what a layer-by-layer comparison needs.)
 */
export class KerasSparsemax extends KerasActivation {
  static readonly className = 'layervizSparsemax';
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const n = x.shape[x.rank - 1] as number;
      const sorted = tf.topk(x, n, true).values;
      const cumulative = tf.cumsum(sorted, x.rank - 1);
      const rank = tf.range(1, n + 1, 1, 'float32');
      const support = sorted.sub(cumulative.sub(1).div(rank)).greater(0);
      const k = tf.sum(tf.cast(support, 'float32'), -1, true);
      const inSupport = tf.where(support, cumulative, tf.zerosLike(cumulative));
      const tau = tf.sum(inSupport, -1, true).sub(1).div(k);
      return tf.relu(x.sub(tau));
    });
  }
}

/** Every custom activation class, for `registerCustomObjects`. */
export const CUSTOM_ACTIVATION_CLASSES = [
  KerasHardSigmoid,
  KerasHardSilu,
  KerasLeakyRelu,
  KerasExponential,
  KerasCelu,
  KerasGlu,
  KerasHardShrink,
  KerasHardTanh,
  KerasLogSigmoid,
  KerasSoftShrink,
  KerasSparsePlus,
  KerasSparseSigmoid,
  KerasSquareplus,
  KerasTanhShrink,
  KerasSparsemax
];
