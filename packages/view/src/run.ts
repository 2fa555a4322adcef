import { analyzeModel, type ModelArtifacts, type NdArray, useBestBackend } from '@layerviz/core';

import type { LayerVizView } from './view.js';

/** Everything the view needs to compute and show a model's layers. */
export interface LayerVizInput {
  readonly artifacts: ModelArtifacts;
  /** The samples fed to the model, `(N, ...)`. */
  readonly x: NdArray;
  /** A class id per sample, or null. */
  readonly labels: ArrayLike<number> | null;
  /** Index of each sample in the user's original data, or null for 0..N-1. */
  readonly sampleIds?: ArrayLike<number> | null;
  /** Layer names to show; empty or absent for all. */
  readonly layers?: readonly string[];
  /** TF.js backend to prefer (`'webgl'`, `'cpu'`, ...); default: the best available. */
  readonly backend?: string;
}

/**
 * Compute every chosen layer's activations and 2-D PCA and show them in `view` as they arrive,
 * with progress. Errors are shown in the view in plain words; an abort stops quietly.
 *
 * @returns true when every layer was shown, false on error or abort.
 */
export async function runLayerViz(
  view: LayerVizView,
  input: LayerVizInput,
  signal?: AbortSignal
): Promise<boolean> {
  view.setSamples(input.labels, input.sampleIds ?? null);
  try {
    await useBestBackend(input.backend);
    await analyzeModel(input.artifacts, input.x, {
      layers: input.layers,
      signal,
      onProgress: (p) => view.setProgress(p),
      onLayersChosen: (layers) => view.setLayers(layers),
      onLayer: (result) => view.setCoords(result.info.name, result.projection.coords)
    });
    view.setProgress(null);
    await view.whenRendered();
    return true;
  } catch (err) {
    if (signal?.aborted) {
      return false;
    }
    view.showError(err instanceof Error ? err.message : String(err));
    return false;
  }
}
