import * as tf from '@tensorflow/tfjs';

import { registerCustomObjects } from './custom_objects.js';
import type { GraphLayer } from './layer_choice.js';

/**
 * TF.js layers-format artifacts held in memory, as the kernel sends them.
 */
export interface ModelArtifacts {
  /** The tf.keras-2-style topology (`{class_name, config, ...}`). */
  readonly modelTopology: object;
  /** `{name, shape, dtype}` of each weight, in the order of {@link weightData}. */
  readonly weightSpecs: readonly tf.io.WeightsManifestEntry[];
  /** All weights, concatenated, little-endian. */
  readonly weightData: ArrayBuffer;
}

/**
 * Rebuild a trained model from in-memory artifacts.
 *
 * Weights are matched by name, so a missing or extra weight is an error, never a silent
 * partial load.
 */
export async function loadModel(artifacts: ModelArtifacts): Promise<tf.LayersModel> {
  registerCustomObjects();
  const handler = tf.io.fromMemory({
    modelTopology: artifacts.modelTopology,
    weightSpecs: [...artifacts.weightSpecs],
    weightData: artifacts.weightData
  });
  return tf.loadLayersModel(handler, { strict: true });
}

/** Description of one layer, for lists and plot titles. */
export interface LayerInfo {
  /** The layer's unique name within the model, e.g. `"bidirectional"`. */
  readonly name: string;
  /** The TF.js class name, e.g. `"Bidirectional"`. */
  readonly className: string;
  /** Output shape with `null` for the batch axis, e.g. `[null, 128]`. */
  readonly outputShape: readonly (number | null)[];
  /** Position in `model.layers` (0-based), i.e. depth order. */
  readonly index: number;
}

/** The class name users know: Keras's for layerviz's stand-ins (custom_layers.ts). */
function kerasClassName(layer: tf.layers.Layer): string {
  const named = layer as unknown as { kerasClassName?: string };
  const cls = layer.constructor as { kerasClassName?: string };
  return named.kerasClassName ?? cls.kerasClassName ?? layer.getClassName();
}

/**
 * List the layers whose activations can be shown: every layer but input layers, in depth order.
 */
export function listLayers(model: tf.LayersModel): LayerInfo[] {
  return model.layers
    .map((layer, index) => ({ layer, index }))
    .filter(({ layer }) => layer.getClassName() !== 'InputLayer')
    .map(({ layer, index }) => ({
      name: layer.name,
      className: kerasClassName(layer),
      outputShape: singleShape(layer.outputShape, layer.name),
      index
    }));
}

/**
 * The model's layers but its inputs with the layers each reads at its first call, in depth
 * order: the graph {@link defaultLayers} picks the block outputs from.
 */
export function modelGraph(model: tf.LayersModel): GraphLayer[] {
  return model.layers
    .filter((layer) => layer.getClassName() !== 'InputLayer')
    .map((layer) => ({
      name: layer.name,
      className: kerasClassName(layer),
      inbound: (layer.inboundNodes[0]?.inboundLayers ?? []).map((parent) => parent.name)
    }));
}

/**
 * The article's "truncated model": the same inputs and trained layers up to `layerName`, whose
 * output is that layer's output. Weights are shared with `model`, not copied.
 *
 * @throws Error naming the available layers if `layerName` does not exist.
 */
export function truncate(model: tf.LayersModel, layerName: string): tf.LayersModel {
  const layer = findLayer(model, layerName);
  return tf.model({
    inputs: model.inputs,
    outputs: layerOutput(model, layer),
    name: `${model.name}_to_${layerName}`
  });
}

/**
 * The output of `layer` in `model`'s graph. A nested model used as a layer has a node of its own
 * graph too (its `output` is then ambiguous): the node that belongs to `model` is taken. Of a
 * layer with several outputs (a recurrent layer with `return_state`: the sequence or last output,
 * then its states), the first, as Keras's `layer.output[0]`: layerviz shows one per layer.
 */
export function layerOutput(model: tf.LayersModel, layer: tf.layers.Layer): tf.SymbolicTensor {
  const index = layer.inboundNodes.findIndex((_, i) =>
    model.containerNodes.has(`${layer.name}_ib-${i}`)
  );
  const output =
    layer.inboundNodes.length > 1 && index >= 0 ? layer.getOutputAt(index) : layer.output;
  return firstOf(output, layer.name);
}

/**
 * Find a layer by name.
 *
 * @throws Error naming the available layers if there is none called `name`.
 */
export function findLayer(model: tf.LayersModel, name: string): tf.layers.Layer {
  const layer = model.layers.find((l) => l.name === name);
  if (layer === undefined) {
    const names = model.layers.map((l) => l.name).join(', ');
    throw new Error(`no layer named "${name}" in model "${model.name}"; its layers are: ${names}`);
  }
  return layer;
}

/** The shape of a layer's first output (see {@link layerOutput}). */
function singleShape(shape: tf.Shape | tf.Shape[], name: string): (number | null)[] {
  if (shape.length > 0 && Array.isArray(shape[0])) {
    return firstOf(shape as tf.Shape[], name);
  }
  return shape as (number | null)[];
}

function firstOf<T>(value: T | T[], name: string): T {
  if (!Array.isArray(value)) {
    return value;
  }
  if (value[0] === undefined) {
    throw new Error(`layer "${name}" has no output`);
  }
  return value[0];
}
