import type { TimelineModel } from '../timeline.js';
import type { TraitReader } from '../view_input.js';
import { type SavedBuffer, savedStateReader, type SavedWidgetState } from './state.js';

/** One recorded epoch in a recorder's report: the traits that change with the epoch. */
export interface SavedEpoch {
  /** Its label: 0 before training, else the epoch after which it was recorded. */
  readonly epoch: number;
  /** `activations`, `predictions` and `confidence`, as `ipywidgets.embed` saves them. */
  readonly state: Record<string, unknown>;
  readonly buffers?: readonly SavedBuffer[];
}

/**
 * A recorder's report (`write_report(rec)`) as the timeline reads a widget model: the saved state
 * with the chosen epoch's traits swapped in. Moving to another epoch calls `onEpoch` on the next
 * task, as a kernel's answer would arrive after the slider moved, and the page runs the view
 * again on that epoch's activations.
 */
export class SavedEpochs implements TimelineModel, TraitReader {
  /** A report has no kernel to lose: every recorded epoch is in the page. */
  readonly comm_live = true;
  private epoch: number;
  private readonly readers = new Map<number, TraitReader>();

  /**
   * @param base - the widget's saved state (on its last epoch).
   * @param epochs - every recorded epoch's own traits, in order.
   * @param onEpoch - called (asynchronously) after the epoch changed.
   * @throws Error when `epochs` is empty.
   */
  constructor(
    private readonly base: SavedWidgetState,
    private readonly epochs: readonly SavedEpoch[],
    private readonly onEpoch: (epoch: number) => void
  ) {
    const last = epochs[epochs.length - 1];
    if (last === undefined) {
      throw new Error('a recorder report needs at least one recorded epoch');
    }
    const saved = base.state['epoch'];
    this.epoch = typeof saved === 'number' ? saved : last.epoch;
  }

  /** The traits of the epoch chosen; `epochs` lists every recorded epoch's label. */
  get(name: string): unknown {
    if (name === 'epoch') {
      return this.epoch;
    }
    if (name === 'epochs') {
      return this.epochs.map((e) => e.epoch);
    }
    return this.reader(this.epoch).get(name);
  }

  /** Only `epoch` changes in a report; other names are ignored. */
  set(name: string, value: unknown): void {
    if (name !== 'epoch' || typeof value !== 'number' || value === this.epoch) {
      return;
    }
    if (!this.epochs.some((e) => e.epoch === value)) {
      return;
    }
    this.epoch = value;
    setTimeout(() => this.onEpoch(value), 0);
  }

  private reader(epoch: number): TraitReader {
    let reader = this.readers.get(epoch);
    if (reader === undefined) {
      const own = this.epochs.find((e) => e.epoch === epoch);
      const replaced = new Set(Object.keys(own?.state ?? {}));
      reader = savedStateReader({
        state: { ...this.base.state, ...own?.state },
        buffers: [
          ...(this.base.buffers ?? []).filter((b) => !replaced.has(String(b.path[0]))),
          ...(own?.buffers ?? [])
        ]
      });
      this.readers.set(epoch, reader);
    }
    return reader;
  }
}
