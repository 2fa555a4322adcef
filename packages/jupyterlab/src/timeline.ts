import type { NdArray } from '@layerviz/core';
import {
  CkaHeatmap,
  coloring,
  epochCaption,
  EpochGrid,
  type CkaMatrix,
  type EpochGridData,
  EpochLayouts,
  type LayerVizInput,
  type LayerVizView,
  type RunOptions,
  sampleColors
} from '@layerviz/view';

import { arrayFromJson, type ArrayJson, arrayToJson } from './serializers.js';
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
 * other epochs' curves faded. Below the view, the kernel's `grid` trait is drawn as a layers ×
 * epochs grid of thumbnails (see {@link EpochGrid}); pressing one moves the view to that epoch and
 * layer.
 */
export class EpochTimeline {
  private readonly cache = new EpochLayouts();
  /** The epoch whose layouts the view shows or lays out; null before the first run. */
  private shown: number | null = null;
  private grid: EpochGrid | null = null;
  /** The CKA between the epoch shown and another (the `epoch_cka` trait), under the grid. */
  private epochCka: CkaHeatmap | null = null;
  /** The `grid` trait the grid draws, to draw it again only when the kernel sends another. */
  private gridTrait: unknown = null;
  /** The view the grid lies in and moves. */
  private gridView: LayerVizView | null = null;

  /** @param changed - called after the timeline set a trait, to sync it to the kernel. */
  constructor(
    private readonly model: TimelineModel,
    private readonly changed: () => void = () => undefined
  ) {}

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
    this.showGrid(view);
    this.showEpochCka(view);
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
    this.highlight();
    // The old layouts stay on screen, marked outdated, until the kernel's answer is laid out.
    view.restartLayouts();
    return true;
  }

  /** Python set `widget.epoch`: move the slider there (its activations follow). */
  follow(view: LayerVizView): void {
    const epoch = this.model.get('epoch') as number;
    view.epochs.show(Math.max(0, this.labels.indexOf(epoch)));
    this.highlight();
  }

  /**
   * Draw the `grid` trait at the bottom of `view` (a new view takes the grid over), the layer and
   * epoch shown outlined. Nothing for a widget without one (a saved view leaves it out).
   */
  private showGrid(view: LayerVizView): void {
    const value = this.model.get('grid') ?? null;
    if (value === null && this.grid === null) {
      return;
    }
    this.grid ??= new EpochGrid(view.node.ownerDocument, (layer, epoch) => this.open(layer, epoch));
    if (this.grid.node.parentNode !== view.node) {
      view.node.append(this.grid.node);
    }
    if (this.gridView !== view) {
      this.gridView = view;
      view.onFocusChange(() => this.highlight());
    }
    if (value !== this.gridTrait) {
      this.gridTrait = value;
      const trait = readGrid(value);
      this.grid.set(trait && gridData(trait), trait ? this.gridColors(trait) : undefined);
    }
    this.highlight();
  }

  /**
   * Draw the `epoch_cka` trait under the grid: every layer at the epoch shown (rows) against
   * every layer at another recorded epoch (columns); a click on a row focuses that layer.
   * Nothing before the kernel sends one (or with one recorded epoch).
   */
  private showEpochCka(view: LayerVizView): void {
    const matrix = epochCkaMatrix(this.model.get('epoch_cka'));
    if (matrix === null) {
      if (this.epochCka !== null) {
        this.epochCka.node.hidden = true;
      }
      return;
    }
    this.epochCka ??= new CkaHeatmap(view.node.ownerDocument, (layer) => {
      const shown = this.gridView ?? view;
      const index = shown.layerNames.indexOf(layer);
      if (index >= 0) {
        shown.setFocus(index);
      }
    });
    this.epochCka.node.className = 'lv-cka lv-epoch-cka';
    if (this.epochCka.node.parentNode !== view.node) {
      view.node.append(this.epochCka.node);
    }
    this.epochCka.set(matrix);
    this.epochCka.render(view.layerNames[view.focus] ?? matrix.layers[0] ?? null);
  }

  /** A thumbnail pressed: show its epoch (the kernel sends it) and focus its layer. */
  private open(layer: string, epoch: number): void {
    const view = this.gridView;
    const index = this.labels.indexOf(epoch);
    if (view === null || index < 0) {
      return;
    }
    view.epochs.show(index);
    if (this.choose(view, index)) {
      this.changed();
    }
    const focus = view.layerNames.indexOf(layer);
    if (focus >= 0) {
      view.setFocus(focus);
    }
    this.highlight();
  }

  /** Outline the focused layer at the epoch shown (the first layer until the view has layers). */
  private highlight(): void {
    const view = this.gridView;
    const layer =
      view?.layerNames[view.focus] ||
      (this.model.get('focus') as string | undefined) ||
      this.grid?.value?.layers[0] ||
      null;
    this.grid?.highlight(layer, this.model.get('epoch') as number);
    if (this.epochCka !== null && !this.epochCka.node.hidden) {
      this.epochCka.render(layer);
    }
  }

  /**
   * The grid's points coloured as the view colours the labels: by the labels of every shown
   * sample (a class the grid's subset lacks would otherwise shift the colours of the others).
   */
  private gridColors(trait: GridTrait): string[] | undefined {
    const labels = (this.model.get('labels') as NdArray | null | undefined)?.data;
    if (labels === undefined) {
      return undefined;
    }
    const all = sampleColors(coloring('label', labels.length, labels, {}), labels.length);
    return Array.from(trait.rows.data, (row) => all[Number(row)] ?? '#888');
  }

  private layoutKey(): string {
    return JSON.stringify(layoutParameters(this.model));
  }
}

/**
 * The `grid` trait in the browser: see `layerviz/epoch_grid.py`. `points` is float32
 * `(epochs, layers, n, 2)`; `rows` the drawn samples' positions among the shown ones (int32 of
 * `n`); `labels` their class ids, or null.
 */
export interface GridTrait {
  readonly layers: string[];
  readonly epochs: number[];
  readonly points: NdArray;
  readonly rows: NdArray;
  readonly labels: NdArray | null;
}

/** The `grid` trait as the kernel sends it: arrays as binary buffers. */
interface GridJson {
  readonly layers: string[];
  readonly epochs: number[];
  readonly points: ArrayJson;
  readonly rows: ArrayJson;
  readonly labels: ArrayJson | null;
}

/**
 * The `grid` trait, decoded by the widget model's serializer or, in the HTML report (a saved
 * state read without ipywidgets), still `{buffer, dtype, shape}` arrays; null when absent.
 */
function readGrid(value: unknown): GridTrait | null {
  if (value === null || typeof value !== 'object') {
    return null;
  }
  const points: unknown = (value as { points?: unknown }).points;
  const decoded = typeof points === 'object' && points !== null && 'data' in points;
  return decoded ? (value as GridTrait) : gridSerializer.deserialize(value as GridJson);
}

/** The grid as {@link EpochGrid} draws it. */
function gridData(trait: GridTrait): EpochGridData {
  return {
    layers: trait.layers,
    epochs: trait.epochs,
    points: trait.points.data,
    labels: trait.labels?.data ?? null
  };
}

/** ipywidgets serializers of the `grid` trait (a saved notebook with the model keeps it). */
export const gridSerializer = {
  deserialize(value: GridJson | null | undefined): GridTrait | null {
    const points = arrayFromJson(value?.points);
    const rows = arrayFromJson(value?.rows);
    if (value === null || value === undefined || points === null || rows === null) {
      return null;
    }
    return { ...value, points, rows, labels: arrayFromJson(value.labels) };
  },
  serialize(value: GridTrait | null): GridJson | null {
    if (value === null) {
      return null;
    }
    const points = arrayToJson(value.points) as ArrayJson;
    return {
      ...value,
      points,
      rows: arrayToJson(value.rows) as ArrayJson,
      labels: arrayToJson(value.labels)
    };
  }
};

/**
 * The `epoch_cka` trait (see `layerviz/timeline_widget.py`) as the heatmap draws it; null when
 * absent or malformed.
 */
export function epochCkaMatrix(value: unknown): CkaMatrix | null {
  const json = value as
    | { rows?: string[]; cols?: string[]; values?: (number | null)[][]; title?: string }
    | null
    | undefined;
  const rows = json?.rows ?? [];
  const cols = json?.cols ?? [];
  const values = json?.values ?? [];
  if (
    rows.length === 0 ||
    cols.length === 0 ||
    values.length !== rows.length ||
    values.some((row) => row.length !== cols.length)
  ) {
    return null;
  }
  return {
    layers: rows,
    columns: cols,
    values: values.flatMap((row) => row.map((v) => (v === null ? Number.NaN : v))),
    ...(json?.title !== undefined && { title: json.title })
  };
}
