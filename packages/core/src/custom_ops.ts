import * as tf from '@tensorflow/tfjs';

/** Arguments of {@link KerasScalarOp}, as TF.js camelCases the kernel's config. */
export interface KerasScalarOpArgs {
  name?: string;
  /** `'add'`, `'subtract'`, `'multiply'` or `'divide'`. */
  op: string;
  /** The number on the other side of the operator; null between two tensors. */
  constant?: number | null;
  /** Whether the number comes first (`3 - x` rather than `x - 3`). */
  constantFirst?: boolean;
}

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];

const OPS: Record<string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor> = {
  add: tf.add,
  subtract: tf.sub,
  multiply: tf.mul,
  divide: tf.div
};

/**
 * Arithmetic that a Keras 3 functional model holds as an op layer (`keras.src.ops.numpy`):
 * between a tensor and a number, e.g. MobileNetV3's hard sigmoid `ReLU(6)(x + 3) * (1 / 6)`, or
 * between two tensors with broadcasting, e.g. ConvNeXt's residual `x + y`. TF.js has no layer for
 * either (its Add and Multiply layers do not broadcast; it has no Subtract or Divide).
 */
export class KerasScalarOp extends tf.layers.Layer {
  static readonly className = 'LayervizScalarOp';
  private readonly op: string;
  private readonly constant: number | null;
  private readonly constantFirst: boolean;

  constructor(args: KerasScalarOpArgs) {
    super(args as LayerArgs);
    if (OPS[args.op] === undefined) {
      throw new Error(`layer ${args.name ?? ''}: unknown op ${args.op}`);
    }
    this.supportsMasking = true;
    this.op = args.op;
    this.constant = args.constant ?? null;
    this.constantFirst = args.constantFirst ?? false;
  }

  /** The Keras op's class name, for titles (`Add`, `Multiply`, ...). */
  get kerasClassName(): string {
    return this.op.charAt(0).toUpperCase() + this.op.slice(1);
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    if (!Array.isArray(inputShape[0])) {
      return inputShape as tf.Shape;
    }
    // Broadcast two shapes, aligned on the right as numpy does.
    const [a, b] = inputShape as [tf.Shape, tf.Shape];
    const rank = Math.max(a.length, b.length);
    return Array.from({ length: rank }, (_, i) => {
      const da = a[a.length - rank + i];
      const db = b[b.length - rank + i];
      if (da === undefined || da === 1) {
        return db ?? null;
      }
      if (db === undefined || db === 1) {
        return da;
      }
      return da ?? db ?? null;
    });
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const apply = OPS[this.op] as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;
      if (Array.isArray(inputs) && inputs.length === 2) {
        return apply(inputs[0] as tf.Tensor, inputs[1] as tf.Tensor);
      }
      const input = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
      const constant = this.constant ?? Number.NaN;
      // Keras promotes integers to float32 with a fractional number (token ids * 0.5).
      const x = Number.isInteger(constant) ? input : tf.cast(input, 'float32');
      const c = tf.scalar(constant, x.dtype);
      return this.constantFirst ? apply(c, x) : apply(x, c);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      op: this.op,
      constant: this.constant,
      constantFirst: this.constantFirst
    };
  }
}
