import type { LayerInfo } from '@layerviz/core';
import type { LayerFeatures, LayoutParameters } from '@layerviz/core/reduce';
import type { LayerMetrics } from '@layerviz/core/service';

import { CkaHeatmap } from './cka_heatmap.js';
import type { ColorBy, SampleDetails } from './coloring.js';
import { element } from './dom.js';
import { Emitter } from './emitter.js';
import { fadedEpochTraces } from './epochs.js';
import type { EpochControl } from './epoch_control.js';
import { LayerPlayer } from './explore.js';
import { downloadText } from './export_csv.js';
import type { ExportFormat } from './export/figure_export.js';
import { downloadFile, type ExportedFile } from './export/render_export.js';
import type { ExportSource } from './export/view_export.js';
import { titleOf } from './figure.js';
import { type CoordsOptions, type FinalLayout, LayerState } from './layer_state.js';
import { MetricsChart } from './metrics_chart.js';
import { LayerNavigator, type NavigatorLayer } from './navigator.js';
import { FIGURE_HEIGHT, PlotBox, shownSamples } from './plot_box.js';
import { SampleState } from './sample_state.js';
import { SelectionBus } from './selection.js';
import { selectionTraces } from './selection_metrics.js';
import { layerKeyStep } from './slider.js';
import type { ViewState } from './status.js';
import type { FigureTheme } from './theme.js';
import { ViewToolbar } from './view_toolbar.js';

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
  /** The laid-out layers' features, once computed (see {@link LayerVizView.layerFeatures}). */
  features: readonly LayerFeatures[];
}

/**
 * The view's parts and what shows the layers: it builds the toolbar (layer slider, colour and
 * search, layout, export, progress), the layer list beside the {@link PlotBox} (one Plotly figure
 * with a subplot per layer), and the depth chart and CKA heatmap under it; it shows the layers,
 * the focus, the samples and the progress, and redraws after each change. What it shows is kept
 * in a {@link LayerState}. {@link LayerVizView} adds the layout, what was measured, the
 * selection and export.
 */
export abstract class ViewCore {
  /** The root element; append it anywhere. */
  readonly node: HTMLDivElement;
  /** The epoch slider, shown for a model recorded while it trained (see `epochs.ts`). */
  readonly epochs: EpochControl;
  /** Every listener of the view; `dispose` clears them all. */
  protected readonly events = new Emitter<LayerVizViewEvents>();
  /** The layers, focus and measurements shown (no DOM). */
  protected readonly layerState = new LayerState();
  protected readonly samples = new SampleState();
  protected bus: SelectionBus = new SelectionBus();
  protected unsubscribeBus: () => void = () => undefined;
  protected readonly toolbar: ViewToolbar;
  protected readonly player: LayerPlayer;
  protected readonly navigator: LayerNavigator;
  protected readonly plots: PlotBox;
  protected readonly metricsChart: MetricsChart;
  protected readonly cka: CkaHeatmap;
  protected readonly selectionNote: HTMLParagraphElement;
  /** True once Plotly has drawn a figure in which every layer had its coordinates. */
  protected drawnComplete = false;

  constructor(document: Document = globalThis.document) {
    this.node = element(document, 'div', 'lv-root');
    this.node.dataset['state'] = 'empty';
    const focusName = (name: string): void => this.setFocus(this.layerNames.indexOf(name));
    this.toolbar = new ViewToolbar(document, {
      onFocus: (index) => this.setFocus(index),
      onShowMore: (count) => this.events.emit('showMore', count),
      onLayout: (params) => this.events.emit('layout', params),
      epochReady: () => this.state === 'ready',
      onColorBy: (colorBy) => this.setColorBy(colorBy, true),
      onSearch: (query) => this.search(query),
      onPlay: (playing) => this.player.play(playing),
      csv: () => downloadText(document, this.toCsv(), 'layerviz-layouts.csv', 'text/csv'),
      file: (format, scale) => {
        void this.exportAs(format, scale)
          .then((file) => downloadFile(document, file))
          .catch((err: unknown) => this.showError(`Export failed: ${String(err)}`));
      }
    });
    this.epochs = this.toolbar.epochs;
    this.player = new LayerPlayer({
      count: () => this.layerState.layers.length,
      current: () => this.layerState.focus,
      show: (index) => this.setFocus(index),
      onPlaying: (playing) => {
        this.node.dataset['playing'] = String(playing);
        this.toolbar.explore.setPlaying(playing);
      }
    });
    // `[` and `]` step through the layers wherever the view has focus (a click in it gives it).
    this.node.tabIndex = -1;
    this.node.addEventListener('keydown', (event) => {
      const modified = event.ctrlKey || event.metaKey || event.altKey;
      const step = layerKeyStep(event.key, event.target as HTMLElement | null, modified);
      if (step !== 0) {
        event.stopPropagation();
        event.preventDefault();
        this.toolbar.slider.step(step);
      }
    });
    this.plots = new PlotBox(this.node, {
      layers: this.layerState,
      samples: this.samples,
      selected: () => this.bus.selection,
      select: (samples) => this.bus.select(samples, this),
      drawn: (final, animating, theme) => this.drawn(final, animating, theme),
      failed: (message) => this.showError(message)
    });
    this.listenTo(this.bus);
    // The depth chart doubles as a navigator: clicking a layer's point focuses it.
    this.metricsChart = new MetricsChart(document, (name) => {
      if (this.layerNames.includes(name)) {
        focusName(name);
      }
    });
    this.navigator = new LayerNavigator(document, {
      onFocus: focusName,
      onAdd: (name) => this.requestLayer(name)
    });
    this.navigator.node.style.height = `${FIGURE_HEIGHT}px`;
    const main = element(document, 'div', 'lv-main');
    main.append(this.navigator.node, this.plots.node);
    this.cka = new CkaHeatmap(document, focusName);
    const below = element(document, 'div', 'lv-below');
    this.selectionNote = element(document, 'p', 'lv-selection-note');
    this.selectionNote.hidden = true;
    below.append(this.metricsChart.node, this.selectionNote, this.cka.node);
    const { status } = this.toolbar;
    this.node.append(this.toolbar.node, status.notice, status.error, main, below);
  }

  /** The current {@link ViewState}. */
  get state(): ViewState {
    return this.node.dataset['state'] as ViewState;
  }

  /** Show an error in plain words (see {@link LayerVizView.showError}). */
  abstract showError(message: string): void;

  /** Every finished layer's layout, labels and metrics as CSV. */
  abstract toCsv(): string;

  /** The figure as a file (see {@link LayerVizView.exportAs}). */
  abstract exportAs(format: ExportFormat, scale?: number): Promise<ExportedFile>;

  // The layers and the focus.

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

  /** Names of the layers shown, in order. */
  get layerNames(): string[] {
    return this.layerState.names;
  }

  /**
   * Declare the layers to show; each gets an empty subplot until its coordinates arrive, or, with
   * `keepLayouts` (same samples as before), keeps the layout of the layer of that name shown so
   * far, marked outdated.
   */
  setLayers(infos: readonly LayerInfo[], keepLayouts = false): void {
    const focusMoved = this.layerState.setLayers(infos, keepLayouts);
    this.drawnComplete = false;
    this.toolbar.slider.setCount(infos.length);
    if (focusMoved) {
      this.events.emit('focus', this.layerState.focus);
    }
    this.updateSliderLabel();
    this.updateNavigator();
    this.plots.scheduleRender();
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
    if (this.layerState.allFinal) {
      this.plots.scheduleRender();
    } else {
      this.plots.schedulePreview();
    }
  }

  /** Every layer whose layout is final, with its `(N, dims)` coordinates: what a save keeps. */
  get finalLayouts(): FinalLayout[] {
    return this.layerState.finalLayouts;
  }

  /** The index of the focused (large) layer. */
  get focus(): number {
    return this.layerState.focus;
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
    this.plots.focusMoved(move);
    this.updateSliderLabel();
    this.navigator.setFocus(move.to?.info.name ?? '');
    this.plots.scheduleRender();
    if (!this.layerState.allFinal) {
      this.plots.schedulePreview();
    }
    this.events.emit('focus', move.index);
  }

  /** Be told when the focused layer changes; returns a function that unsubscribes. */
  onFocusChange(listener: (index: number) => void): () => void {
    return this.events.on('focus', listener);
  }

  // The samples: labels, details, colours.

  /**
   * Set the per-sample data shared by all layers.
   *
   * @param labels - class id per sample (colors and legend), or null for one color.
   * @param sampleIds - index of each sample in the user's original data, shown on hover.
   */
  setSamples(labels: ArrayLike<number> | null, sampleIds: ArrayLike<number> | null = null): void {
    this.samples.setSamples(labels, sampleIds);
    this.updateExploreControls();
    this.plots.scheduleRender();
  }

  /**
   * Give what else is known about each sample (predictions, texts, thumbnails, metadata): shown
   * on hover, searchable, and offered under "Color by".
   */
  setDetails(details: SampleDetails): void {
    this.samples.setDetails(details);
    this.updateExploreControls();
    this.plots.scheduleRender();
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
    this.plots.scheduleRender();
    if (fromUser) {
      this.events.emit('colorBy', colorBy);
    }
  }

  /** Be told when the user picks another "Color by"; returns a function that unsubscribes. */
  onColorByChange(listener: (colorBy: ColorBy) => void): () => void {
    return this.events.on('colorBy', listener);
  }

  /**
   * Say that `shown` of `total` samples are shown: when not all are, the view offers to show
   * more (see {@link onShowMore}).
   */
  setSampling(shown: number, total: number): void {
    this.toolbar.sampling.set(shown, total);
  }

  /** Be told how many samples the user asked to see; returns a function that unsubscribes. */
  onShowMore(listener: (count: number) => void): () => void {
    return this.events.on('showMore', listener);
  }

  /** Listen to `bus` (and no longer to the bus before). */
  protected listenTo(bus: SelectionBus): void {
    this.unsubscribeBus();
    this.bus = bus;
    this.unsubscribeBus = bus.subscribe((selection) => {
      this.node.dataset['selected'] = String(selection?.size ?? 0);
      this.events.emit('selection', selection);
      this.plots.scheduleRender();
    });
  }

  protected exportSource(): ExportSource {
    return {
      layers: this.layerState.layers,
      samples: this.samples,
      metrics: this.layerState.metrics,
      figure: this.plots.figure,
      plot: this.plots.plot,
      height: FIGURE_HEIGHT
    };
  }

  private requestLayer(name: string): void {
    const order = this.layerState.requestLayer(name);
    this.node.dataset['requestedLayer'] = name;
    this.events.emit('layersRequest', order);
  }

  /** Select the samples whose text or metadata match `query` (empty: clear the selection). */
  private search(query: string): void {
    const matches = this.samples.search(query, shownSamples(this.layerState, this.samples));
    this.toolbar.explore.setMatches(matches === null ? null : matches.length);
    this.bus.select(matches, this);
  }

  /** After each render: the depth chart and CKA once every layout is final, then the state. */
  private async drawn(final: boolean, animating: boolean, theme: FigureTheme): Promise<void> {
    this.drawnComplete = final && !animating;
    if (final) {
      const state = this.layerState;
      const faded = [
        ...selectionTraces(state.names, state.selectionMetrics),
        ...fadedEpochTraces(state.names, state.epochCurves)
      ];
      await this.metricsChart.render(state.names, state.metrics, state.focus, theme, faded);
      this.cka.render(state.focused?.info.name ?? null, theme);
    }
    this.updateState();
  }

  protected updateState(): void {
    this.node.dataset['state'] = this.toolbar.status.state(this.drawnComplete);
    // How many layers have a final layout, for the browser tests and a host page's progress.
    this.node.dataset['laidOut'] = String(this.layerState.finalLayouts.length);
  }

  private updateSliderLabel(): void {
    const layer = this.layerState.focused;
    const title = layer === undefined ? null : titleOf(layer.info);
    this.toolbar.slider.show(this.layerState.focus, this.layerState.layers.length, title);
    this.node.dataset['focus'] = layer?.info.name ?? '';
  }

  private updateNavigator(): void {
    const all = this.layerState.listedLayers;
    this.navigator.setLayers(all, this.layerNames, this.layerState.canAddLayers);
    this.navigator.setFocus(this.layerState.focused?.info.name ?? '');
    this.node.dataset['layerCount'] = String(all.length);
    this.node.dataset['shownLayers'] = String(this.layerState.layers.length);
  }

  private updateExploreControls(): void {
    const { explore } = this.toolbar;
    explore.setColorChoices(this.samples.colorChoices(), this.samples.colorBy);
    explore.setSearchable(this.samples.searchable);
    this.node.dataset['colorBy'] = this.samples.colorBy;
  }
}
