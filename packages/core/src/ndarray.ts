/** Element types that travel between the kernel and the browser. */
export type DType = 'float32' | 'int32' | 'uint8' | 'bool';

/** A typed array with one of the {@link DType}s. */
export type TypedArray = Float32Array | Int32Array | Uint8Array;

/**
 * A dense row-major n-dimensional array: the wire format of layerviz (`{buffer, dtype, shape}`
 * on the kernel side) once the buffer is wrapped in a typed array.
 */
export interface NdArray {
  /** The elements, row-major; `data.length` equals the product of `shape`. */
  readonly data: TypedArray;
  /** The element type. */
  readonly dtype: DType;
  /** The extent of each axis; axis 0 is the sample axis. */
  readonly shape: readonly number[];
}

/** Number of elements of an array of the given shape (1 for a scalar shape `[]`). */
export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Wrap raw bytes in the typed array of `dtype` and check that the length fits `shape`.
 *
 * @throws Error if the buffer does not hold exactly `prod(shape)` elements of `dtype`.
 */
export function ndarrayFromBytes(
  bytes: ArrayBuffer | ArrayBufferView,
  dtype: DType,
  shape: readonly number[]
): NdArray {
  const view = ArrayBuffer.isView(bytes)
    ? bytes
    : new Uint8Array(bytes as ArrayBuffer, 0, (bytes as ArrayBuffer).byteLength);
  const { buffer, byteOffset, byteLength } = view;
  let data: TypedArray;
  // Typed arrays need aligned offsets; a copy is cheaper than a failure on odd offsets.
  const aligned = (n: number): ArrayBuffer =>
    byteOffset % n === 0
      ? (buffer as ArrayBuffer)
      : (buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer);
  const offset = (n: number): number => (byteOffset % n === 0 ? byteOffset : 0);
  switch (dtype) {
    case 'float32':
      data = new Float32Array(aligned(4), offset(4), byteLength / 4);
      break;
    case 'int32':
      data = new Int32Array(aligned(4), offset(4), byteLength / 4);
      break;
    case 'uint8':
    case 'bool':
      data = new Uint8Array(buffer as ArrayBuffer, byteOffset, byteLength);
      break;
    default:
      throw new Error(`unsupported dtype ${String(dtype)}: send float32, int32, uint8 or bool`);
  }
  if (data.length !== sizeOf(shape)) {
    throw new Error(
      `array of shape [${shape.join(', ')}] needs ${sizeOf(shape)} ${dtype} elements, got ${data.length}`
    );
  }
  return { data, dtype, shape };
}
