import * as tf from '@tensorflow/tfjs';

/** Arguments of {@link KerasGlobalPooling}, as TF.js camelCases Keras's config. */
export interface KerasGlobalPoolingArgs {
  name?: string;
  /** `'avg'` or `'max'`. */
  pooling?: string;
  /** `'channelsLast'` (default) or `'channelsFirst'`. */
  dataFormat?: string;
  /** Keep the pooled axes with extent 1, as Keras's `keepdims=True`. */
  keepdims?: boolean;
  /** The Keras class it stands for, e.g. `'GlobalAveragePooling2D'`, for titles. */
  kerasClass?: string;
  /**
   * Whether Keras hands the layer a padding mask (default true). TF.js's predict hands a layer
   * the last mask any earlier layer was given when its own input has none (after a Keras 3 op,
   * which drops the mask): the kernel says to ignore it then.
   */
  paddingMask?: boolean;
}

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];

/**
 * Keras's Global{Average,Max}Pooling{1,2,3}D where TF.js's differ: TF.js ignores `keepdims`
 * (used by squeeze-and-excite blocks, e.g. MobileNetV3) and `data_format` for 1-D, and its
 * GlobalAveragePooling1D averages padded steps too, where Keras averages the unmasked ones.
 */
export class KerasGlobalPooling extends tf.layers.Layer {
  static readonly className = 'LayervizGlobalPooling';
  readonly kerasClassName: string;
  private readonly pooling: 'avg' | 'max';
  private readonly channelsFirst: boolean;
  private readonly keepdims: boolean;
  private readonly paddingMask: boolean;

  constructor(args: KerasGlobalPoolingArgs) {
    super(args as LayerArgs);
    this.supportsMasking = true;
    this.pooling = args.pooling === 'max' ? 'max' : 'avg';
    this.channelsFirst = args.dataFormat === 'channelsFirst';
    this.keepdims = args.keepdims ?? false;
    this.kerasClassName = args.kerasClass ?? 'GlobalAveragePooling1D';
    this.paddingMask = args.paddingMask ?? true;
  }

  /** The spatial (or step) axes of an input of `rank`. */
  private axes(rank: number): number[] {
    const first = this.channelsFirst ? 2 : 1;
    return Array.from({ length: rank - 2 }, (_, i) => first + i);
  }

  computeOutputShape(inputShape: tf.Shape): tf.Shape {
    const pooled = new Set(this.axes(inputShape.length));
    if (this.keepdims) {
      return inputShape.map((extent, axis) => (pooled.has(axis) ? 1 : extent));
    }
    return inputShape.filter((_, axis) => !pooled.has(axis));
  }

  computeMask(): tf.Tensor {
    // The steps are gone, and so is their mask (TF.js's typing has no null here).
    return null as unknown as tf.Tensor;
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      const axes = this.axes(x.rank);
      const mask = this.paddingMask ? (kwargs['mask'] as tf.Tensor | null | undefined) : null;
      if (this.pooling === 'max') {
        // Keras's GlobalMaxPooling ignores the mask too.
        return tf.max(x, axes, this.keepdims);
      }
      if (mask === undefined || mask === null || x.rank !== 3) {
        return tf.mean(x, axes, this.keepdims);
      }
      const weights = tf.expandDims(tf.cast(mask, 'float32'), this.channelsFirst ? 1 : 2);
      // Keras divides by the number of unmasked steps, so a row that is all padding is NaN
      // there too; the view reports NaN rows instead of hiding them.
      const total = tf.sum(x.mul(weights), axes, this.keepdims);
      return total.div(tf.sum(weights, axes, this.keepdims));
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      pooling: this.pooling,
      dataFormat: this.channelsFirst ? 'channelsFirst' : 'channelsLast',
      keepdims: this.keepdims,
      kerasClass: this.kerasClassName,
      paddingMask: this.paddingMask
    };
  }
}
