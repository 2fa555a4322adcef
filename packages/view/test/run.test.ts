import type { LayerResult } from '@layerviz/core';
import { describe, expect, it } from 'vitest';

import { invalidRowsNotice } from '../src/run.js';
import { hideRows } from '../src/run_layouts.js';

const result = (name: string, invalid: number[]): LayerResult => ({
  info: { name, className: 'Dense', outputShape: [null, 2], index: 0 },
  features: { name, data: new Float32Array(0), rows: 0, cols: 0 },
  width: 2,
  varianceKept: 1,
  invalidRows: Int32Array.from(invalid)
});

describe('samples a layer cannot show', () => {
  it('are set to NaN in that layer only, so that nothing draws them', () => {
    const coords = Float32Array.from([0, 1, 2, 3, 4, 5]);
    const hidden = hideRows(coords, Int32Array.from([1]), 2);
    expect(Array.from(hidden)).toEqual([0, 1, Number.NaN, Number.NaN, 4, 5]);
    expect(coords[2]).toBe(2);
    expect(hideRows(coords, new Int32Array(0), 2)).toBe(coords);
  });

  it('are named by their original rows in the notice', () => {
    const notice = invalidRowsNotice(
      [result('embedding', []), result('dense', [0, 2, 3, 4, 5, 6])],
      Int32Array.from([10, 11, 12, 13, 14, 15, 16])
    );
    expect(notice).toBe(
      'Layer "dense": 6 samples have NaN or infinite activations and are not drawn in it ' +
        '(rows 10, 12, 13, 14, 15, …).'
    );
    expect(invalidRowsNotice([result('a', [])], null)).toBe('');
  });
});
