import * as tf from '@tensorflow/tfjs';

import { type LayerArgs, onlyInput } from './tfjs_classes.js';

/** Arguments of {@link KerasLayerScale}, as TF.js camelCases Keras's config. */
export interface KerasLayerScaleArgs {
  name?: string;
  /** The value every entry of `gamma` starts from (Keras suggests [0, 1]; any number works). */
  initValues?: number;
  /** The length of `gamma`: the extent of the input's last axis (≥ 1). */
  projectionDim: number;
}

/**
 * Keras's `LayerScale` (defined in `keras.src.applications.convnext`, not among Keras's layers,
 * so TF.js cannot know it): `x * gamma` with a learned `gamma` of one value per channel of the
 * last axis, broadcast over the others. ConvNeXt scales each block's residual branch with it.
 */
export class KerasLayerScale extends tf.layers.Layer {
  static readonly className = 'LayervizLayerScale';
  readonly kerasClassName = 'LayerScale';
  private readonly initValues: number;
  private readonly projectionDim: number;
  private gamma?: tf.LayerVariable;

  constructor(args: KerasLayerScaleArgs) {
    super(args as LayerArgs);
    this.initValues = args.initValues ?? 0;
    this.projectionDim = args.projectionDim;
  }

  build(): void {
    // Named `gamma` as in tf.keras 2; Keras 3 leaves it unnamed (`variable`) and the kernel
    // renames it (layerviz.convert.weights).
    this.gamma = this.addWeight(
      'gamma',
      [this.projectionDim],
      'float32',
      tf.initializers.constant({ value: this.initValues })
    );
    this.built = true;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (this.gamma === undefined) {
        throw new Error(`layer ${this.name} was called before it was built`);
      }
      return onlyInput(inputs).mul(this.gamma.read());
    });
  }

  /**
   * No mask, whatever the input's: Keras's LayerScale does not support masking, so its output
   * has none (TF.js's default would throw on a masked input instead).
   */
  computeMask(): tf.Tensor | tf.Tensor[] {
    return null as unknown as tf.Tensor;
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      initValues: this.initValues,
      projectionDim: this.projectionDim
    };
  }
}
