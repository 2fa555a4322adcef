import * as tf from '@tensorflow/tfjs';

import { KerasMultiHeadAttention } from './custom_attention.js';
import { CausalConv1D, KerasConv1DTranspose } from './custom_conv.js';
import { ConvLSTM1D } from './custom_conv_lstm.js';
import { GluActivation, GluDense } from './custom_glu.js';
import { KerasLayerScale } from './custom_layer_scale.js';
import { KerasAttention } from './custom_dense_attention.js';
import {
  KerasGroupNormalization,
  KerasNormalization,
  KerasUnitNormalization
} from './custom_normalization.js';
import { MASKED_MERGE_CLASSES } from './custom_merge.js';
import { KerasScalarOp, KerasUnaryOp } from './custom_ops.js';
import { KerasGlobalPooling } from './custom_pooling.js';
import { KerasELU, KerasReLU } from './custom_relu.js';
import { INITIAL_STATE_CLASSES, maskedCallArgs, ownCallArgs } from './custom_recurrent.js';
import { KerasCropping, KerasUpSampling, KerasZeroPadding } from './custom_reshaping.js';
import { KerasJoinOp, KerasShapeOp } from './custom_tensor_ops.js';
import { activationFn, type LayerArgs, registeredLayer } from './tfjs_classes.js';

/**
 * Keras layers that TF.js 4.22 refuses or computes differently. The kernel's translation
 * (`layerviz.convert.topology`) renames the Keras class to the `className` below only where the
 * behaviours differ, so each class here exists to be exactly Keras's layer at inference.
 * Class names have no underscores: TF.js camelCases string values of a model's JSON.
 */

type Kwargs = Record<string, unknown>;

/** Keras 3 `GRU(reset_after=True)` cell arguments, as TF.js camelCases them. */
interface ResetAfterGRUArgs {
  name?: string;
  units: number;
  activation?: string;
  recurrentActivation?: string;
  useBias?: boolean;
  /** False where Keras hands the layer no padding mask (custom_recurrent.ts); default true. */
  paddingMask?: boolean;
}

/**
 * The GRU cell of Keras's default `reset_after=True` (the cuDNN-compatible variant), which
 * TF.js's GRUCell refuses: the reset gate multiplies the recurrent projection *after* the
 * matrix product, and the bias has two rows (input, recurrent), shape `[2, 3 * units]`.
 * Gate order z, r, h as in Keras. Dropout only acts in training, which layerviz never does.
 */
export class ResetAfterGRUCell extends tf.layers.RNNCell {
  static readonly className = 'LayervizResetAfterGRUCell';
  readonly units: number;
  readonly stateSize: number;
  private readonly useBias: boolean;
  private readonly activationName: string;
  private readonly recurrentActivationName: string;
  private readonly activation: (x: tf.Tensor) => tf.Tensor;
  private readonly recurrentActivation: (x: tf.Tensor) => tf.Tensor;
  private kernel?: tf.LayerVariable;
  private recurrentKernel?: tf.LayerVariable;
  private bias?: tf.LayerVariable;

  constructor(args: ResetAfterGRUArgs) {
    super(args as LayerArgs);
    this.units = args.units;
    this.stateSize = args.units;
    this.useBias = args.useBias ?? true;
    // Keras 3's defaults (TF.js's GRU defaults to hardSigmoid).
    this.activationName = args.activation ?? 'tanh';
    this.recurrentActivationName = args.recurrentActivation ?? 'sigmoid';
    this.activation = activationFn(this.activationName);
    this.recurrentActivation = activationFn(this.recurrentActivationName);
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputDim = shape[shape.length - 1] as number;
    const zeros = tf.initializers.zeros();
    this.kernel = this.addWeight('kernel', [inputDim, 3 * this.units], 'float32', zeros);
    this.recurrentKernel = this.addWeight(
      'recurrent_kernel',
      [this.units, 3 * this.units],
      'float32',
      zeros
    );
    if (this.useBias) {
      this.bias = this.addWeight('bias', [2, 3 * this.units], 'float32', zeros);
    }
    this.built = true;
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
    return tf.tidy(() => {
      const [x, hPrev] = inputs as [tf.Tensor2D, tf.Tensor2D];
      let matrixX = tf.matMul(x, readWeight(this.kernel, this.name));
      let matrixInner = tf.matMul(hPrev, readWeight(this.recurrentKernel, this.name));
      if (this.bias !== undefined) {
        const bias = this.bias.read() as tf.Tensor2D;
        matrixX = matrixX.add(bias.slice([0, 0], [1, -1]));
        matrixInner = matrixInner.add(bias.slice([1, 0], [1, -1]));
      }
      const [xZ, xR, xH] = gates(matrixX, this.units);
      const [recZ, recR, recH] = gates(matrixInner, this.units);
      const z = this.recurrentActivation(xZ.add(recZ));
      const r = this.recurrentActivation(xR.add(recR));
      const hh = this.activation(xH.add(r.mul(recH)));
      const h = z.mul(hPrev).add(tf.scalar(1).sub(z).mul(hh));
      return [h, h];
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activationName,
      recurrentActivation: this.recurrentActivationName,
      useBias: this.useBias,
      resetAfter: true
    };
  }
}

function readWeight(variable: tf.LayerVariable | undefined, layer: string): tf.Tensor2D {
  if (variable === undefined) {
    throw new Error(`layer ${layer} was called before it was built`);
  }
  return variable.read() as tf.Tensor2D;
}

/** The z, r and h thirds of a `[batch, 3 * units]` gate projection (Keras's order). */
function gates(m: tf.Tensor, units: number): [tf.Tensor, tf.Tensor, tf.Tensor] {
  return [
    m.slice([0, 0], [-1, units]),
    m.slice([0, units], [-1, units]),
    m.slice([0, 2 * units], [-1, units])
  ];
}

/** Keras's `GRU` with `reset_after=True`: TF.js's RNN loop around {@link ResetAfterGRUCell}. */
export class ResetAfterGRU extends tf.RNN {
  static readonly className = 'LayervizResetAfterGRU';
  static readonly kerasClassName = 'GRU';
  private readonly paddingMask: boolean;

  constructor(args: ResetAfterGRUArgs) {
    const { paddingMask, ...rest } = args;
    super({ ...rest, cell: new ResetAfterGRUCell(rest) } as unknown as tf.RNNLayerArgs);
    this.paddingMask = paddingMask ?? true;
  }

  /** As TF.js's RNN, but handed initial states it writes them to its own call arguments. */
  apply(
    inputs: tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[],
    kwargs?: Kwargs
  ): tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[] {
    return super.apply(inputs, ownCallArgs(kwargs));
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return super.call(inputs, maskedCallArgs(kwargs, this.paddingMask));
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), paddingMask: this.paddingMask };
  }

  static fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict
  ): T {
    // The cell is rebuilt from the layer's own arguments, as Keras does.
    const rest = { ...config };
    delete rest['cell'];
    return new cls(rest);
  }
}

const Bidirectional = registeredLayer('Bidirectional');

/**
 * Keras's `Bidirectional` with `return_sequences=True` under a padding mask outputs exact zeros
 * at the padded steps (its RNNs run with `zero_output_for_mask`); TF.js repeats the last
 * unmasked output there. Everything else is TF.js's Bidirectional.
 */
export class ZeroMaskedBidirectional extends Bidirectional {
  static readonly className = 'LayervizBidirectional';
  static readonly kerasClassName = 'Bidirectional';

  static fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict
  ): T {
    const base = Bidirectional as unknown as tf.serialization.SerializableConstructor<T>;
    return base.fromConfig(cls, config);
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const output = super.call(inputs, kwargs);
      const mask = kwargs['mask'] as tf.Tensor | null | undefined;
      const own = this as unknown as { returnSequences: boolean };
      if (mask === undefined || mask === null || !own.returnSequences) {
        return output;
      }
      const keep = tf.expandDims(tf.cast(mask, 'float32'), 2);
      // With return_state the states (rank 2) follow the sequence output(s); they stay as they are.
      const zero = (tensor: tf.Tensor): tf.Tensor =>
        tensor.rank === 3 ? tensor.mul(keep) : tensor;
      return Array.isArray(output) ? output.map(zero) : zero(output);
    });
  }
}

/** Every custom layer class, for {@link registerCustomObjects}. */
export const CUSTOM_LAYER_CLASSES = [
  ResetAfterGRUCell,
  ResetAfterGRU,
  KerasGlobalPooling,
  KerasNormalization,
  KerasScalarOp,
  ZeroMaskedBidirectional,
  GluDense,
  GluActivation,
  KerasReLU,
  KerasELU,
  KerasUpSampling,
  KerasCropping,
  KerasZeroPadding,
  CausalConv1D,
  KerasConv1DTranspose,
  ConvLSTM1D,
  KerasMultiHeadAttention,
  KerasAttention,
  KerasGroupNormalization,
  KerasUnitNormalization,
  KerasLayerScale,
  KerasUnaryOp,
  KerasShapeOp,
  KerasJoinOp,
  ...INITIAL_STATE_CLASSES,
  ...MASKED_MERGE_CLASSES
];
