/**
 * @layerviz/view: the interactive layerviz view, for any web page (no Jupyter).
 *
 * Only what other code uses is exported; every other module is internal and may change:
 * - for web pages: {@link renderLayerViz}, its options, the inputs it takes and the handle it
 *   returns (see `docs/web-api.md`);
 * - the view that handle holds, {@link LayerVizView}, with the types its methods take and
 *   {@link SelectionBus} to link the selections of several views;
 * - for a host that owns a view and computes what it shows (the JupyterLab widget of
 *   `@layerviz/jupyterlab`): {@link runLayerViz} and its inputs, the comparison panel, a training
 *   timeline's epoch layouts, captions and layers × epochs grid (coloured as the view colours
 *   points), and the queue that takes turns on TF.js;
 * - for a page that picks a TF.js backend or loads Plotly before any view (the load benchmark,
 *   `bench/load`): {@link backendOrder}, {@link webglRenderer} and {@link plotly}.
 *
 * @packageDocumentation
 */

// For web pages.
export { renderLayerViz } from './library/render.js';
export type { LayerVizEvents, LayerVizHandle, RenderOptions } from './library/render.js';
export type { LabelsSource, ModelSource, SamplesSource } from './library/inputs.js';
export type { ColorBy, MetaValue, SampleDetails } from './coloring.js';
export type { ExportFormat } from './export/figure_export.js';
export type { ExportedFile } from './export/render_export.js';

// The view, and what its methods take and give.
export { LayerVizView } from './view.js';
export type { LayerVizViewEvents } from './view_core.js';
export type { CoordsOptions, FinalLayout } from './layer_state.js';
export type { ViewState } from './status.js';
export type { NavigatorLayer } from './navigator.js';
export { CkaHeatmap } from './cka_heatmap.js';
export type { CkaMatrix } from './cka_heatmap.js';
export type { SelectionMetricsState } from './selection_metrics.js';
export type { EpochCurve } from './epochs.js';
export type { EpochControl } from './epoch_control.js';
export { SelectionBus } from './selection.js';

// For a host that computes what the view shows (the JupyterLab widget).
export { runLayerViz } from './run.js';
export type {
  ActivationsInput,
  LayerVizInput,
  ModelInput,
  RunOptions,
  SavedInput
} from './run_input.js';
export { ComparisonPanel } from './comparison.js';
export type { ComparedModel } from './comparison.js';
export { epochCaption, EpochLayouts } from './epochs.js';
export { EpochGrid, type EpochGridData } from './epoch_grid.js';
export { coloring, sampleColors } from './coloring.js';
export { tfQueue } from './queue.js';

// For a page that picks the TF.js backend or loads Plotly itself.
export { backendOrder, webglRenderer } from './backend.js';
export { plotly } from './plotly/plotly.js';
