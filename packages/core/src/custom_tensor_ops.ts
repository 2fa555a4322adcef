import * as tf from '@tensorflow/tfjs';

import { type LayerArgs, onlyInput } from './tfjs_classes.js';

/** Arguments of {@link KerasShapeOp}, as TF.js camelCases the kernel's config. */
export interface KerasShapeOpArgs {
  name?: string;
  /**
   * `'reshape'`, `'transpose'`, `'expandDims'` (TF.js camelCases the kernel's `expand_dims`)
   * or `'squeeze'`.
   */
  op: string;
  /** A reshape's target shape without the batch axis (all extents known). */
  shape?: number[] | null;
  /**
   * A transpose's permutation (batch included, starting with 0), or the axes that
   * `expand_dims` inserts or `squeeze` removes (never the batch axis).
   */
  axes?: number[] | null;
  /** The Keras op's class name, for titles (`Reshape`, `Transpose`, ...). */
  kerasClass?: string;
}

/** Arguments of {@link KerasJoinOp}, as TF.js camelCases the kernel's config. */
export interface KerasJoinOpArgs {
  name?: string;
  /** `'concatenate'` or `'matmul'`. */
  op: string;
  /** The axis `concatenate` joins along (never the batch axis). */
  axis?: number | null;
  /** The Keras op's class name, for titles (`Concatenate`, `Matmul`, ...). */
  kerasClass?: string;
}

/** Like Keras's ops, these drop a padding mask (TF.js's typing has no null here). */
function dropMask(): tf.Tensor {
  return null as unknown as tf.Tensor;
}

/** Resolve `axis` of a shape of `rank`; throw where it is the batch axis (layer `name`). */
function sampleAxis(axis: number, rank: number, name: string): number {
  const resolved = axis < 0 ? rank + axis : axis;
  if (resolved <= 0 || resolved >= rank) {
    throw new Error(
      `layer ${name}: axis ${axis} of a rank-${rank} tensor is not an axis of each sample`
    );
  }
  return resolved;
}

const SHAPE_OPS = ['reshape', 'transpose', 'expandDims', 'squeeze'];

/**
 * Keras ops that rearrange one tensor, held as op layers by Keras 3 functional models
 * (`keras.ops.reshape(x, (-1, 3, 8))`, `transpose(x, (0, 2, 1))`, `expand_dims`, `squeeze`) and
 * as `TFOpLambda` layers by tf.keras 2 (`tf.reshape`, `tf.transpose`, ...). Each sample is
 * rearranged on its own: the batch axis stays first (the kernel's translation refuses the rest,
 * and these layers refuse a batch axis when the kernel could not tell).
 */
export class KerasShapeOp extends tf.layers.Layer {
  static readonly className = 'LayervizShapeOp';
  readonly kerasClassName: string;
  private readonly op: string;
  private readonly shape: number[];
  private readonly axes: number[];

  constructor(args: KerasShapeOpArgs) {
    super(args as LayerArgs);
    if (!SHAPE_OPS.includes(args.op)) {
      throw new Error(`layer ${args.name ?? ''}: unknown op ${args.op}`);
    }
    this.op = args.op;
    this.shape = args.shape ?? [];
    this.axes = args.axes ?? [];
    this.kerasClassName = args.kerasClass ?? args.op;
  }

  computeMask(): tf.Tensor | tf.Tensor[] {
    return dropMask();
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    switch (this.op) {
      case 'reshape':
        return [shape[0] ?? null, ...this.shape];
      case 'transpose':
        return this.axes.map((a) => shape[a] ?? null);
      case 'expandDims': {
        const out = [...shape];
        out.splice(sampleAxis(this.axes[0] ?? -1, shape.length + 1, this.name), 0, 1);
        return out;
      }
      default: {
        const removed = this.axes.map((a) => sampleAxis(a, shape.length, this.name));
        return shape.filter((_, a) => !removed.includes(a));
      }
    }
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = onlyInput(inputs);
      switch (this.op) {
        case 'reshape':
          // The batch's own extent, not -1: sizes that disagree fail instead of moving samples.
          return tf.reshape(x, [x.shape[0] as number, ...this.shape]);
        case 'transpose':
          return tf.transpose(x, this.axes);
        case 'expandDims':
          return tf.expandDims(x, sampleAxis(this.axes[0] ?? -1, x.rank + 1, this.name));
        default:
          return tf.squeeze(
            x,
            this.axes.map((a) => sampleAxis(a, x.rank, this.name))
          );
      }
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      op: this.op,
      shape: this.shape,
      axes: this.axes,
      kerasClass: this.kerasClassName
    };
  }
}

/**
 * Keras ops that join tensors, held as op layers by Keras 3 functional models
 * (`keras.ops.concatenate([a, b], axis=-1)`, `keras.ops.matmul(a, b)`) and as `TFOpLambda`
 * layers by tf.keras 2 (`tf.concat`, `tf.linalg.matmul`). TF.js's Concatenate layer would
 * combine masks the ops drop; `matmul` multiplies each sample's matrices (rank ≥ 3, batch axes
 * broadcast as numpy does).
 */
export class KerasJoinOp extends tf.layers.Layer {
  static readonly className = 'LayervizJoinOp';
  readonly kerasClassName: string;
  private readonly op: string;
  private readonly axis: number;

  constructor(args: KerasJoinOpArgs) {
    super(args as LayerArgs);
    if (args.op !== 'concatenate' && args.op !== 'matmul') {
      throw new Error(`layer ${args.name ?? ''}: unknown op ${args.op}`);
    }
    this.op = args.op;
    this.axis = args.axis ?? -1;
    this.kerasClassName = args.kerasClass ?? args.op;
  }

  computeMask(): tf.Tensor | tf.Tensor[] {
    return dropMask();
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shapes = inputShape as tf.Shape[];
    const first = shapes[0] as tf.Shape;
    if (this.op === 'concatenate') {
      const axis = sampleAxis(this.axis, first.length, this.name);
      const extents = shapes.map((s) => s[axis] ?? null);
      const known = extents.every((e) => e !== null);
      const total = extents.reduce<number>((sum, e) => sum + (e ?? 0), 0);
      return first.map((extent, a) => (a === axis ? (known ? total : null) : extent));
    }
    const [a, b] = shapes as [tf.Shape, tf.Shape];
    if (a.length < 3 || b.length < 3) {
      throw new Error(`layer ${this.name}: matmul of rank < 3 would multiply across samples`);
    }
    // Broadcast the leading axes, aligned on the right, then (m, k) @ (k, n).
    const rank = Math.max(a.length, b.length);
    const lead = Array.from({ length: rank - 2 }, (_, i) => {
      const da = a[a.length - rank + i];
      const db = b[b.length - rank + i];
      return da === undefined || da === 1 ? (db ?? null) : da;
    });
    return [...lead, a[a.length - 2] ?? null, b[b.length - 1] ?? null];
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const list = inputs as tf.Tensor[];
      if (this.op === 'concatenate') {
        const axis = sampleAxis(this.axis, (list[0] as tf.Tensor).rank, this.name);
        return tf.concat(list, axis);
      }
      return tf.matMul(list[0] as tf.Tensor, list[1] as tf.Tensor);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), op: this.op, axis: this.axis, kerasClass: this.kerasClassName };
  }
}
