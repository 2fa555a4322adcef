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
