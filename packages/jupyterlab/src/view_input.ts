import type { LayerActivations, ModelArtifacts, NdArray } from '@layerviz/core';
import type { LayoutParameters } from '@layerviz/core/reduce';
import type { LayerMetrics, MetricsLevel } from '@layerviz/core/service';
import type {
  CkaMatrix,
  LayerVizInput,
  MetaValue,
  NavigatorLayer,
  SampleDetails,
  SavedInput,
  SelectionMetricsState
} from '@layerviz/view';

import {
  ckaFromJson,
  hasSavedLayouts,
  savedLayers,
  type SyncedLayerInfo,
  type SyncedSavedView,
  toLayerInfo
} from './saved_view.js';
import { bytesFromJson } from './serializers.js';
import { layoutParameters, type TraitReader } from './traits.js';

export { layoutParameters, type TraitReader } from './traits.js';

/** What the view tells the widget while it works, for the kernel and the saved state. */
export interface InputCallbacks {
  /** The user picked another layout in the view. */
  readonly onLayoutChange: (params: LayoutParameters) => void;
  /** Every layer's metrics measured so far. */
  readonly onMetrics: (metrics: Readonly<Record<string, LayerMetrics>>) => void;
  /** The linear CKA between every pair of layers was measured. */
  readonly onCka?: (matrix: CkaMatrix) => void;
  /** A layer's final layout arrived. */
  readonly onLayout: () => void;
  /** The selection's separability per layer changed (null: nothing selected). */
  readonly onSelectionMetrics?: (state: SelectionMetricsState | null) => void;
  /** TF.js's per-layer difference from the model's own framework was measured. */
  readonly onFidelity: (values: Record<string, number>) => void;
}

/**
 * Turn the synced traits into the view's input: a model to run in the browser, the kernel's
 * activations, or (in a notebook reopened without its kernel) the layouts saved with it.
 *
 * @throws Error in plain words when the traits hold nothing to show.
 */
export function viewInput(model: TraitReader, callbacks: InputCallbacks): LayerVizInput {
  const labels = (model.get('labels') as NdArray | null)?.data ?? null;
  const sampleIds = (model.get('sample_ids') as NdArray | null)?.data ?? null;
  const saved = savedInput(model, labels, sampleIds);
  if (saved !== null) {
    return saved;
  }
  const allLayers = modelLayers(model);
  const shared = {
    allLayers,
    // The kernel computes the layers it is asked for (see LayerVizWidget._relayer); the browser
    // computes them itself.
    canAddLayers: allLayers !== undefined,
    labels,
    sampleIds,
    layout: layoutParameters(model),
    onLayoutChange: callbacks.onLayoutChange,
    metrics: model.get('metrics_level') as MetricsLevel,
    onMetrics: callbacks.onMetrics,
    onCka: callbacks.onCka,
    onSelectionMetrics: callbacks.onSelectionMetrics,
    details: sampleDetails(model),
    totalSamples: model.get('total_samples') as number,
    colorBy: model.get('color_by') as string,
    onLayout: callbacks.onLayout
  };
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
    return { source: 'activations', layers, activations, ...shared };
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
      weightSpecs: model.get('weight_specs') as ModelArtifacts['weightSpecs'],
      weightData: bytesFromJson(model.get('weight_data') as DataView | ArrayBuffer | null)
    },
    x,
    ...shared,
    layers: model.get('layers') as string[],
    backend: backend === 'auto' ? undefined : backend,
    reference: toActivations(model.get('fidelity_reference') as Record<string, NdArray> | null),
    onFidelity: callbacks.onFidelity
  };
}

/**
 * The saved layouts as the view's input when there is nothing to compute them from (the
 * notebook was saved without the model and reopened without its kernel); else null.
 */
function savedInput(
  model: TraitReader,
  labels: ArrayLike<number> | null,
  sampleIds: ArrayLike<number> | null
): SavedInput | null {
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
    cka: ckaFromJson(view.cka),
    allLayers: modelLayers(model),
    fidelity: view.fidelity ?? {},
    labels,
    sampleIds,
    layout: layoutParameters(model),
    details: sampleDetails(model),
    colorBy: model.get('color_by') as string,
    // What the kernel said (sampling, fallback) still holds for the saved layouts.
    notice: model.get('notice') as string
  };
}

/** The `all_layers` trait as the view's layer list takes it; undefined when it is empty. */
export function modelLayers(model: TraitReader): NavigatorLayer[] | undefined {
  const all = (model.get('all_layers') as SyncedModelLayer[] | undefined) ?? [];
  if (all.length === 0) {
    return undefined;
  }
  return all.map((layer) => ({
    name: layer.name,
    className: layer.class_name,
    outputShape: layer.output_shape,
    block: layer.block
  }));
}

/** One entry of the `all_layers` trait, as Python sends it. */
interface SyncedModelLayer {
  name: string;
  class_name: string;
  output_shape: (number | null)[];
  block?: string;
}

/** The per-sample traits (predictions, texts, thumbnails, metadata) as the view takes them. */
export function sampleDetails(model: TraitReader): SampleDetails {
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

/** The `(N, D)` arrays of a dict of arrays as activations; others are left out. */
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
