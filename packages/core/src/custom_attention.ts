import * as tf from '@tensorflow/tfjs';

import type { LayerArgs } from './tfjs_classes.js';

/**
 * Keras's `MultiHeadAttention`, which TF.js lacks, at inference: the einsum-dense projections
 * of query, key and value, scaled dot-product attention per head under Keras's attention mask,
 * and the output projection. Sequences only (`(batch, steps, features)`, attention over the
 * steps: Keras's default `attention_axes` for them), as the kernel checks.
 */

/** Arguments of {@link KerasMultiHeadAttention}, as TF.js camelCases the kernel's config. */
export interface KerasMultiHeadAttentionArgs {
  name?: string;
  numHeads: number;
  keyDim: number;
  /** Size of each head's value; Keras's default is `keyDim`. */
  valueDim?: number | null;
  useBias?: boolean;
  /** The output's trailing shape; the query's feature size when null. */
  outputShape?: number[] | null;
  /** The call argument `use_causal_mask` of the model's node, which the kernel moves here. */
  useCausalMask?: boolean;
  /**
   * Whether Keras hands the layer its inputs' padding masks (default true). Keras 3's attention
   * deletes its inputs' masks, so the ones after a residual `Add` get none; TF.js still
   * passes them, and the kernel says to ignore them here.
   */
  paddingMask?: boolean;
  /**
   * Zero the probabilities of masked pairs after the softmax (Keras 3 with dropout, through
   * its Softmax layer): a query whose keys are all masked then outputs the bias alone, where
   * the uniform average is Keras's otherwise.
   */
  zeroMaskedRows?: boolean;
}

/**
 * Keras's attention mask `[batch or 1, T, S]` from the masks it combines (`&`): the query's
 * padding mask `[B, T]` as `[B, T, 1]`, the value's `[B, S]` as `[B, 1, S]`, and with
 * `causal`, the lower triangle `[1, T, S]` (query step t sees key steps up to t). Null when
 * nothing masks. `queryLength`/`keyLength` are T and S.
 */
export function combineAttentionMask(
  queryMask: tf.Tensor | null,
  valueMask: tf.Tensor | null,
  causal: boolean,
  queryLength: number,
  keyLength: number
): tf.Tensor | null {
  if (queryMask === null && valueMask === null && !causal) {
    return null;
  }
  return tf.tidy(() => {
    const masks: tf.Tensor[] = [];
    if (queryMask !== null) {
      masks.push(tf.expandDims(tf.cast(queryMask, 'bool'), -1));
    }
    if (valueMask !== null) {
      masks.push(tf.expandDims(tf.cast(valueMask, 'bool'), -2));
    }
    if (causal) {
      const ones = tf.ones([queryLength, keyLength], 'int32');
      masks.push(tf.cast(tf.linalg.bandPart(ones, -1, 0).expandDims(0), 'bool'));
    }
    return masks.slice(1).reduce((a, b) => tf.logicalAnd(a, b), masks[0] as tf.Tensor);
  });
}

/** How masked scores are pushed out of the softmax, as each Keras layer does it. */
export type ScoreMasking = 'replace' | 'subtract';

/**
 * Softmax over the last axis of `scores`, with the pairs where `keep` (broadcast to `scores`)
 * is false pushed out as Keras does: `'replace'` sets their scores to -1e9 (MultiHeadAttention's
 * backends), `'subtract'` subtracts 1e9 from them (Attention and AdditiveAttention; float32
 * rounds `score - 1e9` to a multiple of 64 in TF.js as in Keras). A row whose keys are all
 * masked then averages the values (uniformly, for scores closer than 32), unless `zeroMasked`
 * zeroes the probabilities of masked pairs (Keras 3's Softmax layer).
 */
export function maskedSoftmax(
  scores: tf.Tensor,
  keep: tf.Tensor | null,
  masking: ScoreMasking,
  zeroMasked = false
): tf.Tensor {
  return tf.tidy(() => {
    if (keep === null) {
      return tf.softmax(scores);
    }
    const kept = tf.broadcastTo(tf.cast(keep, 'bool'), scores.shape);
    // -1e9 rather than Keras's -2.4e38 for MultiHeadAttention, which some WebGL GPUs would turn
    // into -inf (and a fully masked row into NaN); the probabilities are the same.
    const masked =
      masking === 'replace' ? tf.fill(scores.shape, -1e9) : tf.sub(scores, tf.scalar(1e9));
    const probs = tf.softmax(tf.where(kept, scores, masked));
    return zeroMasked ? tf.where(kept, probs, tf.zerosLike(probs)) : probs;
  });
}

/**
 * Scaled dot-product attention of per-head `query [B, N, T, H]`, `key [B, N, S, H]` and
 * `value [B, N, S, Hv]`: softmax over the keys of `query · key / sqrt(H)`, with the scores of
 * masked pairs (`mask [B or 1, T, S]` false) replaced by a large negative number, as Keras's
 * backends do. A query whose keys are all masked (a padded step) thus averages every value
 * uniformly, as in Keras, or, with `zeroMasked`, not at all (Keras 3's Softmax layer).
 * Returns `[B, N, T, Hv]`.
 */
export function dotProductAttention(
  query: tf.Tensor4D,
  key: tf.Tensor4D,
  value: tf.Tensor4D,
  mask: tf.Tensor | null,
  zeroMasked = false
): tf.Tensor4D {
  return tf.tidy(() => {
    const depth = query.shape[3];
    const scores = tf.matMul(query, key, false, true).mul(1 / Math.sqrt(depth));
    // Keras replaces, not adds: every score of a fully masked row is the same number.
    const keep = mask === null ? null : tf.expandDims(mask, 1);
    return tf.matMul(maskedSoftmax(scores, keep, 'replace', zeroMasked), value);
  });
}

/**
 * The padding masks a two- or three-input attention layer applies, from what TF.js hands its
 * `call`: the mask of its first input only (the query's), which is the value's too in
 * self-attention (the same tensor). The kernel refuses cross-attention under a padding mask,
 * where the value's could differ. `usePadding` false (Keras 3 lost the masks before this
 * layer) ignores them.
 */
export function attentionPaddingMasks(
  query: tf.Tensor,
  value: tf.Tensor,
  given: unknown,
  usePadding: boolean
): { queryMask: tf.Tensor | null; valueMask: tf.Tensor | null } {
  const mask = given as tf.Tensor | tf.Tensor[] | null | undefined;
  const first = (Array.isArray(mask) ? mask[0] : mask) ?? null;
  const queryMask = usePadding ? first : null;
  return { queryMask, valueMask: value === query ? queryMask : null };
}

/** The query's padding mask as an attention layer's output mask (Keras's `compute_mask`). */
export function queryMaskOf(mask?: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
  const first = Array.isArray(mask) ? mask[0] : mask;
  // TF.js's typing has no null here; a missing mask is null at run time.
  return first ?? (null as unknown as tf.Tensor);
}

/** Product of a shape's sizes. */
function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The sequence shape `[B, T, F]` of one of the layer's inputs. */
function sequenceShape(shape: tf.Shape | undefined, layer: string): tf.Shape {
  if (shape === undefined || shape.length !== 3) {
    throw new Error(`${layer}: MultiHeadAttention is translated for (batch, steps, features)`);
  }
  return shape;
}

/** Keras's `MultiHeadAttention` (see the file comment); inputs `[query, value, key?]`. */
export class KerasMultiHeadAttention extends tf.layers.Layer {
  static readonly className = 'LayervizMultiHeadAttention';
  static readonly kerasClassName = 'MultiHeadAttention';
  private readonly numHeads: number;
  private readonly keyDim: number;
  private readonly valueDim: number;
  private readonly useBias: boolean;
  private readonly targetShape: number[] | null;
  private readonly useCausalMask: boolean;
  private readonly paddingMask: boolean;
  private readonly zeroMaskedRows: boolean;
  private readonly weightsOf = new Map<string, tf.LayerVariable>();

  constructor(args: KerasMultiHeadAttentionArgs) {
    super(args as LayerArgs);
    // Keras's: the output keeps the query's padding mask.
    this.supportsMasking = true;
    this.numHeads = args.numHeads;
    this.keyDim = args.keyDim;
    this.valueDim = args.valueDim ?? args.keyDim;
    this.useBias = args.useBias ?? true;
    this.targetShape = args.outputShape ?? null;
    this.useCausalMask = args.useCausalMask ?? false;
    this.paddingMask = args.paddingMask ?? true;
    this.zeroMaskedRows = args.zeroMaskedRows ?? false;
  }

  /** The trailing output shape: `output_shape`, else the query's feature size. */
  private outputDims(queryShape: tf.Shape): number[] {
    return this.targetShape ?? [queryShape[2] as number];
  }

  /** Keras's sublayer weights, named `<sublayer>/kernel` and `<sublayer>/bias` as Keras does. */
  private addProjection(sublayer: string, kernel: number[], bias: number[]): void {
    const zeros = tf.initializers.zeros();
    this.weightsOf.set(sublayer, this.addWeight(`${sublayer}/kernel`, kernel, 'float32', zeros));
    if (this.useBias) {
      const b = this.addWeight(`${sublayer}/bias`, bias, 'float32', zeros);
      this.weightsOf.set(`${sublayer}/bias`, b);
    }
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const shapes = inputShape as tf.Shape[];
    const query = sequenceShape(shapes[0], this.name);
    const value = sequenceShape(shapes[1], this.name);
    const key = sequenceShape(shapes[2] ?? value, this.name);
    const [n, h, hv] = [this.numHeads, this.keyDim, this.valueDim];
    // Keras's build order, so that the weights list as Keras lists them.
    this.addProjection('query', [query[2] as number, n, h], [n, h]);
    this.addProjection('key', [key[2] as number, n, h], [n, h]);
    this.addProjection('value', [value[2] as number, n, hv], [n, hv]);
    const out = this.outputDims(query);
    this.addProjection('attention_output', [n, hv, ...out], out);
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const query = sequenceShape((inputShape as tf.Shape[])[0], this.name);
    return [query[0] ?? null, query[1] ?? null, ...this.outputDims(query)];
  }

  computeMask(
    _inputs: tf.Tensor | tf.Tensor[],
    mask?: tf.Tensor | tf.Tensor[]
  ): tf.Tensor | tf.Tensor[] {
    return queryMaskOf(mask);
  }

  /** `x [B, L, F]` through the einsum-dense `sublayer`, as `[B, heads, L, depth]`. */
  private project(x: tf.Tensor, sublayer: string, depth: number): tf.Tensor4D {
    const [b, l, f] = x.shape as [number, number, number];
    const kernel = this.variable(sublayer).reshape([f, this.numHeads * depth]);
    let y = tf.matMul(x.reshape([b * l, f]), kernel);
    if (this.useBias) {
      y = y.add(this.variable(`${sublayer}/bias`).reshape([this.numHeads * depth]));
    }
    return y.reshape([b, l, this.numHeads, depth]).transpose([0, 2, 1, 3]);
  }

  private variable(name: string): tf.Tensor {
    const variable = this.weightsOf.get(name);
    if (variable === undefined) {
      throw new Error(`layer ${this.name} was called before it was built`);
    }
    return variable.read();
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const [query, value, givenKey] = inputs as (tf.Tensor | undefined)[];
      if (query === undefined || value === undefined) {
        throw new Error(`${this.name}: MultiHeadAttention needs a query and a value`);
      }
      const key = givenKey ?? value;
      const { queryMask, valueMask } = attentionPaddingMasks(
        query,
        value,
        kwargs['mask'],
        this.paddingMask
      );
      const [b, t] = query.shape as [number, number];
      const s = value.shape[1] as number;
      const mask = combineAttentionMask(queryMask, valueMask, this.useCausalMask, t, s);
      const attended = dotProductAttention(
        this.project(query, 'query', this.keyDim),
        this.project(key, 'key', this.keyDim),
        this.project(value, 'value', this.valueDim),
        mask,
        this.zeroMaskedRows
      );
      const out = this.outputDims(query.shape);
      const heads = this.numHeads * this.valueDim;
      const kernel = this.variable('attention_output').reshape([heads, size(out)]);
      let y = tf.matMul(attended.transpose([0, 2, 1, 3]).reshape([b * t, heads]), kernel);
      if (this.useBias) {
        y = y.add(this.variable('attention_output/bias').reshape([size(out)]));
      }
      return y.reshape([b, t, ...out]);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      useBias: this.useBias,
      outputShape: this.targetShape,
      useCausalMask: this.useCausalMask,
      paddingMask: this.paddingMask,
      zeroMaskedRows: this.zeroMaskedRows
    };
  }
}
