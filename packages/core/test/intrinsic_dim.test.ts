import { describe, expect, it } from 'vitest';

import {
  gaussian,
  seededRandom,
  twoNnDimension,
  twoNnDimensionAsync,
  twoNnFit
} from '../src/index.js';

/** `rows` Gaussian points on a random `dim`-dimensional linear subspace of `cols`-D space. */
function subspace(rows: number, dim: number, cols: number, seed = 1): Float32Array {
  const random = seededRandom(seed);
  const basis = Array.from({ length: dim * cols }, () => gaussian(random));
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const z = Array.from({ length: dim }, () => gaussian(random));
    for (let c = 0; c < cols; c++) {
      let s = 0;
      for (let j = 0; j < dim; j++) {
        s += (z[j] ?? 0) * (basis[j * cols + c] ?? 0);
      }
      out[r * cols + c] = s;
    }
  }
  return out;
}

describe('TwoNN intrinsic dimension', () => {
  it('finds the dimension of a linear subspace embedded in 50-D', () => {
    expect(twoNnDimension(subspace(1500, 3, 50), 50)).toBeCloseTo(3, 0);
    expect(twoNnDimension(subspace(1500, 1, 50), 50)).toBeCloseTo(1, 0);
    const eight = twoNnDimension(subspace(1500, 8, 50), 50);
    expect(eight).toBeGreaterThan(7.2);
    expect(eight).toBeLessThan(8.8);
  });

  it('is the slope through the origin of -log(1 - i/N) against log mu, top 10% left out', () => {
    const ratios = [1.5, 1.1, 3, 1.3, 2, 1.05, 1.7, 1.2, 2.5, 4, 1.4, 1.9];
    const sorted = [...ratios].sort((a, b) => a - b);
    const kept = Math.floor(0.9 * ratios.length);
    let xy = 0;
    let xx = 0;
    for (let i = 0; i < kept; i++) {
      const x = Math.log(sorted[i] ?? 0);
      xy += x * -Math.log(1 - (i + 1) / ratios.length);
      xx += x * x;
    }
    expect(twoNnFit(ratios)).toBeCloseTo(xy / xx, 12);
    // For a Pareto law with d = 4, mu = u^(-1/4) for uniform u: the fit finds about 4.
    const random = seededRandom(3);
    const pareto = Array.from({ length: 20000 }, () => (1 - random()) ** -0.25);
    expect(twoNnFit(pareto)).toBeCloseTo(4, 1);
  });

  it('leaves duplicates out and gives NaN when too few points remain', () => {
    const data = subspace(400, 2, 5);
    const doubled = new Float32Array(800 * 5);
    doubled.set(data);
    doubled.set(data, data.length);
    // Every point has a twin at distance 0: nothing usable.
    expect(twoNnDimension(doubled, 5)).toBeNaN();
    expect(twoNnDimension(new Float32Array(6), 2)).toBeNaN();
  });

  it('uses the approximate neighbours above 5,000 rows, within 2% of the exact answer', () => {
    const data = subspace(6000, 6, 20, 2);
    const approximate = twoNnDimension(data, 20);
    // The same rows' exact neighbours, through the fit on the whole data.
    const exact = twoNnDimension(data, 20, { searched: 2, method: 'exact' });
    expect(Math.abs(approximate - exact) / exact).toBeLessThan(0.02);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(
      twoNnDimensionAsync(subspace(300, 2, 4), 4, { signal: controller.signal })
    ).rejects.toThrow('cancelled');
  });
});
