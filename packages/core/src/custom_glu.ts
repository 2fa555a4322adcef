import * as tf from '@tensorflow/tfjs';

import { registeredLayer } from './tfjs_classes.js';

/**
 * Keras 3's `glu` activation halves the last axis: `Dense(8, activation="glu")` outputs 4
 * features. TF.js's Dense and Activation layers report their unactivated shape, so the next
 * layer would be built for 8 inputs and refuse Keras's weights. These subclasses are TF.js's
 * layers with the halved shape; the activation itself is `layervizGlu`
 * (custom_activations.ts).
 */

/** The shape `glu` leaves of `shape`: the last axis halved. */
export function gluShape(shape: tf.Shape): tf.Shape {
  const last = shape[shape.length - 1];
  return [...shape.slice(0, -1), last === null || last === undefined ? null : last / 2];
}

const Dense = registeredLayer('Dense');
const Activation = registeredLayer('Activation');

/** Keras's `Dense(activation="glu")`. */
export class GluDense extends Dense {
  static readonly className = 'LayervizGluDense';
  static readonly kerasClassName = 'Dense';

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return gluShape(super.computeOutputShape(inputShape) as tf.Shape);
  }
}

/** Keras's `Activation("glu")`. */
export class GluActivation extends Activation {
  static readonly className = 'LayervizGluActivation';
  static readonly kerasClassName = 'Activation';

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return gluShape(super.computeOutputShape(inputShape) as tf.Shape);
  }
}
