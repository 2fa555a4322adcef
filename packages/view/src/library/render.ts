import type { LayoutParameters } from '@layerviz/core/reduce';
import type { LayerMetrics, MetricsLevel } from '@layerviz/core/service';
import { DEFAULT_LAYOUT } from '@layerviz/core/reduce';
import * as tf from '@tensorflow/tfjs';

import type { ColorBy, SampleDetails } from '../coloring.js';
import type { ExportFormat } from '../export/figure_export.js';
import { Emitter } from '../emitter.js';
import type { ExportedFile } from '../export/render_export.js';
import { tfQueue } from '../queue.js';
import { runLayerViz } from '../run.js';
import { LayerVizView } from '../view.js';
import {
  labelIds,
  type LabelsSource,
  modelArtifacts,
  type ModelSource,
  samplesArray,
  type SamplesSource
} from './inputs.js';

/** What {@link renderLayerViz} shows and how. */
export interface RenderOptions {
  /** The trained model: a `tf.LayersModel`, a `model.json` URL, or in-memory artifacts. */
  readonly model: ModelSource;
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
   * Resolves like {@link ready}.
   */
  update(changes: Partial<Pick<RenderOptions, 'model' | 'x' | 'y' | 'details'>>): Promise<boolean>;
  /** Stop all work (the layout worker too) and remove the view. */
  dispose(): void;
}

/**
 * Show how `options.model` groups `options.x` at every layer, inside `element`: one plot per
 * layer, laid out in a Web Worker, linked across layers, with a slider, metrics and export.
 * Several views on one page take turns on TF.js (its backend is global per page).
 *
 * @example
 * ```ts
 * const handle = await renderLayerViz(document.querySelector('#plots')!, { model, x, y });
 * handle.on('selection', (rows) => console.log(rows));
 * ```
 * @throws Error (before anything is drawn) when x or y is malformed or the model cannot be read.
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
  const start = (keepLayouts: boolean, reuseLayouts = false): Promise<boolean> =>
    runLayerViz(
      view,
      {
        source: 'model',
        artifacts: current.artifacts,
        x: current.x,
        labels: current.labels?.ids ?? null,
        details: { classNames: current.labels?.classNames ?? null, ...current.options.details },
        layers: current.options.layers,
        layout: { ...DEFAULT_LAYOUT, ...current.options.layout },
        metrics: current.options.metrics,
        colorBy: current.options.colorBy,
        backend: current.options.backend ?? tf.getBackend(),
        onLayout: (layer, coords, dims) => events.emit('layout', { layer, coords, dims }),
        onMetrics: (metrics) => events.emit('metrics', metrics),
        canAddLayers: true,
        layoutWorkers: current.options.layoutWorkers
      },
      {
        signal: controller.signal,
        exclusive: (work) => tfQueue.run(work),
        keepLayouts,
        reuseLayouts
      }
    );
  view.onSelectionChange((selection) => events.emit('selection', selection && [...selection]));
  view.onFocusChange((index) => events.emit('layer', view.layerNames[index] ?? ''));
  // A layer picked in the layer list: computed with the others, whose layouts stay as they are.
  view.onLayersRequest((layers) => {
    controller.abort();
    controller = new AbortController();
    current = { ...current, options: { ...current.options, layers } };
    ready = start(false, true);
  });
  let ready = start(false);
  return {
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
    on(event, listener) {
      return events.on(event, listener);
    },
    export(format, scale) {
      return view.exportAs(format, scale);
    },
    async update(changes) {
      const next = await prepare({ ...current.options, ...changes }, current);
      const sameSamples = next.x === current.x;
      controller.abort();
      controller = new AbortController();
      current = next;
      ready = start(sameSamples);
      return ready;
    },
    dispose() {
      controller.abort();
      events.clear();
      view.dispose();
    }
  };
}

/** The options checked and converted, reusing what did not change since `before`. */
interface Prepared {
  readonly options: RenderOptions;
  readonly artifacts: Awaited<ReturnType<typeof modelArtifacts>>;
  readonly x: ReturnType<typeof samplesArray>;
  readonly labels: ReturnType<typeof labelIds> | null;
}

async function prepare(options: RenderOptions, before?: Prepared): Promise<Prepared> {
  const x = before?.options.x === options.x ? before.x : samplesArray(options.x);
  const count = x.shape[0] ?? 0;
  const labels =
    options.y === undefined || options.y === null
      ? null
      : before?.options.y === options.y && before.x.shape[0] === count
        ? before.labels
        : labelIds(options.y, count);
  // A LayersModel changes in place while it trains: serialize it again every time.
  const artifacts =
    before?.options.model === options.model && typeof options.model === 'string'
      ? before.artifacts
      : await modelArtifacts(options.model);
  return { options, artifacts, x, labels };
}
