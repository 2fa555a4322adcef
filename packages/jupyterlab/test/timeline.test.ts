import type { EpochCurve, LayerVizInput, LayerVizView } from '@layerviz/view';
import { describe, expect, it } from 'vitest';

import { epochCkaMatrix, EpochTimeline, type TimelineModel } from '../src/timeline.js';

/** A recorder's widget model: epochs 0..3, epoch 3 shown, PCA layouts. */
function fakeModel(live = true): TimelineModel & { traits: Record<string, unknown> } {
  const traits: Record<string, unknown> = {
    epochs: [0, 1, 2, 3],
    epoch: 3,
    method: 'pca',
    dims: 2,
    perplexity: 30,
    neighbors: 15,
    min_dist: 0.1,
    seed: 0,
    iterations: null
  };
  return {
    traits,
    comm_live: live,
    get: (name) => traits[name],
    set: (name, value) => {
      traits[name] = value;
    }
  };
}

/** The parts of a view a timeline drives, recording what it is told. */
function fakeView(): LayerVizView & { told: Record<string, unknown> } {
  const told: Record<string, unknown> = {};
  const view = {
    told,
    node: { dataset: {} },
    epochs: {
      set: (labels: number[], index: number) => (told['set'] = [labels, index]),
      setEnabled: (enabled: boolean) => (told['enabled'] = enabled),
      show: (index: number) => (told['shown'] = index)
    },
    setEpochCurves: (curves: EpochCurve[]) => (told['curves'] = curves),
    restartLayouts: () => (told['restarted'] = true)
  };
  return view as unknown as LayerVizView & { told: Record<string, unknown> };
}

const input = { source: 'activations', layers: [], activations: [], labels: null } as const;

describe('EpochTimeline', () => {
  it('is active only for a widget with recorded epochs', () => {
    const model = fakeModel();
    expect(new EpochTimeline(model).active).toBe(true);
    model.traits['epochs'] = undefined;
    expect(new EpochTimeline(model).active).toBe(false);
  });

  it('remembers each epoch laid out, reuses it and aligns the next epoch with it', () => {
    const model = fakeModel();
    const view = fakeView();
    const timeline = new EpochTimeline(model);
    const first = timeline.prepare(view, input as unknown as LayerVizInput);
    expect(view.told['set']).toEqual([[0, 1, 2, 3], 3]);
    expect(view.told['enabled']).toBe(true);
    expect(first.options).toEqual({ known: {}, alignTo: {} });
    const coords = Float32Array.from([1, 2, 3, 4]);
    first.input.onLayout?.('hidden', coords, 2);
    first.input.onMetrics?.({ hidden: { knnAccuracy: 0.9 } });

    model.traits['epoch'] = 0;
    const second = timeline.prepare(view, input as unknown as LayerVizInput);
    expect(second.options).toEqual({ known: {}, alignTo: { hidden: coords } });
    expect(view.told['curves']).toEqual([
      { label: 'Epoch 3 of 3', metrics: { hidden: { knnAccuracy: 0.9 } } }
    ]);
    model.traits['epoch'] = 3;
    expect(timeline.prepare(view, input as unknown as LayerVizInput).options.known).toEqual({
      hidden: coords
    });
    // Another layout method: nothing laid out with it yet.
    model.traits['method'] = 'tsne';
    expect(timeline.prepare(view, input as unknown as LayerVizInput).options.known).toEqual({});
  });

  it('sends the epoch chosen to the kernel, or puts the slider back when none will answer', () => {
    const model = fakeModel();
    const view = fakeView();
    const timeline = new EpochTimeline(model);
    expect(timeline.choose(view, 1)).toBe(true);
    expect(model.traits['epoch']).toBe(1);
    expect(view.told['restarted']).toBe(true);
    expect(timeline.choose(view, 1)).toBe(false);
    const gone = fakeModel(false);
    const alone = fakeView();
    expect(new EpochTimeline(gone).choose(alone, 0)).toBe(false);
    expect(gone.traits['epoch']).toBe(3);
    expect(alone.told['shown']).toBe(3);
  });

  it('disables the slider of a saved view: it holds one epoch', () => {
    const view = fakeView();
    const saved = { ...input, source: 'saved' } as unknown as LayerVizInput;
    new EpochTimeline(fakeModel()).prepare(view, saved);
    expect(view.told['enabled']).toBe(false);
  });
});

describe('the CKA between two recorded epochs', () => {
  it('reads the epoch_cka trait as rows × columns, null as NaN, and drops malformed ones', () => {
    const matrix = epochCkaMatrix({
      rows: ['hidden', 'probs'],
      cols: ['hidden', 'probs'],
      values: [
        [0.9, 0.2],
        [null, 0.7]
      ],
      title: 'CKA: epoch 1 (rows) × epoch 3 (columns)'
    });
    expect(matrix?.layers).toEqual(['hidden', 'probs']);
    expect(matrix?.columns).toEqual(['hidden', 'probs']);
    expect(Array.from(matrix?.values ?? [])).toEqual([0.9, 0.2, Number.NaN, 0.7]);
    expect(matrix?.title).toBe('CKA: epoch 1 (rows) × epoch 3 (columns)');
    expect(epochCkaMatrix({})).toBeNull();
    expect(epochCkaMatrix(null)).toBeNull();
    expect(epochCkaMatrix({ rows: ['a'], cols: ['a', 'b'], values: [[1]] })).toBeNull();
  });
});
