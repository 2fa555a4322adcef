/**
 * @layerviz/core: layer activations of a TF.js model and their projections, without a DOM.
 *
 * @packageDocumentation
 */
export { computeActivations, MEMORY_BUDGET_BYTES } from './activations.js';
export type { ActivationOptions, LayerActivations } from './activations.js';
export {
  KerasCelu,
  KerasExponential,
  KerasGlu,
  KerasHardShrink,
  KerasHardSigmoid,
  KerasHardSilu,
  KerasHardTanh,
  KerasLeakyRelu,
  KerasLogSigmoid,
  KerasSoftShrink,
  KerasSparsemax,
  KerasSparsePlus,
  KerasSparseSigmoid,
  KerasSquareplus,
  KerasTanhShrink
} from './custom_activations.js';
export {
  attentionPaddingMasks,
  combineAttentionMask,
  dotProductAttention,
  KerasMultiHeadAttention,
  maskedSoftmax,
  queryMaskOf
} from './custom_attention.js';
export type { KerasMultiHeadAttentionArgs, ScoreMasking } from './custom_attention.js';
export { attentionScores, KerasAttention } from './custom_dense_attention.js';
export type { AttentionScoreMode, KerasAttentionArgs } from './custom_dense_attention.js';
export { CausalConv1D, convTransposeLength, KerasConv1DTranspose } from './custom_conv.js';
export type { CausalConv1DArgs, KerasConv1DTransposeArgs } from './custom_conv.js';
export { GluActivation, GluDense, gluShape } from './custom_glu.js';
export { MASKED_MERGE_CLASSES, mergeMasks } from './custom_merge.js';
export type { MaskMerge } from './custom_merge.js';
export {
  KerasGroupNormalization,
  KerasNormalization,
  KerasUnitNormalization
} from './custom_normalization.js';
export type {
  KerasGroupNormalizationArgs,
  KerasNormalizationArgs,
  KerasUnitNormalizationArgs
} from './custom_normalization.js';
export { KerasScalarOp, KerasUnaryOp } from './custom_ops.js';
export type { KerasScalarOpArgs, KerasUnaryOpArgs } from './custom_ops.js';
export { KerasGlobalPooling } from './custom_pooling.js';
export type { KerasGlobalPoolingArgs } from './custom_pooling.js';
export { KerasELU, KerasReLU, kerasRelu } from './custom_relu.js';
export type { KerasReLUArgs } from './custom_relu.js';
export {
  KerasCropping,
  KerasUpSampling,
  KerasZeroPadding,
  repeatAlong
} from './custom_reshaping.js';
export type {
  KerasCroppingArgs,
  KerasUpSamplingArgs,
  KerasZeroPaddingArgs
} from './custom_reshaping.js';
export { ResetAfterGRU, ResetAfterGRUCell, ZeroMaskedBidirectional } from './custom_layers.js';
export { registerCustomObjects } from './custom_objects.js';
export { FIDELITY_TOLERANCE, scaledMaxDifference } from './fidelity.js';
export { findLayer, layerOutput, listLayers, loadModel, modelGraph, truncate } from './model.js';
export {
  blockOf,
  bottlenecks,
  DEFAULT_LAYER_COUNT,
  defaultLayers,
  type GraphLayer
} from './layer_choice.js';
export type { LayerInfo, ModelArtifacts } from './model.js';
export { ndarrayFromBytes, sizeOf } from './ndarray.js';
export type { DType, NdArray, TypedArray } from './ndarray.js';
export { projectPca } from './reduce/pca.js';
export type { Projection } from './reduce/pca.js';
export { tensorMemory } from './memory.js';
export type { TensorMemory } from './memory.js';
export {
  analyzeActivations,
  analyzeModel,
  MAX_FEATURES,
  nonFiniteRows,
  useBestBackend
} from './pipeline.js';
export type { AnalyzeOptions, LayerResult } from './pipeline.js';
export * from './reduce/index.js';
export * from './metrics/index.js';
export * from './service/index.js';
export { randomizedPca } from './randomized_pca.js';
export type { PcaResult, RandomizedPcaOptions } from './randomized_pca.js';
export { poolOutput } from './pooling.js';
export type { PoolingMode } from './pooling.js';
export type { OnProgress, Progress } from './progress.js';
