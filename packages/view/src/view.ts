import type { LayerInfo, Progress } from '@layerviz/core';
import type { LayerMetrics, LayoutParameters } from '@layerviz/core/reduce';

import { type Data, type Layout, plotly } from './plotly/plotly.js';
import { LayoutControls } from './controls.js';
import { animatedLayers, type FocusAnimation, prefersReducedMotion } from './animation.js';
import type { ColorBy, SampleDetails } from './coloring.js';
import { ExploreControls, LayerPlayer } from './explore.js';
import { downloadText } from './export_csv.js';
import type { ExportFormat } from './export/figure_export.js';
import { downloadFile, type ExportedFile } from './export/render_export.js';
import { exportToolbar } from './export/toolbar.js';
import { type ExportSource, exportView, viewCsv } from './export/view_export.js';
import { Emitter } from './emitter.js';
import { buildFigure, type Figure, type LayerPlot, titleOf } from './figure.js';
import { type CoordsOptions, type FinalLayout, LayerState } from './layer_state.js';
import { HoverRings, listenForHover, ringPositions } from './hover_link.js';
import { SampleCard } from './sample_card.js';
import { SampleState } from './samples.js';
import { SamplingControl } from './sampling_control.js';
import { LayerSlider, layerKeyStep } from './slider.js';
import { themedLayout, ThemeWatcher } from './theme.js';
import { MetricsChart } from './metrics_panel.js';
import { EpochControl } from './epoch_control.js';
import { type EpochCurve, fadedEpochTraces } from './epochs.js';
import { CkaHeatmap, type CkaMatrix } from './cka_heatmap.js';
import { LayerNavigator, type NavigatorLayer } from './navigator.js';
import { PreviewCanvas } from './preview.js';
import { listenForSelections, SelectionBus } from './selection.js';
import { selectionNote, type SelectionMetricsState, selectionTraces } from './selection_metrics.js';
import { type ViewState, ViewStatus } from './status.js';
import { toolbarGroup } from './toolbar_groups.js';

/** What a {@link LayerVizView} tells its listeners; each listener's argument. */
export interface LayerVizViewEvents {
  /** The index of the layer now shown large. */
  focus: number;
  /** The layout the user picked (or {@link LayerVizView.requestLayout} asked for). */
  layout: LayoutParameters;
  /** Every layer's metrics measured so far, by layer name. */
  metrics: Readonly<Record<string, LayerMetrics>>;
  /** The selected samples (positions among the shown samples), or null for none. */
  selection: ReadonlySet<number> | null;
  /** What the user picked under "Color by". */
  colorBy: ColorBy;
  /** How many samples the user asked to see. */
  showMore: number;
  /** The layers to show, in model order, after the user picked one not shown. */
  layersRequest: string[];
}

/** Height of the figure in CSS pixels. */
export const FIGURE_HEIGHT = 560;

/**
 * The interactive layerviz view: one Plotly figure with one subplot per layer (all plots share
 * one WebGL context: browsers allow only 8–16 per page), a slider that picks the layer shown
 * large, a progress bar, and an error box. Usable in any web page; knows nothing of Jupyter.
 */
export class LayerVizView {
  /** The root element; append it anywhere. */
  readonly node: HTMLDivElement;
  /** Every listener of the view; `dispose` clears them all. */
  private readonly events = new Emitter<LayerVizViewEvents>();
  /** The layers, focus and measurements drawn (no DOM). */
  private readonly layerState = new LayerState();
  private readonly plot: HTMLDivElement;
  private readonly slider: LayerSlider;
  private readonly status: ViewStatus;
  private readonly sampling: SamplingControl;
  private readonly layoutControls: LayoutControls;
  private animation: FocusAnimation | null = null;
  private renderQueued = false;
  private readonly preview: PreviewCanvas;
  private readonly resizeObserver: ResizeObserver | null = null;
  private plotWidth = 0;
  private readonly metricsChart: MetricsChart;
  private readonly cka: CkaHeatmap;
  private bus: SelectionBus = new SelectionBus();
  private unsubscribeBus: () => void = () => undefined;
  private plotEventsBound = false;
  private readonly selectionNote: HTMLParagraphElement;
  private readonly samples = new SampleState();
  private readonly explore: ExploreControls;
  private readonly card: SampleCard;
  private readonly rings: HoverRings;
  private readonly player: LayerPlayer;
  private figure: Figure | null = null;
  private readonly themes: ThemeWatcher;
  private rendering: Promise<void> = Promise.resolve();
  private disposed = false;
  /** True once Plotly has drawn a figure in which every layer had its coordinates. */
  private drawnComplete = false;
  private readonly navigator: LayerNavigator;
  private readonly backendLabel: HTMLSpanElement;
  /** The epoch slider, shown for a model recorded while it trained (see `epochs.ts`). */
  readonly epochs: EpochControl;

  constructor(document: Document = globalThis.document) {
    this.node = element(document, 'div', 'lv-root');
    this.node.dataset['state'] = 'empty';
    const controls = element(document, 'div', 'lv-controls');
    this.slider = new LayerSlider(document, (index) => this.setFocus(index));
    this.status = new ViewStatus(document);
    this.sampling = new SamplingControl(document, (count) => this.events.emit('showMore', count));
    this.layoutControls = new LayoutControls(document, (params) =>
      this.events.emit('layout', params)
    );
    const exports = exportToolbar(document, {
      csv: () => downloadText(document, this.toCsv(), 'layerviz-layouts.csv', 'text/csv'),
      file: (format, scale) => {
        void this.exportAs(format, scale)
          .then((file) => downloadFile(document, file))
          .catch((err: unknown) => this.showError(`Export failed: ${String(err)}`));
      }
    });
    this.explore = new ExploreControls(document, {
      onColorBy: (colorBy) => this.setColorBy(colorBy, true),
      onSearch: (query) => this.search(query),
      onPlay: (playing) => this.player.play(playing)
    });
    this.player = new LayerPlayer({
      count: () => this.layerState.layers.length,
      current: () => this.layerState.focus,
      show: (index) => this.setFocus(index),
      onPlaying: (playing) => {
        this.node.dataset['playing'] = String(playing);
        this.explore.setPlaying(playing);
      }
    });
    this.backendLabel = element(document, 'span', 'lv-backend');
    this.backendLabel.hidden = true;
    this.epochs = new EpochControl(document, () => this.state === 'ready');
    controls.append(
      toolbarGroup(document, 'layer', 'layer', this.slider.node, this.epochs.node),
      toolbarGroup(document, 'explore', 'colour and search', this.explore.node),
      toolbarGroup(document, 'layout', 'layout', this.layoutControls.node),
      toolbarGroup(document, 'export', 'export', exports),
      toolbarGroup(
        document,
        'status',
        'status',
        this.sampling.node,
        this.status.progress,
        this.backendLabel
      )
    );
    // Keys on the view's own controls (arrows on the slider) must not reach a host page's
    // shortcuts: a notebook would move its cell selection instead of the slider.
    controls.addEventListener('keydown', (event) => event.stopPropagation());
    // `[` and `]` step through the layers wherever the view has focus (a click in it gives it).
    this.node.tabIndex = -1;
    this.node.addEventListener('keydown', (event) => {
      const step = layerKeyStep(
        event.key,
        event.target as HTMLElement | null,
        event.ctrlKey || event.metaKey || event.altKey
      );
      if (step !== 0) {
        event.stopPropagation();
        event.preventDefault();
        this.slider.step(step);
      }
    });
    this.plot = element(document, 'div', 'lv-plot');
    this.plot.style.height = `${FIGURE_HEIGHT}px`;
    this.preview = new PreviewCanvas(document);
    // The preview reads the figure's width from here: measuring it while frames arrive would
    // force a layout of the whole page every frame.
    const Observer = document.defaultView?.ResizeObserver;
    if (Observer !== undefined) {
      this.resizeObserver = new Observer(() => (this.plotWidth = this.plot.clientWidth));
      this.resizeObserver.observe(this.plot);
    }
    this.themes = new ThemeWatcher(this.node, () => this.scheduleRender());
    this.card = new SampleCard(document);
    this.rings = new HoverRings(document);
    const box = element(document, 'div', 'lv-plot-box');
    box.append(this.plot, this.preview.canvas, this.rings.node, this.card.node);
    this.setSelectionBus(this.bus);
    // The depth chart doubles as a navigator: clicking a layer's point focuses it.
    this.metricsChart = new MetricsChart(document, (name) => {
      const index = this.layerNames.indexOf(name);
      if (index >= 0) {
        this.setFocus(index);
      }
    });
    this.navigator = new LayerNavigator(document, {
      onFocus: (name) => this.setFocus(this.layerNames.indexOf(name)),
      onAdd: (name) => this.requestLayer(name)
    });
    this.navigator.node.style.height = `${FIGURE_HEIGHT}px`;
    const main = element(document, 'div', 'lv-main');
    main.append(this.navigator.node, box);
    this.cka = new CkaHeatmap(document, (name) => this.setFocus(this.layerNames.indexOf(name)));
    const below = element(document, 'div', 'lv-below');
    this.selectionNote = element(document, 'p', 'lv-selection-note');
    this.selectionNote.hidden = true;
    below.append(this.metricsChart.node, this.selectionNote, this.cka.node);
    this.node.append(controls, this.status.notice, this.status.error, main, below);
  }

  /**
   * List every layer of the model in the layer list (in depth order), besides those shown; with
   * `canAdd`, picking one not shown asks for it (see {@link onLayersRequest}).
   */
  setModelLayers(layers: readonly NavigatorLayer[] | null, canAdd: boolean): void {
    this.layerState.setModelLayers(layers, canAdd);
    this.updateNavigator();
  }

  /**
   * Be told the layers to show when the user picks one not shown in the layer list: the shown
   * layers and the new one, in model order. Returns a function that unsubscribes.
   */
  onLayersRequest(listener: (names: string[]) => void): () => void {
    return this.events.on('layersRequest', listener);
  }

  private requestLayer(name: string): void {
    const order = this.layerState.requestLayer(name);
    this.node.dataset['requestedLayer'] = name;
    this.events.emit('layersRequest', order);
  }

  private updateNavigator(): void {
    const all = this.layerState.listedLayers;
    this.navigator.setLayers(all, this.layerNames, this.layerState.canAddLayers);
    this.navigator.setFocus(this.layerState.focused?.info.name ?? '');
    this.node.dataset['layerCount'] = String(all.length);
    this.node.dataset['shownLayers'] = String(this.layerState.layers.length);
  }

  /** The index of the focused (large) layer. */
  get focus(): number {
    return this.layerState.focus;
  }

  /** Names of the layers shown, in order. */
  get layerNames(): string[] {
    return this.layerState.names;
  }

  /**
   * Set the per-sample data shared by all layers.
   *
   * @param labels - class id per sample (colors and legend), or null for one color.
   * @param sampleIds - index of each sample in the user's original data, shown on hover.
   */
  setSamples(labels: ArrayLike<number> | null, sampleIds: ArrayLike<number> | null = null): void {
    this.samples.setSamples(labels, sampleIds);
    this.updateExploreControls();
    this.scheduleRender();
  }

  /**
   * Give what else is known about each sample (predictions, texts, thumbnails, metadata): shown
   * on hover, searchable, and offered under "Color by".
   */
  setDetails(details: SampleDetails): void {
    this.samples.setDetails(details);
    this.updateExploreControls();
    this.scheduleRender();
  }

  /** What colors the points now (see {@link ColorBy}). */
  get colorByValue(): ColorBy {
    return this.samples.colorBy;
  }

  /** Color the points by `colorBy`; `fromUser` tells the color-by listeners. */
  setColorBy(colorBy: ColorBy, fromUser = false): void {
    if (!this.samples.setColorBy(colorBy)) {
      return;
    }
    this.updateExploreControls();
    this.scheduleRender();
    if (fromUser) {
      this.events.emit('colorBy', colorBy);
    }
  }

  /** Be told when the user picks another "Color by"; returns a function that unsubscribes. */
  onColorByChange(listener: (colorBy: ColorBy) => void): () => void {
    return this.events.on('colorBy', listener);
  }

  private updateExploreControls(): void {
    this.explore.setColorChoices(this.samples.colorChoices(), this.samples.colorBy);
    this.explore.setSearchable(this.samples.searchable);
    this.node.dataset['colorBy'] = this.samples.colorBy;
  }

  private sampleCount(): number {
    return this.layerState.sampleCount(this.samples.labels?.length ?? 0);
  }

  /** Select the samples whose text or metadata match `query` (empty: clear the selection). */
  private search(query: string): void {
    const matches = this.samples.search(query, this.sampleCount());
    this.explore.setMatches(matches === null ? null : matches.length);
    this.bus.select(matches, this);
  }

  /** Show the hovered sample in the card and ring it in every layer (null: hide the rings). */
  private hover(position: number | null): void {
    if (position === null) {
      this.rings.show([]);
      return;
    }
    this.card.show(this.samples.card(position));
    const fullLayout = (this.plot as unknown as { _fullLayout?: Record<string, unknown> })
      ._fullLayout;
    this.rings.show(
      fullLayout
        ? ringPositions(fullLayout, this.layerState.layers, this.layerState.focus, position)
        : []
    );
    this.node.dataset['hovered'] = String(position);
  }

  /**
   * Declare the layers to show; each gets an empty subplot until its coordinates arrive, or, with
   * `keepLayouts` (same samples as before), keeps the layout of the layer of that name shown so
   * far, marked outdated.
   */
  setLayers(infos: readonly LayerInfo[], keepLayouts = false): void {
    const focusMoved = this.layerState.setLayers(infos, keepLayouts);
    this.drawnComplete = false;
    this.slider.setCount(infos.length);
    if (focusMoved) {
      this.events.emit('focus', this.layerState.focus);
    }
    this.updateSliderLabel();
    this.updateNavigator();
    this.scheduleRender();
  }

  /** Give a layer its `(N, dims)` coordinates: a final layout or a frame of one forming. */
  setCoords(layerName: string, coords: Float32Array, options: CoordsOptions = {}): void {
    this.layerState.setCoords(layerName, coords, options);
    if (options.final === false) {
      this.drawnComplete = false;
    }
    this.updateState();
    // While any layout still forms, frames go to the cheap canvas preview; the interactive
    // figure is redrawn once, when every layer is final.
    if (this.allFinal()) {
      this.scheduleRender();
    } else {
      this.schedulePreview();
    }
  }

  private allFinal(): boolean {
    return this.layerState.allFinal;
  }

  private schedulePreview(): void {
    this.preview.schedule(
      () => {
        if (this.disposed || this.allFinal()) {
          return null;
        }
        return {
          layers: this.layerState.layers,
          focus: this.layerState.focus,
          colors: this.samples.colors(this.sampleCount()),
          width: (this.plotWidth ||= this.plot.clientWidth),
          height: FIGURE_HEIGHT
        };
      },
      (frames) => (this.node.dataset['previewFrames'] = String(frames))
    );
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

  /** The layout method and parameters the controls show. */
  get layoutParameters(): LayoutParameters {
    return this.layoutControls.value;
  }

  /** Show `params` in the layout controls (without reporting a change). */
  setLayoutParameters(params: LayoutParameters): void {
    this.layoutControls.set(params);
  }

  /** Be told when the user picks another layout; returns a function that unsubscribes. */
  onLayoutChange(listener: (params: LayoutParameters) => void): () => void {
    return this.events.on('layout', listener);
  }

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
    if (this.allFinal()) {
      this.scheduleRender();
    }
  }

  /** Draw other epochs' metrics as faded curves in the depth chart (empty: none). */
  setEpochCurves(curves: readonly EpochCurve[]): void {
    this.layerState.epochCurves = curves;
    this.scheduleRender();
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
    this.scheduleRender();
  }

  /** The selection's separability per layer as last measured, or null with nothing selected. */
  get selectionSeparability(): SelectionMetricsState | null {
    return this.layerState.selectionMetrics;
  }

  /** Show linear CKA between every pair of layers as a heatmap beside the depth chart. */
  setCka(matrix: CkaMatrix): void {
    this.cka.set(matrix);
    this.scheduleRender();
  }

  /** The CKA matrix shown, or null before one arrives. */
  get layerCka(): CkaMatrix | null {
    return this.cka.value;
  }

  /**
   * Share `bus` with other views (e.g. the models of a comparison): a selection made in any of
   * them highlights the same samples in all.
   */
  setSelectionBus(bus: SelectionBus): void {
    this.unsubscribeBus();
    this.bus = bus;
    this.unsubscribeBus = bus.subscribe((selection) => {
      this.node.dataset['selected'] = String(selection?.size ?? 0);
      this.events.emit('selection', selection);
      this.scheduleRender();
    });
  }

  /**
   * Be told of every selection change (whichever bus the view is on); returns a function that
   * unsubscribes. Samples are positions among the shown samples.
   */
  onSelectionChange(listener: (selection: ReadonlySet<number> | null) => void): () => void {
    return this.events.on('selection', listener);
  }

  /** The selection bus this view listens to. */
  get selectionBus(): SelectionBus {
    return this.bus;
  }

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

  private exportSource(): ExportSource {
    return {
      layers: this.layerState.layers,
      samples: this.samples,
      metrics: this.layerState.metrics,
      figure: this.figure,
      plot: this.plot,
      height: FIGURE_HEIGHT
    };
  }

  /** Be told each time a layer's metrics arrive; returns a function that unsubscribes. */
  onMetricsChange(listener: (metrics: Readonly<Record<string, LayerMetrics>>) => void): () => void {
    return this.events.on('metrics', listener);
  }

  /** Show or hide the view's own depth chart (a comparison draws one chart for all models). */
  setMetricsChartShown(shown: boolean): void {
    this.metricsChart.setShown(shown);
  }

  /**
   * Switch to another layout as if the user had picked it in the controls: the controls show it
   * and every layout listener is told.
   */
  requestLayout(params: LayoutParameters): void {
    this.layoutControls.set(params);
    this.events.emit('layout', params);
  }

  /** Every layer's metrics measured so far, by layer name. */
  get layerMetrics(): Readonly<Record<string, LayerMetrics>> {
    return this.layerState.metrics;
  }

  /** Per layer name: how far TF.js is from the model's own framework (see `setFidelity`). */
  get layerFidelity(): Readonly<Record<string, number>> {
    return this.layerState.fidelity;
  }

  /** Every layer whose layout is final, with its `(N, dims)` coordinates: what a save keeps. */
  get finalLayouts(): FinalLayout[] {
    return this.layerState.finalLayouts;
  }

  /**
   * Allow or forbid picking another layout: a view restored from saved layouts has nothing to
   * compute them from, so its layout controls are disabled.
   */
  setLayoutEnabled(enabled: boolean): void {
    this.layoutControls.setEnabled(enabled);
  }

  /** Show, next to each layer's title, how far TF.js is from the model's own framework. */
  setFidelity(values: Readonly<Record<string, number>>): void {
    this.layerState.setFidelity(values);
    this.node.dataset['fidelity'] = JSON.stringify(this.layerState.fidelity);
    this.scheduleRender();
  }

  /**
   * Show `index`'s layer large; the others become thumbnails. When both layers have 2-D layouts
   * the points glide from the old layer's positions to the new one's.
   */
  setFocus(index: number): void {
    const move = this.layerState.setFocus(index);
    if (move === null) {
      return;
    }
    const { index: clamped, from, to } = move;
    const glide =
      from?.coords &&
      to?.coords &&
      from.coords.length === to.coords.length &&
      (to.dims ?? 2) === 2 &&
      !prefersReducedMotion(this.node.ownerDocument);
    this.animation = glide ? { layer: clamped, from: from.coords, start: null } : null;
    this.updateSliderLabel();
    this.navigator.setFocus(to?.info.name ?? '');
    this.scheduleRender();
    if (!this.allFinal()) {
      this.schedulePreview();
    }
    this.events.emit('focus', clamped);
  }

  /** Be told when the focused layer changes; returns a function that unsubscribes. */
  onFocusChange(listener: (index: number) => void): () => void {
    return this.events.on('focus', listener);
  }

  /** Show progress of a long computation, or hide the bar with null. */
  setProgress(progress: Progress | null): void {
    this.status.setProgress(progress);
    this.updateState();
  }

  /**
   * Say which TF.js backend computes the layers (`label`, e.g. "TF.js: WASM (WebGL is
   * software-rendered)"); `backend` is its TF.js name.
   */
  setBackend(label: string, backend: string): void {
    this.backendLabel.textContent = label;
    this.backendLabel.hidden = false;
    this.node.dataset['backend'] = backend;
  }

  /** Show a notice that is not an error (e.g. how the layers were computed), or hide it. */
  setNotice(message: string | null): void {
    this.status.setNotice(message);
  }

  /** Add a sentence to the notice (e.g. about samples a layer cannot show). */
  addNotice(message: string): void {
    this.status.addNotice(message);
  }

  /** Show an error in plain words (as text, never as HTML). */
  showError(message: string): void {
    this.status.showError(message);
    this.updateState();
  }

  /**
   * Say that `shown` of `total` samples are shown: when not all are, the view offers to show
   * more (see {@link onShowMore}).
   */
  setSampling(shown: number, total: number): void {
    this.sampling.set(shown, total);
  }

  /** Be told how many samples the user asked to see; returns a function that unsubscribes. */
  onShowMore(listener: (count: number) => void): () => void {
    return this.events.on('showMore', listener);
  }

  /** The current {@link ViewState}. */
  get state(): ViewState {
    return this.node.dataset['state'] as ViewState;
  }

  private updateState(): void {
    this.node.dataset['state'] = this.status.state(this.drawnComplete);
    // How many layers have a final layout, for the browser tests and a host page's progress.
    this.node.dataset['laidOut'] = String(this.layerState.finalLayouts.length);
  }

  /** Wait until every scheduled render has reached the page. */
  whenRendered(): Promise<void> {
    return this.rendering;
  }

  /** Release Plotly's resources; the view must not be used afterwards. */
  dispose(): void {
    this.disposed = true;
    this.events.clear();
    this.unsubscribeBus();
    plotly().purge(this.plot);
    this.metricsChart.dispose();
    this.resizeObserver?.disconnect();
    this.themes.dispose();
    this.player.dispose();
    this.epochs.dispose();
    this.explore.dispose();
    this.node.remove();
  }

  private updateSliderLabel(): void {
    const layer = this.layerState.focused;
    this.slider.show(
      this.layerState.focus,
      this.layerState.layers.length,
      layer === undefined ? null : titleOf(layer.info)
    );
    this.node.dataset['focus'] = layer?.info.name ?? '';
  }

  private scheduleRender(): void {
    // One render at a time (Plotly.react must not overlap on an element), and at most one
    // waiting: frames that arrive while drawing collapse into the next render.
    if (this.renderQueued) {
      return;
    }
    this.renderQueued = true;
    this.rendering = this.rendering
      .then(() => {
        this.renderQueued = false;
        return this.render();
      })
      .catch((err: unknown) => {
        this.showError(`Could not draw the figure: ${String(err)}`);
      });
  }

  /** Lasso and box selections in any subplot go to the selection bus (bound once). */
  private bindPlotEvents(): void {
    if (!this.plotEventsBound) {
      this.plotEventsBound = true;
      listenForSelections(this.plot, (samples) => this.bus.select(samples, this));
      listenForHover(this.plot, (position) => this.hover(position));
    }
  }

  /** The layers as drawn now: the focused one part-way through its animation, if any. */
  private drawnLayers(): { layers: readonly LayerPlot[]; animating: boolean } {
    const now = performance.now();
    if (this.animation !== null && this.animation.start === null) {
      this.animation = { ...this.animation, start: now };
    }
    const drawn = animatedLayers(
      this.layerState.layers,
      this.animation,
      this.layerState.focus,
      now
    );
    if (!drawn.animating) {
      this.animation = null;
    }
    return drawn;
  }

  private async render(): Promise<void> {
    const layerState = this.layerState;
    if (this.disposed || layerState.layers.length === 0) {
      return;
    }
    const complete = layerState.allFinal;
    const { layers, animating } = this.drawnLayers();
    const figure = buildFigure({
      layers,
      labels: this.samples.labels,
      coloring: this.samples.coloring(this.sampleCount()),
      focus: layerState.focus,
      sampleIds: this.samples.sampleIds,
      fidelity: layerState.fidelity,
      metrics: layerState.metrics,
      selection: this.bus.selection,
      width: (this.plotWidth ||= this.plot.clientWidth) || undefined
    });
    const theme = this.themes.theme;
    const layout = themedLayout({ ...figure.layout, height: FIGURE_HEIGHT }, theme);
    this.figure = { data: figure.data, layout };
    await plotly().react(this.plot, figure.data as unknown as Data[], layout as Partial<Layout>, {
      responsive: true,
      displaylogo: false
    });
    this.bindPlotEvents();
    // Frames may have arrived while Plotly drew: only a figure of final layouts is complete.
    this.drawnComplete = complete && !animating && this.allFinal();
    this.node.dataset['animating'] = String(animating);
    if (!this.allFinal()) {
      this.preview.prepare((this.plotWidth ||= this.plot.clientWidth), FIGURE_HEIGHT);
    }
    if (complete && this.allFinal()) {
      this.preview.clear();
      const faded = [
        ...selectionTraces(layerState.names, layerState.selectionMetrics),
        ...fadedEpochTraces(layerState.names, layerState.epochCurves)
      ];
      await this.metricsChart.render(
        layerState.names,
        layerState.metrics,
        layerState.focus,
        theme,
        faded
      );
      this.cka.render(layerState.focused?.info.name ?? null, theme);
    }
    this.updateState();
    if (animating) {
      const win = this.node.ownerDocument.defaultView;
      if (win) {
        win.requestAnimationFrame(() => this.scheduleRender());
      } else {
        this.scheduleRender();
      }
    }
  }
}

function element<K extends keyof HTMLElementTagNameMap>(
  document: Document,
  tag: K,
  className: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  return node;
}
