import type { LayerMetrics } from '@layerviz/core/service';

import { escapeHtml } from './markup.js';

/** The metrics as people read them, in the order the chart and tables list them. */
export const METRIC_LABELS: Readonly<Record<keyof LayerMetrics, string>> = {
  knnAccuracy: 'k-NN accuracy',
  silhouette: 'silhouette',
  probeAccuracy: 'linear probe',
  trustworthiness: 'trustworthiness',
  continuity: 'continuity',
  ckaNext: 'CKA with next layer',
  intrinsicDim: 'intrinsic dim. (right)'
};

/**
 * Metrics not in [0, 1], drawn against a second y axis on the right so that the [0, 1] curves
 * keep their scale: the intrinsic dimension runs from 1 to tens.
 */
const RIGHT_AXIS: ReadonlySet<keyof LayerMetrics> = new Set(['intrinsicDim']);

/** Height of the depth chart in CSS pixels. */
export const METRICS_HEIGHT = 170;

/** One line trace of the depth chart. */
export interface MetricTrace {
  type: 'scatter';
  mode: 'lines+markers';
  name: string;
  x: string[];
  y: (number | null)[];
  hovertemplate: string;
  /** `'y2'` for a metric on the right axis; absent for the [0, 1] metrics. */
  yaxis?: 'y2';
}

/**
 * The depth chart: each metric against the layers in model order, the focused layer marked by a
 * vertical line. Pure, so it is tested without a browser.
 *
 * @param layers - layer names in model order.
 * @param metrics - per layer name, whatever has been measured so far.
 */
export function buildMetricsFigure(
  layers: readonly string[],
  metrics: Readonly<Record<string, LayerMetrics>>,
  focus: number
): { data: MetricTrace[]; layout: Record<string, unknown> } {
  const keys = (Object.keys(METRIC_LABELS) as (keyof LayerMetrics)[]).filter((key) =>
    layers.some((name) => metrics[name]?.[key] !== undefined)
  );
  const data: MetricTrace[] = keys.map((key) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: METRIC_LABELS[key],
    x: [...layers],
    y: layers.map((name) => metrics[name]?.[key] ?? null),
    hovertemplate: `%{x}<br>${METRIC_LABELS[key]} %{y:.3f}<extra></extra>`,
    ...(RIGHT_AXIS.has(key) ? { yaxis: 'y2' as const } : {})
  }));
  return {
    data,
    layout: depthLayout(
      layers,
      focus,
      data.some((t) => t.yaxis === 'y2')
    )
  };
}

/** The depth chart's axes, legend and focus marker; `rightAxis` adds the second y axis. */
function depthLayout(
  layers: readonly string[],
  focus: number,
  rightAxis: boolean
): Record<string, unknown> {
  return {
    height: METRICS_HEIGHT,
    margin: { l: 40, r: rightAxis ? 40 : 10, t: 10, b: 30 },
    xaxis: { type: 'category', categoryorder: 'array', categoryarray: [...layers] },
    yaxis: { zeroline: true, title: { text: '' } },
    ...(rightAxis
      ? {
          yaxis2: {
            overlaying: 'y',
            side: 'right',
            rangemode: 'tozero',
            showgrid: false,
            zeroline: false,
            title: { text: 'dim.', standoff: 2 }
          }
        }
      : {}),
    // Past the right axis's tick labels when there is one.
    legend: { orientation: 'v', x: rightAxis ? 1.05 : 1.01, y: 1 },
    hovermode: 'x unified',
    shapes:
      focus >= 0 && focus < layers.length
        ? [
            {
              type: 'line',
              xref: 'x',
              yref: 'paper',
              x0: focus,
              x1: focus,
              y0: 0,
              y1: 1,
              line: { color: '#888', width: 2, dash: 'dot' }
            }
          ]
        : []
  };
}

/**
 * `" · k-NN 0.87 · ID 12.3"` for a layer's title: the k-NN accuracy and the intrinsic dimension,
 * each left out until measured ("" when neither is).
 */
export function metricsTitle(metrics: LayerMetrics | undefined): string {
  const knn = metrics?.knnAccuracy;
  const dim = metrics?.intrinsicDim;
  return (
    (knn === undefined ? '' : ` · k-NN ${knn.toFixed(2)}`) +
    (dim === undefined ? '' : ` · ID ${dim.toFixed(1)}`)
  );
}

/** One model's layers and metrics, for {@link buildComparisonMetricsFigure}. */
export interface MetricSeries {
  readonly name: string;
  readonly layers: readonly string[];
  readonly metrics: Readonly<Record<string, LayerMetrics>>;
}

const DASHES = ['dot', 'solid', 'dash', 'dashdot', 'longdash'] as const;

/**
 * The depth chart of several models on one set of axes: one line per (model, metric), the models
 * told apart by dash style. The x axis is the layer name when every model has the same layers,
 * else the depth (1, 2, ...).
 */
export function buildComparisonMetricsFigure(
  series: readonly MetricSeries[],
  focus: number
): { data: (MetricTrace & { line: { dash: string } })[]; layout: Record<string, unknown> } {
  const first = series[0]?.layers ?? [];
  const sameLayers = series.every(
    (s) => s.layers.length === first.length && s.layers.every((l, i) => l === first[i])
  );
  const depth = Math.max(0, ...series.map((s) => s.layers.length));
  const axis = sameLayers ? [...first] : Array.from({ length: depth }, (_, i) => `layer ${i + 1}`);
  const data = series.flatMap((s, m) => {
    const single = buildMetricsFigure(s.layers, s.metrics, focus);
    return single.data.map((trace) => ({
      ...trace,
      // A model's name is the user's text: Plotly would draw markup in it.
      name: `${escapeHtml(s.name)} · ${trace.name}`,
      x: axis.slice(0, s.layers.length),
      line: { dash: DASHES[m % DASHES.length] as string }
    }));
  });
  const layout = depthLayout(
    axis,
    focus,
    data.some((t) => t.yaxis === 'y2')
  );
  return { data, layout: { ...layout, legend: { orientation: 'h', x: 0, y: -0.25 } } };
}
