import { describe, expect, it } from 'vitest';

import { fittedTitle, truncate } from '../src/figure.js';
import { MAX_THUMBNAILS, subplotDomains, thumbnailLayers } from '../src/grid.js';
import { filterLayers, layersSummary, type NavigatorLayer } from '../src/navigator.js';

const layers: NavigatorLayer[] = [
  { name: 'Conv1', className: 'Conv2D', outputShape: [null, 16, 16, 32], block: 'Conv1' },
  { name: 'block_13_expand', className: 'Conv2D', outputShape: [null, 2, 2, 576] },
  { name: 'block_13_expand_relu', className: 'ReLU', outputShape: [null, 2, 2, 576] },
  { name: 'predictions', className: 'Dense', outputShape: [null, 10] }
];

describe('the layer list', () => {
  it('finds layers by every word of the query, in name or class, any case', () => {
    expect(filterLayers(layers, 'BLOCK_13 relu').map((l) => l.name)).toEqual([
      'block_13_expand_relu'
    ]);
    expect(filterLayers(layers, 'conv2d').map((l) => l.name)).toEqual(['Conv1', 'block_13_expand']);
    expect(filterLayers(layers, '  ')).toHaveLength(4);
  });

  it('says how many layers are shown only when some are not', () => {
    expect(layersSummary(16, 155)).toBe(
      'Showing 16 of 155 layers: block outputs; choose others in the layer list (or layers="all").'
    );
    expect(layersSummary(4, 4)).toBe('');
  });
});

describe('thumbnails', () => {
  it('draws every other layer when they fit, else a window around the focus', () => {
    expect(thumbnailLayers(5, 2)).toEqual([0, 1, 3, 4]);
    const window = thumbnailLayers(155, 80);
    expect(window).toHaveLength(MAX_THUMBNAILS);
    expect(window).not.toContain(80);
    expect(Math.min(...window)).toBeLessThan(80);
    expect(Math.max(...window)).toBeGreaterThan(80);
    expect(thumbnailLayers(155, 0)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });

  it('gives the layers outside the window no subplot', () => {
    const domains = subplotDomains(155, 0);
    expect(domains.filter((d) => d !== undefined)).toHaveLength(MAX_THUMBNAILS + 1);
    expect(domains[100]).toBeUndefined();
  });
});

describe('titles', () => {
  const plot = {
    info: { name: 'block_13_expand_relu', className: 'ReLU', outputShape: [null, 2], index: 3 },
    coords: new Float32Array(4)
  };

  it('cut text with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });

  it('in a narrow subplot are the name alone, cut to fit, with the full title on hover', () => {
    const title = fittedTitle(plot, 1e-7, { knnAccuracy: 0.9 }, 10);
    expect(title.text).toBe('block_13_…');
    expect(title.hover).toContain('block_13_expand_relu · ReLU · (N, 2)');
    expect(title.hover).toContain('k-NN 0.90');
  });

  it('stay whole when they fit, else drop class and shape first', () => {
    expect(fittedTitle(plot, undefined, undefined, 80).text).toBe(
      'block_13_expand_relu · ReLU · (N, 2)'
    );
    const tight = fittedTitle(plot, undefined, { knnAccuracy: 0.9 }, 32).text;
    expect(tight).toBe('block_13_expand_relu · k-NN 0.90');
    // Too narrow for the metrics too: the fidelity stays, the metrics go.
    const metrics = { knnAccuracy: 0.9, silhouette: 0.5 };
    const narrow = fittedTitle(plot, 3.1e-7, metrics, 36).text;
    expect(narrow).toBe('block_13_expand_relu · Δ 3.1e-7');
  });
});
