import type { LayerInfo } from '@layerviz/core';
import { describe, expect, it } from 'vitest';

import { LayerState } from '../src/layer_state.js';

const info = (name: string, index = 0): LayerInfo => ({
  name,
  className: 'Dense',
  outputShape: [null, 4],
  index
});

const layers = (...names: string[]): LayerInfo[] => names.map((n, i) => info(n, i));

describe('LayerState', () => {
  it('starts empty: no layers, focus 0, everything final, the fallback sample count', () => {
    const state = new LayerState();
    expect(state.layers).toEqual([]);
    expect(state.focus).toBe(0);
    expect(state.focused).toBeUndefined();
    expect(state.allFinal).toBe(true);
    expect(state.finalLayouts).toEqual([]);
    expect(state.sampleCount(7)).toBe(7);
  });

  it('shows new layers empty, and keeps outdated layouts of the same names when asked', () => {
    const state = new LayerState();
    state.setLayers(layers('a', 'b'));
    expect(state.names).toEqual(['a', 'b']);
    expect(state.layers.map((l) => l.coords)).toEqual([null, null]);
    expect(state.allFinal).toBe(false);
    const a = new Float32Array([1, 2, 3, 4, 5, 6]);
    state.setCoords('a', a, { dims: 3 });
    state.setLayers(layers('a', 'c'), true);
    expect(state.layers[0]).toMatchObject({ coords: a, dims: 3, final: false });
    expect(state.layers[1]?.coords).toBeNull();
    state.setLayers(layers('a', 'c'));
    expect(state.layers[0]?.coords).toBeNull();
  });

  it('marks a layer final unless told it is a frame, and counts samples by its dims', () => {
    const state = new LayerState();
    state.setLayers(layers('a', 'b'));
    state.setCoords('a', new Float32Array(6), { final: false, status: 't-SNE 10/750' });
    expect(state.layers[0]).toMatchObject({ dims: 2, final: false, status: 't-SNE 10/750' });
    expect(state.sampleCount(0)).toBe(3);
    expect(state.finalLayouts).toEqual([]);
    state.setCoords('a', new Float32Array(6));
    state.setCoords('b', new Float32Array(6), { dims: 3 });
    expect(state.allFinal).toBe(true);
    expect(state.finalLayouts.map((l) => [l.info.name, l.dims])).toEqual([
      ['a', 2],
      ['b', 3]
    ]);
    state.setCoords('unknown', new Float32Array(2));
    expect(state.names).toEqual(['a', 'b']);
  });

  it('restarts by marking layouts outdated and leaving empty layers empty', () => {
    const state = new LayerState();
    state.setLayers(layers('a', 'b'));
    state.setCoords('a', new Float32Array(4));
    state.restart();
    expect(state.layers.map((l) => l.final)).toEqual([false, undefined]);
    expect(state.layers[0]?.coords).not.toBeNull();
    expect(state.allFinal).toBe(false);
  });

  it('rounds and clamps the focus, and reports no move when it stays', () => {
    const state = new LayerState();
    state.setLayers(layers('a', 'b', 'c'));
    expect(state.setFocus(0)).toBeNull();
    const move = state.setFocus(1.6);
    expect(move?.index).toBe(2);
    expect(move?.from?.info.name).toBe('a');
    expect(move?.to?.info.name).toBe('c');
    expect(state.setFocus(99)).toBeNull();
    expect(state.setFocus(-5)?.index).toBe(0);
    state.setFocus(2);
    state.setLayers(layers('a'));
    expect(state.focus).toBe(0);
  });

  it('focuses a requested layer once it is shown, in model order', () => {
    const state = new LayerState();
    const model = layers('in', 'a', 'b', 'c');
    state.setModelLayers(model, true);
    state.setLayers(layers('a', 'c'));
    expect(state.listedLayers).toBe(model);
    expect(state.canAddLayers).toBe(true);
    expect(state.requestLayer('b')).toEqual(['a', 'b', 'c']);
    expect(state.setLayers(layers('a', 'c'))).toBe(false);
    expect(state.setLayers(layers('a', 'b', 'c'))).toBe(true);
    expect(state.focus).toBe(1);
    // Asked once: a later set of layers leaves the focus alone.
    state.setFocus(0);
    expect(state.setLayers(layers('a', 'b', 'c'))).toBe(false);
    expect(state.focus).toBe(0);
  });

  it('lists the shown layers without the model, and cannot add then', () => {
    const state = new LayerState();
    state.setModelLayers(null, true);
    state.setLayers(layers('a'));
    expect(state.listedLayers.map((l) => l.name)).toEqual(['a']);
    expect(state.canAddLayers).toBe(false);
    expect(state.requestLayer('b')).toEqual([]);
    state.setModelLayers(layers('a', 'b'), false);
    expect(state.canAddLayers).toBe(false);
  });

  it('keeps copies of metrics (accumulated per layer) and of fidelity (replaced)', () => {
    const state = new LayerState();
    const values = { knnAccuracy: 0.9 };
    state.setMetrics('a', values);
    state.setMetrics('b', { knnAccuracy: 0.5 });
    values.knnAccuracy = 0;
    expect(state.metrics).toEqual({ a: { knnAccuracy: 0.9 }, b: { knnAccuracy: 0.5 } });
    const before = state.metrics;
    state.setMetrics('a', { knnAccuracy: 0.8 });
    expect(before['a']?.knnAccuracy).toBe(0.9);
    const fidelity = { a: 0.01 };
    state.setFidelity(fidelity);
    fidelity.a = 1;
    state.setFidelity({ b: 0.02 });
    expect(state.fidelity).toEqual({ b: 0.02 });
  });
});
