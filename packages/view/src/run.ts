import {
  analyzeActivations,
  analyzeModel,
  type LayerActivations,
  type LayerInfo,
  type ModelArtifacts,
  type NdArray,
  scaledMaxDifference,
  useBestBackend
} from '@layerviz/core';

import type { LayerVizView } from './view.js';

/** What every input shares: the samples' labels and ids. */
interface SampleInput {
  /** A class id per sample, or null. */
  readonly labels: ArrayLike<number> | null;
  /** Index of each sample in the user's original data, or null for 0..N-1. */
  readonly sampleIds?: ArrayLike<number> | null;
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

/** Everything the view needs to compute and show a model's layers. */
export type LayerVizInput = ModelInput | ActivationsInput;

/**
 * Compute (or take) every chosen layer's activations, project each to 2-D with PCA and show them
 * in `view` as they arrive, with progress. Errors are shown in the view in plain words; an abort
 * stops quietly.
 *
 * @returns true when every layer was shown, false on error or abort.
 */
export async function runLayerViz(
  view: LayerVizView,
  input: LayerVizInput,
  signal?: AbortSignal
): Promise<boolean> {
  view.setSamples(input.labels, input.sampleIds ?? null);
  const options = {
    signal,
    onProgress: view.setProgress.bind(view),
    onLayersChosen: view.setLayers.bind(view),
    onLayer: (result: { info: LayerInfo; projection: { coords: Float32Array } }) =>
      view.setCoords(result.info.name, result.projection.coords)
  };
  try {
    if (input.source === 'model') {
      await useBestBackend(input.backend);
      await analyzeModel(input.artifacts, input.x, {
        ...options,
        layers: input.layers,
        onActivations: (activations) => reportFidelity(view, input, activations)
      });
    } else {
      await analyzeActivations(input.layers, input.activations, options);
    }
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
