import { animatedLayers, type FocusAnimation, prefersReducedMotion } from './animation.js';
import { element } from './dom.js';
import { buildFigure, type Figure, type LayerPlot } from './figure.js';
import { HoverRings, listenForHover, ringPositions } from './hover_link.js';
import type { FocusMove, LayerState } from './layer_state.js';
import { type Data, type Layout, plotly } from './plotly/plotly.js';
import { PreviewCanvas } from './preview.js';
import { SampleCard } from './sample_card.js';
import type { SampleState } from './sample_state.js';
import { listenForLegendSelections, listenForSelections } from './selection.js';
import { type FigureTheme, themedLayout, ThemeWatcher } from './theme.js';

/** Height of the figure in CSS pixels. */
export const FIGURE_HEIGHT = 560;

/** What a {@link PlotBox} draws, and whom it tells. */
export interface PlotBoxSource {
  /** The layers, focus and measurements to draw. */
  readonly layers: LayerState;
  /** Labels, colors and details of the samples. */
  readonly samples: SampleState;
  /** The selection to highlight, or null. */
  selected(): ReadonlySet<number> | null;
  /** A lasso or box selection drawn in any subplot (null: cleared). */
  select(samples: Set<number> | null): void;
  /**
   * Told after each render reached the page: `final` when every layer's layout was final
   * before and after drawing, `animating` while the focused layer glides, and the theme drawn.
   */
  drawn(final: boolean, animating: boolean, theme: FigureTheme): Promise<void>;
  /** Told a render failed, in plain words. */
  failed(message: string): void;
}

/** How many samples are shown: the rows of the layouts, or the labels before any layout. */
export function shownSamples(layers: LayerState, samples: SampleState): number {
  return layers.sampleCount(samples.labels?.length ?? 0);
}

/**
 * The plot box: one Plotly figure with a subplot per layer (all share one WebGL context: browsers
 * allow only 8–16 per page), a canvas preview over it while layouts form, the focused layer's
 * glide to its new positions, and the hovered sample's card and rings.
 */
export class PlotBox {
  /** The box; the view places it beside the layer list. */
  readonly node: HTMLDivElement;
  /** The element Plotly draws in (the export reads it). */
  readonly plot: HTMLDivElement;
  private readonly preview: PreviewCanvas;
  private readonly resizeObserver: ResizeObserver | null = null;
  private plotWidth = 0;
  private readonly themes: ThemeWatcher;
  private readonly card: SampleCard;
  private readonly rings: HoverRings;
  private animation: FocusAnimation | null = null;
  private drawnFigure: Figure | null = null;
  private plotEventsBound = false;
  private renderQueued = false;
  private rendering: Promise<void> = Promise.resolve();
  private disposed = false;

  /**
   * @param root - the view's root element: its theme colours are drawn, and it carries the
   *   `data-` attributes the browser tests read (`hovered`, `animating`, `previewFrames`).
   */
  constructor(
    private readonly root: HTMLElement,
    private readonly source: PlotBoxSource
  ) {
    const document = root.ownerDocument;
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
    this.themes = new ThemeWatcher(root, () => this.scheduleRender());
    this.card = new SampleCard(document);
    this.rings = new HoverRings(document);
    this.node = element(document, 'div', 'lv-plot-box');
    this.node.append(this.plot, this.preview.canvas, this.rings.node, this.card.node);
  }

  /** The figure last drawn (traces and themed layout), or null before the first render. */
  get figure(): Figure | null {
    return this.drawnFigure;
  }

  /**
   * The focus moved: when both layers have 2-D layouts of the same samples (and the user does
   * not prefer reduced motion), the points glide from the old layer's positions to the new one's.
   */
  focusMoved({ index, from, to }: FocusMove): void {
    const glide =
      from?.coords &&
      to?.coords &&
      from.coords.length === to.coords.length &&
      (to.dims ?? 2) === 2 &&
      !prefersReducedMotion(this.root.ownerDocument);
    this.animation = glide ? { layer: index, from: from.coords, start: null } : null;
  }

  /** Draw the frames of forming layouts on the canvas preview at the next animation frame. */
  schedulePreview(): void {
    const { layers, samples } = this.source;
    this.preview.schedule(
      () => {
        if (this.disposed || layers.allFinal) {
          return null;
        }
        return {
          layers: layers.layers,
          focus: layers.focus,
          colors: samples.colors(shownSamples(layers, samples)),
          width: (this.plotWidth ||= this.plot.clientWidth),
          height: FIGURE_HEIGHT
        };
      },
      (frames) => (this.root.dataset['previewFrames'] = String(frames))
    );
  }

  /** Draw the figure again, after any render under way. */
  scheduleRender(): void {
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
        this.source.failed(`Could not draw the figure: ${String(err)}`);
      });
  }

  /** Wait until every scheduled render has reached the page. */
  whenRendered(): Promise<void> {
    return this.rendering;
  }

  /** Release Plotly's resources and stop watching the theme and the size. */
  dispose(): void {
    this.disposed = true;
    plotly().purge(this.plot);
    this.resizeObserver?.disconnect();
    this.themes.dispose();
  }

  /** Show the hovered sample in the card and ring it in every layer (null: hide the rings). */
  private hover(position: number | null): void {
    if (position === null) {
      this.rings.show([]);
      return;
    }
    const { layers, samples } = this.source;
    this.card.show(samples.card(position));
    const fullLayout = (this.plot as unknown as { _fullLayout?: Record<string, unknown> })
      ._fullLayout;
    this.rings.show(
      fullLayout ? ringPositions(fullLayout, layers.layers, layers.focus, position) : []
    );
    this.root.dataset['hovered'] = String(position);
  }

  /** Lasso and box selections in any subplot go to the source (bound once), hovers to the card. */
  private bindPlotEvents(): void {
    if (!this.plotEventsBound) {
      this.plotEventsBound = true;
      listenForSelections(this.plot, (samples) => this.source.select(samples));
      listenForLegendSelections(this.plot, (samples) => this.source.select(samples));
      listenForHover(this.plot, (position) => this.hover(position));
    }
  }

  /** The layers as drawn now: the focused one part-way through its animation, if any. */
  private drawnLayers(): { layers: readonly LayerPlot[]; animating: boolean } {
    const now = performance.now();
    if (this.animation !== null && this.animation.start === null) {
      this.animation = { ...this.animation, start: now };
    }
    const { layers } = this.source;
    const drawn = animatedLayers(layers.layers, this.animation, layers.focus, now);
    if (!drawn.animating) {
      this.animation = null;
    }
    return drawn;
  }

  private async render(): Promise<void> {
    const { layers: state, samples } = this.source;
    if (this.disposed || state.layers.length === 0) {
      return;
    }
    const complete = state.allFinal;
    const { layers, animating } = this.drawnLayers();
    const figure = buildFigure({
      layers,
      labels: samples.labels,
      coloring: samples.coloring(shownSamples(state, samples)),
      focus: state.focus,
      sampleIds: samples.sampleIds,
      fidelity: state.fidelity,
      metrics: state.metrics,
      selection: this.source.selected(),
      width: (this.plotWidth ||= this.plot.clientWidth) || undefined
    });
    const theme = this.themes.theme;
    const layout = themedLayout({ ...figure.layout, height: FIGURE_HEIGHT }, theme);
    this.drawnFigure = { data: figure.data, layout };
    await plotly().react(this.plot, figure.data as unknown as Data[], layout as Partial<Layout>, {
      responsive: true,
      displaylogo: false
    });
    this.bindPlotEvents();
    this.root.dataset['animating'] = String(animating);
    // Frames may have arrived while Plotly drew: only a figure of final layouts is complete.
    const final = complete && state.allFinal;
    if (!state.allFinal) {
      this.preview.prepare((this.plotWidth ||= this.plot.clientWidth), FIGURE_HEIGHT);
    }
    if (final) {
      this.preview.clear();
    }
    await this.source.drawn(final, animating, theme);
    if (animating) {
      const win = this.root.ownerDocument.defaultView;
      if (win) {
        win.requestAnimationFrame(() => this.scheduleRender());
      } else {
        this.scheduleRender();
      }
    }
  }
}
