import type { ModelArtifacts, NdArray } from '@layerviz/core';
import * as tf from '@tensorflow/tfjs';

/**
 * A TF.js model as a web page holds it: a `tf.LayersModel` (trained in the page or loaded), the
 * URL of a layers-format `model.json`, or in-memory artifacts (`tf.io.ModelArtifacts`, e.g. from
 * `tf.io.fromMemory` or a save handler).
 */
export type ModelSource = tf.LayersModel | string | URL | tf.io.ModelArtifacts;

/**
 * Samples in the form the model takes: a tensor, an {@link NdArray} (`{data, dtype, shape}`), or
 * nested number arrays (`number[][]`, `number[][][]`, ...). Axis 0 is the sample axis.
 */
export type SamplesSource = tf.Tensor | NdArray | readonly unknown[];

/**
 * Labels: class ids (`Int32Array`, `number[]`, a 1-D tensor), one-hot or probability rows (a 2-D
 * tensor: the largest entry is the class), or class names (`string[]`, shown in the legend).
 */
export type LabelsSource = tf.Tensor | ArrayLike<number> | readonly string[];

/** Labels as the view takes them. */
export interface Labels {
  /** A class id per sample, ≥ 0. */
  readonly ids: Int32Array;
  /** The name of each class id when the labels were names; null for numeric labels. */
  readonly classNames: string[] | null;
}

/**
 * The artifacts of `model`, whichever form it came in.
 *
 * @param fetchFunc - fetch used for URLs (default: the page's `fetch`).
 * @throws Error naming the URL when a model.json cannot be loaded.
 */
export async function modelArtifacts(
  model: ModelSource,
  fetchFunc?: typeof fetch
): Promise<ModelArtifacts> {
  if (typeof model === 'string' || model instanceof URL) {
    const url = String(model);
    let loaded: tf.io.ModelArtifacts | undefined;
    try {
      loaded = await tf.io.http(url, fetchFunc === undefined ? {} : { fetchFunc }).load?.();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`could not load the model at ${url}: ${reason}`);
    }
    return fromTfArtifacts(loaded ?? {}, url);
  }
  if (model instanceof tf.LayersModel) {
    let saved: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
      })
    );
    return fromTfArtifacts(saved as unknown as tf.io.ModelArtifacts, `model "${model.name}"`);
  }
  return fromTfArtifacts(model, 'the model artifacts');
}

function fromTfArtifacts(artifacts: tf.io.ModelArtifacts, what: string): ModelArtifacts {
  const { modelTopology, weightSpecs, weightData } = artifacts;
  if (
    modelTopology === undefined ||
    modelTopology instanceof ArrayBuffer ||
    weightSpecs === undefined ||
    weightData === undefined
  ) {
    throw new Error(
      `${what} is not a TF.js layers model with weights (a graph model or a model.json ` +
        'without weights cannot be shown): save it with model.save() from a tf.LayersModel.'
    );
  }
  const data = Array.isArray(weightData)
    ? tf.io.CompositeArrayBuffer.join(weightData)
    : (weightData as ArrayBuffer);
  return { modelTopology, weightSpecs, weightData: data };
}

/**
 * `x` as a row-major array with its shape.
 *
 * @throws Error when `x` is empty, ragged, or its data does not fill its shape.
 */
export function samplesArray(x: SamplesSource): NdArray {
  if (x instanceof tf.Tensor) {
    const dtype = x.dtype === 'int32' ? 'int32' : 'float32';
    const data =
      dtype === 'int32' ? Int32Array.from(x.dataSync()) : Float32Array.from(x.dataSync());
    return checked({ data, dtype, shape: x.shape });
  }
  if (Array.isArray(x)) {
    if (x.length === 0) {
      throw new Error('x is empty: pass at least one sample.');
    }
    let tensor: tf.Tensor;
    try {
      tensor = tf.tensor(x as number[][], undefined, 'float32');
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`x must be nested number arrays of one shape (${reason}).`);
    }
    try {
      return samplesArray(tensor);
    } catch {
      throw new Error('x must be nested number arrays of one shape (rows of different lengths).');
    } finally {
      tensor.dispose();
    }
  }
  return checked(x as NdArray);
}

function checked(x: NdArray): NdArray {
  const size = x.shape.reduce((a, b) => a * b, 1);
  if (x.shape.length === 0 || x.shape[0] === 0) {
    throw new Error('x is empty: pass at least one sample.');
  }
  if (x.data.length !== size) {
    throw new Error(
      `x has ${x.data.length} values but its shape [${x.shape.join(', ')}] needs ${size}.`
    );
  }
  return x;
}

/**
 * `y` as class ids, one per sample.
 *
 * @param count - the number of samples in x.
 * @throws Error when the counts differ or a label is not a class id.
 */
export function labelIds(y: LabelsSource, count: number): Labels {
  let labels: Labels;
  if (y instanceof tf.Tensor) {
    labels = { ids: tensorIds(y), classNames: null };
  } else if (Array.from(y as ArrayLike<unknown>).some((v) => typeof v === 'string')) {
    labels = namedIds(y as readonly string[]);
  } else {
    labels = { ids: numericIds(y as ArrayLike<number>), classNames: null };
  }
  if (labels.ids.length !== count) {
    throw new Error(
      `y has ${labels.ids.length} labels but x has ${count} samples: pass one label per sample.`
    );
  }
  return labels;
}

function tensorIds(y: tf.Tensor): Int32Array {
  if (y.rank === 2) {
    return tf.tidy(() => Int32Array.from(tf.argMax(y, 1).dataSync()));
  }
  if (y.rank !== 1) {
    throw new Error(
      `y must be 1-D class ids or 2-D one-hot rows, got a tensor of shape [${y.shape.join(', ')}].`
    );
  }
  return numericIds(y.dataSync());
}

function numericIds(values: ArrayLike<number>): Int32Array {
  const ids = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Number(values[i]);
    if (!Number.isInteger(v) || v < 0) {
      throw new Error(
        `y[${i}] is ${String(values[i])}: labels must be class ids (integers ≥ 0) or class names.`
      );
    }
    ids[i] = v;
  }
  return ids;
}

function namedIds(names: readonly string[]): Labels {
  const classNames = [...new Set(names.map(String))].sort();
  const index = new Map(classNames.map((name, id) => [name, id]));
  return { ids: Int32Array.from(names, (name) => index.get(String(name)) ?? 0), classNames };
}
