import { describe, expect, it } from 'vitest';

import { exportToolbar } from '../src/export/toolbar.js';
import { FakeElement, fakeDocument } from './fake_dom.js';

function menu() {
  const asked: string[] = [];
  const bar = exportToolbar(fakeDocument(), {
    csv: () => asked.push('csv'),
    file: (format, scale) => asked.push(`${format}@${scale}`)
  }) as unknown as FakeElement;
  const [toggle, items] = bar.children as FakeElement[];
  const [pngRow, svg, html, csv] = items.children as FakeElement[];
  const [png, scale] = pngRow.children as FakeElement[];
  return { asked, bar, toggle, items, png, scale, svg, html, csv };
}

describe('exportToolbar', () => {
  it('is one Export button whose menu lists PNG (with its scale), SVG, HTML and CSV', () => {
    const { asked, toggle, items, png, scale, svg, html, csv } = menu();
    expect(toggle.className).toContain('lv-export-menu');
    expect(items.hidden).toBe(true);
    expect(toggle.attributes.get('aria-expanded')).toBe('false');
    toggle.fire('click');
    expect(items.hidden).toBe(false);
    expect(toggle.attributes.get('aria-expanded')).toBe('true');
    scale.value = '4';
    png.fire('click');
    // Choosing an item runs it and closes the menu.
    expect(asked).toEqual(['png@4']);
    expect(items.hidden).toBe(true);
    for (const item of [svg, html, csv]) {
      toggle.fire('click');
      item.fire('click');
    }
    expect(asked).toEqual(['png@4', 'svg@4', 'html@4', 'csv']);
    expect([png, svg, html, csv].map((b) => b.className.split(' ').at(-1))).toEqual([
      'lv-export-png',
      'lv-export-svg',
      'lv-export-html',
      'lv-export-csv'
    ]);
  });

  it('closes on Escape (focus back on the button) and when focus leaves it', () => {
    const { bar, toggle, items, svg } = menu();
    toggle.fire('click');
    bar.fire('keydown', { key: 'Escape' });
    expect(items.hidden).toBe(true);
    expect(toggle.focused).toBe(true);
    toggle.fire('click');
    // Focus moving to an item keeps it open; to something outside closes it.
    bar.fire('focusout', { relatedTarget: svg });
    expect(items.hidden).toBe(false);
    bar.fire('focusout', { relatedTarget: new FakeElement() });
    expect(items.hidden).toBe(true);
    // A press inside that blurs without focusing (Safari) does not close it before the click.
    toggle.fire('click');
    bar.fire('pointerdown');
    bar.fire('focusout', { relatedTarget: null });
    expect(items.hidden).toBe(false);
  });
});
