import * as tf from '@tensorflow/tfjs';
// Registers the 'wasm' backend with the TF.js engine this package bundles.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

import { WASM_SIMD_BASE64 } from './wasm_binary.generated.js';

let url: string | null = null;

/**
 * Give TF.js's WASM backend its binary from this bundle (a Blob URL of the SIMD build), so the
 * view can run models on it where WebGL is software-rendered (see `backendOrder` in
 * `@layerviz/view`) without fetching anything. Threads stay off: they need a cross-origin
 * isolated page and a worker script, which JupyterLab does not provide. Safe to call again.
 */
export function provideWasmBinary(): void {
  if (url !== null || typeof URL.createObjectURL !== 'function') {
    return;
  }
  const bytes = Uint8Array.from(atob(WASM_SIMD_BASE64), (c) => c.charCodeAt(0));
  url = URL.createObjectURL(new Blob([bytes], { type: 'application/wasm' }));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // Every file name the backend may ask for gets the SIMD build: without SIMD support it fails
  // to start and the view falls back to WebGL or the CPU.
  setWasmPaths({
    'tfjs-backend-wasm.wasm': url,
    'tfjs-backend-wasm-simd.wasm': url,
    'tfjs-backend-wasm-threaded-simd.wasm': url
  });
}
