import { PFFFT_SIMD_BASE64 } from './pffft_binary.generated.js';

/** PFFFT's `pffft_direction_t`. */
export const FORWARD = 0;
export const BACKWARD = 1;
/** PFFFT's `pffft_transform_t` for complex transforms. */
const COMPLEX = 1;

/**
 * The exports of PFFFT's Emscripten build, by their minified names in @echogarden/pffft-wasm
 * 0.4.2 (read from its `pffft.js`; `test/pffft.test.ts` checks them against that file, so a
 * version whose names moved fails there and not at run time).
 */
export const EXPORT_NAMES = {
  memory: 'd',
  initialize: 'e',
  alignedMalloc: 'f',
  alignedFree: 'h',
  newSetup: 'k',
  zconvolveAccumulate: 'n',
  transform: 'o',
  transformOrdered: 'p'
} as const;

/** Its imports: Emscripten's assert, heap growth and memcpy, by the names the binary asks for. */
export const IMPORT_NAMES = { assertFail: 'a', resizeHeap: 'b', memcpy: 'c' } as const;

type Exported = (...args: number[]) => number;

// Core compiles without the DOM library, where these globals are declared; Node and browsers have
// them. Only what this file uses.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmModule {
  readonly kind: 'module';
}
interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (
    module: WasmModule,
    imports: Record<string, Record<string, unknown>>
  ) => WasmInstance;
};
declare function atob(text: string): string;

let compiled: WasmModule | undefined;

/**
 * PFFFT (Julien Pommier's SIMD FFT, BSD licence) compiled to WebAssembly with SIMD, as a few
 * typed calls over its linear memory. Lengths are complex-value counts N = 16·2^a·3^b·5^c (see
 * {@link pffftLength}); transforms are unnormalised, in place allowed. `transform` leaves the
 * frequency domain in PFFFT's internal order (only `zconvolveAccumulate` and the backward
 * `transform` read it); `transformOrdered` uses the natural interleaved re/im order.
 *
 * Pointers are byte offsets into {@link buffer}; views of the memory must be taken again after
 * any allocation, which may grow it.
 */
export class Pffft {
  private readonly memory: WasmMemory;
  private readonly exports: Record<string, Exported>;
  private readonly setups = new Map<number, { setup: number; work: number }>();

  private constructor(instance: WasmInstance, memory: WasmMemory) {
    this.exports = instance.exports as unknown as Record<string, Exported>;
    this.memory = memory;
    this.call('initialize');
  }

  /**
   * A new instance with its own memory (freed with it), the module compiled synchronously once.
   * Returns null where WebAssembly or its SIMD is missing, or where synchronous compilation is
   * refused (a browser's main thread refuses modules over 4 KB; workers and Node do not): callers
   * then use another method.
   */
  static load(): Pffft | null {
    try {
      compiled ??= new WebAssembly.Module(decodeBase64(PFFFT_SIMD_BASE64));
      const module = compiled;
      let memory: WasmMemory | null = null;
      const heap = (): Uint8Array => new Uint8Array((memory as WasmMemory).buffer);
      const imports = {
        a: {
          [IMPORT_NAMES.assertFail]: () => {
            throw new Error('PFFFT assertion failed (FFT length not supported?)');
          },
          [IMPORT_NAMES.resizeHeap]: (requested: number) => {
            const mem = memory as WasmMemory;
            const missing = (requested >>> 0) - mem.buffer.byteLength;
            try {
              mem.grow(Math.max(0, Math.ceil(missing / 65536)));
              return 1;
            } catch {
              return 0;
            }
          },
          [IMPORT_NAMES.memcpy]: (dest: number, src: number, count: number) => {
            heap().copyWithin(dest, src, src + count);
          }
        }
      };
      const instance = new WebAssembly.Instance(module, imports);
      memory = instance.exports[EXPORT_NAMES.memory] as WasmMemory;
      return new Pffft(instance, memory);
    } catch {
      return null;
    }
  }

  /** The module's memory now; a new buffer after it grows, so take views again after allocating. */
  get buffer(): ArrayBuffer {
    return this.memory.buffer;
  }

  /** `bytes` of memory aligned for SIMD; never freed by this class's users but by {@link free}. */
  malloc(bytes: number): number {
    const at = this.call('alignedMalloc', bytes);
    if (at === 0) {
      throw new RangeError(`PFFFT could not allocate ${bytes} bytes`);
    }
    return at;
  }

  free(pointer: number): void {
    this.call('alignedFree', pointer);
  }

  /** Complex transforms of `n` values: out = DFT(in), unordered frequency domain. */
  transform(n: number, input: number, output: number, direction: 0 | 1): void {
    const { setup, work } = this.setup(n);
    this.call('transform', setup, input, output, work, direction);
  }

  /** As {@link transform} with the frequency domain in natural interleaved order. */
  transformOrdered(n: number, input: number, output: number, direction: 0 | 1): void {
    const { setup, work } = this.setup(n);
    this.call('transformOrdered', setup, input, output, work, direction);
  }

  /** `ab += a × b × scaling`, element-wise over `n` complex values in the internal order. */
  zconvolveAccumulate(n: number, a: number, b: number, ab: number, scaling: number): void {
    this.call('zconvolveAccumulate', this.setup(n).setup, a, b, ab, scaling);
  }

  /**
   * Prepares transforms of `n` complex values (allocating, so views of the memory taken before
   * may need taking again); the transforms do this on first use.
   */
  plan(n: number): void {
    this.setup(n);
  }

  private setup(n: number): { setup: number; work: number } {
    let entry = this.setups.get(n);
    if (entry === undefined) {
      if (pffftLength(n) !== n) {
        throw new RangeError(`PFFFT cannot transform ${n} complex values; use pffftLength(n)`);
      }
      const setup = this.call('newSetup', n, COMPLEX);
      if (setup === 0) {
        throw new RangeError(`PFFFT refused a transform of ${n} complex values`);
      }
      entry = { setup, work: this.malloc(8 * n) };
      this.setups.set(n, entry);
    }
    return entry;
  }

  private call(name: keyof typeof EXPORT_NAMES, ...args: number[]): number {
    const fn = this.exports[EXPORT_NAMES[name]];
    if (typeof fn !== 'function') {
      throw new Error(`PFFFT export ${name} (${EXPORT_NAMES[name]}) missing`);
    }
    return fn(...args);
  }
}

/**
 * The smallest complex length PFFFT's SIMD build transforms at or above `n`: 16 times a product
 * of 2s, 3s and 5s (16, 32, 48, 64, 80, 96, 128, ...), so a length is within 25% of any `n` ≥ 64.
 *
 * @param n - the least length wanted, ≥ 0.
 */
export function pffftLength(n: number): number {
  if (!Number.isFinite(n) || n > 2 ** 28) {
    throw new RangeError(`FFT length must be finite and at most 2^28, got ${n}`);
  }
  for (let m = Math.max(1, Math.ceil(n / 16)); ; m++) {
    let rest = m;
    for (const factor of [2, 3, 5]) {
      while (rest % factor === 0) {
        rest /= factor;
      }
    }
    if (rest === 1) {
      return 16 * m;
    }
  }
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    bytes[i] = binary.charCodeAt(i);
  }
  return bytes;
}
