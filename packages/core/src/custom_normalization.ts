import * as tf from '@tensorflow/tfjs';

/** Arguments of {@link KerasNormalization}, as TF.js camelCases Keras's config. */
export interface KerasNormalizationArgs {
  name?: string;
  /** The axes that keep their own mean and variance, default `[-1]`. */
  axis?: number | number[] | null;
  /** Fixed statistics given to Keras's constructor (then the layer has no weights). */
  mean?: number | number[] | null;
  variance?: number | number[] | null;
  /** Undo a normalization instead: `x * std + mean`. */
  invert?: boolean;
}

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];

/** Keras's `backend.epsilon()`: the smallest standard deviation divided by. */
const EPSILON = 1e-7;

/**
 * Keras's `Normalization` layer (adapted): `(x - mean) / max(sqrt(variance), 1e-7)` with one
 * mean and variance per position along `axis` (or `x * std + mean` with `invert`). TF.js has no
 * such layer. Adapted statistics are weights (Keras also stores the number of samples adapted
 * on, `count`: loaded, not used); statistics given to the constructor are constants.
 */
export class KerasNormalization extends tf.layers.Layer {
  static readonly className = 'LayervizNormalization';
  readonly kerasClassName = 'Normalization';
  private readonly axis: number[];
  private readonly invert: boolean;
  private readonly given: { mean: number[]; variance: number[] } | null;
  private mean?: tf.LayerVariable;
  private variance?: tf.LayerVariable;

  constructor(args: KerasNormalizationArgs) {
    super(args as LayerArgs);
    const axis = args.axis ?? [-1];
    this.axis = Array.isArray(axis) ? axis : [axis];
    this.invert = args.invert ?? false;
    const list = (v: number | number[]): number[] => (Array.isArray(v) ? v : [v]);
    this.given =
      args.mean === undefined ||
      args.mean === null ||
      args.variance === undefined ||
      args.variance === null
        ? null
        : { mean: list(args.mean), variance: list(args.variance) };
  }

  /** The kept axes as non-negative indices of an input of `rank`. */
  private keptAxes(rank: number): number[] {
    return this.axis.map((a) => (a < 0 ? rank + a : a));
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    if (this.given !== null) {
      this.built = true;
      return;
    }
    const kept = this.keptAxes(shape.length).map((a) => shape[a] ?? 1);
    const zeros = tf.initializers.zeros();
    this.mean = this.addWeight('mean', kept, 'float32', zeros, undefined, false);
    this.variance = this.addWeight('variance', kept, 'float32', zeros, undefined, false);
    this.addWeight('count', [], 'float32', zeros, undefined, false);
    this.built = true;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      // The per-axis statistics, broadcast to the input: extent 1 on every other axis.
      const kept = this.keptAxes(x.rank);
      const broadcast = x.shape.map((extent, a) => (a > 0 && kept.includes(a) ? extent : 1));
      const [meanValues, varianceValues] = this.statistics();
      const fit = (t: tf.Tensor): tf.Tensor =>
        t.size === 1 ? t.reshape([]) : t.reshape(broadcast);
      const mean = fit(meanValues);
      const std = fit(tf.maximum(tf.sqrt(varianceValues), EPSILON));
      return this.invert ? x.mul(std).add(mean) : x.sub(mean).div(std);
    });
  }

  /** Mean and variance as 1-D tensors along the kept axes (or one value for all). */
  private statistics(): [tf.Tensor, tf.Tensor] {
    if (this.given !== null) {
      return [tf.tensor(this.given.mean), tf.tensor(this.given.variance)];
    }
    if (this.mean === undefined || this.variance === undefined) {
      throw new Error(`layer ${this.name} was called before it was built`);
    }
    return [this.mean.read(), this.variance.read()];
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      axis: this.axis,
      invert: this.invert,
      mean: this.given?.mean ?? null,
      variance: this.given?.variance ?? null
    };
  }
}

/** Arguments of {@link KerasGroupNormalization}, as TF.js camelCases Keras's config. */
export interface KerasGroupNormalizationArgs {
  name?: string;
  /** Number of groups the channels along `axis` are split into (divides their count). */
  groups?: number;
  /** The channel axis, default -1. */
  axis?: number;
  epsilon?: number;
  /** Whether the layer has its `beta` (offset) and `gamma` (scale) weights. */
  center?: boolean;
  scale?: boolean;
}

/** An input shape's single shape (TF.js hands `build` a list for some callers). */
function oneShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
  return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
}

/**
 * Keras's `GroupNormalization`, which TF.js lacks: the channels along `axis` are split into
 * `groups` groups, and each sample's group is normalized by its own mean and variance over the
 * group's channels and every non-batch axis; then scaled by `gamma` and offset by `beta` per
 * channel. Computed in Keras's order (`x · inv + (beta - mean · inv)` with
 * `inv = gamma / sqrt(variance + epsilon)`), so that float32 rounds as in Keras.
 */
export class KerasGroupNormalization extends tf.layers.Layer {
  static readonly className = 'LayervizGroupNormalization';
  readonly kerasClassName = 'GroupNormalization';
  private readonly groups: number;
  private readonly axis: number;
  private readonly epsilon: number;
  private readonly center: boolean;
  private readonly scale: boolean;
  private gamma?: tf.LayerVariable;
  private beta?: tf.LayerVariable;

  constructor(args: KerasGroupNormalizationArgs) {
    super(args as LayerArgs);
    this.supportsMasking = true; // Keras's passes a mask on
    this.groups = args.groups ?? 32;
    this.axis = args.axis ?? -1;
    this.epsilon = args.epsilon ?? 1e-3;
    this.center = args.center ?? true;
    this.scale = args.scale ?? true;
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = oneShape(inputShape);
    const channels = shape[this.axis < 0 ? shape.length + this.axis : this.axis] as number;
    if (channels % this.groups !== 0) {
      throw new Error(`layer ${this.name}: ${channels} channels in ${this.groups} groups`);
    }
    // Keras's order: gamma, then beta.
    if (this.scale) {
      this.gamma = this.addWeight('gamma', [channels], 'float32', tf.initializers.ones());
    }
    if (this.center) {
      this.beta = this.addWeight('beta', [channels], 'float32', tf.initializers.zeros());
    }
    this.built = true;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = tf.cast(Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs, 'float32');
      const axis = this.axis < 0 ? x.rank + this.axis : this.axis;
      const channels = x.shape[axis] as number;
      // [..., C, ...] → [..., groups, C / groups, ...]; statistics over all but batch and group.
      const grouped = [...x.shape];
      grouped.splice(axis, 1, this.groups, channels / this.groups);
      const reshaped = x.reshape(grouped);
      const reduce = grouped.map((_, a) => a).filter((a) => a !== 0 && a !== axis);
      const { mean, variance } = tf.moments(reshaped, reduce, true);
      const perChannel = grouped.map((extent, a) => (a === axis || a === axis + 1 ? extent : 1));
      let inv = tf.rsqrt(variance.add(this.epsilon));
      if (this.gamma !== undefined) {
        inv = inv.mul(this.gamma.read().reshape(perChannel));
      }
      let offset = mean.neg().mul(inv);
      if (this.beta !== undefined) {
        offset = offset.add(this.beta.read().reshape(perChannel));
      }
      return reshaped.mul(inv).add(offset).reshape(x.shape);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      groups: this.groups,
      axis: this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale
    };
  }
}

/** Arguments of {@link KerasUnitNormalization}, as TF.js camelCases Keras's config. */
export interface KerasUnitNormalizationArgs {
  name?: string;
  /** The axis or axes whose vector is scaled to unit length, default -1. */
  axis?: number | number[];
}

/**
 * Keras's `UnitNormalization`, which TF.js lacks: each vector along `axis` divided by its L2
 * norm, as Keras computes it, `x · min(rsqrt(Σ x²), 1e12)` (a zero vector stays zero).
 */
export class KerasUnitNormalization extends tf.layers.Layer {
  static readonly className = 'LayervizUnitNormalization';
  readonly kerasClassName = 'UnitNormalization';
  private readonly axis: number[];

  constructor(args: KerasUnitNormalizationArgs) {
    super(args as LayerArgs);
    this.supportsMasking = true; // Keras's passes a mask on
    const axis = args.axis ?? -1;
    this.axis = Array.isArray(axis) ? axis : [axis];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = tf.cast(Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs, 'float32');
      const axes = this.axis.map((a) => (a < 0 ? x.rank + a : a));
      const inverse = tf.minimum(tf.rsqrt(tf.square(x).sum(axes, true)), 1e12);
      return x.mul(inverse);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), axis: this.axis };
  }
}
