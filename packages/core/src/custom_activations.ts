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

/** Every custom activation class, for `registerCustomObjects`. */
export const CUSTOM_ACTIVATION_CLASSES = [
  KerasHardSigmoid,
  KerasHardSilu,
  KerasLeakyRelu,
  KerasExponential
];
