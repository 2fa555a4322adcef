import { axisId } from './figure.js';

/** The parts of a Plotly axis (internal but stable since Plotly 1.x) that place a point. */
interface PlotlyAxis {
  l2p(value: number): number;
  _offset: number;
}

/** Pixel position of every layer's copy of one sample, within the plot element. */
export interface RingPosition {
  readonly layer: number;
  readonly x: number;
  readonly y: number;
}

/**
 * Where the sample at `position` lies in each 2-D subplot, in pixels from the plot element's
 * top-left corner, given Plotly's laid-out axes (`gd._fullLayout`).
 */
export function ringPositions(
  fullLayout: Readonly<Record<string, unknown>>,
  layers: readonly { coords: Float32Array | null; dims?: number }[],
  focus: number,
  position: number
): RingPosition[] {
  const out: RingPosition[] = [];
  layers.forEach((layer, i) => {
    const dims = layer.dims ?? 2;
    const coords = layer.coords;
    if (coords === null || (dims === 3 && i === focus) || (position + 1) * dims > coords.length) {
      return;
    }
    const xa = fullLayout[axisName(axisId('x', i))] as PlotlyAxis | undefined;
    const ya = fullLayout[axisName(axisId('y', i))] as PlotlyAxis | undefined;
    if (xa?.l2p === undefined || ya?.l2p === undefined) {
      return;
    }
    const x = xa.l2p(coords[position * dims] ?? 0) + xa._offset;
    const y = ya.l2p(coords[position * dims + 1] ?? 0) + ya._offset;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      out.push({ layer: i, x, y });
    }
  });
  return out;
}

/** `x` → `xaxis`, `x3` → `xaxis3`. */
function axisName(id: string): string {
  return id.replace(/^([xy])(\d*)$/, '$1axis$2');
}

/**
 * Rings drawn over the figure around the hovered sample in every layer, so the eye finds the same
 * sample everywhere. Plain positioned elements: moving them costs no Plotly redraw.
 */
export class HoverRings {
  readonly node: HTMLDivElement;

  constructor(private readonly document: Document) {
    this.node = document.createElement('div');
    this.node.className = 'lv-hover-rings';
  }

  /** Put one ring at each position (none: hide them). */
  show(positions: readonly RingPosition[]): void {
    const rings = positions.map((p) => {
      const ring = this.document.createElement('div');
      ring.className = 'lv-hover-ring';
      ring.dataset['layer'] = String(p.layer);
      ring.style.left = `${p.x}px`;
      ring.style.top = `${p.y}px`;
      return ring;
    });
    this.node.replaceChildren(...rings);
  }
}

/** The part of Plotly's hover event that names the sample. */
interface PlotlyHover {
  points?: { pointNumber?: number; data?: { meta?: { samples?: number[] } } }[];
}

/**
 * Call `onHover` with the position of the sample under the pointer in a Plotly figure whose
 * traces carry `meta.samples` (see `buildFigure`), and with null when the pointer leaves it.
 */
export function listenForHover(plot: HTMLElement, onHover: (sample: number | null) => void): void {
  const gd = plot as unknown as { on(event: string, handler: (data: PlotlyHover) => void): void };
  gd.on('plotly_hover', (data) => {
    const point = data.points?.[0];
    onHover(point?.data?.meta?.samples?.[point.pointNumber ?? -1] ?? null);
  });
  gd.on('plotly_unhover', () => onHover(null));
}
