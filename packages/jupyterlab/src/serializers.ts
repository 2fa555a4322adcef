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

/** ipywidgets serializer pair for array traits. */
export const arraySerializer = { deserialize: arrayFromJson, serialize: arrayToJson };
