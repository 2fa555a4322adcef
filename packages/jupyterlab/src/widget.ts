import { DOMWidgetModel, DOMWidgetView, type ISerializers } from '@jupyter-widgets/base';
import type { JSONObject } from '@lumino/coreutils';
import type { NdArray } from '@layerviz/core';
import type { LayoutParameters } from '@layerviz/core/reduce';
import type { LayerMetrics } from '@layerviz/core/service';
import {
  type CkaMatrix,
  type LayerVizInput,
  LayerVizView,
  runLayerViz,
  tfQueue
} from '@layerviz/view';

import { serverRoot, writeServerFile } from './save_file.js';
import { ckaToJson, finiteValues, hasSavedLayouts, savedState } from './saved_view.js';
import {
  savedSelectionMetrics,
  type SelectionMetricsTrait,
  selectionMetricsTrait
} from './selection_metrics.js';
import { serverRelativePath } from './server_path.js';
import { TRAIT_SERIALIZERS } from './serializers.js';
import { EpochTimeline, gridSerializer } from './timeline.js';
import { layoutChangeFromKernel, layoutTraits, TRAIT_DEFAULTS } from './traits.js';
import { viewInput } from './view_input.js';
import { provideWasmBinary } from './wasm_backend.js';
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
      ...TRAIT_DEFAULTS
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
    ...TRAIT_SERIALIZERS,
    grid: gridSerializer
  };
}

/** Added to a view's notices when its kernel dies or restarts. */
export const KERNEL_GONE_NOTICE =
  'The kernel stopped (it died or was restarted). These plots keep working here, but Python no ' +
  'longer hears of selections or layer changes and cannot send more samples; run the cell again ' +
  'to reconnect.';

/**
 * Renders a {@link LayerVizModel} with the {@link LayerVizView} of `@layerviz/view`.
 */
export class LayerVizWidgetView extends DOMWidgetView {
  private view: LayerVizView | null = null;
  private abort = new AbortController();
  private persistTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** The user added a layer and the kernel is computing it. */
  private layersPending = false;
  /** The epochs of a recorder's widget (`layerviz.show(rec)`); inactive for the others. */
  private timeline: EpochTimeline | null = null;

  render(): void {
    provideWasmBinary();
    const timeline = new EpochTimeline(this.model as unknown as LayerVizModel, () => this.touch());
    this.timeline = timeline;
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
    // Layout traits set from Python (`widget.method = "umap"`): lay the layers out anew, as if
    // the user had picked the layout in the controls (a saved view has nothing to lay out).
    this.listenTo(this.model, 'change', (_model: unknown, options) => {
      const view = this.view;
      if (view === null || (options as { fromView?: boolean } | undefined)?.fromView) {
        return;
      }
      const changed = Object.keys(this.model.changedAttributes() || {});
      const change = layoutChangeFromKernel(changed, this.model, view.layoutParameters);
      if (change === null || view.node.dataset['source'] === 'saved') {
        return;
      }
      if (change.action === 'relayout') {
        view.requestLayout(change.params);
      } else {
        view.setLayoutParameters(change.params);
      }
    });
    // The kernel died or restarted: the view keeps working, but nothing reaches Python now.
    this.listenTo(this.model, 'comm_live_update', () => {
      if (!this.model.comm_live) {
        this.view?.addNotice(KERNEL_GONE_NOTICE);
      }
    });
    // A recorder's widget: the kernel sent the activations of the epoch chosen.
    this.listenTo(this.model, 'change:activations', () => {
      if (timeline.active && this.view !== null) {
        this.start(true);
      }
    });
    this.listenTo(this.model, 'change:epoch', (_model: unknown, _epoch: number, options) => {
      if (this.view !== null && !(options as { fromView?: boolean } | undefined)?.fromView) {
        timeline.follow(this.view);
      }
    });
    // New samples from the kernel (`widget.max_points` changed): start again with them.
    this.listenTo(this.model, 'change:sample_ids', () => this.start());
    // The kernel computed the layers the user added in the layer list.
    this.listenTo(this.model, 'change:layer_info', () => {
      if (this.layersPending) {
        this.layersPending = false;
        this.start(true);
      }
    });
    this.start();
  }

  /**
   * Sync changed traits to the kernel. With the kernel gone (the comm is closed) changes stay in
   * the model, which a saved notebook keeps, instead of throwing "Cannot send" into the view.
   */
  touch(): void {
    if (this.model.comm_live) {
      super.touch();
    }
  }

  /** Send a custom message to the widget in the kernel, if the kernel is still there. */
  private sendToKernel(content: JSONObject): void {
    if (this.model.comm_live) {
      this.model.send(content, {});
    }
  }

  /**
   * Make a fresh view of the current traits and compute it, replacing any earlier one; with
   * `sameView` (only the layers changed), compute them in the view shown, keeping its layouts.
   */
  private start(sameView = false): void {
    this.abort.abort();
    this.abort = new AbortController();
    clearTimeout(this.persistTimer);
    const reuse = sameView && this.view !== null;
    if (!reuse) {
      this.view?.dispose();
      this.view = new LayerVizView(this.el.ownerDocument);
      this.el.appendChild(this.view.node);
    }
    const view = this.view as LayerVizView;
    view.setNotice((this.model.get('notice') as string) || null);
    let input: LayerVizInput;
    try {
      input = viewInput(this.model, {
        onLayoutChange: (params) => this.syncLayout(params),
        onMetrics: (metrics) => this.sendMetrics(metrics),
        onCka: (matrix) => this.sendCka(matrix),
        onSelectionMetrics: (state) => {
          // `widget.selection_metrics()` reads it; a saved notebook keeps it with the view.
          const layers = this.view?.layerNames ?? [];
          const trait = selectionMetricsTrait(state, this.sampleIds(), layers);
          this.model.set('selection_separability', trait, { fromView: true });
          this.touch();
        },
        onLayout: () => this.persist(),
        onFidelity: (values) => this.sendFidelity(values)
      });
    } catch (err) {
      view.showError(err instanceof Error ? err.message : String(err));
      return;
    }
    if (!reuse) {
      this.linkView(view);
    }
    const epochs = this.timeline?.active ? this.timeline.prepare(view, input) : null;
    void runLayerViz(view, epochs?.input ?? input, {
      signal: this.abort.signal,
      exclusive: (work) => tfQueue.run(work),
      // Another epoch: other activations of the same samples, shown over the old layouts.
      reuseLayouts: reuse && epochs === null,
      keepLayouts: reuse && epochs !== null,
      ...epochs?.options
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
      // A saved view has no features to measure a selection on: it shows what was kept.
      if (view.node.dataset['source'] === 'saved') {
        const kept = this.model.get('selection_separability') as SelectionMetricsTrait;
        view.setSelectionMetrics(savedSelectionMetrics(kept, [...(selection ?? [])], sampleIds));
      }
    });
    view.onFocusChange((index) => {
      this.model.set('focus', view.layerNames[index] ?? '', { fromView: true });
      this.touch();
    });
    view.onColorByChange((colorBy) => {
      this.model.set('color_by', colorBy, { fromView: true });
      this.touch();
    });
    view.epochs.onChange((index) => {
      if (this.timeline?.choose(view, index) === true) {
        this.touch();
      }
    });
    view.onShowMore((count) => {
      this.model.set('max_points', count);
      this.touch();
    });
    // A layer picked in the layer list: `widget.layers` grows; the browser computes it at once,
    // the kernel first (its activations arrive as `layer_info` and `activations`).
    view.onLayersRequest((layers) => {
      this.model.set('layers', layers);
      this.touch();
      if (this.model.get('compute') === 'kernel') {
        this.layersPending = true;
      } else {
        this.start(true);
      }
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

  /** MetricsMeasured: the kernel keeps every layer's metrics as `widget.metrics`. */
  private sendMetrics(metrics: Readonly<Record<string, LayerMetrics>>): void {
    this.sendToKernel({ type: 'metrics_measured', values: finiteValues(metrics) });
    this.persist();
  }

  /** CkaMeasured: the kernel keeps the CKA between every pair of layers as `widget.cka`. */
  private sendCka(matrix: CkaMatrix): void {
    this.sendToKernel({ type: 'cka_measured', ...ckaToJson(matrix) });
    this.persist();
  }

  /**
   * FidelityMeasured: the kernel keeps the numbers as `widget.fidelity`. JSON has no Infinity,
   * so a shape mismatch travels as null.
   */
  private sendFidelity(values: Record<string, number>): void {
    const finite = Object.entries(values).map(([k, v]) => [k, Number.isFinite(v) ? v : null]);
    this.sendToKernel({ type: 'fidelity_measured', values: Object.fromEntries(finite) });
  }

  /** A layout picked in the view goes back to the kernel's traits (`widget.method`, ...). */
  private syncLayout(params: LayoutParameters): void {
    this.model.set(layoutTraits(params), { fromView: true });
    this.touch();
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
  'fidelity_reference',
  // The epochs grid: kernel-made thumbnails of epochs a saved view cannot move to.
  'grid'
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
