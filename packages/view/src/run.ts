import {
  analyzeActivations,
  analyzeModel,
  blockOf,
  type LayerActivations,
  type LayerInfo,
  type LayerResult,
  type ModelArtifacts,
  type NdArray,
  scaledMaxDifference,
  tensorMemory,
  useBestBackend
} from '@layerviz/core';
import { DEFAULT_LAYOUT, type LayoutParameters } from '@layerviz/core/reduce';
import type { LayerMetrics, LayoutReply, MetricsLevel } from '@layerviz/core/service';

import type { CkaMatrix } from './cka_heatmap.js';
import type { ColorBy, SampleDetails } from './coloring.js';
import { METHOD_LABELS } from './controls.js';
import { backendLabel, backendOrder, webglRenderer } from './backend.js';
import { alignedTo } from './epochs.js';
import { LayoutClient } from './layout_client.js';
import type { NavigatorLayer } from './navigator.js';
import { type SelectionMetricsState, SelectionMetricsTracker } from './selection_metrics.js';
import type { LayerVizView } from './view.js';

/** What every input shares: the samples' labels and ids. */
interface SampleInput {
  /** A class id per sample, or null. */
  readonly labels: ArrayLike<number> | null;
  /** Index of each sample in the user's original data, or null for 0..N-1. */
  readonly sampleIds?: ArrayLike<number> | null;
  /** How to lay the layers out first; default {@link DEFAULT_LAYOUT}. The view can change it. */
  readonly layout?: LayoutParameters;
  /** Told whenever the user picks another layout in the view. */
  readonly onLayoutChange?: (params: LayoutParameters) => void;
  /**
   * Separability metrics per layer: `'none'`, `'fast'` (k-NN, silhouette, intrinsic dimension,
   * and the CKA between every pair of layers; default) or `'all'`.
   */
  readonly metrics?: MetricsLevel;
  /** Told every layer's metrics measured so far, each time a layer's arrive. */
  readonly onMetrics?: (metrics: Readonly<Record<string, LayerMetrics>>) => void;
  /** Told the linear CKA between every pair of layers once measured (after the metrics). */
  readonly onCka?: (matrix: CkaMatrix) => void;
  /**
   * Told how separable the selection is in each layer, as each layer's numbers arrive (null:
   * the selection was cleared); see `SelectionMetricsTracker`.
   */
  readonly onSelectionMetrics?: (state: SelectionMetricsState | null) => void;
  /** Predictions, texts, thumbnails and metadata of the samples (hover, search, colors). */
  readonly details?: SampleDetails;
  /** What colors the points first; default `'label'`. */
  readonly colorBy?: ColorBy;
  /** Told each layer's final layout, `(N, dims)` row-major, as it arrives. */
  readonly onLayout?: (layer: string, coords: Float32Array, dims: 2 | 3) => void;
  /** How many samples the user's data holds (when more than are shown, the view offers more). */
  readonly totalSamples?: number;
  /**
   * Workers laying layers out at once, at least 1; default one per core but one, at most 4 (see
   * `layoutWorkerCount`).
   */
  readonly layoutWorkers?: number;
  /**
   * Every layer of the model, for the view's layer list; default: the model's own (when the
   * browser runs it) or the shown layers.
   */
  readonly allLayers?: readonly NavigatorLayer[];
  /**
   * Whether the host computes a layer the user picks in the layer list (it listens to the
   * view's `onLayersRequest`); default false.
   */
  readonly canAddLayers?: boolean;
}

/** A model to run in the browser: its layers are computed with TF.js. */
export interface ModelInput extends SampleInput {
  readonly source: 'model';
  readonly artifacts: ModelArtifacts;
  /** The samples fed to the model, `(N, ...)`. */
  readonly x: NdArray;
  /** Layer names to show; empty or absent for all. */
  readonly layers?: readonly string[];
  /** TF.js backend to prefer (`'webgl'`, `'cpu'`, ...); default: the best available. */
  readonly backend?: string;
  /**
   * Pooled activations of the first samples computed by the model's own framework, per layer
   * name: TF.js's are compared with them (see `scaledMaxDifference`).
   */
  readonly reference?: Readonly<Record<string, LayerActivations>>;
  /** Receives the per-layer differences once they are measured. */
  readonly onFidelity?: (values: Record<string, number>) => void;
}

/** Activations computed elsewhere (the kernel), one pooled `(N, D)` array per layer. */
export interface ActivationsInput extends SampleInput {
  readonly source: 'activations';
  readonly layers: readonly LayerInfo[];
  readonly activations: readonly LayerActivations[];
}

/**
 * Layouts computed earlier (e.g. kept in a saved notebook): shown as they were; nothing is
 * computed, so the layout controls are disabled.
 */
export interface SavedInput extends SampleInput {
  readonly source: 'saved';
  /** The layers, in the order shown. */
  readonly layers: readonly LayerInfo[];
  /** Per layer name: `(N, dims)` row-major coordinates. */
  readonly layouts: Readonly<Record<string, Float32Array>>;
  /** 2 or 3 coordinates per sample. */
  readonly dims: 2 | 3;
  /** Per layer name: the metrics measured then. */
  readonly layerMetrics?: Readonly<Record<string, LayerMetrics>>;
  /** The CKA between every pair of layers measured then, if any. */
  readonly cka?: CkaMatrix | null;
  /** Per layer name: the fidelity measured then (see `scaledMaxDifference`). */
  readonly fidelity?: Readonly<Record<string, number>>;
  /** What else to say above the plots (e.g. how samples were chosen), before {@link SAVED_NOTICE}. */
  readonly notice?: string;
}

/** Everything the view needs to compute and show a model's layers. */
export type LayerVizInput = ModelInput | ActivationsInput | SavedInput;

/** The notice above a view restored from saved layouts. */
export const SAVED_NOTICE =
  'Saved view: these layouts were saved with the notebook. Run the cell again to recompute them ' +
  'or to pick another layout.';

/** Options of {@link runLayerViz}. */
export interface RunOptions {
  /** Stops everything; the layout worker is shut down when it fires. */
  readonly signal?: AbortSignal;
  /**
   * Runs the TF.js part (activations and PCA) exclusively: TF.js backends are global per page, so
   * several views must take turns. Default: run directly.
   */
  readonly exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /**
   * Keep the layouts the view shows (marked outdated) until the new ones arrive, instead of
   * empty plots: for running again on the same samples, e.g. after a training epoch.
   */
  readonly keepLayouts?: boolean;
  /**
   * The model and samples are as before and only the set of layers changed (the user added
   * one): the final layouts the view shows are kept as they are, only new layers are laid out.
   */
  readonly reuseLayouts?: boolean;
  /**
   * Layouts made earlier of these very features with the view's layout parameters (e.g. a
   * training epoch shown before), by layer name: kept instead of computed again.
   */
  readonly known?: Readonly<Record<string, Float32Array>>;
  /**
   * Per layer name, a layout of the same samples to rotate that layer's frames and layouts onto
   * (orthogonal Procrustes), e.g. the layer at the epoch shown before: points then move only as
   * much as the representation does. Applies to the first layout parameters only.
   */
  readonly alignTo?: Readonly<Record<string, Float32Array>>;
}

/**
 * Compute (or take) every chosen layer's activations, bring them to ≤ 50 dimensions, then lay
 * each layer out in a Web Worker (t-SNE, UMAP or PCA, aligned layer to layer) and show the layouts
 * in `view` as they form. Picking another layout in the view starts it again from the kept
 * features. Errors are shown in the view in plain words; an abort stops quietly.
 *
 * @returns true once the first layout of every layer is shown, false on error or abort.
 */
export async function runLayerViz(
  view: LayerVizView,
  input: LayerVizInput,
  options: RunOptions = {}
): Promise<boolean> {
  const { signal } = options;
  const exclusive = options.exclusive ?? (<T>(work: () => Promise<T>) => work());
  view.setSamples(input.labels, input.sampleIds ?? null);
  view.setDetails(input.details ?? {});
  view.setColorBy(input.colorBy ?? 'label');
  const shown = input.sampleIds?.length ?? input.labels?.length ?? 0;
  view.setSampling(shown, Math.max(shown, input.totalSamples ?? shown));
  // Read before anything changes: setLayers marks what is shown as outdated.
  const known = options.reuseLayouts
    ? Object.fromEntries(view.finalLayouts.map((l) => [l.info.name, l.coords]))
    : (options.known ?? {});
  view.setLayoutParameters(input.layout ?? DEFAULT_LAYOUT);
  // What the view shows (computed by a model here, from activations, or saved), for people
  // debugging a page and for the browser tests.
  view.node.dataset['source'] = input.source;
  if (input.source === 'saved') {
    view.setModelLayers(input.allLayers ?? null, false);
    return showSaved(view, input);
  }
  let results: LayerResult[];
  try {
    results = await exclusive(async () => {
      const keep = (options.keepLayouts ?? false) || (options.reuseLayouts ?? false);
      const computed = await computeFeatures(view, input, signal, keep);
      // TF.js memory once this view's work is done (read while no other view computes): it must
      // not grow from view to view, nor when a cell runs again (checked by the browser tests).
      view.node.dataset['tfTensors'] = String(tensorMemory().numTensors);
      view.node.dataset['tfBytes'] = String(tensorMemory().numBytes);
      return computed;
    });
  } catch (err) {
    if (!signal?.aborted) {
      view.showError(err instanceof Error ? err.message : String(err));
    }
    return false;
  }
  if (signal?.aborted) {
    return false;
  }
  const warning = invalidRowsNotice(results, input.sampleIds ?? null);
  if (warning !== '') {
    view.addNotice(warning);
  }
  return layOut(view, results, input, signal, known, options.alignTo ?? {});
}

/**
 * `coords` (`(N, dims)` row-major) with the samples at `rows` set to NaN, which Plotly and the
 * preview leave undrawn; `coords` itself when `rows` is empty.
 */
export function hideRows(coords: Float32Array, rows: Int32Array, dims: number): Float32Array {
  if (rows.length === 0) {
    return coords;
  }
  const out = coords.slice();
  for (const r of rows) {
    out.fill(Number.NaN, r * dims, (r + 1) * dims);
  }
  return out;
}

/** One sentence per layer with samples whose activations are not finite; "" when none. */
export function invalidRowsNotice(
  results: readonly LayerResult[],
  sampleIds: ArrayLike<number> | null
): string {
  return results
    .filter((r) => r.invalidRows.length > 0)
    .map((r) => {
      const rows = [...r.invalidRows.slice(0, 5)].map((s) => String(sampleIds?.[s] ?? s));
      const more = r.invalidRows.length > 5 ? ', …' : '';
      return (
        `Layer "${r.info.name}": ${r.invalidRows.length} samples have NaN or infinite ` +
        `activations and are not drawn in it (rows ${rows.join(', ')}${more}).`
      );
    })
    .join('\n');
}

/** Draw saved layouts as they were: no model, no worker. */
async function showSaved(view: LayerVizView, input: SavedInput): Promise<boolean> {
  const missing = input.layers.filter((l) => input.layouts[l.name] === undefined);
  if (missing.length > 0) {
    view.showError(
      `the saved view has no layout for ${missing.map((l) => `"${l.name}"`).join(', ')}; ` +
        'run the cell again to recompute it.'
    );
    return false;
  }
  view.setNotice([input.notice ?? '', SAVED_NOTICE].filter((t) => t !== '').join('\n'));
  view.setLayoutEnabled(false);
  view.setLayers(input.layers);
  for (const [name, values] of Object.entries(input.layerMetrics ?? {})) {
    view.setMetrics(name, values);
  }
  if (input.cka) {
    view.setCka(input.cka);
  }
  if (input.fidelity !== undefined) {
    view.setFidelity(input.fidelity);
  }
  for (const layer of input.layers) {
    view.setCoords(layer.name, input.layouts[layer.name] as Float32Array, { dims: input.dims });
  }
  await view.whenRendered();
  return true;
}

async function computeFeatures(
  view: LayerVizView,
  input: ModelInput | ActivationsInput,
  signal: AbortSignal | undefined,
  keepLayouts: boolean
): Promise<LayerResult[]> {
  const options = {
    signal,
    onProgress: view.setProgress.bind(view),
    onLayersChosen: (infos: readonly LayerInfo[], all?: readonly LayerInfo[]) => {
      const listed = input.allLayers ?? all?.map((l) => ({ ...l, block: blockOf(l.name) }));
      view.setModelLayers(listed ?? null, input.canAddLayers ?? false);
      view.setLayers(infos, keepLayouts);
    }
  };
  if (input.source === 'model') {
    const renderer = webglRenderer(view.node.ownerDocument);
    const backend = await useBestBackend(input.backend, backendOrder(renderer));
    view.setBackend(backendLabel(backend, renderer), backend);
    return analyzeModel(input.artifacts, input.x, {
      ...options,
      layers: input.layers,
      onActivations: (activations) => reportFidelity(view, input, activations)
    });
  }
  return analyzeActivations(input.layers, input.activations, options);
}

/** Run layouts in the worker until `signal` fires; resolves after the first complete layout. */
function layOut(
  view: LayerVizView,
  results: readonly LayerResult[],
  input: ModelInput | ActivationsInput,
  signal: AbortSignal | undefined,
  known: Readonly<Record<string, Float32Array>>,
  alignTo: Readonly<Record<string, Float32Array>>
): Promise<boolean> {
  const names = results.map((r) => r.info.name);
  let params = view.layoutParameters;
  let align = alignTo;
  const hidden = (layer: number, coords: Float32Array): Float32Array =>
    alignedTo(
      hideRows(coords, results[layer]?.invalidRows ?? new Int32Array(0), params.dims),
      align[names[layer] ?? ''],
      params.dims
    );
  let firstDone: (ok: boolean) => void = () => undefined;
  const first = new Promise<boolean>((resolve) => (firstDone = resolve));
  const label = (): string => METHOD_LABELS[params.method];
  // Layers are laid out nearest to the focus first, so progress counts layers, not positions.
  let laidOut = 0;
  let selection: SelectionMetricsTracker | null = null;
  const client = new LayoutClient(
    (reply: LayoutReply) => {
      if (selection?.handle(reply) === true) {
        return;
      }
      switch (reply.type) {
        case 'frame': {
          const preview = reply.total === 0;
          const status = preview ? 'PCA preview' : `${label()} ${reply.done}/${reply.total}`;
          view.setCoords(names[reply.layer] ?? '', hidden(reply.layer, reply.coords), {
            dims: params.dims,
            final: false,
            status
          });
          if (!preview) {
            view.setProgress({
              stage: 'layout',
              done: laidOut * reply.total + reply.done,
              total: names.length * reply.total,
              message:
                `${label()}: ${laidOut} of ${names.length} layers laid out; layer ` +
                `"${names[reply.layer] ?? ''}", iteration ${reply.done} of ${reply.total}`
            });
          }
          return;
        }
        case 'layout':
          laidOut += 1;
          view.setProgress({
            stage: 'layout',
            done: laidOut,
            total: names.length,
            message: `${label()}: ${laidOut} of ${names.length} layers laid out`
          });
          {
            const coords = hidden(reply.layer, reply.coords);
            view.setCoords(names[reply.layer] ?? '', coords, { dims: params.dims });
            input.onLayout?.(names[reply.layer] ?? '', coords, params.dims);
          }
          return;
        case 'metrics-progress':
          view.setProgress({
            stage: 'metrics',
            done: Math.round(reply.fraction * 100),
            total: 100,
            message: `Metrics: layer ${reply.layer + 1} of ${names.length}, ${Math.round(reply.fraction * 100)}%`
          });
          return;
        case 'metrics':
          view.setMetrics(names[reply.layer] ?? '', reply.values);
          input.onMetrics?.(view.layerMetrics);
          return;
        case 'cka-progress':
          view.setProgress({
            stage: 'metrics',
            done: Math.round(reply.fraction * 100),
            total: 100,
            message: `CKA between layers: ${Math.round(reply.fraction * 100)}%`
          });
          return;
        case 'cka':
          view.setCka({ layers: reply.layers, values: reply.values });
          input.onCka?.({ layers: reply.layers, values: reply.values });
          return;
        case 'done':
          view.setProgress(null);
          void view.whenRendered().then(() => firstDone(true));
          return;
        case 'error':
          view.showError(`${label()} failed: ${reply.message}`);
          firstDone(false);
          return;
      }
    },
    globalThis,
    input.layoutWorkers
  );
  // Where layouts run, for people debugging a page (and for the browser tests).
  view.node.dataset['layoutRunner'] = client.inWorker ? 'worker' : 'page';
  view.node.dataset['layoutWorkers'] = String(LayoutClient.liveWorkers);
  view.node.dataset['layoutLanes'] = String(client.workerCount);
  const labels = input.labels === null ? null : Int32Array.from(input.labels as ArrayLike<number>);
  client.setData(
    results.map((r) => r.features),
    labels
  );
  // Whatever is selected is measured layer by layer in the worker, beside the layouts.
  const tracked = new SelectionMetricsTracker(
    client,
    names,
    results[0]?.features.rows ?? 0,
    (state) => {
      view.setSelectionMetrics(state);
      input.onSelectionMetrics?.(state);
    }
  );
  selection = tracked;
  view.setSelectionMetrics(null);
  const unselect = view.onSelectionChange((samples) => tracked.select(samples));
  tracked.select(view.selectionBus.selection);
  let reuse = known;
  let started = false;
  const start = (next: LayoutParameters): void => {
    // Layouts of other parameters are not what the reference layouts were made with.
    align = started ? {} : align;
    started = true;
    params = next;
    laidOut = 0;
    client.focus(view.focus);
    view.restartLayouts();
    view.setProgress({
      stage: 'layout',
      done: 0,
      total: names.length,
      message: `${label()}: starting`
    });
    client.layout(next, input.metrics ?? 'fast', reuse);
    // Only the first layout has the parameters those layouts were made with.
    reuse = {};
  };
  const unsubscribe = view.onLayoutChange((next) => {
    input.onLayoutChange?.(next);
    start(next);
  });
  // Work where the user looks: the focused layer and its neighbours are laid out first.
  const unfocus = view.onFocusChange((index) => client.focus(index));
  signal?.addEventListener(
    'abort',
    () => {
      unsubscribe();
      unfocus();
      unselect();
      tracked.dispose();
      client.dispose();
      firstDone(false);
    },
    { once: true }
  );
  // The figure of empty subplots is drawn before the worker starts, so no Plotly work overlaps it.
  void view.whenRendered().then(() => {
    if (!signal?.aborted) {
      start(params);
    }
  });
  return first;
}

function reportFidelity(
  view: LayerVizView,
  input: ModelInput,
  activations: readonly LayerActivations[]
): void {
  const reference = input.reference;
  if (reference === undefined || Object.keys(reference).length === 0) {
    return;
  }
  const values: Record<string, number> = {};
  for (const act of activations) {
    const want = reference[act.layer];
    if (want !== undefined) {
      values[act.layer] = scaledMaxDifference(act, want);
    }
  }
  view.setFidelity(values);
  input.onFidelity?.(values);
}
