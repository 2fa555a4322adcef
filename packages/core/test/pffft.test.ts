import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { GridConvolution } from '../src/reduce/fft_grid.js';
import {
  BACKWARD,
  EXPORT_NAMES,
  FORWARD,
  IMPORT_NAMES,
  Pffft,
  pffftLength
} from '../src/reduce/pffft.js';
import { PFFFT_VERSION } from '../src/reduce/pffft_binary.generated.js';

function load(): Pffft {
  const pffft = Pffft.load();
  if (pffft === null) {
    throw new Error('PFFFT WebAssembly did not load in Node');
  }
  return pffft;
}

/** The package's own Emscripten glue, which names the binary's imports and exports. */
function glue(): string {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@echogarden/pffft-wasm/simd'));
  return readFileSync(join(dir, 'pffft.js'), 'utf8');
}

describe('Pffft', () => {
  it("reads the binary's exports and imports by the names the package's glue gives them", () => {
    const text = glue();
    const exported = (name: string): string | undefined =>
      new RegExp(`_${name}=Module\\["_${name}"\\]=wasmExports\\["(\\w+)"\\]`).exec(text)?.[1];
    expect(exported('pffft_aligned_malloc')).toBe(EXPORT_NAMES.alignedMalloc);
    expect(exported('pffft_aligned_free')).toBe(EXPORT_NAMES.alignedFree);
    expect(exported('pffft_new_setup')).toBe(EXPORT_NAMES.newSetup);
    expect(exported('pffft_zconvolve_accumulate')).toBe(EXPORT_NAMES.zconvolveAccumulate);
    expect(exported('pffft_transform')).toBe(EXPORT_NAMES.transform);
    expect(exported('pffft_transform_ordered')).toBe(EXPORT_NAMES.transformOrdered);
    expect(text).toContain(`wasmMemory=wasmExports["${EXPORT_NAMES.memory}"]`);
    expect(text).toContain(`__wasm_call_ctors=wasmExports["${EXPORT_NAMES.initialize}"]`);
    const imports = /var wasmImports=\{([^}]*)\}/.exec(text)?.[1] ?? '';
    expect(imports).toContain(`${IMPORT_NAMES.assertFail}:___assert_fail`);
    expect(imports).toContain(`${IMPORT_NAMES.resizeHeap}:_emscripten_resize_heap`);
    expect(imports).toContain(`${IMPORT_NAMES.memcpy}:__emscripten_memcpy_js`);
    expect(PFFFT_VERSION).toBe('0.4.2');
  });

  it('computes the DFT (natural order) and inverts it, for lengths with factors 2, 3 and 5', () => {
    const pffft = load();
    for (const n of [16, 48, 80, 96, 240]) {
      const at = pffft.malloc(8 * n);
      const signal = Array.from({ length: 2 * n }, (_, i) => Math.sin(i * 1.3) + (i % 7) / 7);
      new Float32Array(pffft.buffer, at, 2 * n).set(signal);
      pffft.transformOrdered(n, at, at, FORWARD);
      const got = Array.from(new Float32Array(pffft.buffer, at, 2 * n));
      for (let k = 0; k < n; k++) {
        let re = 0;
        let im = 0;
        for (let t = 0; t < n; t++) {
          const angle = (-2 * Math.PI * k * t) / n;
          re += (signal[2 * t] ?? 0) * Math.cos(angle) - (signal[2 * t + 1] ?? 0) * Math.sin(angle);
          im += (signal[2 * t] ?? 0) * Math.sin(angle) + (signal[2 * t + 1] ?? 0) * Math.cos(angle);
        }
        expect(got[2 * k]).toBeCloseTo(re, 3);
        expect(got[2 * k + 1]).toBeCloseTo(im, 3);
      }
      // Unordered forward, then backward: the signal times n.
      new Float32Array(pffft.buffer, at, 2 * n).set(signal);
      pffft.transform(n, at, at, FORWARD);
      pffft.transform(n, at, at, BACKWARD);
      const back = new Float32Array(pffft.buffer, at, 2 * n);
      signal.forEach((v, i) => expect((back[i] ?? 0) / n).toBeCloseTo(v, 4));
      pffft.free(at);
    }
  });

  it('gives the lengths it supports, and refuses others with the fix', () => {
    expect([0, 16, 17, 33, 49, 100, 1000, 1025].map(pffftLength)).toEqual([
      16, 16, 32, 48, 64, 128, 1024, 1152
    ]);
    const pffft = load();
    expect(() => pffft.plan(17)).toThrow(/pffftLength/);
    expect(() => pffftLength(Infinity)).toThrow(/finite/);
  });
});

describe('GridConvolution', () => {
  it('convolves two complex grids with an even kernel as the direct sum does', () => {
    const L = 32;
    const used = 12;
    const grid = new GridConvolution(load(), L);
    const kernel = (da: number, db: number): number => 1 / (1 + 0.3 * (da * da + db * db)) ** 2;
    grid.setKernel(kernel);
    const charges = [0, 1].map((which) => {
      const values = new Float64Array(2 * used * used).map((_, i) => Math.cos(i * (which + 1.7)));
      const view = grid.charges(which as 0 | 1, used);
      for (let r = 0; r < used; r++) {
        for (let c = 0; c < used; c++) {
          view[2 * (r * L + c)] = values[2 * (r * used + c)] ?? 0;
          view[2 * (r * L + c) + 1] = values[2 * (r * used + c) + 1] ?? 0;
        }
      }
      return values;
    });
    const results = grid.convolve(used);
    for (const which of [0, 1]) {
      const values = charges[which] ?? new Float64Array(0);
      const got = results[which] ?? new Float32Array(0);
      for (let r = 0; r < used; r++) {
        for (let c = 0; c < used; c++) {
          let re = 0;
          let im = 0;
          for (let r2 = 0; r2 < used; r2++) {
            for (let c2 = 0; c2 < used; c2++) {
              const k = kernel(r - r2, c - c2);
              re += k * (values[2 * (r2 * used + c2)] ?? 0);
              im += k * (values[2 * (r2 * used + c2) + 1] ?? 0);
            }
          }
          expect(got[2 * (r * L + c)]).toBeCloseTo(re, 4);
          expect(got[2 * (r * L + c) + 1]).toBeCloseTo(im, 4);
        }
      }
    }
    grid.dispose();
  });
});
