import { describe, expect, it } from 'vitest';

import { scaledMaxDifference } from '../src/index.js';

const acts = (data: number[], rows: number, cols: number) => ({
  layer: 'l',
  data: new Float32Array(data),
  rows,
  cols
});

describe('scaledMaxDifference', () => {
  it('is the max absolute difference over the reference rows', () => {
    const ours = acts([0.5, 0.25, 9, 9], 2, 2);
    expect(scaledMaxDifference(ours, acts([0.5, 0.125], 1, 2))).toBeCloseTo(0.125, 7);
  });
  it('is relative to the layer scale when values exceed 1', () => {
    expect(scaledMaxDifference(acts([100, 0], 1, 2), acts([101, 0], 1, 2))).toBeCloseTo(1 / 101);
  });
  it('is infinite when the shapes disagree', () => {
    expect(scaledMaxDifference(acts([1, 2], 1, 2), acts([1, 2, 3], 1, 3))).toBe(Infinity);
  });
});
