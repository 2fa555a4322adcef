import { describe, expect, it } from 'vitest';

import { seededRandom } from '../src/index.js';
import { ComplexFft, nextFftLength } from '../src/reduce/fft_lengths.js';
import { relativeError } from './reduce_helpers.js';

/** O(n²) DFT with fft.js's conventions: e^(-2πi kn/N) forward, e^(+2πi kn/N) / N inverse. */
function naiveDft(x: Float64Array, inverse: boolean): Float64Array {
  const n = x.length / 2;
  const out = new Float64Array(2 * n);
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    let re = 0;
    let im = 0;
    for (let j = 0; j < n; j++) {
      // Reduce kj mod n first: the angle stays small and accurate for every length here.
      const angle = (sign * 2 * Math.PI * ((k * j) % n)) / n;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      const xr = x[2 * j] ?? 0;
      const xi = x[2 * j + 1] ?? 0;
      re += xr * c - xi * s;
      im += xr * s + xi * c;
    }
    out[2 * k] = inverse ? re / n : re;
    out[2 * k + 1] = inverse ? im / n : im;
  }
  return out;
}

describe('nextFftLength', () => {
  it('gives the smallest 2^k or 3·2^k at or above n', () => {
    const cases: [number, number][] = [
      [0, 2],
      [1, 2],
      [2, 2],
      [3, 4],
      [5, 6],
      [7, 8],
      [9, 12],
      [13, 16],
      [17, 24],
      [25, 32],
      [33, 48],
      [48, 48],
      [49, 64],
      [65, 96],
      [97, 128],
      [600, 768],
      [624, 768],
      [769, 1024],
      [1025, 1536],
      [1536.5, 2048]
    ];
    for (const [n, want] of cases) {
      expect(nextFftLength(n)).toBe(want);
    }
    expect(() => nextFftLength(Infinity)).toThrow(RangeError);
  });
});

describe('ComplexFft', () => {
  it('matches a naive DFT, forward and inverse, within 1e-9 relative', () => {
    const random = seededRandom(7);
    for (const size of [2, 6, 12, 16, 24, 48, 64, 96, 3 * 64, 384, 768]) {
      const fft = new ComplexFft(size);
      const x = new Float64Array(2 * size).map(() => 2 * random() - 1);
      const forward = new Float64Array(2 * size);
      fft.transform(forward, x);
      expect(relativeError(forward, naiveDft(x, false))).toBeLessThan(1e-9);
      const inverse = new Float64Array(2 * size);
      fft.inverseTransform(inverse, x);
      expect(relativeError(inverse, naiveDft(x, true))).toBeLessThan(1e-9);
      // The round trip returns the input: inverse carries the whole 1/N.
      const back = new Float64Array(2 * size);
      fft.inverseTransform(back, forward);
      expect(relativeError(back, x)).toBeLessThan(1e-12);
      // The input is left as it was, so one buffer can feed several transforms.
      fft.transform(forward, x);
      expect(relativeError(forward, naiveDft(x, false))).toBeLessThan(1e-9);
    }
  });

  it('refuses lengths other than 2^k and 3·2^k', () => {
    for (const size of [0, 1, 3, 5, 9, 10, 18 * 5, 48.5]) {
      expect(() => new ComplexFft(size)).toThrow(RangeError);
    }
  });
});
