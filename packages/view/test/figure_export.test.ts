import type { LayerInfo } from '@layerviz/core';
import { describe, expect, it } from 'vitest';

import { dataUrlBytes, standaloneHtml, vectorFigure } from '../src/export/figure_export.js';
import { buildFigure } from '../src/figure.js';

const info: LayerInfo = { name: 'dense', className: 'Dense', outputShape: [null, 2], index: 0 };
const many = Float32Array.from({ length: 2 * 1500 }, (_, i) => Math.sin(i));
const figure = buildFigure({
  layers: [{ info, coords: many }],
  labels: Int32Array.from({ length: 1500 }, (_, i) => i % 2),
  focus: 0
});

describe('vectorFigure', () => {
  it('turns WebGL traces into SVG ones and leaves the rest', () => {
    expect(figure.data.map((t) => t.type)).toEqual(['scattergl', 'scattergl']);
    const vector = vectorFigure(figure);
    expect(vector.data.map((t) => t.type)).toEqual(['scatter', 'scatter']);
    expect(vector.data[0]?.x).toBe(figure.data[0]?.x);
    expect(figure.data[0]?.type).toBe('scattergl');
  });
});

describe('standaloneHtml', () => {
  it('inlines Plotly, the figure and the sample lines so that nothing closes a script early', () => {
    const html = standaloneHtml({
      figure,
      plotlySource: 'var Plotly = {}; "</script><script>alert(1)</script>";',
      title: 'layers <of> a model',
      sampleLines: ['sample 0: </script><img src=x onerror=alert(1)>']
    });
    // Only the three script elements close: the "</script>" inside the inlined code and text is
    // escaped, so nothing after it is parsed as markup.
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).toContain('<title>layers &#60;of&#62; a model</title>');
    expect(html).not.toMatch(/https?:\/\//);
    const json = /<script id="layerviz-data" type="application\/json">(.*?)<\/script>/s.exec(html);
    const payload = JSON.parse(json?.[1] ?? '{}');
    expect(payload.lines[0]).toBe('sample 0: </script><img src=x onerror=alert(1)>');
    expect(payload.figure.data).toHaveLength(2);
  });
});

describe('dataUrlBytes', () => {
  it('reads base64 and percent-encoded data URLs', () => {
    expect(Array.from(dataUrlBytes('data:image/png;base64,iVBORw=='))).toEqual([
      0x89, 0x50, 0x4e, 0x47
    ]);
    expect(new TextDecoder().decode(dataUrlBytes('data:image/svg+xml,%3Csvg%3E'))).toBe('<svg>');
  });
});
