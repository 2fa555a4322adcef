import type { LayerInfo } from '@layerviz/core';
import { describe, expect, it } from 'vitest';

import { buildFigure } from '../src/figure.js';
import { legendGroupSamples, listenForLegendSelections, SelectionBus } from '../src/selection.js';

describe('SelectionBus', () => {
  it('tells every listener, with the source, and treats empty as no selection', () => {
    const bus = new SelectionBus();
    const seen: [number[] | null, unknown][] = [];
    const off = bus.subscribe((s, source) => seen.push([s === null ? null : [...s], source]));
    bus.select([3, 1, 3], 'a');
    bus.select([], 'b');
    off();
    bus.select([7]);
    expect(seen).toEqual([
      [[3, 1], 'a'],
      [null, 'b']
    ]);
    expect([...(bus.selection ?? [])]).toEqual([7]);
  });
});

describe('buildFigure with a selection', () => {
  const info: LayerInfo = { name: 'a', className: 'Dense', outputShape: [null, 2], index: 0 };

  it('marks the selected samples in every class trace and dims the rest', () => {
    const figure = buildFigure({
      layers: [{ info, coords: new Float32Array([0, 0, 1, 1, 2, 2, 3, 3]) }],
      labels: [0, 1, 0, 1],
      focus: 0,
      selection: new Set([2, 3])
    });
    const [zeros, ones] = figure.data;
    expect(zeros?.meta.samples).toEqual([0, 2]);
    expect(zeros?.selectedpoints).toEqual([1]);
    expect(ones?.meta.samples).toEqual([1, 3]);
    expect(ones?.selectedpoints).toEqual([1]);
    expect(zeros?.unselected?.marker.opacity).toBeLessThan(0.5);
  });

  it('leaves traces alone without a selection', () => {
    const figure = buildFigure({
      layers: [{ info, coords: new Float32Array([0, 0]) }],
      labels: null,
      focus: 0,
      selection: null
    });
    expect(figure.data[0]?.selectedpoints).toBeUndefined();
  });
});

describe('selecting a legend entry', () => {
  const info = (name: string): LayerInfo => ({
    name,
    className: 'Dense',
    outputShape: [null, 2],
    index: 0
  });
  const figure = buildFigure({
    layers: [
      { info: info('a'), coords: new Float32Array([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]) },
      { info: info('b'), coords: new Float32Array([4, 4, 3, 3, 2, 2, 1, 1, 0, 0]) }
    ],
    labels: [0, 1, 0, 1, 1],
    focus: 0,
    selection: null
  });
  const data = figure.data as unknown as Parameters<typeof legendGroupSamples>[0]['data'];

  it("takes every sample of the clicked entry's class, in every layer", () => {
    // Traces: class 0 then class 1 of layer a, then of layer b; the second layer's entry too.
    expect([...(legendGroupSamples({ curveNumber: 1, data }) ?? [])].sort()).toEqual([1, 3, 4]);
    expect([...(legendGroupSamples({ curveNumber: 2, data }) ?? [])].sort()).toEqual([0, 2]);
    expect(legendGroupSamples({ curveNumber: 9, data })).toBeNull();
  });

  it('selects on shift+click or alt+click and keeps the plain click for Plotly', () => {
    let handler: ((click: unknown) => boolean) | undefined;
    const plot = {
      on: (event: string, h: (click: unknown) => boolean) => {
        if (event === 'plotly_legendclick') {
          handler = h;
        }
      }
    } as unknown as HTMLElement;
    const selected: number[][] = [];
    listenForLegendSelections(plot, (samples) => selected.push([...samples].sort()));
    expect(handler?.({ curveNumber: 0, data, event: {} })).toBe(true);
    expect(selected).toEqual([]);
    expect(handler?.({ curveNumber: 0, data, event: { shiftKey: true } })).toBe(false);
    expect(handler?.({ curveNumber: 1, data, event: { altKey: true } })).toBe(false);
    expect(selected).toEqual([
      [0, 2],
      [1, 3, 4]
    ]);
  });
});
