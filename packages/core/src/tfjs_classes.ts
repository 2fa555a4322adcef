import * as tf from '@tensorflow/tfjs';

/** A TF.js layer class as its registry holds it: constructed from a (camelCased) config. */
export type LayerClass = (new (args: tf.serialization.ConfigDict) => tf.layers.Layer) & {
  fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict
  ): T;
};

/** TF.js's constructor arguments of every layer (name, input shape, dtype, ...). */
export type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];

/**
 * A layer class TF.js registered itself, for subclassing without a deep import of tfjs-layers
 * (its classes are not exported by `@tensorflow/tfjs`).
 */
export function registeredLayer(className: string): LayerClass {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (entry === undefined) {
    throw new Error(`TF.js has no layer class ${className} to extend`);
  }
  return entry[0] as unknown as LayerClass;
}

/** An activation by its (camelCased) identifier, custom ones included, through TF.js's registry. */
export function activationFn(identifier: unknown): (x: tf.Tensor) => tf.Tensor {
  const layer = tf.layers.activation({ activation: identifier as 'linear' });
  return (x) => layer.call(x, {}) as tf.Tensor;
}

/** The one tensor of a layer's inputs (TF.js passes a list or a tensor). */
export function onlyInput(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
}
