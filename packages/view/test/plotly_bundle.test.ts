import type { LayerInfo } from '@layerviz/core';
import { describe, expect, it } from 'vitest';

import { exportHtml } from '../src/export/render_export.js';
import { buildFigure, WEBGL_THRESHOLD } from '../src/figure.js';
import { buildComparisonMetricsFigure, buildMetricsFigure } from '../src/metrics_figure.js';
import { PLOTLY_SOURCE, PLOTLY_TRACES } from '../src/plotly/plotly.js';

const info = (name: string, index: number): LayerInfo => ({
  name,
  className: 'Dense',
  outputShape: [null, 4],
  index
});

/** `n` samples' coordinates in `dims` dimensions. */
const coords = (n: number, dims: number): Float32Array =>
  Float32Array.from({ length: n * dims }, (_, i) => Math.sin(i));

describe('the partial Plotly bundle', () => {
  it('holds every trace type the view draws: SVG and WebGL scatter, 3-D scenes, the depth chart', () => {
    const many = WEBGL_THRESHOLD + 1;
    const figures = [
      buildFigure({
        layers: [{ info: info('a', 0), coords: coords(10, 2) }],
        labels: null,
        focus: 0
      }),
      buildFigure({
        layers: [{ info: info('a', 0), coords: coords(many, 2) }],
        labels: null,
        focus: 0
      }),
      buildFigure({
        layers: [
          { info: info('a', 0), coords: coords(many, 3), dims: 3 },
          { info: info('b', 1), coords: coords(many, 3), dims: 3 }
        ],
        labels: null,
        focus: 0
      }),
      buildMetricsFigure(['a', 'b'], { a: { knnAccuracy: 0.5 } }, 0),
      buildComparisonMetricsFigure(
        [{ name: 'm', layers: ['a'], metrics: { a: { knnAccuracy: 0.5 } } }],
        0
      )
    ];
    const used = new Set(figures.flatMap((f) => f.data.map((trace) => trace.type)));
    expect([...used].sort()).toEqual(['scatter', 'scatter3d', 'scattergl']);
    for (const type of used) {
      expect(PLOTLY_TRACES).toContain(type);
    }
  });

  it('is one classic script declaring Plotly, without the full bundle’s extras', () => {
    expect(PLOTLY_SOURCE).toMatch(
      /^\/\*! plotly\.js v\d+\.\d+\.\d+ \(core, scattergl, scatter3d\)/
    );
    expect(PLOTLY_SOURCE).toContain('var Plotly=');
    // Map traces bring maplibre-gl (about 1 MB); the full plotly.min.js is 4.8 MB.
    expect(PLOTLY_SOURCE).not.toContain('maplibre');
    expect(PLOTLY_SOURCE.length).toBeLessThan(2.5e6);
  });

  it('is the very script the HTML export inlines', async () => {
    const figure = buildFigure({
      layers: [{ info: info('a', 0), coords: coords(4, 2) }],
      labels: null,
      focus: 0
    });
    const file = await exportHtml(figure, 'title', ['x', 'y', 'z', 'w']);
    const html = new TextDecoder().decode(file.data);
    // Inlined with "</script" escaped, as standaloneHtml does.
    expect(html).toContain(PLOTLY_SOURCE.replace(/<\/(script)/gi, '<\\/$1'));
  });
});
