import type { NdArray } from '@layerviz/core';
import { describe, expect, it } from 'vitest';

import { viewInput } from '../src/view_input.js';

const array = (data: number[], shape: number[]): NdArray => ({
  data: Float32Array.from(data),
  dtype: 'float32',
  shape
});

/** The traits as the Python defaults plus `traits`. */
function model(traits: Record<string, unknown>): { get(name: string): unknown } {
  const all: Record<string, unknown> = {
    labels: null,
    sample_ids: { data: Int32Array.from([4, 7]), dtype: 'int32', shape: [2] },
    compute: 'browser',
    x: null,
    activations: null,
    layer_info: [],
    saved_layouts: null,
    saved_view: {},
    method: 'pca',
    dims: 2,
    perplexity: 30,
    neighbors: 15,
    min_dist: 0.1,
    seed: 0,
    iterations: null,
    metrics_level: 'fast',
    predictions: null,
    confidence: null,
    texts: null,
    images: null,
    meta: {},
    label_names: null,
    color_by: 'label',
    total_samples: 10,
    notice: '',
    backend: 'auto',
    model_topology: {},
    weight_specs: [],
    weight_data: null,
    fidelity_reference: null,
    layers: ['dense'],
    ...traits
  };
  return { get: (name: string) => all[name] };
}

const callbacks = {
  onLayoutChange: () => undefined,
  onMetrics: () => undefined,
  onLayout: () => undefined,
  onFidelity: () => undefined
};

describe('viewInput', () => {
  it('runs the model in the browser when x is there', () => {
    const input = viewInput(model({ x: array([1, 2, 3, 4], [2, 2]) }), callbacks);
    expect(input.source).toBe('model');
    expect(input.totalSamples).toBe(10);
    expect(input.onLayout).toBe(callbacks.onLayout);
    expect(input.source === 'model' && input.backend).toBeUndefined();
    expect(input.layout).toEqual({
      method: 'pca',
      dims: 2,
      perplexity: 30,
      neighbors: 15,
      minDist: 0.1,
      seed: 0
    });
  });

  it("takes the kernel's activations, and names a layer it did not send", () => {
    const layer = { name: 'dense', class_name: 'Dense', output_shape: [null, 2], index: 1 };
    const kernel = model({
      compute: 'kernel',
      layer_info: [layer],
      activations: { dense: array([1, 2, 3, 4], [2, 2]) }
    });
    const input = viewInput(kernel, callbacks);
    expect(input.source === 'activations' && input.activations[0]?.cols).toBe(2);
    const missing = model({ compute: 'kernel', layer_info: [layer], activations: {} });
    expect(() => viewInput(missing, callbacks)).toThrow(
      'the kernel sent no (N, D) activations for layer "dense"'
    );
  });

  it('shows the saved layouts when there is nothing to compute from', () => {
    const saved = model({
      saved_layouts: { dense: array([0, 1, 2, 3], [2, 2]) },
      saved_view: {
        layers: [{ name: 'dense', class_name: 'Dense', output_shape: [null, 2], index: 1 }],
        dims: 2,
        metrics: { dense: { knnAccuracy: 1 } },
        fidelity: {},
        cka: {
          layers: ['embedding', 'dense'],
          values: [
            [1, 0.5],
            [0.5, 1]
          ]
        }
      },
      notice: 'Showing 2 of 10 samples.'
    });
    const input = viewInput(saved, callbacks);
    expect(input.source).toBe('saved');
    if (input.source === 'saved') {
      expect(input.layers.map((l) => l.name)).toEqual(['dense']);
      expect(Array.from(input.layouts['dense'] ?? [])).toEqual([0, 1, 2, 3]);
      expect(input.notice).toBe('Showing 2 of 10 samples.');
      expect(Array.from(input.cka?.values ?? [])).toEqual([1, 0.5, 0.5, 1]);
    }
    // With the model still there (a live kernel), it computes instead.
    const live = { ...saved, get: (n: string) => (n === 'x' ? array([1], [1, 1]) : saved.get(n)) };
    expect(viewInput(live, callbacks).source).toBe('model');
  });

  it('says so when there is nothing to show', () => {
    expect(() => viewInput(model({}), callbacks)).toThrow('layerviz received no samples');
  });
});
