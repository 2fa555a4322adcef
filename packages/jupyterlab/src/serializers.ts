import { type DType, type NdArray, ndarrayFromBytes } from '@layerviz/core';

/** An array as it arrives from the kernel: the buffer is pulled out of the JSON state. */
export interface ArrayJson {
  readonly buffer: DataView | ArrayBuffer;
  readonly dtype: DType;
  readonly shape: readonly number[];
}

/**
 * Deserialize `{buffer, dtype, shape}` into an {@link NdArray} without copying; null stays null.
 */
export function arrayFromJson(value: ArrayJson | null | undefined): NdArray | null {
  if (value === null || value === undefined) {
    return null;
  }
  return ndarrayFromBytes(value.buffer, value.dtype, value.shape);
}

/** Serialize an {@link NdArray} back to `{buffer, dtype, shape}` (arrays are read-only here). */
export function arrayToJson(value: NdArray | null): ArrayJson | null {
  if (value === null) {
    return null;
  }
  const { buffer, byteOffset, byteLength } = value.data;
  return {
    buffer: new DataView(buffer as ArrayBuffer, byteOffset, byteLength),
    dtype: value.dtype,
    shape: value.shape
  };
}

/** Turn a `bytes` trait (a DataView) into an exactly-sized ArrayBuffer for TF.js. */
export function bytesFromJson(value: DataView | ArrayBuffer | null): ArrayBuffer {
  if (value === null) {
    return new ArrayBuffer(0);
  }
  if (value instanceof ArrayBuffer) {
    return value;
  }
  return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength) as ArrayBuffer;
}

/** Deserialize a dict of arrays (e.g. activations per layer name); null stays null. */
export function arrayDictFromJson(
  value: Record<string, ArrayJson> | null | undefined
): Record<string, NdArray> | null {
  if (value === null || value === undefined) {
    return null;
  }
  const out: Record<string, NdArray> = {};
  for (const [key, array] of Object.entries(value)) {
    const parsed = arrayFromJson(array);
    if (parsed !== null) {
      out[key] = parsed;
    }
  }
  return out;
}

/** Serialize a dict of arrays (e.g. layouts per layer name), each with its own buffer. */
export function arrayDictToJson(
  value: Readonly<Record<string, NdArray>> | null
): Record<string, ArrayJson> | null {
  if (value === null) {
    return null;
  }
  const out: Record<string, ArrayJson> = {};
  for (const [key, array] of Object.entries(value)) {
    const json = arrayToJson(array);
    if (json !== null) {
      out[key] = json;
    }
  }
  return out;
}

/** ipywidgets serializer pair for array traits. */
export const arraySerializer = { deserialize: arrayFromJson, serialize: arrayToJson };

/** ipywidgets deserializer for traits holding a dict of arrays (read-only in the browser). */
export const arrayDictSerializer = { deserialize: arrayDictFromJson };

/**
 * The serializers of every array trait of the layerviz widget model, by trait name: the widget
 * model uses them, and so does a page that reads a widget's saved state without ipywidgets (the
 * HTML report).
 */
export const TRAIT_SERIALIZERS = {
  x: arraySerializer,
  labels: arraySerializer,
  sample_ids: arraySerializer,
  predictions: arraySerializer,
  confidence: arraySerializer,
  images: arraySerializer,
  activations: arrayDictSerializer,
  fidelity_reference: arrayDictSerializer,
  saved_layouts: { deserialize: arrayDictFromJson, serialize: arrayDictToJson }
};
