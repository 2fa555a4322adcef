import * as tf from '@tensorflow/tfjs';

import { activationFn, type LayerArgs, onlyInput, registeredLayer } from './tfjs_classes.js';

/**
 * Keras convolutions TF.js lacks: Conv1D with `padding="causal"` (TF.js's throws "not
 * implemented" when called) and Conv1DTranspose. Both channels-last, as the kernel checks.
 */

/** The single number of a 1-D argument Keras writes as `[n]` (or `n`). */
function single(value: number | number[] | undefined, fallback: number): number {
  if (value === undefined) {
    return fallback;
  }
  return Array.isArray(value) ? (value[0] ?? fallback) : value;
}

/** Arguments of {@link CausalConv1D} that it reads itself (the rest are TF.js's Conv1D's). */
export interface CausalConv1DArgs {
  kernelSize: number | number[];
  dilationRate?: number | number[];
  [key: string]: unknown;
}

const Conv1D = registeredLayer('Conv1D');

/**
 * Keras's `Conv1D(padding="causal")`: the sequence is padded on the left with
 * `dilation_rate · (kernel_size - 1)` zeros, then convolved 'valid', so output step t sees
 * input steps up to t only. TF.js's Conv1D with its kernel and bias, on the padded input.
 */
export class CausalConv1D extends Conv1D {
  static readonly className = 'LayervizCausalConv1D';
  static readonly kerasClassName = 'Conv1D';
  /** Zeros added before the first step. */
  readonly leftPadding: number;

  constructor(args: CausalConv1DArgs) {
    super({ ...args, padding: 'valid' } as tf.serialization.ConfigDict);
    this.leftPadding = single(args.dilationRate, 1) * (single(args.kernelSize, 1) - 1);
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    const shape = [...((Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape)];
    const steps = shape[1];
    shape[1] = steps === null || steps === undefined ? null : steps + this.leftPadding;
    return super.computeOutputShape(shape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const padded = tf.pad(onlyInput(inputs), [
        [0, 0],
        [this.leftPadding, 0],
        [0, 0]
      ]);
      return super.call(padded, kwargs);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), padding: 'causal' };
  }
}

/** Arguments of {@link KerasConv1DTranspose}, as TF.js camelCases Keras's config. */
export interface KerasConv1DTransposeArgs {
  name?: string;
  filters: number;
  kernelSize: number | number[];
  strides?: number | number[];
  /** `'valid'` (default) or `'same'`. */
  padding?: string;
  /** Extra steps at the end (Keras's `output_padding`); null for Keras's default. */
  outputPadding?: number | number[] | null;
  activation?: string;
  useBias?: boolean;
}

/**
 * The output length of Keras's 1-D transposed convolution of `length` steps (Keras's
 * `compute_conv_transpose_output_shape`, without dilation).
 */
export function convTransposeLength(
  length: number,
  kernel: number,
  stride: number,
  padding: string,
  outputPadding: number | null
): number {
  if (padding === 'valid') {
    return (length - 1) * stride + kernel + (outputPadding ?? Math.max(kernel, stride) - kernel);
  }
  return outputPadding === null
    ? length * stride
    : (length - 1) * stride + (kernel % 2) + outputPadding;
}

/**
 * Keras's `Conv1DTranspose`, which TF.js lacks: TF.js's 2-D transposed convolution over a
 * height of 1, with Keras's kernel `[kernel, filters, channels]` and output length (so
 * `output_padding` works too).
 */
export class KerasConv1DTranspose extends tf.layers.Layer {
  static readonly className = 'LayervizConv1DTranspose';
  static readonly kerasClassName = 'Conv1DTranspose';
  private readonly filters: number;
  private readonly kernelSize: number;
  private readonly stride: number;
  private readonly padding: 'same' | 'valid';
  private readonly outputPadding: number | null;
  private readonly activationName: string;
  private readonly activation: (x: tf.Tensor) => tf.Tensor;
  private readonly useBias: boolean;
  private kernel?: tf.LayerVariable;
  private bias?: tf.LayerVariable;

  constructor(args: KerasConv1DTransposeArgs) {
    super(args as LayerArgs);
    this.filters = args.filters;
    this.kernelSize = single(args.kernelSize, 1);
    this.stride = single(args.strides, 1);
    this.padding = args.padding === 'same' ? 'same' : 'valid';
    const outputPadding = args.outputPadding ?? null;
    this.outputPadding = outputPadding === null ? null : single(outputPadding, 0);
    this.activationName = args.activation ?? 'linear';
    this.activation = activationFn(this.activationName);
    this.useBias = args.useBias ?? true;
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1] as number;
    const zeros = tf.initializers.zeros();
    const kernelShape = [this.kernelSize, this.filters, channels];
    this.kernel = this.addWeight('kernel', kernelShape, 'float32', zeros);
    if (this.useBias) {
      this.bias = this.addWeight('bias', [this.filters], 'float32', zeros);
    }
    this.built = true;
  }

  private length(steps: number | null): number | null {
    if (steps === null) {
      return null;
    }
    return convTransposeLength(
      steps,
      this.kernelSize,
      this.stride,
      this.padding,
      this.outputPadding
    );
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0] ?? null, this.length(shape[1] ?? null), this.filters];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (this.kernel === undefined) {
        throw new Error(`layer ${this.name} was called before it was built`);
      }
      const x = onlyInput(inputs) as tf.Tensor3D;
      const [batch, steps, channels] = x.shape;
      const kernel = this.kernel.read().reshape([1, this.kernelSize, this.filters, channels]);
      const outShape: [number, number, number, number] = [
        batch,
        1,
        this.length(steps) as number,
        this.filters
      ];
      const y = tf.conv2dTranspose(
        tf.expandDims(x, 1) as tf.Tensor4D,
        kernel as tf.Tensor4D,
        outShape,
        [1, this.stride],
        this.padding
      );
      let out: tf.Tensor = tf.squeeze(y, [1]);
      if (this.bias !== undefined) {
        out = out.add(this.bias.read());
      }
      return this.activation(out);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: [this.kernelSize],
      strides: [this.stride],
      padding: this.padding,
      outputPadding: this.outputPadding === null ? null : [this.outputPadding],
      activation: this.activationName,
      useBias: this.useBias
    };
  }
}
