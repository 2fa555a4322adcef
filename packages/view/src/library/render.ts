import type { ModelArtifacts } from '@layerviz/core';
import type { LayoutParameters } from '@layerviz/core/reduce';
import type { LayerMetrics, MetricsLevel } from '@layerviz/core/service';
import { DEFAULT_LAYOUT, layoutKey } from '@layerviz/core/reduce';
import * as tf from '@tensorflow/tfjs';

import type { CkaMatrix } from '../cka_heatmap.js';
import type { ColorBy, SampleDetails } from '../coloring.js';
import type { ExportFormat } from '../export/figure_export.js';
import { Emitter } from '../emitter.js';
import type { ExportedFile } from '../export/render_export.js';
import { tfQueue } from '../queue.js';
import { runLayerViz } from '../run.js';
import type { RunOptions } from '../run_input.js';
import { LayerVizView } from '../view.js';
import type { CheckpointEpochs } from './checkpoints.js';
import { ckaCell } from './cka_cell.js';
import type { LabelsSource, ModelSource, SamplesSource } from './inputs.js';
import { prepare } from './prepare.js';

/** What {@link renderLayerViz} shows and how. */
export interface RenderOptions {
  /**
   * The trained model: a `tf.LayersModel`, a `model.json` URL, or in-memory artifacts. Pass it
   * or {@link checkpoints}, not both.
   */
  readonly model?: ModelSource;
  /**
   * Instead of `model`: the model at each recorded epoch, in training order (e.g. saved after
   * every epoch: `model.json` URLs, artifacts, or `tf.LayersModel` snapshots), each read when
   * first shown. With two or more the view has an epoch slider and play button; moving it
   * computes that checkpoint's layers for the same `x` and lays them out aligned with the epoch
   * shown before, so points move only as much as the representation does. Layouts are kept per
   * epoch: going back to one is instant.
   */
  readonly checkpoints?: readonly ModelSource[];
  /**
   * The epoch of each checkpoint, integers ≥ 0 ascending, 0 meaning before training (captioned
   * "Before training", the others "Epoch 2 of 3"); default 0, 1, 2, ….
   */
  readonly epochLabels?: readonly number[];
  /** With checkpoints: the epoch shown first, one of `epochLabels`; default the last. */
  readonly epoch?: number;
  /** The samples, `(N, ...)` in the form the model takes. */
  readonly x: SamplesSource;
  /** Optional labels for colors and metrics: class ids, one-hot rows or class names. */
  readonly y?: LabelsSource | null;
  /** Layer names to show; default every layer but the inputs. */
  readonly layers?: readonly string[];
  /** The first layout (method, dims, perplexity, ...); missing fields take their defaults. */
  readonly layout?: Partial<LayoutParameters>;
  /** Separability metrics: `'fast'` (default), `'all'` or `'none'`. */
  readonly metrics?: MetricsLevel;
  /** What colors the points first; default `'label'`. */
  readonly colorBy?: ColorBy;
  /** Predictions, texts, thumbnails or metadata of the samples (hover, search, colors). */
  readonly details?: SampleDetails;
  /** TF.js backend for the forward pass; default the page's current one (`tf.getBackend()`). */
  readonly backend?: string;
  /**
   * Workers laying layers out at once, at least 1; default one per core but one (at most 4).
   */
  readonly layoutWorkers?: number;
}

/** What a {@link LayerVizHandle} can be told about; each listener's argument. */
export interface LayerVizEvents {
  /** The selected samples (rows of x), or null when the selection is cleared. */
  selection: readonly number[] | null;
  /** The name of the layer now shown large. */
  layer: string;
  /** One layer's final layout: `(N, dims)` row-major coordinates. */
  layout: { readonly layer: string; readonly coords: Float32Array; readonly dims: 2 | 3 };
  /** Every layer's metrics measured so far. */
  metrics: Readonly<Record<string, LayerMetrics>>;
  /** The epoch now shown (slider, play or {@link LayerVizHandle.setEpoch}); its layers follow. */
  epoch: number;
  /** The linear CKA between every pair of layers, once measured (after the metrics). */
  cka: CkaMatrix;
}

/** A rendered layerviz view, to drive from the page. */
export interface LayerVizHandle {
  /** The view itself (its `node` is inside the element passed to {@link renderLayerViz}). */
  readonly view: LayerVizView;
  /** Settles once the current run has laid out every layer: true, or false on error or dispose. */
  readonly ready: Promise<boolean>;
  /** The names of the layers shown, in order. */
  readonly layers: readonly string[];
  /** The selected samples (rows of x), or null. */
  readonly selection: readonly number[] | null;
  /** Show a layer large, by name or position. @throws Error for an unknown name. */
  setLayer(layer: string | number): void;
  /** Select samples by row of x (null or empty clears), in every layer. */
  select(rows: Iterable<number> | null): void;
  /** The epochs of the checkpoints (`epochLabels`), in order; empty for one `model`. */
  readonly epochs: readonly number[];
  /** The epoch shown, one of {@link epochs}; -1 for one `model`. */
  readonly epoch: number;
  /**
   * Show the checkpoint of `epoch` (as the epoch slider does): its layers are computed for the
   * same x and laid out aligned with the epoch shown before, the old layouts staying on screen
   * until then; an epoch shown before comes back at once. Resolves like {@link ready} (at once
   * with it for the epoch shown).
   *
   * @throws Error (rejects) when `epoch` is not one of {@link epochs}, or there are no checkpoints.
   */
  setEpoch(epoch: number): Promise<boolean>;
  /**
   * The linear CKA between every pair of layers shown (`layers` names rows and columns,
   * `values` row-major in [0, 1]) measured for the model or epoch shown; null until measured
   * (see the `'cka'` event) and with `metrics: 'none'`.
   */
  readonly cka: CkaMatrix | null;
  /**
   * Do what a click on the CKA heatmap's square (`row`, `column`) does: show `row`'s layer large
   * (the heatmap outlines its row; a `'layer'` event follows). `column` (default `row`) only
   * picks the square.
   *
   * @returns the CKA of the two layers, in [0, 1].
   * @throws Error when no CKA was measured yet or a layer is not in it.
   */
  focusCka(row: string, column?: string): number;
  /** Be told of `event`; returns a function that unsubscribes. */
  on<E extends keyof LayerVizEvents>(
    event: E,
    listener: (value: LayerVizEvents[E]) => void
  ): () => void;
  /** The figure as a file: `png`, `svg`, `html` (interactive, offline) or `csv`. */
  export(format: ExportFormat, scale?: number): Promise<ExportedFile>;
  /**
   * Compute again with a changed model, samples or labels (e.g. after a training epoch): the
   * current layouts stay on screen until the new ones arrive when the samples are the same.
   * With checkpoints, the epoch shown stays when it is still recorded (else the last is shown)
   * and what was kept of the other epochs is forgotten. Resolves like {@link ready}.
   */
  update(
    changes: Partial<
      Pick<RenderOptions, 'model' | 'checkpoints' | 'epochLabels' | 'x' | 'y' | 'details'>
    >
  ): Promise<boolean>;
  /** Stop all work (the layout worker too) and remove the view. */
  dispose(): void;
}

/** What a run keeps on screen: see {@link renderLayerViz}'s `start`. */
type RunKind = 'first' | 'update' | 'epoch' | 'layers';

/**
 * Show how `options.model` (or each of `options.checkpoints`) groups `options.x` at every layer,
 * inside `element`: one plot per layer, laid out in a Web Worker, linked across layers, with a
 * slider, metrics and export (and an epoch slider for checkpoints). Several views on one page
 * take turns on TF.js (its backend is global per page).
 *
 * @example
 * ```ts
 * const handle = await renderLayerViz(document.querySelector('#plots')!, { model, x, y });
 * handle.on('selection', (rows) => console.log(rows));
 * ```
 * @throws Error (before anything is drawn) when x or y is malformed, the model (or the first
 *   checkpoint shown) cannot be read, or `model` and `checkpoints` are both given or neither.
 */
export async function renderLayerViz(
  element: HTMLElement,
  options: RenderOptions
): Promise<LayerVizHandle> {
  let current = await prepare(options);
  const view = new LayerVizView(element.ownerDocument);
  element.append(view.node);
  let controller = new AbortController();
  const events = new Emitter<LayerVizEvents>();
  /** The CKA measured for what is shown, or null. */
  let cka: CkaMatrix | null = null;
  /**
   * Run on the model or the epoch shown. A first run starts from empty plots; an update keeps
   * the layouts on screen with `keepLayouts`; another epoch keeps them too, reuses the layouts
   * it had and aligns the new ones with the epoch shown before; a layer added keeps the final
   * layouts as they are.
   */
  const start = async (kind: RunKind, keepLayouts = false): Promise<boolean> => {
    const { signal } = controller;
    const { epochs } = current;
    const epoch = epochs?.epoch ?? -1;
    // A layout the user picked in the view holds for another epoch and for a layer added.
    const layout =
      kind === 'epoch' || kind === 'layers'
        ? view.layoutParameters
        : { ...DEFAULT_LAYOUT, ...current.options.layout };
    let artifacts = current.artifacts;
    let plan: RunOptions = {};
    // Back at an epoch measured before: its CKA at once (measured again with the layers).
    cka = kind === 'epoch' ? (epochs?.cka(epoch) ?? null) : null;
    if (cka !== null) {
      view.setCka(cka);
    }
    if (kind !== 'epoch' && kind !== 'layers') {
      showEpochs(view, epochs);
    }
    if (epochs !== null) {
      try {
        artifacts = await epochs.model(epoch);
      } catch (err) {
        if (!signal.aborted) {
          view.showError(err instanceof Error ? err.message : String(err));
        }
        return false;
      }
      if (signal.aborted) {
        return false;
      }
      if (kind !== 'layers') {
        const { known, alignTo, curves } = epochs.plan(epoch, layoutKey(layout));
        plan = { known, alignTo };
        view.setEpochCurves(curves);
      }
    }
    return runLayerViz(
      view,
      {
        source: 'model',
        artifacts: artifacts as ModelArtifacts,
        x: current.x,
        labels: current.labels?.ids ?? null,
        details: { classNames: current.labels?.classNames ?? null, ...current.options.details },
        layers: current.options.layers,
        layout,
        metrics: current.options.metrics,
        colorBy: current.options.colorBy,
        backend: current.options.backend ?? tf.getBackend(),
        onLayout: (layer, coords, dims) => {
          epochs?.storeLayout(epoch, layer, coords, layoutKey(view.layoutParameters));
          events.emit('layout', { layer, coords, dims });
        },
        onMetrics: (metrics) => {
          epochs?.storeMetrics(epoch, metrics);
          events.emit('metrics', metrics);
        },
        onCka: (matrix) => {
          epochs?.storeCka(epoch, matrix);
          cka = matrix;
          events.emit('cka', matrix);
        },
        canAddLayers: true,
        layoutWorkers: current.options.layoutWorkers
      },
      {
        ...plan,
        signal,
        exclusive: (work) => tfQueue.run(work),
        keepLayouts: keepLayouts || kind === 'epoch',
        reuseLayouts: kind === 'layers'
      }
    );
  };
  /** Stop what runs and start `kind`. */
  const restart = (kind: RunKind, keepLayouts = false): Promise<boolean> => {
    controller.abort();
    controller = new AbortController();
    ready = start(kind, keepLayouts);
    return ready;
  };
  view.onSelectionChange((selection) => events.emit('selection', selection && [...selection]));
  view.onFocusChange((index) => events.emit('layer', view.layerNames[index] ?? ''));
  // A layer picked in the layer list: computed with the others, whose layouts stay as they are.
  view.onLayersRequest((layers) => {
    current = { ...current, options: { ...current.options, layers } };
    void restart('layers');
  });
  let ready = start('first');
  const handle: LayerVizHandle = {
    view,
    get ready() {
      return ready;
    },
    get layers() {
      return view.layerNames;
    },
    get selection() {
      const selection = view.selectionBus.selection;
      return selection && [...selection];
    },
    setLayer(layer) {
      const index = typeof layer === 'number' ? layer : view.layerNames.indexOf(layer);
      if (index < 0) {
        throw new Error(
          `no layer "${String(layer)}"; the layers are ${view.layerNames.join(', ')}.`
        );
      }
      view.setFocus(index);
    },
    select(rows) {
      view.selectionBus.select(rows);
    },
    get epochs() {
      return current.epochs?.labels ?? [];
    },
    get epoch() {
      return current.epochs?.epoch ?? -1;
    },
    async setEpoch(epoch) {
      const { epochs } = current;
      if (epochs === null) {
        throw new Error(
          'this view shows one model: pass checkpoints (one model per recorded epoch) instead ' +
            'of model to renderLayerViz to move through epochs.'
        );
      }
      const index = epochs.indexOf(epoch);
      if (epoch === epochs.epoch) {
        return ready;
      }
      epochs.epoch = epoch;
      view.epochs.show(index);
      view.node.dataset['epoch'] = String(epoch);
      // The old layouts stay on screen, marked outdated, until the new epoch's are laid out.
      view.restartLayouts();
      const done = restart('epoch');
      events.emit('epoch', epoch);
      return done;
    },
    get cka() {
      return cka;
    },
    focusCka(row, column) {
      const value = ckaCell(cka, row, column);
      handle.setLayer(row);
      return value;
    },
    on(event, listener) {
      return events.on(event, listener);
    },
    export(format, scale) {
      return view.exportAs(format, scale);
    },
    async update(changes) {
      const next = await prepare({ ...current.options, ...changes }, current);
      const sameSamples = next.x === current.x;
      const epochBefore = handle.epoch;
      current = next;
      const done = restart('update', sameSamples);
      if (next.epochs !== null && next.epochs.epoch !== epochBefore) {
        events.emit('epoch', next.epochs.epoch);
      }
      return done;
    },
    dispose() {
      controller.abort();
      events.clear();
      view.dispose();
    }
  };
  // The epoch slider and play button move the view as setEpoch does.
  view.epochs.onChange((index) => {
    const epoch = current.epochs?.labels[index];
    if (epoch !== undefined) {
      void handle.setEpoch(epoch);
    }
  });
  return handle;
}

/** Offer the checkpoints' epochs in the view's epoch slider (hidden for one model). */
function showEpochs(view: LayerVizView, epochs: CheckpointEpochs | null): void {
  view.epochs.set(epochs?.labels ?? [], epochs === null ? 0 : epochs.indexOf(epochs.epoch));
  view.epochs.setEnabled(true);
  if (epochs === null) {
    delete view.node.dataset['epoch'];
  } else {
    view.node.dataset['epoch'] = String(epochs.epoch);
  }
  view.setEpochCurves([]);
}
