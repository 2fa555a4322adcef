import {
  analyzeActivations,
  analyzeModel,
  blockOf,
  type LayerActivations,
  type LayerInfo,
  type LayerResult,
  scaledMaxDifference,
  tensorMemory,
  useBestBackend
} from '@layerviz/core';
import { DEFAULT_LAYOUT } from '@layerviz/core/reduce';

import { backendLabel, backendOrder, webglRenderer } from './backend.js';
import type {
  ActivationsInput,
  LayerVizInput,
  ModelInput,
  RunOptions,
  SavedInput
} from './run_input.js';
import { runLayouts } from './run_layouts.js';
import type { LayerVizView } from './view.js';

/** The notice above a view restored from saved layouts. */
export const SAVED_NOTICE =
  'Saved view: these layouts were saved with the notebook. Run the cell again to recompute them ' +
  'or to pick another layout.';

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
  let params = input.layout ?? DEFAULT_LAYOUT;
  view.setLayoutParameters(params);
  // What the view shows (computed by a model here, from activations, or saved), for people
  // debugging a page and for the browser tests.
  view.node.dataset['source'] = input.source;
  if (input.source === 'saved') {
    view.setModelLayers(input.allLayers ?? null, false);
    return showSaved(view, input);
  }
  // A layout the user picks while the features are computed is the one laid out first.
  const unpick = view.onLayoutChange((next) => (params = next));
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
  } finally {
    unpick();
  }
  if (signal?.aborted) {
    return false;
  }
  const warning = invalidRowsNotice(results, input.sampleIds ?? null);
  if (warning !== '') {
    view.addNotice(warning);
  }
  const plan = { params, metrics: input.metrics ?? 'fast', known, alignTo: options.alignTo ?? {} };
  return runLayouts(view, results, input, plan, signal);
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
