import { linearCkaBetween } from '@layerviz/core';
import type { LayerFeatures } from '@layerviz/core/reduce';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { CkaMatrix } from '../src/cka_heatmap.js';
import type { ComparedModel } from '../src/comparison.js';
import { ComparisonCka } from '../src/comparison_cka.js';
import { fakeDocument, FakeElement } from './fake_dom.js';

/** A compared model's view as the CKA reads it: names, features, focus and their events. */
function fakeModel(name: string, layers: string[]) {
  const featureListeners: (() => void)[] = [];
  const view = {
    node: new FakeElement(),
    layerNames: layers,
    layerFeatures: [] as LayerFeatures[],
    focus: 0,
    focused: [] as number[],
    onFeatures: (listener: () => void) => {
      featureListeners.push(listener);
      return () => undefined;
    },
    onFocusChange: () => () => undefined,
    setFocus(index: number) {
      this.focused.push(index);
    }
  };
  const give = (features: LayerFeatures[]): void => {
    view.layerFeatures = features;
    featureListeners.forEach((listener) => listener());
  };
  return { model: { name, view, element: view.node } as unknown as ComparedModel, view, give };
}

function features(name: string, seed: number, rows = 40, cols = 3): LayerFeatures {
  const data = Float32Array.from({ length: rows * cols }, (_, k) => Math.sin(seed * 7.1 + k * 1.3));
  return { name, data, rows, cols };
}

describe('CKA between the first two compared models', () => {
  beforeEach(() => {
    vi.stubGlobal('getComputedStyle', () => ({ getPropertyValue: () => '' }));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("measures rows × columns once both models' features are in, and a row click focuses", async () => {
    const a = fakeModel('untrained', ['a1', 'a2']);
    const b = fakeModel('trained', ['b1', 'b2', 'b3']);
    const measured: CkaMatrix[] = [];
    const cka = new ComparisonCka(fakeDocument(), [a.model, b.model], (m) => measured.push(m));
    const rows = [features('a1', 1), features('a2', 2)];
    const cols = [features('b1', 1), features('b2', 3), features('b3', 4)];
    a.give(rows);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(measured).toEqual([]);
    b.give(cols);
    await vi.waitFor(() => expect(measured).toHaveLength(1));
    const matrix = measured[0] as CkaMatrix;
    expect(matrix.layers).toEqual(['a1', 'a2']);
    expect(matrix.columns).toEqual(['b1', 'b2', 'b3']);
    expect(matrix.title).toBe('CKA: untrained (rows) × trained (columns)');
    const want = Array.from(linearCkaBetween(rows, cols));
    Array.from(matrix.values).forEach((v, k) => expect(v).toBeCloseTo(want[k] ?? NaN, 12));
    expect(matrix.values[0]).toBeCloseTo(1, 6); // the same features in both models
    expect(cka.value?.layers).toEqual(['a1', 'a2']);
    const node = cka.node as unknown as FakeElement;
    expect(node.hidden).toBe(false);
    node.fire('click', { target: { closest: () => ({ getAttribute: () => '1' }) } });
    expect(a.view.focused).toEqual([1]);
    cka.dispose();
  });

  it('waits while the models show different numbers of samples', async () => {
    const a = fakeModel('a', ['a1']);
    const b = fakeModel('b', ['b1']);
    const measured: CkaMatrix[] = [];
    new ComparisonCka(fakeDocument(), [a.model, b.model], (m) => measured.push(m));
    a.give([features('a1', 1, 40)]);
    b.give([features('b1', 1, 30)]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(measured).toEqual([]);
  });
});
