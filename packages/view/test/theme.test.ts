import { describe, expect, it } from 'vitest';

import { themedLayout } from '../src/theme.js';

describe('themedLayout', () => {
  it('colours the background, text and every axis and scene, keeping the rest', () => {
    const dark = { background: '#111111', text: '#eeeeee', grid: '#333333' };
    const layout = {
      margin: { l: 1 },
      font: { size: 12 },
      xaxis: { domain: [0, 1] },
      yaxis2: { visible: false },
      scene: { domain: { x: [0, 1] }, xaxis: { title: { text: '' } } }
    };
    const themed = themedLayout(layout, dark);
    expect(themed['paper_bgcolor']).toBe('#111111');
    expect(themed['plot_bgcolor']).toBe('#111111');
    expect(themed['font']).toEqual({ size: 12, color: '#eeeeee' });
    expect(themed['xaxis']).toEqual({
      domain: [0, 1],
      gridcolor: '#333333',
      linecolor: '#333333',
      zerolinecolor: '#333333'
    });
    expect((themed['yaxis2'] as { visible: boolean }).visible).toBe(false);
    const scene = themed['scene'] as Record<string, Record<string, unknown>>;
    expect(scene['bgcolor']).toBe('#111111');
    expect(scene['xaxis']?.['gridcolor']).toBe('#333333');
    expect(scene['zaxis']?.['gridcolor']).toBe('#333333');
    expect(themed['margin']).toBe(layout.margin);
    expect(layout).not.toHaveProperty('paper_bgcolor');
  });
});
