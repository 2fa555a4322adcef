import * as tf from '@tensorflow/tfjs';

import {
  attentionPaddingMasks,
  combineAttentionMask,
  maskedSoftmax,
  queryMaskOf
} from './custom_attention.js';
import type { LayerArgs } from './tfjs_classes.js';

/**
 * Keras's `Attention` (Luong-style: dot-product or `score_mode="concat"` scores) and
 * `AdditiveAttention` (Bahdanau-style), which TF.js lacks, at inference. Unlike
 * MultiHeadAttention they have no projections: the scores come from the query and key
 * themselves, the value's positions are masked by subtracting 1e9 from their scores, and the
 * query's padding mask zeroes the output rows of padded steps.
 */

/** How the scores of query step t and key step s are computed. */
export type AttentionScoreMode = 'dot' | 'concat' | 'additive';

/** Arguments of {@link KerasAttention}, as TF.js camelCases the kernel's config. */
export interface KerasAttentionArgs {
  name?: string;
  /** `'dot'` and `'concat'` for Keras's `Attention`, `'additive'` for `AdditiveAttention`. */
  scoreMode?: AttentionScoreMode;
  /** Whether the layer has its learned `scale` (a scalar, or one per feature if additive). */
  useScale?: boolean;
  /** The call argument `use_causal_mask` of the model's node, which the kernel moves here. */
  useCausalMask?: boolean;
  /** Whether Keras hands the layer its inputs' padding masks (see KerasMultiHeadAttention). */
  paddingMask?: boolean;
  /** The Keras class, for plot titles: `Attention` or `AdditiveAttention`. */
  kerasClass?: string;
}

/**
 * Keras's attention scores `[B, T, S]` of `query [B, T, D]` and `key [B, S, D]`:
 * - `'dot'`: `scale · q_t · k_s`;
 * - `'concat'`: `weight · Σ_d tanh(scale · (q_td + k_sd))`;
 * - `'additive'`: `Σ_d scale_d · tanh(q_td + k_sd)`.
 * `scale` is null without `use_scale` (1), `concatWeight` is the concat mode's scalar.
 */
export function attentionScores(
  mode: AttentionScoreMode,
  query: tf.Tensor,
  key: tf.Tensor,
  scale: tf.Tensor | null,
  concatWeight: tf.Tensor | null = null
): tf.Tensor {
  return tf.tidy(() => {
    if (mode === 'dot') {
      const scores = tf.matMul(query, key, false, true);
      return scale === null ? scores : scores.mul(scale);
    }
    // Every (t, s) pair: [B, T, 1, D] + [B, 1, S, D].
    const pairs = tf.add(tf.expandDims(query, -2), tf.expandDims(key, -3));
    if (mode === 'additive') {
      const terms = tf.tanh(pairs);
      return (scale === null ? terms : terms.mul(scale)).sum(-1);
    }
    const summed = tf.tanh(scale === null ? pairs : pairs.mul(scale)).sum(-1);
    return concatWeight === null ? summed : summed.mul(concatWeight);
  });
}

/** Keras's `Attention` and `AdditiveAttention` (see the file comment); inputs `[q, v, k?]`. */
export class KerasAttention extends tf.layers.Layer {
  static readonly className = 'LayervizAttention';
  readonly kerasClassName: string;
  private readonly scoreMode: AttentionScoreMode;
  private readonly useScale: boolean;
  private readonly useCausalMask: boolean;
  private readonly paddingMask: boolean;
  private scale?: tf.LayerVariable;
  private concatWeight?: tf.LayerVariable;

  constructor(args: KerasAttentionArgs) {
    super(args as LayerArgs);
    // Keras's: the output keeps the query's padding mask.
    this.supportsMasking = true;
    this.scoreMode = args.scoreMode ?? 'dot';
    if (!['dot', 'concat', 'additive'].includes(this.scoreMode)) {
      throw new Error(`layer ${args.name ?? ''}: unknown score mode ${this.scoreMode}`);
    }
    this.useScale = args.useScale ?? false;
    this.useCausalMask = args.useCausalMask ?? false;
    this.paddingMask = args.paddingMask ?? true;
    this.kerasClassName =
      args.kerasClass ?? (this.scoreMode === 'additive' ? 'AdditiveAttention' : 'Attention');
  }

  build(inputShape: tf.Shape | tf.Shape[]): void {
    const query = (inputShape as tf.Shape[])[0] ?? [];
    const dim = query[query.length - 1] as number;
    const ones = tf.initializers.ones();
    // Keras's build order and names: `scale`, then `concat_score_weight`.
    if (this.useScale) {
      const shape = this.scoreMode === 'additive' ? [dim] : [];
      this.scale = this.addWeight('scale', shape, 'float32', ones);
    }
    if (this.scoreMode === 'concat') {
      this.concatWeight = this.addWeight('concat_score_weight', [], 'float32', ones);
    }
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [query, value] = inputShape as tf.Shape[];
    if (query === undefined || value === undefined) {
      throw new Error(`${this.name}: ${this.kerasClassName} needs a query and a value`);
    }
    return [...query.slice(0, -1), value[value.length - 1] ?? null];
  }

  computeMask(
    _inputs: tf.Tensor | tf.Tensor[],
    mask?: tf.Tensor | tf.Tensor[]
  ): tf.Tensor | tf.Tensor[] {
    return queryMaskOf(mask);
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const [query, value, givenKey] = inputs as (tf.Tensor | undefined)[];
      if (query === undefined || value === undefined) {
        throw new Error(`${this.name}: ${this.kerasClassName} needs a query and a value`);
      }
      const key = givenKey ?? value;
      const { queryMask, valueMask } = attentionPaddingMasks(
        query,
        value,
        kwargs['mask'],
        this.paddingMask
      );
      const scores = attentionScores(
        this.scoreMode,
        query,
        key,
        this.scale?.read() ?? null,
        this.concatWeight?.read() ?? null
      );
      const [t, s] = [query.shape[1] as number, value.shape[1] as number];
      // The value's mask and the causal triangle mask scores; the query's zeroes output rows.
      const keep = combineAttentionMask(null, valueMask, this.useCausalMask, t, s);
      const output = tf.matMul(maskedSoftmax(scores, keep, 'subtract'), value);
      if (queryMask === null) {
        return output;
      }
      const rows = tf.expandDims(tf.cast(queryMask, 'bool'), -1);
      return tf.where(tf.broadcastTo(rows, output.shape), output, tf.zerosLike(output));
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      scoreMode: this.scoreMode,
      useScale: this.useScale,
      useCausalMask: this.useCausalMask,
      paddingMask: this.paddingMask,
      kerasClass: this.kerasClassName
    };
  }
}
