import { FIDELITY_TOLERANCE, type LayerInfo } from '@layerviz/core';

import type { LayerMetrics } from '@layerviz/core/service';

import { type Coloring, coloring as colorSamples } from './coloring.js';
import { type Domain, subplotDomains } from './grid.js';
import { escapeHtml } from './markup.js';
import { metricsTitle } from './metrics_figure.js';

export { escapeHtml };

/** Above this many points per layer, WebGL traces are used (SVG slows down past ~1,000). */
export const WEBGL_THRESHOLD = 1000;

/** The figure's margins around the subplots, in CSS pixels. */
export const FIGURE_MARGIN = { l: 30, r: 10, t: 30, b: 40 } as const;

/** One layer as the figure needs it. */
export interface LayerPlot {
  readonly info: LayerInfo;
  /** `(N, dims)` row-major coordinates, or null while the layer is still computing. */
  readonly coords: Float32Array | null;
  /** 2 or 3 coordinates per sample; default 2. Thumbnails show the first two. */
  readonly dims?: 2 | 3;
  /** False while the layout is still forming (the coordinates are an intermediate frame). */
  readonly final?: boolean;
  /** A few words on the layout shown, e.g. `"t-SNE 300/750"`; shown in the title. */
  readonly status?: string;
}

/** What {@link buildFigure} turns into Plotly traces and layout. */
export interface FigureInput {
  readonly layers: readonly LayerPlot[];
  /** One label per sample (class id), or null to draw every point in one color. */
  readonly labels: ArrayLike<number> | null;
  /** How the points are colored; default: by `labels`. */
  readonly coloring?: Coloring;
  /** Index of the focused (large) layer. */
  readonly focus: number;
  /** Indices of the samples in the caller's original data, for hover text; default 0..N-1. */
  readonly sampleIds?: ArrayLike<number> | null;
  /** Per layer name: scaled max difference between TF.js and the model's own framework. */
  readonly fidelity?: Readonly<Record<string, number>>;
  /** Per layer name: separability metrics; k-NN accuracy goes into the title. */
  readonly metrics?: Readonly<Record<string, LayerMetrics>>;
  /** Selected samples (positions among the shown samples): the others are dimmed; null for none. */
  readonly selection?: ReadonlySet<number> | null;
  /** The figure's width in CSS pixels, to fit titles to their subplots; default 900. */
  readonly width?: number;
}

/** Average width of a title character, as a share of its font size (Plotly's sans-serif). */
const CHAR_WIDTH = 0.58;
/** Font sizes of the focused layer's title and of the thumbnails' titles, in CSS pixels. */
const FOCUS_FONT = 14;
const THUMBNAIL_FONT = 9;

/** The subset of Plotly's scatter traces (2-D and 3-D) that layerviz sets. */
export interface ScatterTrace {
  type: 'scatter' | 'scattergl' | 'scatter3d';
  mode: 'markers';
  name: string;
  x: number[];
  y: number[];
  /** Only on 3-D traces. */
  z?: number[];
  /** 2-D traces' axes. */
  xaxis?: string;
  yaxis?: string;
  /** 3-D traces' scene. */
  scene?: string;
  customdata: number[];
  legendgroup: string;
  showlegend: boolean;
  marker: {
    color: string | number[];
    size: number;
    opacity: number;
    colorscale?: [number, string][];
    cmin?: number;
    cmax?: number;
    showscale?: boolean;
    colorbar?: { title: { text: string }; thickness: number; len: number };
  };
  hovertemplate: string;
  /** The layer drawn and, per point, its sample's position among the shown samples. */
  meta: { layer: string; samples: number[] };
  /** Indices (within this trace) of the selected points; absent when nothing is selected. */
  selectedpoints?: number[];
  unselected?: { marker: { opacity: number } };
}

/** A Plotly figure: traces and layout. */
export interface Figure {
  data: ScatterTrace[];
  layout: Record<string, unknown>;
}

/** Plotly's axis id of the `i`-th layer: `x`, `x2`, `x3`, ... */
export function axisId(letter: 'x' | 'y', i: number): string {
  return i === 0 ? letter : `${letter}${i + 1}`;
}

/**
 * The distinct label values in ascending order: the classes of the legend.
 */
export function classesOf(labels: ArrayLike<number>): number[] {
  return [...new Set(Array.from(labels))].sort((a, b) => a - b);
}

/**
 * Build one Plotly figure with one subplot per layer, points colored by class, the focused
 * layer large. Pure: the same input gives the same figure, so it is tested without a browser.
 */
export function buildFigure(input: FigureInput): Figure {
  const domains = subplotDomains(input.layers.length, input.focus);
  const data: ScatterTrace[] = [];
  input.layers.forEach((layer, i) => {
    const coords = layer.coords;
    // Layers outside the thumbnail window are not drawn (the layer list reaches them).
    if (coords === null || domains[i] === undefined) {
      return;
    }
    const dims = layer.dims ?? 2;
    const n = coords.length / dims;
    const colors = input.coloring ?? colorSamples('label', n, input.labels, {});
    const threeD = dims === 3 && i === input.focus;
    const type = threeD ? 'scatter3d' : n > WEBGL_THRESHOLD ? 'scattergl' : 'scatter';
    const axis = (s: number, d: number): number => coords[dims * s + d] ?? 0;
    const size = threeD ? 3 : i === input.focus ? 6 : 4;
    const groups =
      colors.kind === 'groups'
        ? colors.groups
        : [{ name: colors.title, color: '', members: Array.from({ length: n }, (_, s) => s) }];
    groups.forEach((group) => {
      const members = group.members.filter((s) => s < n);
      const trace: ScatterTrace = {
        type,
        mode: 'markers',
        // Plotly draws legend names as markup: a class name is text, whatever it holds.
        name: escapeHtml(group.name),
        x: members.map((s) => axis(s, 0)),
        y: members.map((s) => axis(s, 1)),
        customdata: members.map((s) => Number(input.sampleIds?.[s] ?? s)),
        legendgroup: `group-${group.name}`,
        // One legend entry per group; clicking it toggles the group in every layer.
        showlegend: colors.kind === 'groups' && groups.length > 1 && i === 0,
        marker:
          colors.kind === 'groups'
            ? { color: group.color, size, opacity: 0.75 }
            : {
                color: members.map((s) => colors.values[s] ?? NaN),
                colorscale: colors.colorscale,
                cmin: colors.min,
                cmax: colors.max,
                showscale: i === input.focus,
                colorbar: { title: { text: escapeHtml(colors.title) }, thickness: 12, len: 0.5 },
                size,
                opacity: 0.75
              },
        hovertemplate:
          `${escapeHtml(layer.info.name)}<br>sample %{customdata}` +
          (colors.kind === 'groups'
            ? groups.length > 1
              ? `<br>${escapeHtml(group.name)}`
              : ''
            : `<br>${escapeHtml(colors.title)} %{marker.color:.3f}`) +
          '<extra></extra>',
        meta: { layer: layer.info.name, samples: members }
      };
      const selection = input.selection;
      if (selection) {
        trace.selectedpoints = members.flatMap((s, p) => (selection.has(s) ? [p] : []));
        trace.unselected = { marker: { opacity: 0.12 } };
      }
      if (threeD) {
        trace.z = members.map((s) => axis(s, 2));
        trace.scene = 'scene';
      } else {
        trace.xaxis = axisId('x', i);
        trace.yaxis = axisId('y', i);
      }
      data.push(trace);
    });
  });
  return {
    data,
    layout: buildLayout(
      input.layers,
      domains,
      input.focus,
      input.fidelity ?? {},
      input.metrics ?? {},
      input.width ?? 900
    )
  };
}

/**
 * `text` cut to at most `max` characters, ending in "…" when cut.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  return max <= 1 ? '…' : `${text.slice(0, max - 1)}…`;
}

/**
 * A layer's title that fits `chars` characters: everything when it fits; else the name with
 * what was measured (fidelity, k-NN, progress) and no class or shape; else the name with the
 * fidelity and progress; else the name alone, cut.
 * The full title goes to the hover text.
 */
export function fittedTitle(
  layer: LayerPlot,
  fidelity: number | undefined,
  metrics: LayerMetrics | undefined,
  chars: number
): { text: string; hover: string } {
  const status = layer.coords === null ? ' (computing…)' : layer.status ? ` · ${layer.status}` : '';
  const fidelityPlain = fidelityText(fidelity).replace(/<[^>]*>/g, '');
  const extras = fidelityPlain + metricsTitle(metrics) + status;
  const full = titleOf(layer.info) + extras;
  const hover = escapeHtml(full);
  const markup = (head: string): string =>
    escapeHtml(head) + fidelityText(fidelity) + escapeHtml(metricsTitle(metrics) + status);
  if (full.length <= chars) {
    return { text: markup(titleOf(layer.info)), hover };
  }
  if (layer.info.name.length + extras.length <= chars) {
    return { text: markup(layer.info.name), hover };
  }
  // The fidelity before the metrics: whether the browser computed this layer right is what a
  // reader must not miss; the metrics are in the depth chart too.
  if (layer.info.name.length + fidelityPlain.length + status.length <= chars) {
    return {
      text: escapeHtml(layer.info.name) + fidelityText(fidelity) + escapeHtml(status),
      hover
    };
  }
  return { text: escapeHtml(truncate(layer.info.name, chars)), hover };
}

function buildLayout(
  layers: readonly LayerPlot[],
  domains: readonly (Domain | undefined)[],
  focus: number,
  fidelity: Readonly<Record<string, number>>,
  metrics: Readonly<Record<string, LayerMetrics>>,
  width: number
): Record<string, unknown> {
  const plotWidth = Math.max(100, width - FIGURE_MARGIN.l - FIGURE_MARGIN.r);
  const layout: Record<string, unknown> = {
    showlegend: true,
    legend: { orientation: 'h', x: 0, y: -0.04, yanchor: 'top' },
    margin: { ...FIGURE_MARGIN },
    hovermode: 'closest',
    dragmode: 'pan',
    uirevision: 'layerviz',
    annotations: layers.flatMap((layer, i) => {
      const domain = domains[i];
      if (domain === undefined) {
        return [];
      }
      const size = i === focus ? FOCUS_FONT : THUMBNAIL_FONT;
      // Titles never reach past their subplot: no text overlaps another plot's.
      const chars = Math.floor(((domain.x[1] - domain.x[0]) * plotWidth) / (size * CHAR_WIDTH));
      const title = fittedTitle(layer, fidelity[layer.info.name], metrics[layer.info.name], chars);
      return [
        {
          text: title.text,
          hovertext: title.hover,
          captureevents: true,
          showarrow: false,
          xref: 'paper',
          yref: 'paper',
          x: (domain.x[0] + domain.x[1]) / 2,
          y: domain.y[1],
          xanchor: 'center',
          yanchor: 'bottom',
          font: { size },
          // Which layer a title belongs to, for tests and a host page.
          name: layer.info.name
        }
      ];
    })
  };
  layers.forEach((layer, i) => {
    const small = i !== focus;
    const domain = domains[i];
    // A layer outside the thumbnail window has no axes: no subplot, nothing to catch the mouse.
    if (domain === undefined) {
      return;
    }
    if (!small && layer.dims === 3) {
      layout['scene'] = {
        domain: { x: domain.x, y: domain.y },
        xaxis: { title: { text: '' } },
        yaxis: { title: { text: '' } },
        zaxis: { title: { text: '' } }
      };
    }
    layout[axisName('x', i)] = {
      domain: domain.x,
      anchor: axisId('y', i),
      showticklabels: !small,
      zeroline: false,
      // A 3-D focus is drawn in the scene; its 2-D axes stay out of sight.
      visible: small || layer.dims !== 3
    };
    layout[axisName('y', i)] = {
      domain: domain.y,
      anchor: axisId('x', i),
      showticklabels: !small,
      zeroline: false,
      visible: small || layer.dims !== 3
    };
  });
  return layout;
}

/**
 * ` · Δ 3.1e-7`: how far TF.js is from the model's own framework on this layer, in red with a
 * warning sign past {@link FIDELITY_TOLERANCE}; empty when not measured.
 */
export function fidelityText(value: number | undefined): string {
  if (value === undefined) {
    return '';
  }
  const shown = Number.isFinite(value) ? value.toExponential(1) : '∞';
  return value > FIDELITY_TOLERANCE
    ? ` · <span style="color:#c0392b">⚠ Δ ${shown}</span>`
    : ` · Δ ${shown}`;
}

/** `"bidirectional · Bidirectional · (N, 128)"`: name, class and output shape of a layer. */
export function titleOf(info: LayerInfo): string {
  const shape = info.outputShape.map((d) => (d === null ? 'N' : String(d))).join(', ');
  return `${info.name} · ${info.className} · (${shape})`;
}

function axisName(letter: 'x' | 'y', i: number): string {
  return i === 0 ? `${letter}axis` : `${letter}axis${i + 1}`;
}
