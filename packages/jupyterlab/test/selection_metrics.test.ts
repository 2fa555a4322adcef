import type { SelectionMetricsState } from '@layerviz/view';
import { describe, expect, it } from 'vitest';

import {
  SAVED_SELECTION_MESSAGE,
  savedSelectionMetrics,
  selectionMetricsTrait
} from '../src/selection_metrics.js';

const measured: SelectionMetricsState = {
  positions: [0, 2, 1],
  values: {
    dense: { knnPurity: 0.9, chance: 0.3, probeBalancedAccuracy: 0.95, nSelected: 3 },
    embedding: { knnPurity: 0.4, chance: 0.3, probeBalancedAccuracy: 0.6, nSelected: 3 }
  },
  message: null,
  pending: false
};

describe('selectionMetricsTrait', () => {
  it('holds rows of the user’s x and one row per layer in model order', () => {
    const trait = selectionMetricsTrait(measured, Int32Array.from([50, 10, 30]), [
      'embedding',
      'lstm',
      'dense'
    ]);
    expect(trait).toEqual({
      rows: [10, 30, 50],
      pending: false,
      message: null,
      layers: [
        {
          layer: 'embedding',
          knn_purity: 0.4,
          chance: 0.3,
          probe_balanced_accuracy: 0.6,
          n_selected: 3
        },
        {
          layer: 'dense',
          knn_purity: 0.9,
          chance: 0.3,
          probe_balanced_accuracy: 0.95,
          n_selected: 3
        }
      ]
    });
  });

  it('is empty with nothing selected', () => {
    expect(selectionMetricsTrait(null, null, ['a'])).toEqual({});
  });
});

describe('savedSelectionMetrics', () => {
  const trait = selectionMetricsTrait(measured, null, ['embedding', 'dense']);

  it('gives back the kept numbers for the very selection they were measured on', () => {
    const state = savedSelectionMetrics(trait, [2, 0, 1], null);
    expect(state?.values).toEqual(measured.values);
    expect(state?.positions).toEqual([0, 1, 2]);
    expect(state?.message).toBeNull();
  });

  it('says a saved view cannot measure another selection; null without one', () => {
    expect(savedSelectionMetrics(trait, [0, 1], null)?.message).toBe(SAVED_SELECTION_MESSAGE);
    expect(savedSelectionMetrics({}, [0, 1], null)?.message).toBe(SAVED_SELECTION_MESSAGE);
    expect(savedSelectionMetrics(trait, [], null)).toBeNull();
  });
});
