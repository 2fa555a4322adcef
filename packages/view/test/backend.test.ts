import { describe, expect, it } from 'vitest';

import { backendLabel, backendOrder, isSoftwareRenderer } from '../src/backend.js';

const SWIFTSHADER =
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';

describe('TF.js backend choice', () => {
  it('tells software rasterisers from GPUs', () => {
    expect(isSoftwareRenderer(SWIFTSHADER)).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11)')).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
  });

  it('puts WASM first without a GPU and WebGL first with one', () => {
    expect(backendOrder(SWIFTSHADER)).toEqual(['wasm', 'webgl', 'cpu']);
    expect(backendOrder(null)).toEqual(['wasm', 'webgl', 'cpu']);
    expect(backendOrder('Apple M2')).toEqual(['webgl', 'wasm', 'cpu']);
  });

  it('says which backend ran and why', () => {
    expect(backendLabel('wasm', SWIFTSHADER)).toBe('TF.js: WASM (WebGL is software-rendered)');
    expect(backendLabel('wasm', null)).toBe('TF.js: WASM (no WebGL)');
    expect(backendLabel('webgl', 'Apple M2')).toBe('TF.js: WebGL');
  });
});
