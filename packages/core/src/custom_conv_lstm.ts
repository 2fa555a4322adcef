import * as tf from '@tensorflow/tfjs';

import { onlyInput, registeredLayer } from './tfjs_classes.js';

type Kwargs = Record<string, unknown>;

const ConvLSTM2D = registeredLayer('ConvLSTM2D');

/** The first extent of a Keras 1-D size argument (`3` or `[3]`), or `fallback`. */
function first(value: unknown, fallback: number): number {
  const item: unknown = Array.isArray(value) ? value[0] : value;
  return typeof item === 'number' ? item : fallback;
}

/** `(N, T, L, C)` → `(N, T, L, 1, C)`: a second spatial axis of extent 1 before the channels. */
function withUnitAxis(shape: tf.Shape): tf.Shape {
  return [...shape.slice(0, -1), 1, shape[shape.length - 1] ?? null];
}

/** Drop the unit axis again from an output shape (the sequence's or a state's). */
function withoutUnitAxis(shape: tf.Shape): tf.Shape {
  return [...shape.slice(0, -2), shape[shape.length - 1] ?? null];
}

/**
 * Keras's `ConvLSTM1D` (channels last) as TF.js's `ConvLSTM2D` over a second spatial axis of
 * extent 1: a `(k,)` kernel is a `(k, 1)` one, with the same values in the same order (the
 * kernel converts its weights to `(k, 1, C, 4F)`), and the recurrent convolution's "same"
 * padding adds nothing along the unit axis. TF.js has no 1-D convolutional LSTM.
 */
export class ConvLSTM1D extends ConvLSTM2D {
  static readonly className = 'LayervizConvLSTM1D';
  static readonly kerasClassName = 'ConvLSTM1D';

  constructor(args: tf.serialization.ConfigDict) {
    super({
      ...args,
      kernelSize: [first(args['kernelSize'], 1), 1],
      strides: [first(args['strides'], 1), 1],
      dilationRate: [first(args['dilationRate'], 1), 1]
    });
    this.inputSpec = [new tf.InputSpec({ ndim: 4 })];
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    super.build(withUnitAxis(shape));
    // TF.js's build expects 5-D inputs from now on; this layer is handed 4-D ones.
    this.inputSpec = [new tf.InputSpec({ ndim: 4 })];
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const out = super.computeOutputShape(withUnitAxis(shape));
    return Array.isArray(out[0])
      ? (out as tf.Shape[]).map(withoutUnitAxis)
      : withoutUnitAxis(out as tf.Shape);
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const x = onlyInput(inputs);
      const out = super.call(tf.expandDims(x, x.rank - 1), kwargs);
      const squeeze = (t: tf.Tensor): tf.Tensor => tf.squeeze(t, [t.rank - 2]);
      return Array.isArray(out) ? out.map(squeeze) : squeeze(out);
    });
  }
}
