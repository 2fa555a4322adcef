import type { LayerActivations } from './activations.js';

/** Differences above this (relative to the layer's scale) mean the browser computes another
 * function than the kernel's framework: shown as a warning. */
export const FIDELITY_TOLERANCE = 1e-3;

/**
 * How far the browser's activations of a layer are from a reference computed by the model's own
 * framework on the first `reference.rows` samples: the max absolute difference divided by
 * max(1, max |reference|), so large-valued layers are judged relatively.
 *
 * @returns a value >= 0, or Infinity when the shapes disagree.
 */
export function scaledMaxDifference(ours: LayerActivations, reference: LayerActivations): number {
  if (ours.cols !== reference.cols || ours.rows < reference.rows) {
    return Infinity;
  }
  let diff = 0;
  let scale = 1;
  const n = reference.rows * reference.cols;
  for (let i = 0; i < n; i++) {
    const want = reference.data[i] ?? 0;
    diff = Math.max(diff, Math.abs((ours.data[i] ?? 0) - want));
    scale = Math.max(scale, Math.abs(want));
  }
  return diff / scale;
}
