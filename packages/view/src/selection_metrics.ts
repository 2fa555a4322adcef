import type { LayoutReply, SelectionSeparability } from '@layerviz/core/service';

/** How long a selection must stay unchanged before it is measured, in ms. */
export const SELECTION_DEBOUNCE_MS = 300;

/** Where the view stands on the selection's separability, layer by layer. */
export interface SelectionMetricsState {
  /** The selected samples: positions among the shown samples, ascending. */
  readonly positions: readonly number[];
  /** Per layer name, the numbers measured so far (see `selectionSeparability`). */
  readonly values: Readonly<Record<string, SelectionSeparability>>;
  /** Why there are no numbers (too few points selected, or a failure); null otherwise. */
  readonly message: string | null;
  /** True while layers are still being measured. */
  readonly pending: boolean;
}

/** One line of the depth chart's selection curves. */
export interface SelectionTrace {
  type: 'scatter';
  mode: 'lines+markers' | 'lines';
  name: string;
  x: string[];
  y: (number | null)[];
  hovertemplate: string;
  line: { color: string; width: number; dash: 'solid' | 'dash' | 'dot' };
  legendgroup: 'selection';
  /** False for the chance line: the depth chart's legend has room for few entries. */
  showlegend: boolean;
}

/** The selection's colour in the depth chart: apart from Plotly's default metric colours. */
export const SELECTION_COLOR = '#c2185b';

/**
 * The depth chart's selection curves, drawn over the metric curves: k-NN purity (solid), its
 * chance level (dotted, named on hover only) and the balanced probe accuracy (dashed); empty
 * while nothing is measured. Pure, so it is tested without a browser.
 *
 * @param layers - layer names in model order (the chart's x axis).
 */
export function selectionTraces(
  layers: readonly string[],
  state: SelectionMetricsState | null
): SelectionTrace[] {
  const values = state?.values ?? {};
  if (!layers.some((name) => values[name] !== undefined)) {
    return [];
  }
  const curve = (
    name: string,
    pick: (v: SelectionSeparability) => number,
    dash: 'solid' | 'dash' | 'dot'
  ): SelectionTrace => ({
    type: 'scatter',
    mode: dash === 'dot' ? 'lines' : 'lines+markers',
    name,
    x: [...layers],
    y: layers.map((layer) => {
      const v = values[layer];
      return v === undefined ? null : pick(v);
    }),
    hovertemplate: `%{x}<br>${name} %{y:.3f}<extra></extra>`,
    line: { color: SELECTION_COLOR, width: dash === 'dot' ? 1.5 : 2.5, dash },
    legendgroup: 'selection',
    showlegend: dash !== 'dot'
  });
  return [
    curve('selection k-NN purity', (v) => v.knnPurity, 'solid'),
    curve('selection chance', (v) => v.chance, 'dot'),
    curve('selection probe (bal. acc.)', (v) => v.probeBalancedAccuracy, 'dash')
  ];
}

/** The sentence under the depth chart about the selection; "" when nothing is selected. */
export function selectionNote(state: SelectionMetricsState | null, layerCount: number): string {
  if (state === null) {
    return '';
  }
  const count = `Selection of ${state.positions.length} points`;
  if (state.message !== null) {
    return `${count}: ${state.message}`;
  }
  const measured = Object.keys(state.values).length;
  if (state.pending) {
    return `${count}: measuring how it separates from the rest, ${measured} of ${layerCount} layers…`;
  }
  return (
    `${count}: k-NN purity (k = 10; chance = selected share) and a linear probe ` +
    'selection vs. rest (balanced accuracy; chance 0.5) per layer, in the chart.'
  );
}

/** The part of `LayoutClient` the tracker uses. */
export interface SelectionMetricsClient {
  /** Measure the selection (one flag per sample) in the worker; null cancels. Returns its id. */
  selectionMetrics(selected: Uint8Array | null): number;
}

/**
 * Measures every selection in the layout worker as the user makes it: waits until the selection
 * has been still for {@link SELECTION_DEBOUNCE_MS} (a search while typing, a selection set
 * repeatedly from Python), supersedes the measurement of an older selection, and reports each
 * layer's numbers as they arrive. DOM-free.
 */
export class SelectionMetricsTracker {
  private state: SelectionMetricsState | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private request = 0;

  /**
   * @param layers - the layers' names, in the order of the worker's data.
   * @param rows - how many samples the worker holds.
   * @param onChange - told the new state (null: nothing selected) at each change.
   */
  constructor(
    private readonly client: SelectionMetricsClient,
    private readonly layers: readonly string[],
    private readonly rows: number,
    private readonly onChange: (state: SelectionMetricsState | null) => void,
    private readonly delayMs = SELECTION_DEBOUNCE_MS
  ) {}

  /** The selection changed (positions among the shown samples; null or empty: none). */
  select(selection: ReadonlySet<number> | null): void {
    clearTimeout(this.timer);
    const positions = [...(selection ?? [])]
      .filter((p) => p >= 0 && p < this.rows)
      .sort((a, b) => a - b);
    if (positions.length === 0) {
      if (this.state !== null) {
        this.request = 0;
        this.client.selectionMetrics(null);
        this.update(null);
      }
      return;
    }
    this.update({ positions, values: {}, message: null, pending: true });
    this.timer = setTimeout(() => {
      const selected = new Uint8Array(this.rows);
      positions.forEach((p) => (selected[p] = 1));
      this.request = this.client.selectionMetrics(selected);
    }, this.delayMs);
  }

  /** Take a worker reply; returns true when it was the tracker's (selection replies). */
  handle(reply: LayoutReply): boolean {
    if (!reply.type.startsWith('selection')) {
      return false;
    }
    const state = this.state;
    if (state === null || reply.id !== this.request) {
      return true;
    }
    if (reply.type === 'selection-metrics') {
      const name = this.layers[reply.layer] ?? String(reply.layer);
      this.update({ ...state, values: { ...state.values, [name]: reply.values } });
    } else if (reply.type === 'selection-done') {
      this.update({ ...state, message: reply.message, pending: false });
    } else if (reply.type === 'selection-error') {
      this.update({ ...state, message: `could not measure it: ${reply.message}`, pending: false });
    }
    return true;
  }

  /** Stop waiting; nothing more is reported. */
  dispose(): void {
    clearTimeout(this.timer);
    this.request = 0;
  }

  private update(state: SelectionMetricsState | null): void {
    this.state = state;
    this.onChange(state);
  }
}
