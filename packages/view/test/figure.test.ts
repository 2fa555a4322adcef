import type { LayerInfo } from '@layerviz/core';
import { describe, expect, it } from 'vitest';

import { coloring } from '../src/coloring.js';

import {
  buildFigure,
  classesOf,
  escapeHtml,
  fidelityText,
  titleOf,
  WEBGL_THRESHOLD
} from '../src/figure.js';
import { FOCUS_WIDTH, subplotDomains } from '../src/grid.js';
import {
  buildComparisonMetricsFigure,
  buildMetricsFigure,
  metricsTitle
} from '../src/metrics_figure.js';

const info = (name: string, index: number): LayerInfo => ({
  name,
  className: 'Dense',
  outputShape: [null, 4],
  index
});

const layers = [
  { info: info('a', 0), coords: new Float32Array([0, 1, 2, 3, 4, 5]) },
  { info: info('b', 1), coords: new Float32Array([6, 7, 8, 9, 10, 11]) },
  { info: info('c', 2), coords: null }
];

describe('subplotDomains', () => {
  it('gives the focused layer the large left area and every other layer a thumbnail', () => {
    const domains = subplotDomains(4, 2);
    expect(domains).toHaveLength(4);
    expect(domains[2]?.x).toEqual([0, FOCUS_WIDTH]);
    for (const i of [0, 1, 3]) {
      expect(domains[i]?.x[0]).toBeGreaterThan(FOCUS_WIDTH);
    }
  });

  it('never overlaps two subplots', () => {
    const domains = subplotDomains(9, 0);
    for (let i = 0; i < domains.length; i++) {
      for (let j = i + 1; j < domains.length; j++) {
        const a = domains[i] ?? { x: [0, 0], y: [0, 0] };
        const b = domains[j] ?? { x: [0, 0], y: [0, 0] };
        const overlapX = a.x[0] < b.x[1] && b.x[0] < a.x[1];
        const overlapY = a.y[0] < b.y[1] && b.y[0] < a.y[1];
        expect(overlapX && overlapY).toBe(false);
      }
    }
  });

  it('uses the whole width for a single layer', () => {
    expect(subplotDomains(1, 0)[0]?.x).toEqual([0, 1]);
  });
});

describe('buildFigure', () => {
  const figure = buildFigure({ layers, labels: [1, 0, 1], focus: 1, sampleIds: [10, 20, 30] });

  it('draws one trace per (computed layer, class) on that layer axes', () => {
    expect(figure.data.map((t) => [t.xaxis, t.name, t.x])).toEqual([
      ['x', 'label 0', [2]],
      ['x', 'label 1', [0, 4]],
      ['x2', 'label 0', [8]],
      ['x2', 'label 1', [6, 10]]
    ]);
  });

  it('keeps an axis pair for every layer, including those still computing', () => {
    expect(Object.keys(figure.layout).filter((k) => /^xaxis\d*$/.test(k))).toHaveLength(3);
  });

  it('shows each class once in the legend and colors it the same in every layer', () => {
    expect(figure.data.filter((t) => t.showlegend).map((t) => t.name)).toEqual([
      'label 0',
      'label 1'
    ]);
    const colors = (name: string): string[] =>
      figure.data.filter((t) => t.name === name).map((t) => t.marker.color);
    expect(new Set(colors('label 0')).size).toBe(1);
    expect(colors('label 0')[0]).not.toBe(colors('label 1')[0]);
  });

  it('carries the original sample ids for hover', () => {
    expect(figure.data[1]?.customdata).toEqual([10, 30]);
  });

  it('switches to WebGL traces past the threshold', () => {
    const n = WEBGL_THRESHOLD + 1;
    const big = buildFigure({
      layers: [{ info: info('a', 0), coords: new Float32Array(2 * n) }],
      labels: null,
      focus: 0
    });
    expect(big.data[0]?.type).toBe('scattergl');
    expect(figure.data[0]?.type).toBe('scatter');
  });

  it('draws unlabeled samples as one trace without a legend entry', () => {
    const plain = buildFigure({ layers: layers.slice(0, 1), labels: null, focus: 0 });
    expect(plain.data).toHaveLength(1);
    expect(plain.data[0]?.showlegend).toBe(false);
  });
});

describe('text helpers', () => {
  it('titles a layer with name, class and shape', () => {
    expect(titleOf(info('dense', 3))).toBe('dense · Dense · (N, 4)');
  });
  it('lists classes in ascending order', () => {
    expect(classesOf([2, 0, 2, 1])).toEqual([0, 1, 2]);
  });
  it('escapes markup so names show as text', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&#60;img src=x onerror=alert(1)&#62;');
  });
  it('shows a class name holding markup as text in the legend, not as a link', () => {
    const fig = buildFigure({
      layers: layers.slice(0, 1),
      labels: [0, 1],
      coloring: coloring('label', 2, [0, 1], {
        classNames: ['<a href="https://example.com">cat</a>', 'dog']
      }),
      focus: 0
    });
    const names = fig.data.filter((t) => t.showlegend).map((t) => t.name);
    expect(names[0]).not.toContain('<a');
    expect(names[0]).toContain('&#60;a href=');
    expect(names[1]).toBe('dog');
  });
  it('shows a model name holding markup as text in the comparison depth chart', () => {
    const fig = buildComparisonMetricsFigure(
      [
        { name: '<b>big</b>', layers: ['a'], metrics: { a: { knnAccuracy: 0.9 } } },
        { name: 'small', layers: ['a'], metrics: { a: { knnAccuracy: 0.8 } } }
      ],
      0
    );
    const names = fig.data.map((t) => t.name);
    expect(names[0]).toMatch(/^&#60;b&#62;big&#60;\/b&#62; · /);
    expect(names[1]).toMatch(/^small · /);
  });
});

describe('fidelity in titles', () => {
  it('shows the measured difference, and warns past the tolerance', () => {
    expect(fidelityText(undefined)).toBe('');
    expect(fidelityText(3.14e-7)).toBe(' · Δ 3.1e-7');
    expect(fidelityText(0.02)).toContain('⚠ Δ 2.0e-2');
    const fig = buildFigure({ layers, labels: null, focus: 1, fidelity: { b: 1e-6 } });
    const titles = (fig.layout['annotations'] as { text: string }[]).map((a) => a.text);
    expect(titles[1]).toContain('Δ 1.0e-6');
    expect(titles[0]).not.toContain('Δ');
    // A title too long for a narrow figure keeps the name; the rest is in its hover text.
    const narrow = buildFigure({
      layers,
      labels: null,
      focus: 0,
      fidelity: { b: 1e-6 },
      width: 120
    });
    const notes = narrow.layout['annotations'] as { text: string; hovertext: string }[];
    expect(notes[1]?.text).toBe('b');
    expect(notes[1]?.hovertext).toContain('Δ 1.0e-6');
  });
});

describe('buildFigure in 3-D', () => {
  const three = [
    { info: info('a', 0), coords: new Float32Array([0, 1, 2, 3, 4, 5]), dims: 3 as const },
    { info: info('b', 1), coords: new Float32Array([6, 7, 8, 9, 10, 11]), dims: 3 as const }
  ];

  it('draws the focused layer in a 3-D scene and the thumbnails from the first two axes', () => {
    const figure = buildFigure({ layers: three, labels: null, focus: 0 });
    const [focus, thumb] = figure.data;
    expect(focus?.type).toBe('scatter3d');
    expect(focus?.scene).toBe('scene');
    expect(focus?.z).toEqual([2, 5]);
    expect(focus?.xaxis).toBeUndefined();
    expect(thumb?.type).toBe('scatter');
    expect(thumb?.x).toEqual([6, 9]);
    expect(thumb?.y).toEqual([7, 10]);
    expect(thumb?.z).toBeUndefined();
    const scene = figure.layout['scene'] as { domain: { x: number[] } };
    expect(scene.domain.x).toEqual([0, FOCUS_WIDTH]);
    expect((figure.layout['xaxis'] as { visible: boolean }).visible).toBe(false);
    expect((figure.layout['xaxis2'] as { visible: boolean }).visible).toBe(true);
  });
});

describe('layer titles', () => {
  it('carry the status of a layout still forming, as text', () => {
    const figure = buildFigure({
      layers: [
        { info: info('a', 0), coords: new Float32Array(4), final: false, status: 't-SNE <50>/750' }
      ],
      labels: null,
      focus: 0
    });
    const [annotation] = figure.layout['annotations'] as { text: string }[];
    expect(annotation?.text).toContain('· t-SNE &#60;50&#62;/750');
  });
});

describe('buildMetricsFigure', () => {
  it('draws one line per measured metric over the layers, and marks the focused layer', () => {
    const figure = buildMetricsFigure(
      ['a', 'b', 'c'],
      { a: { knnAccuracy: 0.5, silhouette: 0.1 }, c: { knnAccuracy: 0.9 } },
      2
    );
    expect(figure.data.map((t) => t.name)).toEqual(['k-NN accuracy', 'silhouette']);
    expect(figure.data[0]?.y).toEqual([0.5, null, 0.9]);
    expect(figure.data[1]?.y).toEqual([0.1, null, null]);
    const [shape] = figure.layout['shapes'] as { x0: number }[];
    expect(shape?.x0).toBe(2);
  });

  it('is empty before anything is measured', () => {
    expect(buildMetricsFigure(['a'], {}, 0).data).toEqual([]);
    expect(
      buildMetricsFigure(['a'], { a: { knnAccuracy: 1 } }, 0).layout['yaxis2']
    ).toBeUndefined();
  });

  it('draws the intrinsic dimension against a second y axis on the right', () => {
    const figure = buildMetricsFigure(
      ['a', 'b'],
      { a: { knnAccuracy: 0.5, intrinsicDim: 12 }, b: { knnAccuracy: 0.7, intrinsicDim: 20 } },
      0
    );
    const dim = figure.data.find((t) => t.name.startsWith('intrinsic dim.'));
    expect(dim?.y).toEqual([12, 20]);
    expect(dim?.yaxis).toBe('y2');
    expect(figure.data.find((t) => t.name === 'k-NN accuracy')?.yaxis).toBeUndefined();
    expect(figure.layout['yaxis2']).toMatchObject({ overlaying: 'y', side: 'right' });
  });
});

describe('metricsTitle', () => {
  it('puts the k-NN accuracy in the layer title', () => {
    expect(metricsTitle({ knnAccuracy: 0.8731 })).toBe(' · k-NN 0.87');
    expect(metricsTitle({ knnAccuracy: 0.8731, intrinsicDim: 12.34 })).toBe(
      ' · k-NN 0.87 · ID 12.3'
    );
    expect(metricsTitle(undefined)).toBe('');
    const figure = buildFigure({
      layers: [{ info: info('a', 0), coords: new Float32Array(4) }],
      labels: null,
      focus: 0,
      metrics: { a: { knnAccuracy: 0.5 } }
    });
    expect((figure.layout['annotations'] as { text: string }[])[0]?.text).toContain('k-NN 0.50');
  });
});
