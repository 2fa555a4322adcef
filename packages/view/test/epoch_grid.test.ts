import { describe, expect, it } from 'vitest';

import { classColor } from '../src/palette.js';
import {
  EpochGrid,
  type EpochGridData,
  GRID_CELL_MAX,
  GRID_CELL_MIN,
  gridCellSize,
  gridColors,
  thumbnailPixels
} from '../src/epoch_grid.js';
import { FakeElement } from './fake_dom.js';

/** A fake element that also takes styles, children replaced, and (canvas) a 2-D context. */
class GridElement extends FakeElement {
  readonly style: Record<string, string> = {};
  width = 0;
  height = 0;
  /** Squares drawn on this canvas, with the colour they were drawn in. */
  readonly drawn: string[] = [];
  replaceChildren(): void {
    this.children.length = 0;
  }
  getContext(): object {
    let fillStyle = '';
    return {
      scale: () => undefined,
      set fillStyle(color: string) {
        fillStyle = color;
      },
      fillRect: () => this.drawn.push(fillStyle)
    };
  }
}

function gridDocument(): Document {
  return {
    createElement: () => new GridElement(),
    defaultView: { devicePixelRatio: 2 }
  } as unknown as Document;
}

/** Two layers at three epochs, four points: coordinates that say their cell. */
const grid: EpochGridData = {
  layers: ['dense', 'probs'],
  epochs: [0, 1, 2],
  points: Float32Array.from({ length: 3 * 2 * 4 * 2 }, (_, i) => (i % 2 === 0 ? i % 8 : -i % 5)),
  labels: Int32Array.from([0, 1, 1, 2])
};

describe('layers × epochs grid', () => {
  it('sizes the thumbnails to fit, within bounds, scrolling past them', () => {
    expect(gridCellSize(2, 4)).toBe(GRID_CELL_MAX);
    expect(gridCellSize(8, 4)).toBe(52);
    expect(gridCellSize(40, 4)).toBe(GRID_CELL_MIN);
    expect(gridCellSize(3, 40)).toBe(GRID_CELL_MIN);
  });

  it('fits each cell in its square, centred, y upwards, a far outlier clipped', () => {
    const points = [0, 0, 1, 1, -1, -1, 1, -1, -1, 1];
    const pixels = thumbnailPixels([9, 9, ...points], 2, 5, 40);
    // Centre at the middle; the farthest points 3 pixels in from the border.
    expect([...pixels.slice(0, 4)]).toEqual([20, 20, 37, 3]);
    expect([...pixels.slice(4, 6)]).toEqual([3, 37]);
    const outlier = thumbnailPixels(
      Float32Array.from([...Array.from({ length: 98 }, (_, i) => [i % 2, 0]).flat(), 100, 0]),
      0,
      99,
      40
    );
    expect(Math.max(...outlier.filter((_, i) => i % 2 === 0))).toBeGreaterThan(40);
    // A point a little beyond the others still shows, at the border.
    const spread = Array.from({ length: 200 }, (_, i) => [i % 2 === 0 ? 1 : -1, 0]).flat();
    const near = thumbnailPixels([...spread, 1.3, 0, -1.3, 0], 0, 202, 40);
    expect(Math.max(...near)).toBeCloseTo(37, 4);
    // All points at one place: drawn at the centre, not as NaN.
    expect([...thumbnailPixels([2, 2, 2, 2], 0, 2, 40)]).toEqual([20, 20, 20, 20]);
  });

  it('colours points by label as the view does', () => {
    expect(gridColors(Int32Array.from([5, 2, 5]), 3)).toEqual([
      classColor(1),
      classColor(0),
      classColor(1)
    ]);
    expect(new Set(gridColors(null, 2)).size).toBe(1);
  });

  it('draws one thumbnail per layer and epoch with its tooltip, and a press chooses it', () => {
    const chosen: [string, number][] = [];
    const view = new EpochGrid(gridDocument(), (layer, epoch) => chosen.push([layer, epoch]));
    const node = view.node as unknown as GridElement;
    expect(node.hidden).toBe(true);
    view.set(grid);
    expect(node.hidden).toBe(false);
    const cells = (node.children[1] as GridElement).children as GridElement[];
    const buttons = cells.filter((c) => c.className === 'lv-epoch-cell');
    expect(buttons).toHaveLength(6);
    expect((node.children[1] as GridElement).style['gridTemplateColumns']).toBe(
      `auto repeat(3, ${GRID_CELL_MAX + 2}px)`
    );
    // Rows are layers, columns epochs: after a corner and the epoch headings, each row's name.
    expect(cells.map((c) => c.textContent).slice(0, 5)).toEqual(['', 'before', '1', '2', 'dense']);
    expect(buttons[0]?.title).toBe('dense · Before training');
    expect(buttons[5]?.title).toBe('probs · Epoch 2 of 2');
    const canvas = buttons[4]?.children[0] as GridElement;
    expect(canvas.width).toBe(2 * GRID_CELL_MAX);
    expect(canvas.style['width']).toBe(`${GRID_CELL_MAX}px`);
    expect(canvas.drawn).toEqual([classColor(0), classColor(1), classColor(1), classColor(2)]);
    buttons[4]?.fire('click');
    expect(chosen).toEqual([['probs', 1]]);
  });

  it('outlines the cell shown, one at a time', () => {
    const view = new EpochGrid(gridDocument(), () => undefined);
    view.set(grid, ['red', 'red', 'blue', 'blue']);
    const cells = ((view.node as unknown as GridElement).children[1] as GridElement)
      .children as GridElement[];
    const pressed = (): string[] =>
      cells.filter((c) => c.attributes.get('aria-pressed') === 'true').map((c) => c.title);
    view.highlight('probs', 0);
    expect(pressed()).toEqual(['probs · Before training']);
    view.highlight('dense', 2);
    expect(pressed()).toEqual(['dense · Epoch 2 of 2']);
    expect(view.node.dataset['current']).toBe('dense@2');
    view.highlight('other', 2);
    expect(pressed()).toEqual([]);
    expect((cells[5]?.children[0] as GridElement).drawn).toEqual(['red', 'red', 'blue', 'blue']);
    view.set(null);
    expect(view.node.hidden).toBe(true);
  });
});
