import { describe, expect, it } from 'vitest';

import { trustworthiness, Tsne } from '../src/index.js';
import { FftRepulsion } from '../src/reduce/fft_repulsion.js';
import { mortonOrder } from '../src/reduce/space_tree.js';
import { blobs, relativeError } from './reduce_helpers.js';

/** Exact `Σ_j q_ij² (y_i - y_j) / Σ_{k≠l} q_kl`, the normalised repulsion of t-SNE's gradient. */
function exactRepulsion(y: Float64Array, n: number): Float64Array {
  const out = new Float64Array(2 * n);
  let sumQ = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j) {
        const d0 = (y[2 * i] ?? 0) - (y[2 * j] ?? 0);
        const d1 = (y[2 * i + 1] ?? 0) - (y[2 * j + 1] ?? 0);
        const q = 1 / (1 + d0 * d0 + d1 * d1);
        sumQ += q;
        out[2 * i] = (out[2 * i] ?? 0) + q * q * d0;
        out[2 * i + 1] = (out[2 * i + 1] ?? 0) + q * q * d1;
      }
    }
  }
  return out.map((v) => v / sumQ);
}

/** A new FftRepulsion: PFFFT's WebAssembly runs in Node, so null here is a failure. */
function fftRepulsion(): FftRepulsion {
  const made = FftRepulsion.create();
  if (made === null) {
    throw new Error('PFFFT WebAssembly did not load');
  }
  return made;
}

describe('FftRepulsion', () => {
  const { data, rows } = blobs(6, 150, 10, 2);
  // Layouts of a t-SNE run: compact (early exaggeration) and spread out (the end).
  const layouts = [60, 500].map(
    (iterations) =>
      new Float64Array(
        new Tsne(data, rows, 10, { iterations, negativeGradient: 'bh', seed: 1 }).fit()
      )
  );

  it('matches the exact repulsion within 1.5% on t-SNE layouts (boxes up to 0.65, as t-SNE uses)', () => {
    // Boxes come close to the bound now that grid lengths may have factors 3 and 5: over whole
    // runs the mean error stays under 0.5%, see FFT_BOX_WIDTH in tsne.ts.
    for (const y of layouts) {
      const want = exactRepulsion(y, rows);
      const got = new Float64Array(2 * rows);
      const sumQ = fftRepulsion().compute(y, rows, got, 0.65);
      expect(
        relativeError(
          got.map((v) => v / sumQ),
          want
        )
      ).toBeLessThan(1.5e-2);
    }
  });

  it('converges as the boxes shrink (third-order interpolation)', () => {
    const y = layouts[1] ?? new Float64Array(0);
    const want = exactRepulsion(y, rows);
    const errors = [1, 0.5, 0.25].map((width) => {
      const got = new Float64Array(2 * rows);
      const sumQ = fftRepulsion().compute(y, rows, got, width);
      return relativeError(
        got.map((v) => v / sumQ),
        want
      );
    });
    expect(errors[1]).toBeLessThan((errors[0] ?? 0) / 2);
    expect(errors[2]).toBeLessThan(1e-3);
  });

  it('fits the grid with lengths PFFFT transforms (16·2^a·3^b·5^c)', () => {
    const cases: [number, number, number][] = [
      [0, 0.75, 32],
      [3, 1, 32],
      [8, 1, 48],
      [40, 0.75, 384],
      [60, 0.75, 480],
      [78, 0.75, 640],
      [100, 0.75, 864],
      [127, 0.75, 1024],
      [150, 0.75, 1200]
    ];
    for (const [range, width, length] of cases) {
      expect(FftRepulsion.fftLength(range, width)).toBe(length);
    }
  });

  it('is as accurate on grids with factors 3 and 5 as its box width predicts', () => {
    // The spread layout scaled to a span of 65.8: boxes of at most 1, 0.75 and 0.5 give grids of
    // 400 (16·5²), 576 (16·2²·3²) and 800 (16·2·5²) points. A transform error on one of them
    // would show as an error out of line with the others'.
    const spread = layouts[1] ?? new Float64Array(0);
    const scale = 65.8 / (Math.max(...spread) - Math.min(...spread));
    const y = spread.map((v) => v * scale);
    const want = exactRepulsion(y, rows);
    const errors = [1, 0.75, 0.5].map((width) => {
      const got = new Float64Array(2 * rows);
      const sumQ = fftRepulsion().compute(y, rows, got, width);
      return relativeError(
        got.map((v) => v / sumQ),
        want
      );
    });
    const span = Math.max(...y) - Math.min(...y);
    expect([1, 0.75, 0.5].map((width) => FftRepulsion.fftLength(span, width))).toEqual([
      400, 576, 800
    ]);
    expect(errors[1]).toBeLessThan((errors[0] ?? 0) / 1.5);
    expect(errors[2]).toBeLessThan((errors[1] ?? 0) / 1.5);
    // The 576 grid's boxes are 0.69 wide: about the error of t-SNE's own bound (0.65).
    expect(errors[1]).toBeLessThan(1e-2);
  });

  it('gives the same forces from one instance over layouts of changing size', () => {
    // The grid is rebuilt when the length changes and the kernels when the spacing does: a stale
    // one would show as a difference from a fresh instance.
    const reused = fftRepulsion();
    for (const y of [layouts[0], layouts[1], layouts[0]]) {
      const a = new Float64Array(2 * rows);
      const b = new Float64Array(2 * rows);
      const qa = reused.compute(y ?? new Float64Array(0), rows, a, 0.65);
      const qb = fftRepulsion().compute(y ?? new Float64Array(0), rows, b, 0.65);
      expect(qa).toBe(qb);
      expect(Array.from(a)).toEqual(Array.from(b));
    }
  });
});

describe('Tsne with the FFT repulsion', () => {
  const { data, rows } = blobs(4, 150, 10, 4);

  it('keeps trustworthiness within 0.01 of Barnes-Hut on clustered data', () => {
    const params = { iterations: 300, earlyExaggerationIterations: 100, seed: 2 } as const;
    const fft = new Tsne(data, rows, 10, { ...params, negativeGradient: 'fft' });
    const layoutFft = fft.fit();
    const layoutBh = new Tsne(data, rows, 10, { ...params, negativeGradient: 'bh' }).fit();
    expect(fft.fftIterations).toBe(300);
    const tFft = trustworthiness(data, 10, layoutFft, 2, { k: 10 });
    const tBh = trustworthiness(data, 10, layoutBh, 2, { k: 10 });
    expect(Math.abs(tFft - tBh)).toBeLessThan(0.01);
    expect(tFft).toBeGreaterThan(0.9);
  });

  it("'auto' takes the FFT while the layout is compact, reproducibly", () => {
    // 'auto' considers the FFT from 1,000 points on.
    const big = blobs(5, 240, 10, 4);
    const params = { iterations: 60, seed: 3 } as const;
    const a = new Tsne(big.data, big.rows, 10, params);
    const first = a.fit();
    expect(a.fftIterations).toBe(60);
    const again = new Tsne(big.data, big.rows, 10, params).fit();
    expect(Array.from(again)).toEqual(Array.from(first));
  });

  it('refuses the FFT in 3-D and an unknown method', () => {
    expect(() => new Tsne(data, rows, 10, { dims: 3, negativeGradient: 'fft' })).toThrow(/2-D/);
    expect(
      () =>
        new Tsne(data, rows, 10, {
          negativeGradient: 'fast' as unknown as 'fft'
        })
    ).toThrow(/negativeGradient/);
  });
});

describe('mortonOrder', () => {
  it('is a permutation that keeps near points together, in 2-D and 3-D', () => {
    for (const dims of [2, 3]) {
      const n = 64;
      // Points on a line: the Z-order of a line is the line's order.
      const y = new Float64Array(n * dims).map((_, at) => Math.floor(at / dims));
      const order = mortonOrder(y, n, dims);
      expect(Array.from(order)).toEqual(Array.from({ length: n }, (_, i) => i));
      const shuffled = new Float64Array(n * dims).map(
        (_, at) => ((Math.floor(at / dims) * 37) % n) + 0.5
      );
      expect(new Set(mortonOrder(shuffled, n, dims)).size).toBe(n);
    }
    expect(Array.from(mortonOrder(new Float64Array([0, NaN, 1, 1]), 2, 2))).toEqual([0, 1]);
  });
});
