import * as tf from '@tensorflow/tfjs';

import { CUSTOM_ACTIVATION_CLASSES } from './custom_activations.js';
import { CUSTOM_LAYER_CLASSES } from './custom_layers.js';

/**
 * Register layerviz's custom TF.js activations and layers with TF.js's serialization registry,
 * so that the models the kernel translates load. Idempotent: registering a class again
 * replaces it with itself.
 */
export function registerCustomObjects(): void {
  for (const cls of [...CUSTOM_ACTIVATION_CLASSES, ...CUSTOM_LAYER_CLASSES]) {
    tf.serialization.registerClass(cls);
  }
}
