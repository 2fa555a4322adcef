import { alignLayout } from '@layerviz/core/reduce';
import type { LayerMetrics } from '@layerviz/core/service';

import { METRIC_LABELS } from './metrics_figure.js';
import { PLAY_STEP_MS } from './explore.js';

/**
 * The epoch slider's caption for the state labelled `labels[index]`: "Before training" for 0,
 * else "Epoch 2 of 3" (of the last label). Pure, so it is tested without a browser.
 *
 * @param labels - the recorded states' labels, ascending: 0 before training, then epochs.
 */
export function epochCaption(labels: readonly number[], index: number): string {
  const label = labels[index];
  if (label === undefined) {
    return '';
  }
  return label === 0
    ? 'Before training'
    : `Epoch ${label} of ${labels[labels.length - 1] ?? label}`;
}

/**
 * `coords` rotated (or reflected) onto `reference`, a layout of the same samples (orthogonal
 * Procrustes, see `alignLayout`): the same layer at another epoch then differs only as much as its
 * representation does. `coords` itself when there is no reference, the sizes differ, or a sample
 * is not drawn (NaN) in either, which would spoil the fit.
 */
export function alignedTo(
  coords: Float32Array,
  reference: Float32Array | undefined,
  dims: number
): Float32Array {
  if (reference === undefined || reference.length !== coords.length || coords.length === 0) {
    return coords;
  }
  if (!coords.every(Number.isFinite) || !reference.every(Number.isFinite)) {
    return coords;
  }
  return alignLayout(coords, reference, dims);
}

/** One recorded epoch's metrics per layer, for the faded curves of the depth chart. */
export interface EpochCurve {
  /** What the legend calls it, e.g. "Before training" or "Epoch 2 of 3". */
  readonly label: string;
  readonly metrics: Readonly<Record<string, LayerMetrics>>;
}

/** A faded line of the depth chart: one metric at another epoch. */
export interface FadedTrace {
  type: 'scatter';
  mode: 'lines';
  name: string;
  x: string[];
  y: (number | null)[];
  hovertemplate: string;
  opacity: number;
  line: { color: string; width: number };
  legendgroup: string;
  showlegend: boolean;
}

/** The metric the faded epoch curves draw: the one the titles carry. */
const EPOCH_METRIC: keyof LayerMetrics = 'knnAccuracy';

/**
 * The depth chart's faded curves: k-NN accuracy against depth at each other recorded epoch, the
 * later epochs darker, so that the current epoch's curves stand out and one sees when each layer
 * started to separate the classes. Pure.
 */
export function fadedEpochTraces(
  layers: readonly string[],
  curves: readonly EpochCurve[]
): FadedTrace[] {
  const measured = curves.filter((c) =>
    layers.some((l) => c.metrics[l]?.[EPOCH_METRIC] !== undefined)
  );
  const name = METRIC_LABELS[EPOCH_METRIC];
  return measured.map((curve, i) => ({
    type: 'scatter',
    mode: 'lines',
    name: `${name}, other epochs`,
    x: [...layers],
    y: layers.map((l) => curve.metrics[l]?.[EPOCH_METRIC] ?? null),
    hovertemplate: `%{x}<br>${curve.label}: ${name} %{y:.3f}<extra></extra>`,
    opacity: 0.2 + (0.4 * (i + 1)) / measured.length,
    line: { color: '#888', width: 1.5 },
    legendgroup: 'epochs',
    showlegend: i === 0
  }));
}

/**
 * What a timeline remembers of each epoch it has shown: the final layouts (with the layout
 * parameters they were made with) and the metrics. Going back to an epoch then shows its layouts
 * at once, and each new epoch is aligned with one already laid out. DOM-free.
 */
export class EpochLayouts {
  private readonly layouts = new Map<number, { key: string; coords: Map<string, Float32Array> }>();
  private readonly metrics = new Map<number, Readonly<Record<string, LayerMetrics>>>();

  /** Keep `layer`'s final layout at `epoch`, made with the parameters `key` (any string). */
  store(epoch: number, layer: string, coords: Float32Array, key: string): void {
    let entry = this.layouts.get(epoch);
    if (entry?.key !== key) {
      entry = { key, coords: new Map() };
      this.layouts.set(epoch, entry);
    }
    entry.coords.set(layer, coords);
  }

  /** Keep every layer's metrics measured at `epoch`. */
  storeMetrics(epoch: number, metrics: Readonly<Record<string, LayerMetrics>>): void {
    this.metrics.set(epoch, { ...metrics });
  }

  /** The layouts of `epoch` made with the parameters `key`, by layer name (empty if none). */
  known(epoch: number, key: string): Record<string, Float32Array> {
    const entry = this.layouts.get(epoch);
    return entry?.key === key ? Object.fromEntries(entry.coords) : {};
  }

  /**
   * The layouts to align `epoch`'s with: those of `previous` (the epoch shown before) when it was
   * laid out with `key`, else of the nearest epoch that was; empty when none was.
   */
  reference(epoch: number, key: string, previous: number | null): Record<string, Float32Array> {
    if (previous !== null && previous !== epoch) {
      const before = this.known(previous, key);
      if (Object.keys(before).length > 0) {
        return before;
      }
    }
    const others = [...this.layouts.entries()]
      .filter(([e, entry]) => e !== epoch && entry.key === key)
      .sort((a, b) => Math.abs(a[0] - epoch) - Math.abs(b[0] - epoch) || a[0] - b[0]);
    const nearest = others[0]?.[1];
    return nearest === undefined ? {} : Object.fromEntries(nearest.coords);
  }

  /** The metrics of every epoch but `current`, in epoch order, captioned by `caption`. */
  curves(current: number, caption: (epoch: number) => string): EpochCurve[] {
    return [...this.metrics.entries()]
      .filter(([epoch]) => epoch !== current)
      .sort((a, b) => a[0] - b[0])
      .map(([epoch, metrics]) => ({ label: caption(epoch), metrics }));
  }
}

/** What an {@link EpochPlayer} steps through. */
export interface EpochPlayTarget {
  /** Number of recorded epochs. */
  readonly count: () => number;
  /** The index of the epoch shown. */
  readonly current: () => number;
  /** Whether the epoch shown is laid out (the player waits for it before moving on). */
  readonly ready: () => boolean;
  /** Show the epoch at `index`. */
  readonly show: (index: number) => void;
  /** Told when playing starts or stops (also when it reaches the last epoch). */
  readonly onPlaying: (playing: boolean) => void;
}

/**
 * The epoch play button's clock: from the first epoch (when at the last) to the last, moving on
 * at most every {@link PLAY_STEP_MS} and only once the epoch shown is laid out, so that every
 * epoch is seen.
 */
export class EpochPlayer {
  private timer: ReturnType<typeof setInterval> | undefined;
  private shownAt = 0;

  constructor(
    private readonly target: EpochPlayTarget,
    private readonly now: () => number = () => Date.now()
  ) {}

  /** Start or pause. */
  play(playing: boolean): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.target.onPlaying(playing);
    if (!playing) {
      return;
    }
    if (this.target.current() >= this.target.count() - 1) {
      this.target.show(0);
    }
    this.shownAt = this.now();
    this.timer = setInterval(() => this.tick(), PLAY_STEP_MS / 6);
  }

  private tick(): void {
    if (!this.target.ready() || this.now() - this.shownAt < PLAY_STEP_MS) {
      return;
    }
    if (this.target.current() >= this.target.count() - 1) {
      this.play(false);
      return;
    }
    this.target.show(this.target.current() + 1);
    this.shownAt = this.now();
  }

  /** Whether it is playing. */
  get playing(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
