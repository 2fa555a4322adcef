import type { LayerInfo } from '@layerviz/core';
import { describe, expect, it } from 'vitest';

import {
  ckaBetweenToJson,
  ckaFromJson,
  ckaToJson,
  finiteValues,
  fromLayerInfo,
  hasSavedLayouts,
  savedLayers,
  savedState,
  toLayerInfo
} from '../src/saved_view.js';
import { arrayDictFromJson, arrayDictToJson } from '../src/serializers.js';

const dense: LayerInfo = { name: 'dense', className: 'Dense', outputShape: [null, 4], index: 1 };
const probs: LayerInfo = { name: 'probs', className: 'Dense', outputShape: [null, 2], index: 2 };

describe('saved view', () => {
  it('keeps every final layout, copied, with its layers, metrics and fidelity', () => {
    const coords = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const view = {
      finalLayouts: [{ info: dense, coords, dims: 2 as const }],
      layerMetrics: { dense: { knnAccuracy: 0.9, silhouette: Number.NaN } },
      layerFidelity: { dense: 1e-7, probs: Number.POSITIVE_INFINITY }
    };
    const state = savedState(view);
    expect(state?.layouts['dense']?.shape).toEqual([3, 2]);
    expect(Array.from(state?.layouts['dense']?.data ?? [])).toEqual([1, 2, 3, 4, 5, 6]);
    coords[0] = 99;
    expect(state?.layouts['dense']?.data[0]).toBe(1);
    expect(state?.view).toEqual({
      layers: [{ name: 'dense', class_name: 'Dense', output_shape: [null, 4], index: 1 }],
      dims: 2,
      metrics: { dense: { knnAccuracy: 0.9 } },
      fidelity: { dense: 1e-7 }
    });
    // JSON round trip: what the notebook stores must come back the same.
    expect(JSON.parse(JSON.stringify(state?.view))).toEqual(state?.view);
    expect(savedState({ finalLayouts: [], layerMetrics: {}, layerFidelity: {} })).toBeNull();
  });

  it('restores the layers that have coordinates, through the wire format', () => {
    const state = savedState({
      finalLayouts: [{ info: probs, coords: Float32Array.from([0, 1, 2, 3, 4, 5]), dims: 3 }],
      layerMetrics: {},
      layerFidelity: {}
    });
    if (state === null) {
      throw new Error('no state');
    }
    const wire = arrayDictFromJson(arrayDictToJson(state.layouts));
    expect(hasSavedLayouts(wire)).toBe(true);
    expect(hasSavedLayouts({})).toBe(false);
    expect(hasSavedLayouts(null)).toBe(false);
    // A save during a re-layout lists a layer without coordinates: it is left out.
    const view = { ...state.view, layers: [fromLayerInfo(dense), ...state.view.layers] };
    const restored = savedLayers(view, wire ?? {});
    expect(restored.layers).toEqual([probs]);
    expect(restored.coords['probs']).toBeInstanceOf(Float32Array);
    expect(Array.from(restored.coords['probs'] ?? [])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(state.view.dims).toBe(3);
  });

  it('converts layer descriptions both ways and keeps only finite metrics', () => {
    expect(toLayerInfo(fromLayerInfo(dense))).toEqual(dense);
    expect(finiteValues({ a: { knnAccuracy: 1, silhouette: Number.NaN } })).toEqual({
      a: { knnAccuracy: 1 }
    });
  });

  it('keeps the CKA matrix as rows of JSON numbers, and restores it', () => {
    const cka = { layers: ['dense', 'probs'], values: Float64Array.from([1, 0.25, 0.25, 1]) };
    const state = savedState({
      finalLayouts: [{ info: dense, coords: new Float32Array(4), dims: 2 }],
      layerMetrics: {},
      layerFidelity: {},
      layerCka: cka
    });
    expect(state?.view.cka).toEqual({
      layers: ['dense', 'probs'],
      values: [
        [1, 0.25],
        [0.25, 1]
      ]
    });
    const back = ckaFromJson(JSON.parse(JSON.stringify(state?.view.cka)));
    expect(back?.layers).toEqual(['dense', 'probs']);
    expect(Array.from(back?.values ?? [])).toEqual([1, 0.25, 0.25, 1]);
    expect(ckaToJson({ layers: ['a', 'b'], values: [1, NaN, NaN, 1] }).values[0]).toEqual([
      1,
      null
    ]);
    // Older notebooks have none; a malformed one is dropped.
    expect(ckaFromJson(undefined)).toBeNull();
    expect(ckaFromJson({ layers: ['a', 'b'], values: [[1]] })).toBeNull();
  });
});

describe('the CKA between two models as the comparison keeps it', () => {
  it('holds rows × columns row by row, non-finite values as null', () => {
    const json = ckaBetweenToJson({
      layers: ['a', 'b'],
      columns: ['x', 'y', 'z'],
      values: [0.9, 0.1, NaN, 0.2, 0.8, 0.5],
      title: 'CKA: untrained (rows) × trained (columns)'
    });
    expect(json).toEqual({
      rows: ['a', 'b'],
      cols: ['x', 'y', 'z'],
      values: [
        [0.9, 0.1, null],
        [0.2, 0.8, 0.5]
      ]
    });
    // A matrix within one model: its layers are the columns too.
    expect(ckaBetweenToJson({ layers: ['a'], values: [1] }).cols).toEqual(['a']);
  });
});
