import type { ModelArtifacts } from '@layerviz/core';
import { describe, expect, it, vi } from 'vitest';

import {
  CheckpointEpochs,
  checkedEpochLabels,
  checkedModelChoice
} from '../src/library/checkpoints.js';
import { ckaCell } from '../src/library/cka_cell.js';

/** Stand-in artifacts: the checkpoints are never run here, only read. */
function artifactsOf(name: string): ModelArtifacts {
  return { modelTopology: { name }, weightSpecs: [], weightData: new ArrayBuffer(0) };
}

describe('checkedModelChoice', () => {
  it('takes one model, or checkpoints labelled 0, 1, 2, … by default', () => {
    expect(checkedModelChoice({ model: 'm/model.json' })).toBeNull();
    expect(checkedModelChoice({ checkpoints: ['a', 'b', 'c'] })).toEqual([0, 1, 2]);
    expect(checkedModelChoice({ checkpoints: ['a', 'b'], epochLabels: [0, 5], epoch: 0 })).toEqual([
      0, 5
    ]);
  });

  it('refuses both a model and checkpoints, or neither, naming the fix', () => {
    expect(() => checkedModelChoice({ model: 'm', checkpoints: ['a'] })).toThrow(
      'pass either model (one trained model) or checkpoints'
    );
    expect(() => checkedModelChoice({})).toThrow('no model: pass model');
    expect(() => checkedModelChoice({ model: 'm', epochLabels: [0] })).toThrow(
      'pass checkpoints instead of model'
    );
  });
});

describe('checkedEpochLabels', () => {
  it('refuses labels of another length, saying how many there must be', () => {
    expect(() => checkedEpochLabels(3, [0, 1])).toThrow(
      'epochLabels has 2 labels but there are 3 checkpoints: pass one label per checkpoint'
    );
  });

  it('refuses no checkpoints, labels that are not epochs, and labels out of order', () => {
    expect(() => checkedEpochLabels(0)).toThrow('checkpoints is empty');
    expect(() => checkedEpochLabels(2, [0, 1.5])).toThrow('epochLabels[1] is 1.5');
    expect(() => checkedEpochLabels(2, [-1, 1])).toThrow('epochLabels[0] is -1');
    expect(() => checkedEpochLabels(3, [0, 2, 2])).toThrow('epochLabels must increase');
  });
});

describe('CheckpointEpochs', () => {
  it('shows the last epoch first unless told, and names the recorded epochs for another', () => {
    const read = vi.fn(async (m: unknown) => artifactsOf(String(m)));
    expect(new CheckpointEpochs(['a', 'b', 'c'], [0, 1, 2], undefined, read).epoch).toBe(2);
    expect(new CheckpointEpochs(['a', 'b', 'c'], [0, 1, 2], 0, read).epoch).toBe(0);
    const epochs = new CheckpointEpochs(['a', 'b', 'c'], [0, 5, 10], undefined, read);
    expect(() => epochs.indexOf(3)).toThrow(
      'no checkpoint of epoch 3: the epochs recorded are 0, 5, 10.'
    );
    expect(() => new CheckpointEpochs(['a'], [0], 4, read)).toThrow('no checkpoint of epoch 4');
    expect(epochs.caption(0)).toBe('Before training');
    expect(epochs.caption(5)).toBe('Epoch 5 of 10');
  });

  it('reads each checkpoint once, and a failed one again next time with its position', async () => {
    let fail = true;
    const read = vi.fn(async (m: unknown) => {
      if (m === 'b' && fail) {
        throw new Error('could not load the model at b');
      }
      return artifactsOf(String(m));
    });
    const epochs = new CheckpointEpochs(['a', 'b'], [0, 1], undefined, read);
    const first = await epochs.model(0);
    expect(await epochs.model(0)).toBe(first);
    expect(read).toHaveBeenCalledTimes(1);
    await expect(epochs.model(1)).rejects.toThrow(
      'checkpoints[1] (epoch 1): could not load the model at b'
    );
    fail = false;
    expect((await epochs.model(1)).modelTopology).toEqual({ name: 'b' });
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('keeps each epoch’s layouts, and aligns a new epoch with the one shown before', () => {
    const epochs = new CheckpointEpochs(['a', 'b', 'c'], [0, 1, 2]);
    const at2 = Float32Array.from([0, 0, 1, 0, 0, 1]);
    const at0 = Float32Array.from([5, 5, 6, 5, 5, 6]);
    // The last epoch, shown first: nothing known, nothing to align with.
    expect(epochs.plan(2, 'pca|2')).toEqual({ known: {}, alignTo: {}, curves: [] });
    epochs.storeLayout(2, 'dense', at2, 'pca|2');
    epochs.storeMetrics(2, { dense: { knnAccuracy: 0.9 } });
    // Then before training: aligned with epoch 2, whose metrics become a faded curve.
    const back = epochs.plan(0, 'pca|2');
    expect(back.known).toEqual({});
    expect(back.alignTo['dense']).toBe(at2);
    expect(back.curves).toEqual([
      { label: 'Epoch 2 of 2', metrics: { dense: { knnAccuracy: 0.9 } } }
    ]);
    epochs.storeLayout(0, 'dense', at0, 'pca|2');
    // Back at epoch 2: its layout comes back as it was, aligned with epoch 0's.
    const again = epochs.plan(2, 'pca|2');
    expect(again.known['dense']).toBe(at2);
    expect(again.alignTo['dense']).toBe(at0);
    // Another layout method knows nothing of either.
    expect(epochs.plan(1, 'tsne|2').known).toEqual({});
  });

  it('keeps the CKA measured at each epoch', () => {
    const epochs = new CheckpointEpochs(['a', 'b'], [0, 1]);
    const matrix = { layers: ['h', 'o'], values: [1, 0.5, 0.5, 1] };
    expect(epochs.cka(0)).toBeNull();
    epochs.storeCka(0, matrix);
    expect(epochs.cka(0)).toBe(matrix);
    expect(epochs.cka(1)).toBeNull();
  });
});

describe('ckaCell', () => {
  const matrix = { layers: ['h1', 'h2', 'probs'], values: [1, 0.8, 0.3, 0.8, 1, 0.4, 0.3, 0.4, 1] };

  it('reads the square of two layers, the row itself by default', () => {
    expect(ckaCell(matrix, 'h1', 'probs')).toBeCloseTo(0.3);
    expect(ckaCell(matrix, 'probs', 'h2')).toBeCloseTo(0.4);
    expect(ckaCell(matrix, 'h2')).toBe(1);
  });

  it('reads a rows × columns matrix of two models', () => {
    const between = { layers: ['a', 'b'], columns: ['x', 'y', 'z'], values: [1, 2, 3, 4, 5, 6] };
    expect(ckaCell(between, 'b', 'x')).toBe(4);
    expect(() => ckaCell(between, 'a', 'b')).toThrow('its layers are x, y, z');
  });

  it('says what to wait for before a matrix, and which layers there are', () => {
    expect(() => ckaCell(null, 'h1')).toThrow("no CKA measured yet: wait for the handle's 'cka'");
    expect(() => ckaCell(matrix, 'nope')).toThrow(
      'no layer "nope" in the CKA matrix; its layers are h1, h2, probs.'
    );
  });
});
