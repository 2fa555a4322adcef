import type { LayerMetrics } from '@layerviz/core/service';

import { buildMetricsFigure } from './metrics_figure.js';
import { type Data, type Layout, plotly } from './plotly/plotly.js';
import { type FigureTheme, LIGHT_THEME, themedLayout } from './theme.js';

/**
 * A view's depth chart: its own small Plotly figure of a few SVG lines (no WebGL context), hidden
 * until something is measured or when a comparison draws one chart for all models.
 */
export class MetricsChart {
  readonly node: HTMLDivElement;
  private shown = true;
  private clickBound = false;

  /** @param onLayerClick - told the layer whose point the user clicked (the chart navigates). */
  constructor(
    document: Document,
    private readonly onLayerClick: (layer: string) => void = () => undefined
  ) {
    this.node = document.createElement('div');
    this.node.className = 'lv-metrics';
    this.node.hidden = true;
  }

  /** Allow or forbid the chart; a forbidden chart stays hidden. */
  setShown(shown: boolean): void {
    this.shown = shown;
    this.node.hidden = !shown || this.node.hidden;
  }

  /**
   * Draw the metrics of `layers` (in model order) with the focused layer marked, and `extra`
   * lines after them (the selection's curves, other epochs' curves, faded).
   */
  async render(
    layers: readonly string[],
    metrics: Readonly<Record<string, LayerMetrics>>,
    focus: number,
    theme: FigureTheme = LIGHT_THEME,
    extra: readonly object[] = []
  ): Promise<void> {
    const figure = buildMetricsFigure(layers, metrics, focus);
    if (figure.data.length === 0 && extra.length === 0) {
      // Nothing to draw (e.g. the selection's curves alone, now cleared): no stale lines.
      this.node.hidden = true;
      return;
    }
    if (!this.shown) {
      return;
    }
    this.node.hidden = false;
    this.node.dataset['extraTraces'] = String(extra.length);
    await plotly().react(
      this.node,
      [...figure.data, ...extra] as unknown as Data[],
      themedLayout(figure.layout, theme) as Partial<Layout>,
      { responsive: true, displaylogo: false }
    );
    if (!this.clickBound) {
      this.clickBound = true;
      const plot = this.node as unknown as {
        on(event: 'plotly_click', listener: (event: { points: { x: unknown }[] }) => void): void;
      };
      plot.on('plotly_click', (event) => {
        const layer = event.points[0]?.x;
        if (typeof layer === 'string') {
          this.onLayerClick(layer);
        }
      });
    }
  }

  dispose(): void {
    plotly().purge(this.node);
  }
}
