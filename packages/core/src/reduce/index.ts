/**
 * `@layerviz/core/reduce`: the layout methods without TF.js, for Web Workers and small bundles.
 *
 * @packageDocumentation
 */
export {
  DEFAULT_DIMS,
  DEFAULT_MAX_POINTS,
  DEFAULT_METHOD,
  DEFAULT_METRICS_LEVEL,
  LAYOUT_DIMS,
  LAYOUT_METHODS,
  LAYOUT_NUMBERS,
  METRICS_LEVELS,
  TSNE_ITERATIONS
} from '../options.js';
export type { NumberOption } from '../options.js';
export { perplexityAffinities } from './affinities.js';
export type { SparseMatrix } from './affinities.js';
export { APPROXIMATE_ABOVE_ROWS, exactNeighbors, nearestNeighbors } from './knn.js';
export type { NearestNeighborsOptions, Neighbors } from './knn.js';
export { approximateNeighbors } from './nn_descent.js';
export type { ApproximateNeighborsOptions } from './nn_descent.js';
export {
  createReducer,
  DEFAULT_LAYOUT,
  layoutKey,
  layoutLayer,
  layoutLayers,
  layoutPlan,
  nextLayer,
  sameFeatures,
  startingLayer
} from './layouts.js';
export { STRIP_JITTER, stripLayout } from './strip.js';
export { layoutNeighborRecall, WARM_START_MIN_RECALL, WARM_START_SHARE } from './warm_start.js';
export type {
  LayerFeatures,
  LayerLayoutOptions,
  LayoutMethod,
  LayoutOptions,
  LayoutParameters
} from './layouts.js';
export { PcaReducer } from './pca_reducer.js';
export { alignLayout } from './procrustes.js';
export { gaussian, seededRandom, shuffledIndices } from './random.js';
export type { Random } from './random.js';
export { IterativeReducer } from './reducer.js';
export type { FitAsyncOptions, OnStep } from './reducer.js';
export { Tsne } from './tsne.js';
export type { TsneParameters } from './tsne.js';
export { Umap } from './umap.js';
export type { UmapParameters } from './umap.js';
