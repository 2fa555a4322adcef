import type { LayoutReply, SelectionSeparability } from '@layerviz/core/service';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { LayoutClient } from '../src/layout_client.js';
import { buildMetricsFigure } from '../src/metrics_figure.js';
import {
  SELECTION_COLOR,
  selectionNote,
  type SelectionMetricsState,
  SelectionMetricsTracker,
  selectionTraces
} from '../src/selection_metrics.js';

const value = (knnPurity: number, probe: number): SelectionSeparability => ({
  knnPurity,
  chance: 0.25,
  probeBalancedAccuracy: probe,
  nSelected: 10
});

const state = (values: Record<string, SelectionSeparability>): SelectionMetricsState => ({
  positions: [0, 1, 2, 3, 4],
  values,
  message: null,
  pending: false
});

describe('selectionTraces', () => {
  it('draws purity, chance and probe per layer, with a gap where a layer is not measured yet', () => {
    const traces = selectionTraces(
      ['a', 'b', 'c'],
      state({ a: value(0.3, 0.6), c: value(0.9, 1) })
    );
    expect(traces.map((t) => t.name)).toEqual([
      'selection k-NN purity',
      'selection chance',
      'selection probe (bal. acc.)'
    ]);
    expect(traces[0]?.y).toEqual([0.3, null, 0.9]);
    expect(traces[1]?.y).toEqual([0.25, null, 0.25]);
    expect(traces[2]?.y).toEqual([0.6, null, 1]);
    expect(traces.every((t) => t.line.color === SELECTION_COLOR)).toBe(true);
    expect(traces.every((t) => t.legendgroup === 'selection')).toBe(true);
    expect(traces.map((t) => t.showlegend)).toEqual([true, false, true]);
    // On the chart's own category axis: the layers in model order.
    const axis = buildMetricsFigure(['a', 'b', 'c'], {}, 0).layout['xaxis'] as {
      categoryarray: string[];
    };
    expect(traces[0]?.x).toEqual(axis.categoryarray);
  });

  it('draws nothing without a selection or before any layer is measured', () => {
    expect(selectionTraces(['a'], null)).toEqual([]);
    expect(selectionTraces(['a'], state({}))).toEqual([]);
    expect(selectionTraces(['a'], state({ other: value(1, 1) }))).toEqual([]);
  });
});

describe('selectionNote', () => {
  it('says what is measured, how far, or why not', () => {
    expect(selectionNote(null, 3)).toBe('');
    expect(selectionNote({ ...state({ a: value(1, 1) }), pending: true }, 3)).toMatch(
      /5 points: measuring .* 1 of 3 layers/
    );
    expect(selectionNote(state({ a: value(1, 1) }), 3)).toMatch(/k-NN purity/);
    expect(selectionNote({ ...state({}), message: 'Select at least 5' }, 3)).toBe(
      'Selection of 5 points: Select at least 5'
    );
  });
});

describe('SelectionMetricsTracker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function tracker() {
    const sent: (Uint8Array | null)[] = [];
    const states: (SelectionMetricsState | null)[] = [];
    const client = {
      selectionMetrics: (selected: Uint8Array | null) => {
        sent.push(selected);
        return sent.length;
      }
    };
    const t = new SelectionMetricsTracker(client, ['a', 'b'], 8, (s) => states.push(s), 100);
    return { t, sent, states };
  }

  it('waits until the selection is still, then asks once for the last one', () => {
    const { t, sent, states } = tracker();
    t.select(new Set([1]));
    t.select(new Set([1, 2]));
    vi.advanceTimersByTime(50);
    t.select(new Set([2, 1, 3]));
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([Uint8Array.from([0, 1, 1, 1, 0, 0, 0, 0])]);
    expect(states.at(-1)).toEqual({
      positions: [1, 2, 3],
      values: {},
      message: null,
      pending: true
    });
  });

  it('collects each layer, then done; ignores replies of older requests and layouts', () => {
    const { t, states } = tracker();
    t.select(new Set([0, 1, 2, 3, 4]));
    vi.advanceTimersByTime(100);
    const metrics = (id: number, layer: number): LayoutReply => ({
      type: 'selection-metrics',
      id,
      layer,
      values: value(0.5 + layer / 10, 0.8)
    });
    expect(t.handle({ type: 'done', id: 1 })).toBe(false);
    expect(t.handle(metrics(99, 0))).toBe(true);
    expect(t.handle(metrics(1, 1))).toBe(true);
    expect(states.at(-1)?.values).toEqual({ b: value(0.6, 0.8) });
    t.handle({ type: 'selection-done', id: 1, message: null });
    expect(states.at(-1)?.pending).toBe(false);
  });

  it('reports the worker’s reason instead of numbers', () => {
    const { t, states } = tracker();
    t.select(new Set([0, 1]));
    vi.advanceTimersByTime(100);
    t.handle({ type: 'selection-done', id: 1, message: 'Select at least 5' });
    expect(states.at(-1)).toMatchObject({ message: 'Select at least 5', pending: false });
  });

  it('clears the curves and cancels the measurement when the selection is cleared', () => {
    const { t, sent, states } = tracker();
    t.select(new Set([0, 1, 2, 3, 4]));
    vi.advanceTimersByTime(100);
    t.select(null);
    expect(sent.at(-1)).toBeNull();
    expect(states.at(-1)).toBeNull();
    // A reply still on its way is dropped.
    t.handle({ type: 'selection-done', id: 1, message: null });
    expect(states.at(-1)).toBeNull();
  });
});

describe('LayoutClient.selectionMetrics', () => {
  it('measures in the page beside a layout, which does not drop its replies', async () => {
    const replies: LayoutReply[] = [];
    const client = new LayoutClient((reply) => replies.push(reply), { URL, Blob });
    const rows = 20;
    // Two clusters of ten points: the selection is the first.
    const data = Float32Array.from({ length: rows * 2 }, (_, i) => (i < rows ? 0 : 10) + (i % 7));
    client.setData([{ name: 'a', data, rows, cols: 2 }]);
    const selected = Uint8Array.from({ length: rows }, (_, i) => +(i < 10));
    const id = client.selectionMetrics(selected);
    client.layout({ method: 'pca', dims: 2 });
    const started = Date.now();
    while (!replies.some((r) => r.type === 'selection-done') && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const mine = replies.filter((r) => r.type.startsWith('selection'));
    expect(mine.map((r) => [r.type, r.id])).toEqual([
      ['selection-metrics', id],
      ['selection-done', id]
    ]);
    client.dispose();
  });
});
