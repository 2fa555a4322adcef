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
