import { describe, expect, it, vi } from 'vitest';

import {
  alignedTo,
  epochCaption,
  EpochLayouts,
  EpochPlayer,
  fadedEpochTraces
} from '../src/epochs.js';
import { EpochControl } from '../src/epoch_control.js';
import { PLAY_STEP_MS } from '../src/explore.js';
import { type FakeElement, fakeDocument } from './fake_dom.js';

describe('epochCaption', () => {
  it('says before training, then the epoch of the last one', () => {
    const labels = [0, 1, 2, 3];
    expect(labels.map((_, i) => epochCaption(labels, i))).toEqual([
      'Before training',
      'Epoch 1 of 3',
      'Epoch 2 of 3',
      'Epoch 3 of 3'
    ]);
    expect(epochCaption([0, 5, 10], 1)).toBe('Epoch 5 of 10');
    expect(epochCaption(labels, 9)).toBe('');
  });
});

describe('alignedTo', () => {
  // Four points, and the same rotated by 90° and moved: alignment undoes both.
  const reference = Float32Array.from([0, 0, 2, 0, 2, 1, 0, 1]);
  const rotated = Float32Array.from([10, 10, 10, 12, 9, 12, 9, 10]);

  it('rotates a layout onto the same samples at another epoch', () => {
    const out = alignedTo(rotated, reference, 2);
    [...reference].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 5));
  });

  it('leaves a layout as it is without a usable reference', () => {
    expect(alignedTo(rotated, undefined, 2)).toBe(rotated);
    expect(alignedTo(rotated, reference.subarray(0, 6), 2)).toBe(rotated);
    const hidden = rotated.slice();
    hidden[0] = Number.NaN;
    expect(alignedTo(hidden, reference, 2)).toBe(hidden);
  });
});

describe('EpochLayouts', () => {
  const a = Float32Array.from([1, 2]);
  const b = Float32Array.from([3, 4]);

  it('remembers the layouts of each epoch with the parameters they were made with', () => {
    const cache = new EpochLayouts();
    cache.store(3, 'dense', a, 'tsne');
    expect(cache.known(3, 'tsne')).toEqual({ dense: a });
    expect(cache.known(3, 'umap')).toEqual({});
    expect(cache.known(1, 'tsne')).toEqual({});
    // Other parameters replace what the epoch held.
    cache.store(3, 'dense', b, 'umap');
    expect(cache.known(3, 'tsne')).toEqual({});
    expect(cache.known(3, 'umap')).toEqual({ dense: b });
  });

  it('aligns with the epoch shown before, else the nearest laid out', () => {
    const cache = new EpochLayouts();
    cache.store(0, 'dense', a, 'k');
    cache.store(3, 'dense', b, 'k');
    expect(cache.reference(1, 'k', 3)).toEqual({ dense: b });
    expect(cache.reference(1, 'k', null)).toEqual({ dense: a });
    expect(cache.reference(2, 'k', 2)).toEqual({ dense: b });
    expect(cache.reference(1, 'other', 0)).toEqual({});
    expect(cache.reference(0, 'k', 0)).toEqual({ dense: b });
  });

  it('gives the other epochs metrics as curves, in epoch order', () => {
    const cache = new EpochLayouts();
    cache.storeMetrics(2, { dense: { knnAccuracy: 0.9 } });
    cache.storeMetrics(0, { dense: { knnAccuracy: 0.4 } });
    cache.storeMetrics(1, { dense: { knnAccuracy: 0.7 } });
    const curves = cache.curves(1, (e) => `epoch ${e}`);
    expect(curves.map((c) => c.label)).toEqual(['epoch 0', 'epoch 2']);
    expect(curves[1]?.metrics['dense']?.knnAccuracy).toBe(0.9);
  });
});

describe('fadedEpochTraces', () => {
  it('draws k-NN accuracy of each other epoch, later epochs darker, one legend entry', () => {
    const traces = fadedEpochTraces(
      ['a', 'b'],
      [
        { label: 'Before training', metrics: { a: { knnAccuracy: 0.3 } } },
        { label: 'Epoch 1 of 3', metrics: { a: { knnAccuracy: 0.5 }, b: { knnAccuracy: 0.6 } } },
        { label: 'Epoch 2 of 3', metrics: { a: { silhouette: 0.1 } } }
      ]
    );
    expect(traces.map((t) => t.y)).toEqual([
      [0.3, null],
      [0.5, 0.6]
    ]);
    expect(traces[0]?.opacity).toBeLessThan(traces[1]?.opacity ?? 0);
    expect(traces.map((t) => t.showlegend)).toEqual([true, false]);
    expect(traces[1]?.hovertemplate).toContain('Epoch 1 of 3');
  });
});

describe('EpochPlayer', () => {
  it('plays from the first epoch, waiting for each to be laid out, and stops at the last', () => {
    vi.useFakeTimers();
    try {
      let current = 2;
      let ready = true;
      const playing: boolean[] = [];
      const shown: number[] = [];
      const player = new EpochPlayer({
        count: () => 3,
        current: () => current,
        ready: () => ready,
        show: (index) => {
          current = index;
          shown.push(index);
        },
        onPlaying: (p) => playing.push(p)
      });
      player.play(true);
      expect(shown).toEqual([0]);
      ready = false;
      vi.advanceTimersByTime(PLAY_STEP_MS * 3);
      expect(shown).toEqual([0]); // the epoch is still being laid out
      ready = true;
      vi.advanceTimersByTime(PLAY_STEP_MS / 3);
      expect(shown).toEqual([0, 1]);
      vi.advanceTimersByTime(PLAY_STEP_MS / 2);
      expect(shown).toEqual([0, 1]); // each epoch is shown for PLAY_STEP_MS at least
      vi.advanceTimersByTime(PLAY_STEP_MS * 3);
      expect(shown).toEqual([0, 1, 2]);
      expect(playing).toEqual([true, false]);
      expect(player.playing).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('EpochControl', () => {
  it('stays hidden for one state, then captions and reports the epoch chosen', () => {
    const control = new EpochControl(fakeDocument(), () => true);
    const [play, input, caption] = (control.node as unknown as FakeElement)
      .children as FakeElement[];
    const chosen: number[] = [];
    control.onChange((index) => chosen.push(index));
    control.set([0], 0);
    expect(control.node.hidden).toBe(true);
    control.set([0, 1, 2], 2);
    expect(control.node.hidden).toBe(false);
    expect(caption?.textContent).toBe('Epoch 2 of 2');
    expect(input?.max).toBe('2');
    if (input !== undefined) {
      input.value = '0';
      input.fire('input');
    }
    expect(chosen).toEqual([0]);
    expect(caption?.textContent).toBe('Before training');
    expect(control.node.dataset['epoch']).toBe('0');
    control.setEnabled(false);
    expect(input?.disabled).toBe(true);
    expect(play?.disabled).toBe(true);
    control.dispose();
  });
});
