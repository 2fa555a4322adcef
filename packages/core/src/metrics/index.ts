/**
 * `@layerviz/core/metrics`: the metrics of a layer's features and layouts (k-NN accuracy,
 * silhouette, trustworthiness, continuity, CKA, TwoNN intrinsic dimension), without TF.js. The
 * linear probe and the per-layer and per-selection bundles that include it need TF.js and live in
 * `../service`.
 *
 * @packageDocumentation
 */
export {
  continuity,
  continuityAsync,
  knnAccuracy,
  knnAccuracyAsync,
  trustworthiness,
  trustworthinessAsync
} from './neighborhood.js';
export type { TrustworthinessOptions } from './neighborhood.js';
export { linearCka, linearCkaAsync, silhouetteScore, silhouetteScoreAsync } from './separation.js';
export { linearCkaMatrix, linearCkaMatrixAsync } from './cka_matrix.js';
export type { CkaLayer } from './cka_matrix.js';
export { linearCkaBetween, linearCkaBetweenAsync } from './cka_between.js';
export { twoNnDimension, twoNnDimensionAsync, twoNnFit } from './intrinsic_dim.js';
export type { TwoNnOptions } from './intrinsic_dim.js';
export { runSteps, runStepsAsync } from '../steps.js';
export type { MetricOptions, Steps } from '../steps.js';
