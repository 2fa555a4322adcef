import type { LayerActivations, LayerInfo, ModelArtifacts, NdArray } from '@layerviz/core';
import type { LayoutParameters } from '@layerviz/core/reduce';
import type { LayerMetrics, MetricsLevel } from '@layerviz/core/service';

import type { CkaMatrix } from './cka_heatmap.js';
import type { ColorBy, SampleDetails } from './coloring.js';
import type { NavigatorLayer } from './navigator.js';
import type { SelectionMetricsState } from './selection_metrics.js';

/** What every input shares: the samples' labels and ids. */
interface SampleInput {
  /** A class id per sample, or null. */
  readonly labels: ArrayLike<number> | null;
  /** Index of each sample in the user's original data, or null for 0..N-1. */
  readonly sampleIds?: ArrayLike<number> | null;
  /** How to lay the layers out first; default `DEFAULT_LAYOUT`. The view can change it. */
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
  /** What else to say above the plots (e.g. how samples were chosen), before `SAVED_NOTICE`. */
  readonly notice?: string;
}

/** Everything the view needs to compute and show a model's layers. */
export type LayerVizInput = ModelInput | ActivationsInput | SavedInput;

/** Options of `runLayerViz`. */
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
