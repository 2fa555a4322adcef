/** Receives the selected samples (positions 0..N-1 among the shown samples), or null for none. */
export type SelectionListener = (selection: ReadonlySet<number> | null, source: unknown) => void;

/**
 * One selection shared by every plot that listens: a lasso or box in any layer selects the same
 * samples in all layers — and, in a comparison, in every model's view. Samples are identified by
 * their position among the shown samples, which all views of one widget (or comparison) share.
 */
export class SelectionBus {
  private current: ReadonlySet<number> | null = null;
  private readonly listeners = new Set<SelectionListener>();

  /** The selected samples, or null when nothing is selected. */
  get selection(): ReadonlySet<number> | null {
    return this.current;
  }

  /**
   * Select `samples` (null or empty clears the selection) and tell every listener.
   *
   * @param source - whoever made the change, passed on so it can ignore its own echo.
   */
  select(samples: Iterable<number> | null, source?: unknown): void {
    const next = samples === null ? null : new Set(samples);
    this.current = next === null || next.size === 0 ? null : next;
    this.listeners.forEach((listener) => listener(this.current, source));
  }

  /** Be told of every change; returns a function that unsubscribes. */
  subscribe(listener: SelectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The part of Plotly's `plotly_selected` event that layerviz reads. */
interface PlotlySelection {
  readonly points: readonly {
    readonly pointIndex: number;
    readonly data: { readonly meta?: { readonly samples?: readonly number[] } };
  }[];
}

/**
 * Call `onSelect` with the samples of every box or lasso selection drawn in a Plotly figure whose
 * traces carry `meta.samples` (see `buildFigure`), and with null when the selection is cleared.
 */
export function listenForSelections(
  plot: HTMLElement,
  onSelect: (samples: Set<number> | null) => void
): void {
  const gd = plot as unknown as {
    on(event: string, handler: (data?: PlotlySelection) => void): void;
  };
  gd.on('plotly_selected', (data) => {
    if (data === undefined) {
      return;
    }
    const samples = new Set<number>();
    for (const point of data.points) {
      const sample = point.data.meta?.samples?.[point.pointIndex];
      if (sample !== undefined) {
        samples.add(sample);
      }
    }
    onSelect(samples);
  });
  gd.on('plotly_deselect', () => onSelect(null));
}

/** The part of Plotly's `plotly_legendclick` event that layerviz reads. */
interface PlotlyLegendClick {
  readonly event?: { readonly shiftKey?: boolean; readonly altKey?: boolean };
  readonly curveNumber: number;
  readonly data: readonly {
    readonly legendgroup?: string;
    readonly meta?: { readonly samples?: readonly number[] };
  }[];
}

/**
 * The samples of the legend entry clicked in `click` (every trace of its legend group, in every
 * layer): a class when the points are coloured by label or prediction, "wrong" when coloured by
 * correct/wrong. Null when the trace has no group. Pure, so it is tested without a browser.
 */
export function legendGroupSamples(click: PlotlyLegendClick): Set<number> | null {
  const group = click.data[click.curveNumber]?.legendgroup;
  if (group === undefined) {
    return null;
  }
  const samples = new Set<number>();
  for (const trace of click.data) {
    if (trace.legendgroup === group) {
      trace.meta?.samples?.forEach((s) => samples.add(s));
    }
  }
  return samples;
}

/**
 * Shift+click (or Alt+click) on a legend entry selects that group's samples, as a lasso would;
 * a plain click keeps Plotly's toggle of the group's visibility.
 */
export function listenForLegendSelections(
  plot: HTMLElement,
  onSelect: (samples: Set<number>) => void
): void {
  const gd = plot as unknown as {
    on(event: 'plotly_legendclick', handler: (data: PlotlyLegendClick) => boolean): void;
  };
  gd.on('plotly_legendclick', (data) => {
    if (data.event?.shiftKey !== true && data.event?.altKey !== true) {
      return true;
    }
    const samples = legendGroupSamples(data);
    if (samples !== null && samples.size > 0) {
      onSelect(samples);
    }
    // Returning false keeps Plotly from also hiding the group.
    return false;
  });
}
