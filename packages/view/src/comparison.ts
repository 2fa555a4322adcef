import type { LayoutParameters } from '@layerviz/core/reduce';

import type { CkaMatrix } from './cka_heatmap.js';
import { ComparisonCka } from './comparison_cka.js';
import { buildComparisonMetricsFigure } from './metrics_figure.js';
import { type Data, type Layout, plotly } from './plotly/plotly.js';
import { SelectionBus } from './selection.js';
import type { LayerVizView } from './view.js';

/** One model of a comparison: its name, its view and the element that holds the view. */
export interface ComparedModel {
  readonly name: string;
  readonly view: LayerVizView;
  /** What to place in the model's column (the view's node, or a host element around it). */
  readonly element: HTMLElement;
}

/**
 * Several models side by side on the same samples: one column per model, their layer sliders and
 * layout controls moving together, and every model's depth curves in one chart underneath.
 */
export class ComparisonPanel {
  readonly node: HTMLDivElement;
  private readonly chart: HTMLDivElement;
  private syncing = false;
  private rendering: Promise<void> = Promise.resolve();
  private readonly unsubscribe: (() => void)[] = [];
  /** One selection for all models: they show the same samples. */
  readonly selection = new SelectionBus();
  /** The CKA between the first two models' layers, under the depth chart. */
  readonly cka: ComparisonCka;

  /**
   * @param onCka - told each CKA matrix measured between the first two models' layers.
   */
  constructor(
    document: Document,
    private readonly models: readonly ComparedModel[],
    onCka: (matrix: CkaMatrix) => void = () => undefined
  ) {
    this.node = document.createElement('div');
    this.node.className = 'lv-comparison';
    const row = document.createElement('div');
    row.className = 'lv-comparison-row';
    for (const model of models) {
      const column = document.createElement('div');
      column.className = 'lv-comparison-column';
      const title = document.createElement('div');
      title.className = 'lv-comparison-title';
      title.textContent = model.name;
      column.append(title, model.element);
      row.append(column);
      model.view.setMetricsChartShown(false);
      model.view.setSelectionBus(this.selection);
      this.unsubscribe.push(
        model.view.onFocusChange((index) =>
          this.sync(model, (other) => other.view.setFocus(index))
        ),
        model.view.onLayoutChange((params: LayoutParameters) =>
          this.sync(model, (other) => other.view.requestLayout(params))
        ),
        model.view.onMetricsChange(() => this.scheduleChart()),
        model.view.onFocusChange(() => this.scheduleChart())
      );
    }
    this.chart = document.createElement('div');
    this.chart.className = 'lv-metrics lv-comparison-metrics';
    this.chart.hidden = true;
    this.cka = new ComparisonCka(document, models, onCka);
    this.node.append(row, this.chart, this.cka.node);
  }

  /** Stop syncing and release the chart; the models' views are disposed by their owners. */
  dispose(): void {
    this.unsubscribe.forEach((off) => off());
    this.cka.dispose();
    plotly().purge(this.chart);
    this.node.remove();
  }

  /** Apply a change made in one model to the others, without echoing it back. */
  private sync(from: ComparedModel, apply: (other: ComparedModel) => void): void {
    if (this.syncing) {
      return;
    }
    this.syncing = true;
    try {
      this.models.filter((m) => m !== from).forEach(apply);
    } finally {
      this.syncing = false;
    }
  }

  private scheduleChart(): void {
    this.rendering = this.rendering.then(() => this.renderChart()).catch(() => undefined);
  }

  private async renderChart(): Promise<void> {
    const series = this.models.map((m) => ({
      name: m.name,
      layers: m.view.layerNames,
      metrics: m.view.layerMetrics
    }));
    const focus = this.models[0]?.view.focus ?? 0;
    const figure = buildComparisonMetricsFigure(series, focus);
    if (figure.data.length === 0) {
      return;
    }
    this.chart.hidden = false;
    this.node.dataset['metrics'] = JSON.stringify(
      Object.fromEntries(series.map((s) => [s.name, s.metrics]))
    );
    await plotly().react(
      this.chart,
      figure.data as unknown as Data[],
      figure.layout as Partial<Layout>,
      { responsive: true, displaylogo: false }
    );
  }
}
