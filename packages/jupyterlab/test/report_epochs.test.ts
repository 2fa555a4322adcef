import { describe, expect, it, vi } from 'vitest';

import { SavedEpochs } from '../src/report/epochs.js';

const base64 = (values: Float32Array): string =>
  btoa(String.fromCharCode(...new Uint8Array(values.buffer)));

/** One epoch's `activations` trait (one layer, 2 samples × 1) as ipywidgets.embed saves it. */
function epochState(epoch: number, values: number[]) {
  return {
    epoch,
    state: { activations: { dense: { dtype: 'float32', shape: [2, 1] } } },
    buffers: [
      {
        path: ['activations', 'dense', 'buffer'],
        encoding: 'base64' as const,
        data: base64(new Float32Array(values))
      }
    ]
  };
}

const base = {
  state: {
    method: 'pca',
    epoch: 2,
    epochs: [0, 1, 2],
    activations: { dense: { dtype: 'float32', shape: [2, 1] } }
  },
  buffers: [
    {
      path: ['activations', 'dense', 'buffer'],
      encoding: 'base64' as const,
      data: base64(new Float32Array([5, 6]))
    }
  ]
};

const dense = (model: SavedEpochs): number[] =>
  Array.from(
    (model.get('activations') as Record<string, { data: Float32Array }>)['dense']?.data ?? []
  );

describe('a recorder report', () => {
  it("swaps in the chosen epoch's traits and keeps the others", async () => {
    const moved = vi.fn();
    const epochs = [epochState(0, [1, 2]), epochState(1, [3, 4]), epochState(2, [5, 6])];
    const model = new SavedEpochs(base, epochs, moved);
    expect(model.get('epochs')).toEqual([0, 1, 2]);
    expect(model.get('epoch')).toBe(2);
    expect(dense(model)).toEqual([5, 6]);
    model.set('epoch', 0);
    expect(model.get('epoch')).toBe(0);
    expect(dense(model)).toEqual([1, 2]);
    expect(model.get('method')).toBe('pca');
    // Told on the next task, as a kernel's answer would come after the slider moved.
    expect(moved).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(moved).toHaveBeenCalledWith(0);
  });

  it('ignores epochs it does not hold and other traits', async () => {
    const moved = vi.fn();
    const model = new SavedEpochs(base, [epochState(2, [5, 6])], moved);
    model.set('epoch', 7);
    model.set('focus', 'dense');
    model.set('epoch', 2);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(moved).not.toHaveBeenCalled();
    expect(model.get('epoch')).toBe(2);
    expect(() => new SavedEpochs(base, [], moved)).toThrow(/at least one recorded epoch/);
  });
});
