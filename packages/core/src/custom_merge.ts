import * as tf from '@tensorflow/tfjs';

import { type LayerClass, registeredLayer } from './tfjs_classes.js';

/**
 * TF.js's element-wise merge layers (Add, Multiply, ...) with Keras's output mask. TF.js 4.22's
 * `Merge.computeMask` returns the first mask with a leading axis of 1 (`[1, B, T]`, its loop
 * skips the last mask), which breaks every masked layer after it: a residual `Add` in a masked
 * transformer, say. The kernel picks these classes in models with a padding mask only; the
 * outputs are TF.js's.
 */

/** How the input masks combine: Keras 3 ORs them, tf.keras 2 ANDs them. */
export type MaskMerge = 'or' | 'and';

/**
 * The merged mask of `masks` as Keras computes it: `'or'` (Keras 3) is null when any input has
 * none, else the OR of all; `'and'` (tf.keras 2) is the AND of the masks given, null when none
 * is. The masks are cast to bool.
 */
export function mergeMasks(
  masks: (tf.Tensor | null | undefined)[],
  how: MaskMerge
): tf.Tensor | null {
  const given = masks.filter((m): m is tf.Tensor => m !== null && m !== undefined);
  if (given.length === 0 || (how === 'or' && given.length < masks.length)) {
    return null;
  }
  return tf.tidy(() => {
    const bools = given.map((m) => tf.cast(m, 'bool'));
    const op = how === 'or' ? tf.logicalOr : tf.logicalAnd;
    return bools.slice(1).reduce((a, b) => op(a, b), bools[0] as tf.Tensor);
  });
}

/** The Keras merge classes that get a layerviz version. */
export const MASKED_MERGE_BASES = ['Add', 'Multiply', 'Average', 'Maximum', 'Minimum'];

/** TF.js's merge class `base` with Keras's mask; registered as `Layerviz<base>`. */
function maskedMerge(base: string): LayerClass & { className: string } {
  const Base = registeredLayer(base);
  class MaskedMerge extends Base {
    static readonly className = `Layerviz${base}`;
    static readonly kerasClassName = base;
    private readonly maskMerge: MaskMerge;

    constructor(args: tf.serialization.ConfigDict) {
      const { maskMerge, ...rest } = args;
      super(rest);
      this.maskMerge = maskMerge === 'and' ? 'and' : 'or';
    }

    static fromConfig<T extends tf.serialization.Serializable>(
      cls: tf.serialization.SerializableConstructor<T>,
      config: tf.serialization.ConfigDict
    ): T {
      return new cls(config);
    }

    computeMask(
      _inputs: tf.Tensor | tf.Tensor[],
      mask?: tf.Tensor | tf.Tensor[]
    ): tf.Tensor | tf.Tensor[] {
      const masks = Array.isArray(mask) ? mask : [mask];
      // TF.js's typing has no null here; a missing mask is null at run time.
      return mergeMasks(masks, this.maskMerge) as tf.Tensor;
    }

    getConfig(): tf.serialization.ConfigDict {
      return { ...super.getConfig(), maskMerge: this.maskMerge };
    }
  }
  return MaskedMerge;
}

/** One class per base in {@link MASKED_MERGE_BASES}, for registration. */
export const MASKED_MERGE_CLASSES = MASKED_MERGE_BASES.map(maskedMerge);
