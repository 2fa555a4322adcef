/**
 * `@layerviz/core/service`: what the layout worker runs. {@link LayoutService} answers
 * {@link LayoutRequest}s (layouts, previews, metrics, selections) with {@link LayoutReply}s through
 * any `postMessage`-like function; {@link LayoutRouter} spreads the layers over several services.
 *
 * Uses TF.js once: the linear probe (`probe.ts`) trains on `@tensorflow/tfjs-core`'s CPU backend,
 * so the worker needs no more of TF.js. The layouts (`../reduce`) and the other metrics
 * (`../metrics`) are TF.js-free.
 *
 * @packageDocumentation
 */
export { LayoutService } from './service.js';
export type { LayoutReply, LayoutRequest, PostReply } from './service.js';
export { layoutWorkerCount, LayoutRouter } from './router.js';
export type { SendRequest } from './router.js';
export { SelectionRunner } from './selection_runner.js';
export type { SelectionReply, SelectionRequest } from './selection_runner.js';
export { linearProbe } from './probe.js';
export type { LinearProbeOptions, LinearProbeResult } from './probe.js';
export { featureMetrics, layoutMetrics, METRICS_SAMPLE } from './layer_metrics.js';
export type { LayerMetrics, MetricsLevel } from './layer_metrics.js';
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
