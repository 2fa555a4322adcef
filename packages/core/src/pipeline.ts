import * as tf from '@tensorflow/tfjs';

import { computeActivations, type LayerActivations } from './activations.js';
import { type LayerInfo, listLayers, loadModel, type ModelArtifacts } from './model.js';
import type { NdArray } from './ndarray.js';
import { type Projection, projectPca } from './pca.js';
import { type OnProgress, throwIfAborted, yieldToEventLoop } from './progress.js';

/** One layer's result: what it is and where its samples land. */
export interface LayerProjection {
  readonly info: LayerInfo;
  readonly projection: Projection;
}

/** Options of {@link analyzeModel}. */
export interface AnalyzeOptions {
  /** Layer names to show, in the model's order; default every layer but inputs. */
  readonly layers?: readonly string[];
  /** Called as each stage advances. */
  readonly onProgress?: OnProgress;
  /** Called once the layers to show are known, before any computation. */
  readonly onLayersChosen?: (layers: readonly LayerInfo[]) => void;
  /** Called once with every chosen layer's pooled activations, before they are projected. */
  readonly onActivations?: (activations: readonly LayerActivations[]) => void;
  /** Called with each layer's projection as soon as it is ready. */
  readonly onLayer?: (result: LayerProjection, layers: readonly LayerInfo[]) => void;
  /** Cancels between batches and between layers. */
  readonly signal?: AbortSignal;
}

/**
 * The whole skeleton path: rebuild the model, one forward pass for all chosen layers, PCA to
 * 2-D per layer. Disposes the model and every tensor before it returns or throws.
 *
 * @throws Error with a plain-words message if a layer does not exist or x does not fit.
 */
export async function analyzeModel(
  artifacts: ModelArtifacts,
  x: NdArray,
  options: AnalyzeOptions = {}
): Promise<LayerProjection[]> {
  options.onProgress?.({ stage: 'load', done: 0, total: 1, message: 'Loading the model' });
  const model = await loadModel(artifacts);
  try {
    const chosen = chooseLayers(listLayers(model), options.layers);
    options.onLayersChosen?.(chosen);
    const activations = await computeActivations(
      model,
      x,
      chosen.map((l) => l.name),
      { onProgress: options.onProgress, signal: options.signal }
    );
    options.onActivations?.(activations);
    return await projectLayers(chosen, activations, options);
  } finally {
    model.dispose();
  }
}

/**
 * Project activations computed elsewhere (by the kernel, for models TF.js cannot rebuild) the
 * same way {@link analyzeModel} projects its own: PCA to 2-D per layer, reported as it goes.
 *
 * @param layers - one entry per element of `activations`, in the same order.
 * @throws Error if the two lists differ in length or a layer's data does not fit its shape.
 */
export async function analyzeActivations(
  layers: readonly LayerInfo[],
  activations: readonly LayerActivations[],
  options: Omit<AnalyzeOptions, 'layers'> = {}
): Promise<LayerProjection[]> {
  if (layers.length !== activations.length) {
    throw new Error(`${layers.length} layers but ${activations.length} activation arrays`);
  }
  for (const act of activations) {
    if (act.data.length !== act.rows * act.cols) {
      throw new Error(`activations of layer "${act.layer}" do not fit (${act.rows}, ${act.cols})`);
    }
  }
  options.onLayersChosen?.(layers);
  return projectLayers(layers, activations, options);
}

async function projectLayers(
  chosen: readonly LayerInfo[],
  activations: readonly LayerActivations[],
  options: Omit<AnalyzeOptions, 'layers'>
): Promise<LayerProjection[]> {
  const results: LayerProjection[] = [];
  for (const [i, act] of activations.entries()) {
    throwIfAborted(options.signal);
    const info = chosen[i] as LayerInfo;
    const result = { info, projection: projectPca(act.data, act.rows, act.cols, 2) };
    results.push(result);
    options.onLayer?.(result, chosen);
    options.onProgress?.({
      stage: 'projection',
      done: i + 1,
      total: activations.length,
      message: `PCA: ${i + 1} of ${activations.length} layers`
    });
    await yieldToEventLoop();
  }
  return results;
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

/**
 * Pick a TF.js backend: `preferred` if given and available, else WebGL, else CPU.
 *
 * TF.js backends are global per page, so callers serialise work across widgets.
 * @returns the name of the backend in use.
 */
export async function useBestBackend(preferred?: string): Promise<string> {
  const candidates = preferred ? [preferred, 'webgl', 'cpu'] : ['webgl', 'cpu'];
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
  throw new Error('no TF.js backend could be initialised (tried WebGL and CPU)');
}
