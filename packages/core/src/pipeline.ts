import * as tf from '@tensorflow/tfjs';

import { computeActivations } from './activations.js';
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
    const all = listLayers(model);
    const chosen = chooseLayers(all, options.layers);
    options.onLayersChosen?.(chosen);
    const activations = await computeActivations(
      model,
      x,
      chosen.map((l) => l.name),
      { onProgress: options.onProgress, signal: options.signal }
    );
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
  } finally {
    model.dispose();
  }
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
