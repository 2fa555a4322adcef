import * as tf from '@tensorflow/tfjs';

import { type LayerArgs, onlyInput } from './tfjs_classes.js';

/**
 * Keras's UpSampling (1-D to 3-D), Cropping and ZeroPadding layers in the ranks TF.js lacks
 * (1-D and 3-D; the kernel keeps TF.js's Cropping2D and ZeroPadding2D). One class each, for
 * any number of spatial axes; the kernel writes their arguments per axis.
 */

/** Arguments shared by the three layers, as TF.js camelCases the kernel's config. */
interface SpatialArgs {
  name?: string;
  /** `'channelsLast'` (default) or `'channelsFirst'`. */
  dataFormat?: string;
  /** The Keras class it stands for, e.g. `'UpSampling1D'`, for titles. */
  kerasClass?: string;
}

/** Arguments of {@link KerasUpSampling}. */
export interface KerasUpSamplingArgs extends SpatialArgs {
  /** The factor of each spatial axis. */
  size: number[];
  /** `'nearest'` (default) or, with two spatial axes, `'bilinear'`. */
  interpolation?: string;
}

/** Arguments of {@link KerasCropping}: `[before, after]` of each spatial axis. */
export interface KerasCroppingArgs extends SpatialArgs {
  cropping: [number, number][];
}

/** Arguments of {@link KerasZeroPadding}: `[before, after]` of each spatial axis. */
export interface KerasZeroPaddingArgs extends SpatialArgs {
  padding: [number, number][];
}

/** Every element repeated `times` times along `axis`, as numpy's and Keras's `repeat`. */
export function repeatAlong(x: tf.Tensor, times: number, axis: number): tf.Tensor {
  if (times === 1) {
    return x.clone();
  }
  return tf.tidy(() => {
    const reps = x.shape.map(() => 1);
    reps.splice(axis + 1, 0, times);
    const shape = [...x.shape];
    shape[axis] = (shape[axis] as number) * times;
    return tf.tile(tf.expandDims(x, axis + 1), reps).reshape(shape);
  });
}

/** A spatial layer's common part: data format, spatial axes, Keras class. */
abstract class SpatialLayer extends tf.layers.Layer {
  readonly kerasClassName: string;
  protected readonly channelsFirst: boolean;

  constructor(args: SpatialArgs, defaultClass: string) {
    super(args as LayerArgs);
    this.channelsFirst = args.dataFormat === 'channelsFirst';
    this.kerasClassName = args.kerasClass ?? defaultClass;
  }

  /** The axis of the `i`-th spatial dimension. */
  protected axis(i: number): number {
    return (this.channelsFirst ? 2 : 1) + i;
  }

  /** `shape` with each spatial extent mapped by `f` (unknown extents stay unknown). */
  protected mapSpatial(
    inputShape: tf.Shape | tf.Shape[],
    count: number,
    f: (extent: number, i: number) => number
  ): tf.Shape {
    const shape = [...((Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape)];
    for (let i = 0; i < count; i++) {
      const extent = shape[this.axis(i)];
      shape[this.axis(i)] = extent === null || extent === undefined ? null : f(extent, i);
    }
    return shape;
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      dataFormat: this.channelsFirst ? 'channelsFirst' : 'channelsLast',
      kerasClass: this.kerasClassName
    };
  }
}

/**
 * Keras's UpSampling1D/2D/3D. Nearest is Keras's `ops.repeat` along each axis: exact, where
 * TF.js's UpSampling2D floors `i · (1 / factor)`, which WebGL's float32 rounds below the
 * integer for some factors. Bilinear (2-D) is TensorFlow's `image.resize` with half-pixel
 * centres, which Keras calls; TF.js's UpSampling2D resizes without them.
 */
export class KerasUpSampling extends SpatialLayer {
  static readonly className = 'LayervizUpSampling';
  private readonly size: number[];
  private readonly interpolation: string;

  constructor(args: KerasUpSamplingArgs) {
    super(args, `UpSampling${args.size.length}D`);
    this.size = args.size;
    this.interpolation = args.interpolation ?? 'nearest';
    if (this.interpolation !== 'nearest' && !this.isBilinear2d()) {
      throw new Error(
        `${this.kerasClassName}: interpolation ${this.interpolation} is not supported`
      );
    }
  }

  private isBilinear2d(): boolean {
    return this.interpolation === 'bilinear' && this.size.length === 2;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return this.mapSpatial(inputShape, this.size.length, (n, i) => n * (this.size[i] as number));
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      let x = onlyInput(inputs);
      if (this.isBilinear2d()) {
        const [h, w] = this.computeOutputShape(x.shape).slice(this.axis(0), this.axis(2));
        const nhwc = this.channelsFirst ? tf.transpose(x, [0, 2, 3, 1]) : x;
        const size: [number, number] = [h as number, w as number];
        const resized = tf.image.resizeBilinear(nhwc as tf.Tensor4D, size, false, true);
        return this.channelsFirst ? tf.transpose(resized, [0, 3, 1, 2]) : resized;
      }
      this.size.forEach((times, i) => {
        x = repeatAlong(x, times, this.axis(i));
      });
      return x;
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), size: this.size, interpolation: this.interpolation };
  }
}

/** Keras's Cropping1D/3D (and 2D): `[before, after]` steps cut off each spatial axis. */
export class KerasCropping extends SpatialLayer {
  static readonly className = 'LayervizCropping';
  private readonly cropping: [number, number][];

  constructor(args: KerasCroppingArgs) {
    super(args, `Cropping${args.cropping.length}D`);
    this.cropping = args.cropping;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return this.mapSpatial(inputShape, this.cropping.length, (n, i) => {
      const [before, after] = this.cropping[i] as [number, number];
      return n - before - after;
    });
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = onlyInput(inputs);
    const begin = x.shape.map(() => 0);
    const size = this.computeOutputShape(x.shape) as number[];
    this.cropping.forEach(([before], i) => {
      begin[this.axis(i)] = before;
    });
    return tf.slice(x, begin, size);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), cropping: this.cropping };
  }
}

/** Keras's ZeroPadding1D/3D (and 2D): `[before, after]` zeros added to each spatial axis. */
export class KerasZeroPadding extends SpatialLayer {
  static readonly className = 'LayervizZeroPadding';
  private readonly padding: [number, number][];

  constructor(args: KerasZeroPaddingArgs) {
    super(args, `ZeroPadding${args.padding.length}D`);
    this.padding = args.padding;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return this.mapSpatial(inputShape, this.padding.length, (n, i) => {
      const [before, after] = this.padding[i] as [number, number];
      return n + before + after;
    });
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = onlyInput(inputs);
    const pads = x.shape.map((): [number, number] => [0, 0]);
    this.padding.forEach((pair, i) => {
      pads[this.axis(i)] = pair;
    });
    return tf.pad(x, pads);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), padding: this.padding };
  }
}
