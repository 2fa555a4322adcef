import type { LayerInfo } from '@layerviz/core';
import { describe, expect, it } from 'vitest';

import { animatedLayers, FOCUS_ANIMATION_MS } from '../src/animation.js';

const info: LayerInfo = { name: 'b', className: 'Dense', outputShape: [null, 2], index: 1 };
const layers = [
  { info: { ...info, name: 'a', index: 0 }, coords: new Float32Array([0, 0]) },
  { info, coords: new Float32Array([10, 20]) }
];

describe('animatedLayers', () => {
  it('moves the focused layer from the old layout to its own, eased', () => {
    const animation = { layer: 1, from: new Float32Array([0, 0]), start: 0 };
    const half = animatedLayers(layers, animation, 1, FOCUS_ANIMATION_MS / 2);
    expect(half.animating).toBe(true);
    expect(Array.from(half.layers[1]?.coords ?? [])).toEqual([5, 10]);
    expect(half.layers[0]).toBe(layers[0]);
    const quarter = animatedLayers(layers, animation, 1, FOCUS_ANIMATION_MS / 4);
    // Smoothstep: slower than linear at the start.
    expect(quarter.layers[1]?.coords?.[0]).toBeLessThan(2.5);
  });

  it('ends at the layer own layout, and stops when the focus moved on', () => {
    const animation = { layer: 1, from: new Float32Array([0, 0]), start: 0 };
    const done = animatedLayers(layers, animation, 1, FOCUS_ANIMATION_MS);
    expect(done.animating).toBe(false);
    expect(done.layers).toBe(layers);
    expect(animatedLayers(layers, animation, 0, 10).animating).toBe(false);
    expect(animatedLayers(layers, null, 1, 10).animating).toBe(false);
  });

  it('starts from the old layout however late its first frame is drawn', () => {
    const animation = { layer: 1, from: new Float32Array([0, 0]), start: null };
    const first = animatedLayers(layers, animation, 1, 10 * FOCUS_ANIMATION_MS);
    expect(first.animating).toBe(true);
    expect(Array.from(first.layers[1]?.coords ?? [])).toEqual([0, 0]);
  });
});
