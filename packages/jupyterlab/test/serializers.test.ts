import { describe, expect, it } from 'vitest';

import { arrayFromJson, arrayToJson, bytesFromJson } from '../src/serializers.js';

describe('array serializers', () => {
  it('reads {buffer, dtype, shape} without copying and writes it back', () => {
    const source = new Int32Array([1, 2, 3, 4, 5, 6]);
    const arr = arrayFromJson({
      buffer: new DataView(source.buffer),
      dtype: 'int32',
      shape: [2, 3]
    });
    expect(arr?.data).toBeInstanceOf(Int32Array);
    expect(Array.from(arr?.data ?? [])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(arr?.data.buffer).toBe(source.buffer);
    const back = arrayToJson(arr);
    expect(back?.shape).toEqual([2, 3]);
    expect((back?.buffer as DataView).byteLength).toBe(24);
  });

  it('reads a float32 buffer at an unaligned offset', () => {
    const bytes = new Uint8Array(9);
    new DataView(bytes.buffer).setFloat32(1, 1.5, true);
    new DataView(bytes.buffer).setFloat32(5, -2, true);
    const arr = arrayFromJson({
      buffer: new DataView(bytes.buffer, 1, 8),
      dtype: 'float32',
      shape: [2]
    });
    expect(Array.from(arr?.data ?? [])).toEqual([1.5, -2]);
  });

  it('rejects a buffer whose length does not fit the shape', () => {
    expect(() =>
      arrayFromJson({ buffer: new DataView(new ArrayBuffer(8)), dtype: 'float32', shape: [3] })
    ).toThrow(/needs 3 float32 elements, got 2/);
  });

  it('passes null through and sizes byte traits exactly', () => {
    expect(arrayFromJson(null)).toBeNull();
    const buf = new Uint8Array([9, 8, 7, 6]).buffer;
    expect(bytesFromJson(new DataView(buf, 1, 2)).byteLength).toBe(2);
    expect(bytesFromJson(null).byteLength).toBe(0);
  });
});
