import FFT from 'fft.js';

/** sin(2π/3): the imaginary part of the radix-3 butterfly's rotations. */
const SIN_THIRD = Math.sqrt(3) / 2;

/**
 * The smallest FFT length that {@link ComplexFft} supports at or above `n`: a power of two 2^k
 * (k ≥ 1) or three times one, 3·2^k (k ≥ 1), i.e. 2, 4, 6, 8, 12, 16, 24, 32, 48, ... Allowing
 * 3·2^k puts a length within 4/3 of any `n` rather than within 2.
 *
 * @param n - the least length wanted, ≥ 0; non-integers are rounded up.
 * @returns the length, ≥ 2 and ≥ `n`.
 */
export function nextFftLength(n: number): number {
  if (!Number.isFinite(n) || n > 2 ** 30) {
    throw new RangeError(`FFT length must be finite and at most 2^30, got ${n}`);
  }
  let power = 2;
  while (power < n) {
    power *= 2;
  }
  // 3·2^k sits between 2^(k+1) and 2^(k+2); fft.js needs the 2^k part to be at least 2.
  const threes = (3 * power) / 4;
  return power >= 8 && threes >= n ? threes : power;
}

/**
 * Complex DFT of one fixed length N = 2^k or 3·2^k (see {@link nextFftLength}) over interleaved
 * re/im `Float64Array`s, with fft.js's conventions: `transform` computes
 * `X_k = Σ_n x_n e^(-2πi kn/N)` and `inverseTransform` `x_n = (1/N) Σ_k X_k e^(+2πi kn/N)`.
 *
 * Powers of two go straight to fft.js (radix-4). A length 3·M is split by decimation in time into
 * three fft.js transforms of length M over x[3n], x[3n+1] and x[3n+2], joined by radix-3
 * butterflies; the extra work is O(N) per transform, against O(N log N) for the sub-transforms.
 *
 * Keeps O(N) scratch; one instance serves one call at a time.
 */
export class ComplexFft {
  /** The transform length N, in complex values. */
  readonly size: number;
  /** fft.js's plan of length N (a power of two) or N/3. */
  private readonly fft: FFT;
  /** N/3 for a length 3·M, 0 for a power of two. */
  private readonly third: number;
  /** The three decimated inputs x[3n + r], then their transforms; 2M doubles each, interleaved. */
  private readonly x0: Float64Array;
  private readonly x1: Float64Array;
  private readonly x2: Float64Array;
  private readonly p0: Float64Array;
  private readonly p1: Float64Array;
  private readonly p2: Float64Array;
  /** Per k < M: e^(-2πi k/N) and e^(-2πi 2k/N), re/im each, read together by the butterflies. */
  private readonly twiddles: Float64Array;

  /**
   * @param size - the length N in complex values: 2^k or 3·2^k with k ≥ 1.
   * @throws RangeError for any other length.
   */
  constructor(size: number) {
    if (!Number.isInteger(size) || size < 2 || nextFftLength(size) !== size) {
      throw new RangeError(`FFT length must be 2^k or 3·2^k (k ≥ 1), got ${size}`);
    }
    this.size = size;
    const isPower = (size & (size - 1)) === 0;
    this.third = isPower ? 0 : size / 3;
    const m = isPower ? size : this.third;
    this.fft = new FFT(m);
    const part = isPower ? 0 : 2 * m;
    this.x0 = new Float64Array(part);
    this.x1 = new Float64Array(part);
    this.x2 = new Float64Array(part);
    this.p0 = new Float64Array(part);
    this.p1 = new Float64Array(part);
    this.p2 = new Float64Array(part);
    this.twiddles = new Float64Array(2 * part);
    for (let k = 0; k < part / 2; k++) {
      const angle = (-2 * Math.PI * k) / size;
      this.twiddles[4 * k] = Math.cos(angle);
      this.twiddles[4 * k + 1] = Math.sin(angle);
      this.twiddles[4 * k + 2] = Math.cos(2 * angle);
      this.twiddles[4 * k + 3] = Math.sin(2 * angle);
    }
  }

  /**
   * Forward DFT of `input` into `out`, both `2N` doubles, interleaved re/im. `input` is left as
   * it was; `out` must be another array (as in fft.js).
   */
  transform(out: Float64Array, input: Float64Array): void {
    if (this.third === 0) {
      this.fft.transform(out, input);
    } else {
      this.mixed(out, input, false);
    }
  }

  /** Inverse DFT of `input` into `out`, scaled by 1/N (as fft.js's `inverseTransform`). */
  inverseTransform(out: Float64Array, input: Float64Array): void {
    if (this.third === 0) {
      this.fft.inverseTransform(out, input);
    } else {
      this.mixed(out, input, true);
    }
  }

  /**
   * Length 3·M by decimation in time. The inverse runs the forward sub-transforms on the conjugated
   * input and conjugates the result, `x = conj(DFT(conj(X))) / N`: one code path, and no
   * separate scaling passes over the sub-transforms (fft.js's inverse divides its output by M).
   */
  private mixed(out: Float64Array, input: Float64Array, inverse: boolean): void {
    const m = this.third;
    const { fft, x0, x1, x2, p0, p1, p2, twiddles } = this;
    const conj = inverse ? -1 : 1;
    for (let n = 0, at = 0; n < m; n++, at += 6) {
      x0[2 * n] = input[at]!;
      x0[2 * n + 1] = conj * input[at + 1]!;
      x1[2 * n] = input[at + 2]!;
      x1[2 * n + 1] = conj * input[at + 3]!;
      x2[2 * n] = input[at + 4]!;
      x2[2 * n + 1] = conj * input[at + 5]!;
    }
    fft.transform(p0, x0);
    fft.transform(p1, x1);
    fft.transform(p2, x2);
    const scaleRe = inverse ? 1 / this.size : 1;
    const scaleIm = conj * scaleRe;
    // Offsets of X[k + M] and X[k + 2M] from X[k].
    const second = 2 * m;
    const third = 4 * m;
    for (let re = 0, tw = 0; re < second; re += 2, tw += 4) {
      const im = re + 1;
      const w1r = twiddles[tw]!;
      const w1i = twiddles[tw + 1]!;
      const w2r = twiddles[tw + 2]!;
      const w2i = twiddles[tw + 3]!;
      const b1r = p1[re]!;
      const b1i = p1[im]!;
      const b2r = p2[re]!;
      const b2i = p2[im]!;
      const t1r = w1r * b1r - w1i * b1i;
      const t1i = w1r * b1i + w1i * b1r;
      const t2r = w2r * b2r - w2i * b2i;
      const t2i = w2r * b2i + w2i * b2r;
      const sr = t1r + t2r;
      const si = t1i + t2i;
      const a0r = p0[re]!;
      const a0i = p0[im]!;
      // X[k + M] = a0 + ω t1 + ω² t2 = a0 - s/2 - i (√3/2) (t1 - t2) with ω = e^(-2πi/3), and
      // X[k + 2M] the same with +i.
      const mr = a0r - 0.5 * sr;
      const mi = a0i - 0.5 * si;
      const dr = SIN_THIRD * (t1r - t2r);
      const di = SIN_THIRD * (t1i - t2i);
      out[re] = scaleRe * (a0r + sr);
      out[im] = scaleIm * (a0i + si);
      out[second + re] = scaleRe * (mr + di);
      out[second + im] = scaleIm * (mi - dr);
      out[third + re] = scaleRe * (mr - di);
      out[third + im] = scaleIm * (mi + dr);
    }
  }
}
