import * as tf from '@tensorflow/tfjs';

import { type LayerArgs, onlyInput } from './tfjs_classes.js';

/** Arguments of {@link KerasScalarOp}, as TF.js camelCases the kernel's config. */
export interface KerasScalarOpArgs {
  name?: string;
  /** `'add'`, `'subtract'`, `'multiply'`, `'divide'`, `'power'`, `'maximum'` or `'minimum'`. */
  op: string;
  /** The number on the other side of the operator; null between two tensors. */
  constant?: number | null;
  /** Whether the number comes first (`3 - x` rather than `x - 3`). */
  constantFirst?: boolean;
}

const OPS: Record<string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor> = {
  add: tf.add,
  subtract: tf.sub,
  multiply: tf.mul,
  divide: tf.div,
  power: tf.pow,
  maximum: tf.maximum,
  minimum: tf.minimum
};

/**
 * Keras 3's ops return tensors without a mask: a padding mask stops at an op layer (`x * 2`,
 * `keras.ops.sin(x)`), and a masked average after it averages the padded steps too. TF.js's
 * typing has no null here; a missing mask is null at run time.
 */
function dropMask(): tf.Tensor {
  return null as unknown as tf.Tensor;
}

/**
 * Arithmetic that a Keras 3 functional model holds as an op layer (`keras.src.ops.numpy`):
 * between a tensor and a number, e.g. MobileNetV3's hard sigmoid `ReLU(6)(x + 3) * (1 / 6)`, or
 * between two tensors with broadcasting, e.g. ConvNeXt's residual `x + y`. TF.js has no layer for
 * either (its Add and Multiply layers do not broadcast; it has no Subtract or Divide). Also
 * `keras.ops.power`, `maximum` and `minimum`, which Keras writes in the same form.
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
    this.op = args.op;
    this.constant = args.constant ?? null;
    this.constantFirst = args.constantFirst ?? false;
  }

  /** The Keras op's class name, for titles (`Add`, `Multiply`, ...). */
  get kerasClassName(): string {
    return this.op.charAt(0).toUpperCase() + this.op.slice(1);
  }

  computeMask(): tf.Tensor | tf.Tensor[] {
    return dropMask();
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

/** Arguments of {@link KerasUnaryOp}, as TF.js camelCases the kernel's config. */
export interface KerasUnaryOpArgs {
  name?: string;
  /** The op's name: an element-wise function (`'sin'`) or a reduction (`'mean'`). */
  op: string;
  /** A reduction's axes (never the batch axis). */
  axis?: number[] | null;
  /** Whether a reduction keeps the reduced axes with extent 1. */
  keepdims?: boolean;
  /** `keras.ops.clip`'s bounds. */
  xMin?: number | null;
  xMax?: number | null;
  /** The Keras op's class name, for titles (`Sin`, `Mean`, ...). */
  kerasClass?: string;
}

/** Keras 3's element-wise ops of one tensor, computed as TF.js computes the same function. */
const ELEMENTWISE: Record<string, (x: tf.Tensor) => tf.Tensor> = {
  sin: tf.sin,
  cos: tf.cos,
  tan: tf.tan,
  tanh: tf.tanh,
  exp: tf.exp,
  expm1: tf.expm1,
  log: tf.log,
  log1p: tf.log1p,
  absolute: tf.abs,
  square: tf.square,
  sqrt: tf.sqrt,
  rsqrt: tf.rsqrt,
  reciprocal: tf.reciprocal,
  negative: tf.neg,
  sign: tf.sign,
  sigmoid: tf.sigmoid,
  relu: tf.relu,
  floor: tf.floor,
  ceil: tf.ceil,
  erf: tf.erf,
  // tf.keras 2's `tf.nn.*` functions (TFOpLambda layers).
  relu6: tf.relu6,
  elu: tf.elu,
  selu: tf.selu,
  softplus: tf.softplus,
  softsign: (x) => tf.div(x, tf.add(tf.abs(x), 1)),
  silu: (x) => tf.mul(x, tf.sigmoid(x))
};

/** Keras 3's reductions over `axis`: `(x, axes, keepdims)`. */
const REDUCTIONS: Record<string, (x: tf.Tensor, axes: number[], keep: boolean) => tf.Tensor> = {
  mean: (x, axes, keep) => tf.mean(x, axes, keep),
  sum: (x, axes, keep) => tf.sum(x, axes, keep),
  max: (x, axes, keep) => tf.max(x, axes, keep),
  min: (x, axes, keep) => tf.min(x, axes, keep),
  prod: (x, axes, keep) => tf.prod(x, axes, keep),
  logsumexp: (x, axes, keep) => tf.logSumExp(x, axes, keep),
  // Population variance and deviation, as numpy's (and Keras's) default.
  var: (x, axes, keep) => tf.moments(x, axes, keep).variance,
  std: (x, axes, keep) => tf.sqrt(tf.moments(x, axes, keep).variance)
};

/**
 * Keras 3 ops of one tensor that a functional model holds as op layers
 * (`keras.src.ops.numpy`, `.math`, `.nn`): element-wise functions (`keras.ops.sin(x)`,
 * `square`, `sqrt`, `clip`, ...) and reductions over non-batch axes
 * (`keras.ops.mean(x, axis=-1, keepdims=True)`). Integer inputs are computed in float32, the
 * values Keras computes. Like Keras's ops, they drop a padding mask.
 */
export class KerasUnaryOp extends tf.layers.Layer {
  static readonly className = 'LayervizUnaryOp';
  readonly kerasClassName: string;
  private readonly op: string;
  private readonly axis: number[] | null;
  private readonly keepdims: boolean;
  private readonly xMin: number | null;
  private readonly xMax: number | null;

  constructor(args: KerasUnaryOpArgs) {
    super(args as LayerArgs);
    const known = args.op === 'clip' || args.op in ELEMENTWISE || args.op in REDUCTIONS;
    if (!known) {
      throw new Error(`layer ${args.name ?? ''}: unknown op ${args.op}`);
    }
    if (args.op in REDUCTIONS && (args.axis ?? []).length === 0) {
      throw new Error(`layer ${args.name ?? ''}: ${args.op} needs the axes to reduce`);
    }
    this.op = args.op;
    this.axis = args.axis ?? null;
    this.keepdims = args.keepdims ?? false;
    this.xMin = args.xMin ?? null;
    this.xMax = args.xMax ?? null;
    this.kerasClassName = args.kerasClass ?? args.op.charAt(0).toUpperCase() + args.op.slice(1);
  }

  /** The reduced axes as non-negative indices of a shape of `rank`; none if element-wise. */
  private reduced(rank: number): number[] {
    if (!(this.op in REDUCTIONS)) {
      return [];
    }
    const axes = (this.axis ?? []).map((a) => (a < 0 ? rank + a : a));
    // tf.keras 2's JSON records no ranks, so the kernel cannot tell that -2 of (N, T) is the
    // batch axis: refuse it here rather than mix samples.
    if (axes.some((a) => a <= 0)) {
      throw new Error(`layer ${this.name}: ${this.op} over the batch axis mixes samples`);
    }
    return axes;
  }

  computeMask(): tf.Tensor | tf.Tensor[] {
    return dropMask();
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const reduced = this.reduced(shape.length);
    if (this.keepdims) {
      return shape.map((extent, a) => (reduced.includes(a) ? 1 : extent));
    }
    return shape.filter((_, a) => !reduced.includes(a));
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = tf.cast(onlyInput(inputs), 'float32');
      if (this.op === 'clip') {
        const low = this.xMin ?? Number.NEGATIVE_INFINITY;
        return tf.clipByValue(x, low, this.xMax ?? Number.POSITIVE_INFINITY);
      }
      const elementwise = ELEMENTWISE[this.op];
      if (elementwise !== undefined) {
        return elementwise(x);
      }
      const reduce = REDUCTIONS[this.op] as (typeof REDUCTIONS)[string];
      return reduce(x, this.reduced(x.rank), this.keepdims);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      op: this.op,
      axis: this.axis,
      keepdims: this.keepdims,
      xMin: this.xMin,
      xMax: this.xMax,
      kerasClass: this.kerasClassName
    };
  }
}
