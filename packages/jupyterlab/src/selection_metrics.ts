import type { SelectionMetricsState } from '@layerviz/view';

/** One layer's row of `widget.selection_metrics()`, as the `selection_separability` trait holds it. */
export interface SelectionMetricsRow {
  readonly layer: string;
  readonly knn_purity: number;
  readonly chance: number;
  readonly probe_balanced_accuracy: number;
  readonly n_selected: number;
}

/**
 * The `selection_separability` trait: the selection measured (rows of the user's original x,
 * ascending), whether layers are still being measured, why there are no numbers (null when
 * there are), and one row per layer measured, in `layers` order. `{}` when nothing is selected.
 */
export type SelectionMetricsTrait =
  | Record<string, never>
  | {
      readonly rows: number[];
      readonly pending: boolean;
      readonly message: string | null;
      readonly layers: SelectionMetricsRow[];
    };

/**
 * `state` as the kernel reads it (see `layerviz/selection_metrics.py`).
 *
 * @param sampleIds - row of each shown sample in the user's x, or null for 0..N-1.
 * @param layers - the shown layers in model order.
 */
export function selectionMetricsTrait(
  state: SelectionMetricsState | null,
  sampleIds: ArrayLike<number> | null,
  layers: readonly string[]
): SelectionMetricsTrait {
  if (state === null) {
    return {};
  }
  const rows = state.positions.map((p) => Number(sampleIds?.[p] ?? p)).sort((a, b) => a - b);
  return {
    rows,
    pending: state.pending,
    message: state.message,
    layers: layers.flatMap((layer) => {
      const v = state.values[layer];
      return v === undefined
        ? []
        : [
            {
              layer,
              knn_purity: v.knnPurity,
              chance: v.chance,
              probe_balanced_accuracy: v.probeBalancedAccuracy,
              n_selected: v.nSelected
            }
          ];
    })
  };
}

/** Said under the depth chart of a saved view for a selection it has no numbers for. */
export const SAVED_SELECTION_MESSAGE =
  'this saved view cannot measure a new selection: run the cell again to measure it.';

/**
 * What a saved view shows for its selection: the numbers the trait kept when they are of this
 * very selection, else {@link SAVED_SELECTION_MESSAGE}; null with nothing selected.
 *
 * @param positions - the selected samples, positions among the shown samples.
 * @param sampleIds - row of each shown sample in the user's x, or null for 0..N-1.
 */
export function savedSelectionMetrics(
  trait: SelectionMetricsTrait | null | undefined,
  positions: readonly number[],
  sampleIds: ArrayLike<number> | null
): SelectionMetricsState | null {
  if (positions.length === 0) {
    return null;
  }
  const sorted = [...positions].sort((a, b) => a - b);
  const rows = sorted.map((p) => Number(sampleIds?.[p] ?? p)).sort((a, b) => a - b);
  const kept = trait !== null && trait !== undefined && 'rows' in trait ? trait : null;
  const same =
    kept !== null &&
    !kept.pending &&
    kept.rows.length === rows.length &&
    kept.rows.every((r, i) => r === rows[i]);
  if (!same) {
    return { positions: sorted, values: {}, message: SAVED_SELECTION_MESSAGE, pending: false };
  }
  const values = Object.fromEntries(
    kept.layers.map((row) => [
      row.layer,
      {
        knnPurity: row.knn_purity,
        chance: row.chance,
        probeBalancedAccuracy: row.probe_balanced_accuracy,
        nSelected: row.n_selected
      }
    ])
  );
  return { positions: sorted, values, message: kept.message, pending: false };
}
