/**
 * @layerviz/view: the interactive layerviz view, for any web page (no Jupyter).
 *
 * @packageDocumentation
 */
export { backendLabel, backendOrder, isSoftwareRenderer, webglRenderer } from './backend.js';
export { plotly } from './plotly/plotly.js';
export {
  axisId,
  buildFigure,
  classesOf,
  escapeHtml,
  fidelityText,
  titleOf,
  WEBGL_THRESHOLD
} from './figure.js';
export type { Figure, FigureInput, LayerPlot, ScatterTrace } from './figure.js';
export {
  CROWDED_FOCUS_WIDTH,
  FOCUS_WIDTH,
  MAX_THUMBNAILS,
  subplotDomains,
  thumbnailLayers
} from './grid.js';
export { filterLayers, LayerNavigator, layersSummary, NAVIGATOR_MIN_LAYERS } from './navigator.js';
export type { NavigatorCallbacks, NavigatorLayer } from './navigator.js';
export type { Domain } from './grid.js';
export { animatedLayers, FOCUS_ANIMATION_MS } from './animation.js';
export type { FocusAnimation } from './animation.js';
export { className, colorChoices, coloring, sampleColors, VIRIDIS } from './coloring.js';
export type {
  ColorBy,
  ColorGroups,
  Coloring,
  ColorScale,
  MetaValue,
  SampleDetails
} from './coloring.js';
export { ComparisonPanel } from './comparison.js';
export { ExploreControls, LayerPlayer, PLAY_STEP_MS, searchSamples } from './explore.js';
export type { ExploreHandlers, PlayTarget } from './explore.js';
export { HoverRings, ringPositions } from './hover_link.js';
export type { RingPosition } from './hover_link.js';
export { cardInfo, SampleCard, sampleLine } from './sample_card.js';
export type { CardInfo } from './sample_card.js';
export type { ComparedModel } from './comparison.js';
export { LayoutControls, METHOD_LABELS } from './controls.js';
export { downloadBlob, downloadText, layoutsCsv } from './export_csv.js';
export { dataUrlBytes, PNG_SCALES, standaloneHtml, vectorFigure } from './export/figure_export.js';
export type { ExportFormat, HtmlExport } from './export/figure_export.js';
export { downloadFile, exportHtml, exportImage } from './export/render_export.js';
export type { ExportedFile, ImageOptions } from './export/render_export.js';
export { exportView, viewCsv } from './export/view_export.js';
export type { ExportSource } from './export/view_export.js';
export { listenForHover } from './hover_link.js';
export type { CsvInput } from './export_csv.js';
export { LayoutClient } from './layout_client.js';
export {
  buildComparisonMetricsFigure,
  buildMetricsFigure,
  METRIC_LABELS,
  METRICS_HEIGHT,
  metricsTitle
} from './metrics_chart.js';
export type { MetricSeries, MetricTrace } from './metrics_chart.js';
export { MetricsChart } from './metrics_panel.js';
export { cellSize, CkaHeatmap, ckaColor, ckaSvg } from './cka_heatmap.js';
export type { CkaMatrix } from './cka_heatmap.js';
export { classColor, UNLABELED_COLOR } from './palette.js';
export { invalidRowsNotice, runLayerViz, SAVED_NOTICE } from './run.js';
export { hideRows } from './run_layouts.js';
export type {
  ActivationsInput,
  LayerVizInput,
  ModelInput,
  RunOptions,
  SavedInput
} from './run_input.js';
export { SampleState } from './samples.js';
export { nextSampleCount, SamplingControl } from './sampling_control.js';
export { LayerSlider } from './slider.js';
export { EpochControl } from './epoch_control.js';
export { alignedTo, epochCaption, EpochLayouts, EpochPlayer, fadedEpochTraces } from './epochs.js';
export type { EpochCurve, EpochPlayTarget, FadedTrace } from './epochs.js';
export { listenForSelections, SelectionBus } from './selection.js';
export type { SelectionListener } from './selection.js';
export {
  SELECTION_COLOR,
  SELECTION_DEBOUNCE_MS,
  selectionNote,
  SelectionMetricsTracker,
  selectionTraces
} from './selection_metrics.js';
export type {
  SelectionMetricsClient,
  SelectionMetricsState,
  SelectionTrace
} from './selection_metrics.js';
export { LIGHT_THEME, readTheme, themedLayout, themeKey, ThemeWatcher } from './theme.js';
export type { FigureTheme } from './theme.js';
export { LayerVizView } from './view.js';
export { FIGURE_HEIGHT } from './plot_box.js';
export type { CoordsOptions } from './layer_state.js';
export { ViewStatus } from './status.js';
export type { ViewState } from './status.js';
export { renderLayerViz } from './library/render.js';
export type { LayerVizEvents, LayerVizHandle, RenderOptions } from './library/render.js';
export { labelIds, modelArtifacts, samplesArray } from './library/inputs.js';
export type { Labels, LabelsSource, ModelSource, SamplesSource } from './library/inputs.js';
export { TaskQueue, tfQueue } from './queue.js';
