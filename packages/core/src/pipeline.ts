import * as tf from '@tensorflow/tfjs';

import { computeActivations, type LayerActivations } from './activations.js';
import { defaultLayers } from './layer_choice.js';
import { type LayerInfo, listLayers, loadModel, type ModelArtifacts, modelGraph } from './model.js';
import type { NdArray } from './ndarray.js';
import { type OnProgress, throwIfAborted, yieldToEventLoop } from './progress.js';
import type { LayerFeatures } from './reduce/layouts.js';
import { randomizedPca } from './randomized_pca.js';

/** Layers wider than this are brought down to it with PCA before t-SNE or UMAP. */
export const MAX_FEATURES = 50;

/** One layer's result: what it is and its samples' features, ready for a layout. */
export interface LayerResult {
  readonly info: LayerInfo;
  /** `(N, ≤ MAX_FEATURES)` features: the pooled activations, or their first principal components. */
  readonly features: LayerFeatures;
  /** Pooled activation width D before PCA. */
  readonly width: number;
  /** Fraction of the variance the kept components explain, in [0, 1]; 1 when no PCA was needed. */
  readonly varianceKept: number;
  /**
   * Samples (positions, ascending) whose activations in this layer hold NaN or ±Infinity: their
   * features are set to 0 so that the layout can run, and the view does not draw them here.
   */
  readonly invalidRows: Int32Array;
}

/** Positions of the rows of `(rows, cols)` row-major `data` holding NaN or ±Infinity, ascending. */
export function nonFiniteRows(data: ArrayLike<number>, rows: number, cols: number): Int32Array {
  const bad: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!Number.isFinite(data[r * cols + c] ?? 0)) {
        bad.push(r);
        break;
      }
    }
  }
  return Int32Array.from(bad);
}

/** Options of {@link analyzeModel}. */
export interface AnalyzeOptions {
  /**
   * Layer names to show, in the model's order; default every layer of a model of at most
   * {@link DEFAULT_LAYER_COUNT}, a deeper model's block outputs (see {@link defaultLayers}).
   */
  readonly layers?: readonly string[];
  /** Called as each stage advances. */
  readonly onProgress?: OnProgress;
  /**
   * Called once the layers to show are known, before any computation, with every layer of the
   * model (but inputs) when known.
   */
  readonly onLayersChosen?: (layers: readonly LayerInfo[], all?: readonly LayerInfo[]) => void;
  /** Called once with every chosen layer's pooled activations, before they are projected. */
  readonly onActivations?: (activations: readonly LayerActivations[]) => void;
  /** Called with each layer's features as soon as they are ready. */
  readonly onLayer?: (result: LayerResult, layers: readonly LayerInfo[]) => void;
  /** Cancels between batches and between layers. */
  readonly signal?: AbortSignal;
}

/**
 * Rebuild the model, run one forward pass for all chosen layers, and bring each layer to at most
 * {@link MAX_FEATURES} dimensions (randomized PCA on the current backend) for `layoutLayers`.
 * Disposes the model and every tensor before it returns or throws.
 *
 * @throws Error with a plain-words message if a layer does not exist or x does not fit.
 */
export async function analyzeModel(
  artifacts: ModelArtifacts,
  x: NdArray,
  options: AnalyzeOptions = {}
): Promise<LayerResult[]> {
  options.onProgress?.({ stage: 'load', done: 0, total: 1, message: 'Loading the model' });
  const model = await loadModel(artifacts);
  try {
    const all = listLayers(model);
    const names = options.layers?.length ? options.layers : defaultLayers(modelGraph(model));
    const chosen = chooseLayers(all, names);
    options.onLayersChosen?.(chosen, all);
    const activations = await computeActivations(
      model,
      x,
      chosen.map((l) => l.name),
      { onProgress: options.onProgress, signal: options.signal }
    );
    options.onActivations?.(activations);
    return await prepareLayers(chosen, activations, options);
  } finally {
    model.dispose();
  }
}

/**
 * Prepare activations computed elsewhere (by the kernel, for models TF.js cannot rebuild) the
 * same way {@link analyzeModel} prepares its own, reported as it goes.
 *
 * @param layers - one entry per element of `activations`, in the same order.
 * @throws Error if the two lists differ in length or a layer's data does not fit its shape.
 */
export async function analyzeActivations(
  layers: readonly LayerInfo[],
  activations: readonly LayerActivations[],
  options: Omit<AnalyzeOptions, 'layers'> = {}
): Promise<LayerResult[]> {
  if (layers.length !== activations.length) {
    throw new Error(`${layers.length} layers but ${activations.length} activation arrays`);
  }
  for (const act of activations) {
    if (act.data.length !== act.rows * act.cols) {
      throw new Error(`activations of layer "${act.layer}" do not fit (${act.rows}, ${act.cols})`);
    }
  }
  options.onLayersChosen?.(layers);
  return prepareLayers(layers, activations, options);
}

async function prepareLayers(
  chosen: readonly LayerInfo[],
  activations: readonly LayerActivations[],
  options: Omit<AnalyzeOptions, 'layers'>
): Promise<LayerResult[]> {
  const results: LayerResult[] = [];
  for (const [i, act] of activations.entries()) {
    throwIfAborted(options.signal);
    options.onProgress?.({
      stage: 'projection',
      done: i,
      total: activations.length,
      message:
        act.cols > MAX_FEATURES
          ? `PCA to ${MAX_FEATURES} dimensions: layer ${i + 1} of ${activations.length}`
          : `Preparing layer ${i + 1} of ${activations.length}`
    });
    const result = await prepareLayer(chosen[i] as LayerInfo, act);
    results.push(result);
    options.onLayer?.(result, chosen);
    await yieldToEventLoop();
  }
  return results;
}

async function prepareLayer(info: LayerInfo, given: LayerActivations): Promise<LayerResult> {
  const invalidRows = nonFiniteRows(given.data, given.rows, given.cols);
  let act = given;
  if (invalidRows.length > 0) {
    const data = given.data.slice();
    for (const r of invalidRows) {
      data.fill(0, r * given.cols, (r + 1) * given.cols);
    }
    act = { ...given, data };
  }
  const width = act.cols;
  if (act.cols <= MAX_FEATURES || act.rows <= MAX_FEATURES) {
    const features = { name: info.name, data: act.data, rows: act.rows, cols: act.cols };
    return { info, features, width, varianceKept: 1, invalidRows };
  }
  const pca = await randomizedPca(act.data, act.rows, act.cols, { components: MAX_FEATURES });
  let kept = 0;
  pca.explainedVarianceRatio.forEach((v) => (kept += v));
  return {
    info,
    features: { name: info.name, data: pca.scores, rows: act.rows, cols: pca.components },
    width,
    varianceKept: Math.min(1, kept),
    invalidRows
  };
}

function chooseLayers(all: LayerInfo[], names: readonly string[] | undefined): LayerInfo[] {
  if (names === undefined || names.length === 0) {
    return all;
  }
  return names.map((name) => {
    const info = all.find((l) => l.name === name);
    if (info === undefined) {
      throw new Error(
        `no layer named "${name}"; the layers are: ${all.map((l) => l.name).join(', ')}`
      );
    }
    return info;
  });
}

/** The order TF.js backends are tried in when the host says nothing. */
export const DEFAULT_BACKEND_ORDER: readonly string[] = ['webgl', 'wasm', 'cpu'];

/**
 * Pick a TF.js backend: `preferred` if given and available, else the first of `order` that is
 * registered and starts (e.g. the view puts WASM first where WebGL is software-rendered).
 *
 * TF.js backends are global per page, so callers serialise work across widgets.
 * @returns the name of the backend in use.
 */
export async function useBestBackend(
  preferred?: string,
  order: readonly string[] = DEFAULT_BACKEND_ORDER
): Promise<string> {
  const candidates = [...new Set([...(preferred ? [preferred] : []), ...order, 'cpu'])];
  for (const name of candidates) {
    if (tf.findBackendFactory(name) === null) {
      continue;
    }
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      // A backend that fails to initialise (no WebGL context) is skipped; the next one is tried.
    }
  }
  throw new Error(`no TF.js backend could be initialised (tried ${candidates.join(', ')})`);
}
