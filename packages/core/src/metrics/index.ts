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
export { linearProbe } from './probe.js';
export type { LinearProbeOptions, LinearProbeResult } from './probe.js';
export { featureMetrics, layoutMetrics, METRICS_SAMPLE } from './layer_metrics.js';
export type { LayerMetrics, MetricsLevel } from './layer_metrics.js';
export { runSteps, runStepsAsync } from '../steps.js';
export type { MetricOptions, Steps } from '../steps.js';
export {
  knnPurity,
  knnPurityAsync,
  SELECTION_K,
  SELECTION_MIN_POINTS,
  SELECTION_PROBE_SAMPLE,
  SELECTION_QUERY_SAMPLE,
  SELECTION_TOO_SMALL,
  selectionProblem,
  selectionSeparability
} from './selection.js';
export type { SelectionOptions, SelectionSeparability } from './selection.js';
