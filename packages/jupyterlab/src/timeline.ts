import {
  epochCaption,
  EpochLayouts,
  type LayerVizInput,
  type LayerVizView,
  type RunOptions
} from '@layerviz/view';

import { layoutParameters, type TraitReader } from './view_input.js';

/** The widget model as a timeline reads and writes it. */
export interface TimelineModel extends TraitReader {
  set(name: string, value: unknown, options?: object): void;
  readonly comm_live: boolean;
}

/**
 * The epochs of a widget made by `layerviz.show(rec)` (a `Recorder`): the `epochs` trait lists
 * the recorded states, `epoch` is the one whose activations the kernel sent. The view's epoch
 * slider sets `epoch`; the kernel answers with that epoch's `activations` (and predictions), and
 * the widget runs the view again on them, keeping the layouts on screen until the new ones
 * arrive, each layer aligned with its layout at the epoch shown before. Layouts and metrics of
 * every epoch shown are remembered here, so going back is instant and the depth chart draws the
 * other epochs' curves faded.
 */
export class EpochTimeline {
  private readonly cache = new EpochLayouts();
  /** The epoch whose layouts the view shows or lays out; null before the first run. */
  private shown: number | null = null;

  constructor(private readonly model: TimelineModel) {}

  /** The recorded states' labels (0 before training, then epochs); empty for other widgets. */
  get labels(): number[] {
    return (this.model.get('epochs') as number[] | undefined) ?? [];
  }

  /** Whether the widget shows a recorder's epochs. */
  get active(): boolean {
    return this.labels.length > 0;
  }

  /**
   * Ready `view` for a run on the epoch the traits hold: its epoch slider set (disabled for a
   * saved view, which holds one epoch only), `input`'s callbacks remembering the epoch's layouts
   * and metrics, and the run options that reuse and align them.
   */
  prepare(
    view: LayerVizView,
    input: LayerVizInput
  ): { input: LayerVizInput; options: Partial<RunOptions> } {
    const epoch = this.model.get('epoch') as number;
    const labels = this.labels;
    view.epochs.set(labels, Math.max(0, labels.indexOf(epoch)));
    view.epochs.setEnabled(input.source !== 'saved');
    view.node.dataset['epoch'] = String(epoch);
    const key = this.layoutKey();
    const options = {
      known: this.cache.known(epoch, key),
      alignTo: this.cache.reference(epoch, key, this.shown)
    };
    this.shown = epoch;
    const caption = (e: number): string => epochCaption(labels, labels.indexOf(e));
    view.setEpochCurves(this.cache.curves(epoch, caption));
    return {
      options,
      input: {
        ...input,
        onLayout: (layer, coords, dims) => {
          this.cache.store(epoch, layer, coords, this.layoutKey());
          input.onLayout?.(layer, coords, dims);
        },
        onMetrics: (metrics) => {
          this.cache.storeMetrics(epoch, metrics);
          input.onMetrics?.(metrics);
        }
      }
    };
  }

  /**
   * Send the epoch the user moved to (by its index in {@link labels}) to the kernel, which
   * answers with its activations. Returns false when nothing will come (the same epoch, or no
   * kernel), after putting the slider back.
   */
  choose(view: LayerVizView, index: number): boolean {
    const epoch = this.labels[index];
    const current = this.model.get('epoch') as number;
    if (epoch === undefined || epoch === current || !this.model.comm_live) {
      view.epochs.show(Math.max(0, this.labels.indexOf(current)));
      return false;
    }
    this.model.set('epoch', epoch, { fromView: true });
    view.node.dataset['epoch'] = String(epoch);
    // The old layouts stay on screen, marked outdated, until the kernel's answer is laid out.
    view.restartLayouts();
    return true;
  }

  /** Python set `widget.epoch`: move the slider there (its activations follow). */
  follow(view: LayerVizView): void {
    const epoch = this.model.get('epoch') as number;
    view.epochs.show(Math.max(0, this.labels.indexOf(epoch)));
  }

  private layoutKey(): string {
    return JSON.stringify(layoutParameters(this.model));
  }
}
