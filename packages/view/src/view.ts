import type { Progress } from '@layerviz/core';
import type { LayerFeatures, LayoutParameters } from '@layerviz/core/reduce';
import type { LayerMetrics } from '@layerviz/core/service';

import type { CkaMatrix } from './cka_heatmap.js';
import type { EpochCurve } from './epochs.js';
import type { ExportFormat } from './export/figure_export.js';
import type { ExportedFile } from './export/render_export.js';
import { exportView, viewCsv } from './export/view_export.js';
import type { SelectionBus } from './selection.js';
import { selectionNote, type SelectionMetricsState } from './selection_metrics.js';
import { ViewCore } from './view_core.js';

/**
 * The interactive layerviz view: a toolbar (layer slider, colour and search, layout, export,
 * progress), the layer list beside one Plotly figure with a subplot per layer (all plots share
 * one WebGL context: browsers allow only 8–16 per page), and the depth chart and CKA heatmap
 * under it. Usable in any web page; knows nothing of Jupyter.
 *
 * Its layers, focus, samples and progress are shown by {@link ViewCore}; this class adds the
 * layout, what was measured, the selection, export and disposal. Listeners (`onFocusChange`, ...)
 * are told of changes through one emitter, cleared by {@link dispose}.
 */
export class LayerVizView extends ViewCore {
  // The layout.

  /** The layout method and parameters the controls show. */
  get layoutParameters(): LayoutParameters {
    return this.toolbar.layout.value;
  }

  /** Show `params` in the layout controls (without reporting a change). */
  setLayoutParameters(params: LayoutParameters): void {
    this.toolbar.layout.set(params);
  }

  /**
   * Switch to another layout as if the user had picked it in the controls: the controls show it
   * and every layout listener is told.
   */
  requestLayout(params: LayoutParameters): void {
    this.toolbar.layout.set(params);
    this.events.emit('layout', params);
  }

  /** Be told when the user picks another layout; returns a function that unsubscribes. */
  onLayoutChange(listener: (params: LayoutParameters) => void): () => void {
    return this.events.on('layout', listener);
  }

  /**
   * Allow or forbid picking another layout: a view restored from saved layouts has nothing to
   * compute them from, so its layout controls are disabled.
   */
  setLayoutEnabled(enabled: boolean): void {
    this.toolbar.layout.setEnabled(enabled);
  }

  /**
   * Mark every layer's layout as outdated (a new layout is starting): the old points stay visible
   * until the new ones arrive, and the view reports `computing` again.
   */
  restartLayouts(): void {
    this.layerState.restart();
    this.drawnComplete = false;
    this.updateState();
  }

  // What was measured: metrics, CKA, fidelity, the selection's separability.

  /**
   * Give a layer its separability metrics: k-NN accuracy goes into its title, and every metric
   * into the depth chart under the plots (drawn once no layout is forming).
   */
  setMetrics(layerName: string, values: LayerMetrics): void {
    this.layerState.setMetrics(layerName, values);
    const metrics = this.layerState.metrics;
    this.node.dataset['metrics'] = JSON.stringify(metrics);
    this.navigator.setMetrics(metrics);
    this.events.emit('metrics', metrics);
    if (this.layerState.allFinal) {
      this.plots.scheduleRender();
    }
  }

  /** Every layer's metrics measured so far, by layer name. */
  get layerMetrics(): Readonly<Record<string, LayerMetrics>> {
    return this.layerState.metrics;
  }

  /** Be told each time a layer's metrics arrive; returns a function that unsubscribes. */
  onMetricsChange(listener: (metrics: Readonly<Record<string, LayerMetrics>>) => void): () => void {
    return this.events.on('metrics', listener);
  }

  /** Show or hide the view's own depth chart (a comparison draws one chart for all models). */
  setMetricsChartShown(shown: boolean): void {
    this.metricsChart.setShown(shown);
  }

  /** Draw other epochs' metrics as faded curves in the depth chart (empty: none). */
  setEpochCurves(curves: readonly EpochCurve[]): void {
    this.layerState.epochCurves = curves;
    this.plots.scheduleRender();
  }

  /** Show linear CKA between every pair of layers as a heatmap beside the depth chart. */
  setCka(matrix: CkaMatrix): void {
    this.cka.set(matrix);
    this.plots.scheduleRender();
  }

  /** The CKA matrix shown, or null before one arrives. */
  get layerCka(): CkaMatrix | null {
    return this.cka.value;
  }

  /**
   * Hold the laid-out layers' features (as sent to the layout worker), for measures across views
   * such as the CKA between two models of a comparison; listeners of `features` are told.
   */
  setLayerFeatures(features: readonly LayerFeatures[]): void {
    this.layerState.features = features;
    this.events.emit('features', features);
  }

  /** The laid-out layers' features, or empty before they are computed (and for saved views). */
  get layerFeatures(): readonly LayerFeatures[] {
    return this.layerState.features;
  }

  /** Call `listener` whenever new features are held; returns a function that stops it. */
  onFeatures(listener: (features: readonly LayerFeatures[]) => void): () => void {
    return this.events.on('features', listener);
  }

  /** Show, next to each layer's title, how far TF.js is from the model's own framework. */
  setFidelity(values: Readonly<Record<string, number>>): void {
    this.layerState.setFidelity(values);
    this.node.dataset['fidelity'] = JSON.stringify(this.layerState.fidelity);
    this.plots.scheduleRender();
  }

  /** Per layer name: how far TF.js is from the model's own framework (see `setFidelity`). */
  get layerFidelity(): Readonly<Record<string, number>> {
    return this.layerState.fidelity;
  }

  /**
   * Show how separable the selection is in each layer: its curves in the depth chart and a
   * sentence under it (null: nothing selected, both cleared).
   */
  setSelectionMetrics(state: SelectionMetricsState | null): void {
    this.layerState.selectionMetrics = state;
    this.node.dataset['selectionMetrics'] = JSON.stringify(state?.values ?? null);
    this.selectionNote.textContent = selectionNote(state, this.layerState.layers.length);
    this.selectionNote.hidden = state === null;
    this.plots.scheduleRender();
  }

  /** The selection's separability per layer as last measured, or null with nothing selected. */
  get selectionSeparability(): SelectionMetricsState | null {
    return this.layerState.selectionMetrics;
  }

  // The selection.

  /**
   * Share `bus` with other views (e.g. the models of a comparison): a selection made in any of
   * them highlights the same samples in all.
   */
  setSelectionBus(bus: SelectionBus): void {
    this.listenTo(bus);
  }

  /** The selection bus this view listens to. */
  get selectionBus(): SelectionBus {
    return this.bus;
  }

  /**
   * Be told of every selection change (whichever bus the view is on); returns a function that
   * unsubscribes. Samples are positions among the shown samples.
   */
  onSelectionChange(listener: (selection: ReadonlySet<number> | null) => void): () => void {
    return this.events.on('selection', listener);
  }

  // Progress, notices, errors.

  /** Show progress of a long computation, or hide the bar with null. */
  setProgress(progress: Progress | null): void {
    this.toolbar.status.setProgress(progress);
    this.updateState();
  }

  /**
   * Say which TF.js backend computes the layers (`label`, e.g. "TF.js: WASM (WebGL is
   * software-rendered)"); `backend` is its TF.js name.
   */
  setBackend(label: string, backend: string): void {
    this.toolbar.backend.textContent = label;
    this.toolbar.backend.hidden = false;
    this.node.dataset['backend'] = backend;
  }

  /** Show a notice that is not an error (e.g. how the layers were computed), or hide it. */
  setNotice(message: string | null): void {
    this.toolbar.status.setNotice(message);
  }

  /** Add a sentence to the notice (e.g. about samples a layer cannot show). */
  addNotice(message: string): void {
    this.toolbar.status.addNotice(message);
  }

  /** Show an error in plain words (as text, never as HTML). */
  showError(message: string): void {
    this.toolbar.status.showError(message);
    this.updateState();
  }

  // Export and lifetime.

  /** Every finished layer's layout, labels and metrics as CSV (see `layoutsCsv`). */
  toCsv(): string {
    return viewCsv(this.exportSource());
  }

  /**
   * The figure as a file: `png` (at `scale` pixels per CSS pixel, in [1, 8]), `svg` (vector
   * shapes), `html` (interactive, offline, selections linked) or `csv` (see {@link toCsv}).
   *
   * @throws Error before the figure has been drawn.
   */
  async exportAs(format: ExportFormat, scale = 2): Promise<ExportedFile> {
    if (format !== 'csv') {
      await this.whenRendered();
    }
    return exportView(this.exportSource(), format, scale);
  }

  /** Wait until every scheduled render has reached the page. */
  whenRendered(): Promise<void> {
    return this.plots.whenRendered();
  }

  /** Release Plotly's resources; the view must not be used afterwards. */
  dispose(): void {
    this.events.clear();
    this.unsubscribeBus();
    this.plots.dispose();
    this.metricsChart.dispose();
    this.player.dispose();
    this.toolbar.dispose();
    this.node.remove();
  }
}
