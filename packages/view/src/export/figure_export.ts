import type { Figure } from '../figure.js';

/** Formats a figure can be exported to. */
export type ExportFormat = 'png' | 'svg' | 'html' | 'csv';

/** Sizes of PNG exports: the figure's pixels times this, in [1, 8]. */
export const PNG_SCALES = [1, 2, 4] as const;

/**
 * The figure with every WebGL trace replaced by its SVG twin, so that an SVG export holds one
 * vector shape per point instead of a raster of the WebGL canvas. 3-D scenes stay as they are
 * (Plotly can only rasterise them). Pure, so it is tested without a browser.
 */
export function vectorFigure(figure: Figure): Figure {
  return {
    data: figure.data.map((trace) =>
      trace.type === 'scattergl' ? { ...trace, type: 'scatter' } : trace
    ),
    layout: figure.layout
  };
}

/** What {@link standaloneHtml} writes into the page. */
export interface HtmlExport {
  readonly figure: Figure;
  /** Plotly's whole bundle, inlined so the file works offline. */
  readonly plotlySource: string;
  readonly title: string;
  /** Per sample (position among the shown samples): a line shown when it is hovered. */
  readonly sampleLines: readonly string[];
}

/**
 * One self-contained, offline HTML file with the interactive figure: Plotly inline, the figure as
 * JSON, and a small script that keeps the linking (a selection in any layer selects the same
 * samples in every layer; hovering shows the sample's line, as text). Pure.
 */
export function standaloneHtml(input: HtmlExport): string {
  const data = JSON.stringify({ figure: input.figure, lines: input.sampleLines });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeText(input.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 12px; }
#layerviz-sample { min-height: 1.5em; white-space: pre-wrap; color: #333; }
</style>
</head>
<body>
<h1 style="font-size: 16px">${escapeText(input.title)}</h1>
<div id="layerviz-plot" style="height: 560px"></div>
<div id="layerviz-sample"></div>
<script>${scriptSafe(input.plotlySource)}</script>
<script id="layerviz-data" type="application/json">${data.replace(/</g, '\\u003c')}</script>
<script>${LINKING_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * The exported page's behaviour. Plain ES2017 that runs as is in any current browser: the
 * figure's traces carry `meta.samples` (each point's sample), as in the live view.
 */
const LINKING_SCRIPT = `
(function () {
  var payload = JSON.parse(document.getElementById('layerviz-data').textContent);
  var gd = document.getElementById('layerviz-plot');
  var line = document.getElementById('layerviz-sample');
  function samplesOf(points) {
    var chosen = new Set();
    points.forEach(function (p) { chosen.add(p.data.meta.samples[p.pointNumber]); });
    return chosen;
  }
  function select(chosen) {
    var selected = gd.data.map(function (trace) {
      if (chosen === null) { return null; }
      var picked = [];
      trace.meta.samples.forEach(function (s, i) { if (chosen.has(s)) { picked.push(i); } });
      return picked;
    });
    gd.dataset.selected = chosen === null ? '0' : String(chosen.size);
    return Plotly.restyle(gd, { selectedpoints: selected });
  }
  Plotly.newPlot(gd, payload.figure.data, payload.figure.layout, { responsive: true, displaylogo: false })
    .then(function () {
      gd.dataset.ready = 'true';
      gd.on('plotly_selected', function (event) {
        if (event && event.points && event.points.length) { select(samplesOf(event.points)); }
      });
      gd.on('plotly_deselect', function () { select(null); });
      gd.on('plotly_hover', function (event) {
        var p = event.points[0];
        var s = p.data.meta.samples[p.pointNumber];
        line.textContent = payload.lines[s] || '';
      });
    });
  window.layervizSelect = function (samples) { return select(samples === null ? null : new Set(samples)); };
})();
`;

/** Text for an HTML element: markup characters as entities. */
function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Script code that cannot close its <script> element early. */
function scriptSafe(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

/** The bytes of a `data:` URL (base64 or percent-encoded). */
export function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',');
  const header = url.slice(0, comma);
  const body = url.slice(comma + 1);
  if (header.endsWith(';base64')) {
    return Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  }
  return new TextEncoder().encode(decodeURIComponent(body));
}
