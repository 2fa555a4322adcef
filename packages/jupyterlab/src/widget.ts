import { DOMWidgetModel, DOMWidgetView, type ISerializers } from '@jupyter-widgets/base';
import type { JSONObject } from '@lumino/coreutils';
import type { LayerActivations, NdArray } from '@layerviz/core';
import type {
  LayerMetrics,
  LayoutMethod,
  LayoutParameters,
  MetricsLevel
} from '@layerviz/core/reduce';
import {
  type LayerVizInput,
  LayerVizView,
  type MetaValue,
  runLayerViz,
  SAVED_NOTICE,
  type SampleDetails,
  type SavedInput
} from '@layerviz/view';

import { tfQueue } from './queue.js';
import { serverRoot, writeServerFile } from './save_file.js';
import {
  finiteValues,
  hasSavedLayouts,
  savedLayers,
  savedState,
  type SyncedLayerInfo,
  type SyncedSavedView,
  toLayerInfo
} from './saved_view.js';
import { serverRelativePath } from './server_path.js';
import {
  arrayDictFromJson,
  arrayDictSerializer,
  arrayDictToJson,
  arraySerializer,
  bytesFromJson
} from './serializers.js';
import { MODULE_NAME, MODULE_VERSION } from './version.js';

/**
 * The synced state of a layerviz widget; trait names match `layerviz/widget.py`.
 */
export class LayerVizModel extends DOMWidgetModel {
  defaults(): ReturnType<DOMWidgetModel['defaults']> {
    return {
      ...super.defaults(),
      _model_name: 'LayerVizModel',
      _model_module: MODULE_NAME,
      _model_module_version: MODULE_VERSION,
      _view_name: 'LayerVizWidgetView',
      _view_module: MODULE_NAME,
      _view_module_version: MODULE_VERSION,
      model_topology: {},
      weight_specs: [],
      weight_data: null,
      x: null,
      labels: null,
      sample_ids: null,
      layers: [],
      backend: 'auto',
      compute: 'browser',
      activations: null,
      layer_info: [],
      notice: '',
      fidelity_reference: null,
      method: 'tsne',
      dims: 2,
      perplexity: 30,
      neighbors: 15,
      min_dist: 0.1,
      seed: 0,
      iterations: null,
      metrics_level: 'fast',
      selection: [],
      predictions: null,
      confidence: null,
      texts: null,
      images: null,
      meta: {},
      color_by: 'label',
      label_names: null,
      focus: '',
      max_points: 2000,
      total_samples: 0,
      saved_layouts: null,
      saved_view: {},
      save_model: false
    };
  }

  /**
   * The state JupyterLab writes into a saved notebook. Once the view has laid the layers out, the
   * model's weights, the samples and the kernel's activations are left out (unless `save_model`):
   * the notebook stays small, and a view restored from it shows the saved layouts.
   */
  get_state(drop_defaults?: boolean): JSONObject {
    const state = super.get_state(drop_defaults);
    if (this.get('save_model') === true || !hasSavedLayouts(this.get('saved_layouts'))) {
      return state;
    }
    return Object.fromEntries(Object.entries(state).filter(([key]) => !COMPUTE_INPUTS.has(key)));
  }

  static serializers: ISerializers = {
    ...DOMWidgetModel.serializers,
    x: arraySerializer,
    labels: arraySerializer,
    sample_ids: arraySerializer,
    predictions: arraySerializer,
    confidence: arraySerializer,
    images: arraySerializer,
    activations: arrayDictSerializer,
    fidelity_reference: arrayDictSerializer,
    saved_layouts: { deserialize: arrayDictFromJson, serialize: arrayDictToJson }
  };
}

/**
 * Renders a {@link LayerVizModel} with the {@link LayerVizView} of `@layerviz/view`.
 */
export class LayerVizWidgetView extends DOMWidgetView {
  private view: LayerVizView | null = null;
  private abort = new AbortController();
  private persistTimer: ReturnType<typeof setTimeout> | undefined = undefined;

  render(): void {
    this.el.classList.add('layerviz-widget');
    // Model events are bound once; they act on whichever view is current (see start()).
    this.listenTo(this.model, 'msg:custom', (content: ExportRequest) => {
      if (content.type === 'export' && this.view !== null) {
        void this.answerExport(this.view, content);
      }
    });
    this.listenTo(this.model, 'change:selection', (_model: unknown, rows: number[], options) => {
      if (this.view !== null && !(options as { fromView?: boolean } | undefined)?.fromView) {
        selectRows(this.view, rows, this.sampleIds(), this);
      }
    });
    this.listenTo(this.model, 'change:focus', (_model: unknown, name: string, options) => {
      const index = this.view?.layerNames.indexOf(name) ?? -1;
      if (!(options as { fromView?: boolean } | undefined)?.fromView && index >= 0) {
        this.view?.setFocus(index);
      }
    });
    this.listenTo(this.model, 'change:color_by', (_model: unknown, colorBy: string, options) => {
      if (!(options as { fromView?: boolean } | undefined)?.fromView) {
        this.view?.setColorBy(colorBy);
      }
    });
    // New samples from the kernel (`widget.max_points` changed): start again with them.
    this.listenTo(this.model, 'change:sample_ids', () => this.start());
    this.start();
  }

  /** Make a fresh view of the current traits and compute it, replacing any earlier one. */
  private start(): void {
    this.abort.abort();
    this.abort = new AbortController();
    clearTimeout(this.persistTimer);
    this.view?.dispose();
    const view = new LayerVizView(this.el.ownerDocument);
    this.view = view;
    this.el.appendChild(view.node);
    view.setNotice((this.model.get('notice') as string) || null);
    let input: LayerVizInput;
    try {
      input = this.input();
    } catch (err) {
      view.showError(err instanceof Error ? err.message : String(err));
      return;
    }
    this.linkView(view);
    void runLayerViz(view, input, {
      signal: this.abort.signal,
      exclusive: (work) => tfQueue.run(work)
    }).then((shown) => {
      if (shown && this.view === view) {
        this.restoreChoices(view);
      }
    });
  }

  /** Rows of the user's original x of the shown samples, or null for 0..N-1. */
  private sampleIds(): ArrayLike<number> | null {
    return (this.model.get('sample_ids') as NdArray | null)?.data ?? null;
  }

  /**
   * Show the focus and selection the traits already hold once the layers are drawn: set from
   * Python before the view existed, or restored with a saved notebook.
   */
  private restoreChoices(view: LayerVizView): void {
    const focus = view.layerNames.indexOf(this.model.get('focus') as string);
    if (focus >= 0) {
      view.setFocus(focus);
    }
    const rows = this.model.get('selection') as number[];
    if (rows.length > 0 && view.selectionBus.selection === null) {
      selectRows(view, rows, this.sampleIds(), this);
    }
  }

  /**
   * What the user does in the view reaches the traits: the selection (rows of the user's
   * original x) as `widget.selection`, the slider as `widget.layer` (the `focus` trait), the
   * "Color by" menu as `widget.color_by`, and "Show more" as `widget.max_points`.
   */
  private linkView(view: LayerVizView): void {
    const sampleIds = this.sampleIds();
    const rowOf = (s: number): number => Number(sampleIds?.[s] ?? s);
    view.onSelectionChange((selection) => {
      const rows = selection === null ? [] : [...selection].map(rowOf).sort((a, b) => a - b);
      this.model.set('selection', rows, { fromView: true });
      this.touch();
    });
    view.onFocusChange((index) => {
      this.model.set('focus', view.layerNames[index] ?? '', { fromView: true });
      this.touch();
    });
    view.onColorByChange((colorBy) => {
      this.model.set('color_by', colorBy, { fromView: true });
      this.touch();
    });
    view.onShowMore((count) => {
      this.model.set('max_points', count);
      this.touch();
    });
  }

  /**
   * `widget.save(path)`: the kernel asks for the figure as a file at an absolute path; it is
   * written through the server's contents API (see {@link writeServerFile}). Failures are written
   * next to it as `<path>.error.txt`, which the kernel reports.
   */
  private async answerExport(view: LayerVizView, request: ExportRequest): Promise<void> {
    const target = serverRelativePath(request.path, serverRoot(), request.home);
    if (target === null) {
      return;
    }
    try {
      const file = await view.exportAs(request.format, request.scale ?? 2);
      await writeServerFile(target, file.data);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await writeServerFile(`${target}.error.txt`, new TextEncoder().encode(message)).catch(
        () => undefined
      );
    }
  }

  /**
   * Keep what the view shows in the `saved_layouts` and `saved_view` traits: the kernel reads
   * them (`widget.embedding(layer)`), and a saved notebook keeps them to draw the view again
   * without a kernel.
   */
  private persist(): void {
    // Once every layer is laid out, and coalesced: layouts and metrics arrive one layer at a
    // time while the worker runs, and the page must stay free for the preview meanwhile.
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      const view = this.view;
      if (view === null || view.finalLayouts.length < view.layerNames.length) {
        return;
      }
      const state = savedState(view);
      if (state !== null) {
        this.model.set({ saved_layouts: state.layouts, saved_view: state.view });
        this.touch();
      }
    }, PERSIST_DELAY_MS);
  }

  /** The per-sample traits (predictions, texts, thumbnails, metadata) as the view takes them. */
  private details(): SampleDetails {
    const model = this.model;
    const images = model.get('images') as NdArray | null;
    return {
      predictions: (model.get('predictions') as NdArray | null)?.data ?? null,
      confidence: (model.get('confidence') as NdArray | null)?.data ?? null,
      texts: model.get('texts') as string[] | null,
      images:
        images === null
          ? null
          : {
              data: images.data instanceof Uint8Array ? images.data : Uint8Array.from(images.data),
              shape: images.shape
            },
      meta: model.get('meta') as Record<string, MetaValue[]>,
      classNames: (model.get('label_names') as string[] | null) ?? null
    };
  }

  /** The layout traits as the view's parameters. */
  private layout(): LayoutParameters {
    const model = this.model;
    const iterations = model.get('iterations') as number | null;
    return {
      method: model.get('method') as LayoutMethod,
      dims: model.get('dims') === 3 ? 3 : 2,
      perplexity: model.get('perplexity') as number,
      neighbors: model.get('neighbors') as number,
      minDist: model.get('min_dist') as number,
      seed: model.get('seed') as number,
      ...(iterations === null ? {} : { iterations })
    };
  }

  /** MetricsMeasured: the kernel keeps every layer's metrics as `widget.metrics`. */
  private sendMetrics(metrics: Readonly<Record<string, LayerMetrics>>): void {
    this.model.send({ type: 'metrics_measured', values: finiteValues(metrics) }, {});
    this.persist();
  }

  /** A layout picked in the view goes back to the kernel's traits (`widget.method`, ...). */
  private syncLayout(params: LayoutParameters): void {
    this.model.set({
      method: params.method,
      dims: params.dims,
      perplexity: params.perplexity ?? 30,
      neighbors: params.neighbors ?? 15,
      min_dist: params.minDist ?? 0.1,
      seed: params.seed ?? 0
    });
    this.touch();
  }

  /**
   * Turn the synced state into the view's input: a model to run, the kernel's activations, or
   * (in a notebook reopened without its kernel) the layouts saved with it.
   */
  private input(): LayerVizInput {
    const model = this.model;
    const labels = (model.get('labels') as NdArray | null)?.data ?? null;
    const sampleIds = (model.get('sample_ids') as NdArray | null)?.data ?? null;
    const saved = this.savedInput(labels, sampleIds);
    if (saved !== null) {
      return saved;
    }
    if (model.get('compute') === 'kernel') {
      const arrays = toActivations(model.get('activations') as Record<string, NdArray> | null);
      const layers = (model.get('layer_info') as SyncedLayerInfo[]).map(toLayerInfo);
      const activations: LayerActivations[] = layers.map((layer) => {
        const act = arrays?.[layer.name];
        if (act === undefined) {
          throw new Error(`the kernel sent no (N, D) activations for layer "${layer.name}"`);
        }
        return act;
      });
      return {
        source: 'activations',
        layers,
        activations,
        labels,
        sampleIds,
        layout: this.layout(),
        onLayoutChange: (params) => this.syncLayout(params),
        metrics: this.model.get('metrics_level') as MetricsLevel,
        onMetrics: (metrics) => this.sendMetrics(metrics),
        details: this.details(),
        totalSamples: model.get('total_samples') as number,
        colorBy: model.get('color_by') as string,
        onLayout: () => this.persist()
      };
    }
    const x = model.get('x') as NdArray | null;
    if (x === null) {
      throw new Error('layerviz received no samples (x is empty); call layerviz.show(model, x).');
    }
    const backend = model.get('backend') as string;
    return {
      source: 'model',
      artifacts: {
        modelTopology: model.get('model_topology') as object,
        weightSpecs: model.get('weight_specs'),
        weightData: bytesFromJson(model.get('weight_data'))
      },
      x,
      labels,
      sampleIds,
      layout: this.layout(),
      onLayoutChange: (params) => this.syncLayout(params),
      metrics: model.get('metrics_level') as MetricsLevel,
      onMetrics: (metrics) => this.sendMetrics(metrics),
      details: this.details(),
      totalSamples: model.get('total_samples') as number,
      colorBy: model.get('color_by') as string,
      onLayout: () => this.persist(),
      layers: model.get('layers') as string[],
      backend: backend === 'auto' ? undefined : backend,
      reference: toActivations(model.get('fidelity_reference') as Record<string, NdArray> | null),
      // FidelityMeasured: the kernel keeps the numbers as `widget.fidelity`. JSON has no
      // Infinity, so a shape mismatch travels as null.
      onFidelity: (values) =>
        model.send(
          {
            type: 'fidelity_measured',
            values: Object.fromEntries(
              Object.entries(values).map(([k, v]) => [k, Number.isFinite(v) ? v : null])
            )
          },
          {}
        )
    };
  }

  /**
   * The saved layouts as the view's input when there is nothing to compute them from (the
   * notebook was saved without the model and reopened without its kernel); else null.
   */
  private savedInput(
    labels: ArrayLike<number> | null,
    sampleIds: ArrayLike<number> | null
  ): SavedInput | null {
    const model = this.model;
    const layouts = model.get('saved_layouts') as Record<string, NdArray> | null;
    const inputs = model.get('compute') === 'kernel' ? model.get('activations') : model.get('x');
    if (inputs !== null || layouts === null || !hasSavedLayouts(layouts)) {
      return null;
    }
    const view = model.get('saved_view') as SyncedSavedView;
    const { layers, coords } = savedLayers(view, layouts);
    return {
      source: 'saved',
      layers,
      layouts: coords,
      dims: view.dims === 3 ? 3 : 2,
      layerMetrics: view.metrics ?? {},
      fidelity: view.fidelity ?? {},
      labels,
      sampleIds,
      layout: this.layout(),
      details: this.details(),
      colorBy: model.get('color_by') as string,
      // What the kernel said (sampling, fallback) still holds for the saved layouts.
      notice: [model.get('notice') as string, SAVED_NOTICE].filter((t) => t !== '').join('\n')
    };
  }

  /** The view this widget draws into (null before render and after removal). */
  get layerViz(): LayerVizView | null {
    return this.view;
  }

  remove(): void {
    clearTimeout(this.persistTimer);
    this.abort.abort();
    this.view?.dispose();
    this.view = null;
    super.remove();
  }
}

/** Select in `view` the samples whose original rows are `rows`. */
function selectRows(
  view: LayerVizView,
  rows: readonly number[],
  sampleIds: ArrayLike<number> | null,
  source: object
): void {
  const wanted = new Set(rows);
  const positions: number[] = [];
  const count = sampleIds?.length ?? 0;
  for (let s = 0; s < count; s++) {
    if (wanted.has(Number(sampleIds?.[s] ?? s))) {
      positions.push(s);
    }
  }
  view.selectionBus.select(positions, source);
}

/** How long the view waits for more layouts or metrics before saving them to the traits, in ms. */
const PERSIST_DELAY_MS = 300;

/** Traits the view computes from; a saved notebook leaves them out (see `get_state`). */
const COMPUTE_INPUTS: ReadonlySet<string> = new Set([
  'model_topology',
  'weight_specs',
  'weight_data',
  'x',
  'activations',
  'fidelity_reference'
]);

/** `widget.save()`'s request, as the kernel sends it. */
interface ExportRequest {
  type: string;
  /** Absolute path of the file on the kernel's machine. */
  path: string;
  /** The kernel user's home directory, to expand a server root given as `~/...`. */
  home: string;
  format: 'png' | 'svg' | 'html' | 'csv';
  scale?: number;
}

function toActivations(
  arrays: Record<string, NdArray> | null
): Record<string, LayerActivations> | undefined {
  if (arrays === null) {
    return undefined;
  }
  const out: Record<string, LayerActivations> = {};
  for (const [layer, array] of Object.entries(arrays)) {
    // Only (N, D) arrays are activations; anything else is left out and reported by the caller.
    if (array.shape.length === 2) {
      out[layer] = {
        layer,
        data: array.data instanceof Float32Array ? array.data : Float32Array.from(array.data),
        rows: array.shape[0] ?? 0,
        cols: array.shape[1] ?? 0
      };
    }
  }
  return out;
}
