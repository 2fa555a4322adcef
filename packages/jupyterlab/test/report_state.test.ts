import { describe, expect, it } from 'vitest';

import { savedStateReader } from '../src/report/state.js';

const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

describe('savedStateReader', () => {
  it('puts base64 and hex buffers back at their paths and decodes array traits', () => {
    const labels = new Int32Array([2, 0, 1]);
    const layout = new Float32Array([0.5, -1, 2, 3, 4, 5]);
    const reader = savedStateReader({
      state: {
        method: 'umap',
        labels: { dtype: 'int32', shape: [3] },
        saved_layouts: { dense: { dtype: 'float32', shape: [3, 2] } }
      },
      buffers: [
        {
          path: ['labels', 'buffer'],
          encoding: 'base64',
          data: base64(new Uint8Array(labels.buffer))
        },
        {
          path: ['saved_layouts', 'dense', 'buffer'],
          encoding: 'hex',
          data: Array.from(new Uint8Array(layout.buffer), (b) =>
            b.toString(16).padStart(2, '0')
          ).join('')
        }
      ]
    });
    expect(reader.get('method')).toBe('umap');
    expect(reader.get('labels')).toEqual({ data: labels, dtype: 'int32', shape: [3] });
    const layouts = reader.get('saved_layouts') as Record<string, { data: Float32Array }>;
    expect(layouts['dense']?.data).toEqual(layout);
    expect(reader.get('missing')).toBeNull();
  });

  it('names a buffer path the state has no place for', () => {
    expect(() =>
      savedStateReader({
        state: {},
        buffers: [{ path: ['x', 'buffer'], encoding: 'base64', data: '' }]
      })
    ).toThrow('no place for a buffer at x.buffer');
  });
});
