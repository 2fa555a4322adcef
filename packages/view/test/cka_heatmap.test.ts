import { describe, expect, it } from 'vitest';

import { cellSize, CkaHeatmap, ckaColor, ckaSvg } from '../src/cka_heatmap.js';
import { fakeDocument, FakeElement } from './fake_dom.js';

const matrix = {
  layers: ['embedding', 'lstm <b>', 'dense'],
  values: [1, 0.8, 0.3, 0.8, 1, 0.5, 0.3, 0.5, 1]
};

describe('CKA heatmap', () => {
  it('colours values on viridis from 0 to 1, clamped', () => {
    expect(ckaColor(0)).toBe('rgb(68, 1, 84)');
    expect(ckaColor(1)).toBe('rgb(253, 231, 37)');
    expect(ckaColor(2)).toBe(ckaColor(1));
    expect(ckaColor(Number.NaN)).toBe(ckaColor(0));
    expect(ckaColor(0.5)).toBe('rgb(33, 145, 140)');
  });

  it('draws one square per pair with its value on hover, labels and the focused row', () => {
    const svg = ckaSvg(matrix, 'lstm <b>');
    expect(svg.match(/<rect [^>]*data-col=/g)).toHaveLength(9);
    expect(svg).toContain('<title>embedding × dense: CKA 0.300</title>');
    // Layer names are text, not markup.
    expect(svg).toContain('2 lstm &#60;b&#62;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain(`y="${30 + cellSize(3) - 0.5}"`);
    expect(svg).toContain('class="lv-cka-focus"');
    expect(ckaSvg(matrix, 'other')).not.toContain('lv-cka-focus');
    // Squares this large print their value.
    expect(cellSize(3)).toBe(28);
    expect(svg).toContain('>0.80</text>');
    expect(cellSize(16)).toBe(8);
    expect(cellSize(100)).toBe(8);
  });

  it('draws two sets of layers as rows × columns under their own title', () => {
    const between = {
      layers: ['dense_1', 'dense_2'],
      columns: ['conv', 'pool', 'dense <x>'],
      values: [0.9, 0.2, 0.1, 0.3, 0.4, 0.7],
      title: 'CKA: epoch 1 (rows) × epoch 3 (columns)'
    };
    const svg = ckaSvg(between, 'dense_2');
    expect(svg.match(/<rect [^>]*data-col=/g)).toHaveLength(6);
    expect(svg).toContain('<title>dense_2 × dense &#60;x&#62;: CKA 0.700</title>');
    expect(svg).toContain('<title>dense_1 × pool: CKA 0.200</title>');
    expect(svg).toContain('>CKA: epoch 1 (rows) × epoch 3 (columns)</text>');
    expect(svg).not.toContain('CKA between layers');
    // Three column depths, two row labels, the focused row as wide as the three columns.
    expect(svg).toContain(`>3</text>`);
    expect(svg).toContain(`width="${3 * cellSize(3) + 1}"`);
  });

  it('stays hidden until a matrix arrives, and a click focuses the row layer', () => {
    const focused: string[] = [];
    const heatmap = new CkaHeatmap(fakeDocument(), (layer) => focused.push(layer));
    const node = heatmap.node as unknown as FakeElement & { innerHTML?: string };
    heatmap.render('dense');
    expect(node.hidden).toBe(true);
    heatmap.set(matrix);
    heatmap.render('dense');
    expect(node.hidden).toBe(false);
    expect(node.innerHTML).toContain('CKA between layers');
    expect(JSON.parse(node.dataset['cka'] ?? '{}').layers).toEqual(matrix.layers);
    const cell = { closest: () => ({ getAttribute: () => '2' }) };
    node.fire('click', { target: cell });
    node.fire('click', { target: { closest: () => null } });
    expect(focused).toEqual(['dense']);
    expect(heatmap.value?.values).toEqual(matrix.values);
  });
});
