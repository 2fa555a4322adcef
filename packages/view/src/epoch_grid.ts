import { coloring, sampleColors } from './coloring.js';
import { epochCaption } from './epochs.js';

/**
 * Every layer at every recorded epoch as small 2-D thumbnails, computed by the kernel (the page
 * holds one epoch's activations only): a PCA of each layer's activations on the same samples,
 * each layer's thumbnails rotated onto its last epoch's so that they differ only as much as the
 * representation does.
 */
export interface EpochGridData {
  /** Layer names, in model order: the grid's rows. */
  readonly layers: readonly string[];
  /** Labels of the recorded states (0 before training, then epochs): the grid's columns. */
  readonly epochs: readonly number[];
  /** Coordinates `(epochs, layers, n, 2)`, row-major, in each layer's own units. */
  readonly points: ArrayLike<number>;
  /** Class id of each of the `n` points, or null without labels. */
  readonly labels: ArrayLike<number> | null;
}

/** Smallest side of a thumbnail in CSS pixels: a class's shape still shows at 500 points. */
export const GRID_CELL_MIN = 36;
/** Largest side of a thumbnail in CSS pixels. */
export const GRID_CELL_MAX = 96;
/** Width the thumbnails fill before the grid scrolls sideways, in CSS pixels. */
const GRID_WIDTH = 640;
/** Height the thumbnails fill before the grid scrolls down, in CSS pixels. */
export const GRID_HEIGHT = 420;
/** Empty border inside each thumbnail, in CSS pixels, so points on the edge show whole. */
const PAD = 3;
/** Side of a drawn point, in CSS pixels. */
const DOT = 2;

/**
 * Side of each thumbnail in CSS pixels for `layers` rows and `epochs` columns: as large as lets
 * the grid fit {@link GRID_WIDTH} × {@link GRID_HEIGHT}, within [{@link GRID_CELL_MIN},
 * {@link GRID_CELL_MAX}]; beyond that the grid scrolls (many layers) rather than draw specks.
 */
export function gridCellSize(layers: number, epochs: number): number {
  const fit = Math.min(
    Math.floor(GRID_WIDTH / Math.max(1, epochs)),
    Math.floor(GRID_HEIGHT / Math.max(1, layers))
  );
  return Math.max(GRID_CELL_MIN, Math.min(GRID_CELL_MAX, fit));
}

/**
 * The pixel positions `[x0, y0, x1, y1, …]` in a `size`-pixel square of the `n` points of one
 * cell, read from `points` at `offset` (`n × 2` values). Each cell has its own scale, centred
 * on the points' mean: activations often grow many-fold while a model trains, and one scale per
 * row would shrink the early epochs to a dot, while the shape is what tells what a layer
 * learned. The farthest point reaches the border unless it lies beyond 1.5 times the 98th
 * percentile of the distances; such outliers fall outside and are clipped rather than squeeze
 * the rest into a corner. y grows upwards, as on a plot.
 */
export function thumbnailPixels(
  points: ArrayLike<number>,
  offset: number,
  n: number,
  size: number
): Float32Array {
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    cx += Number(points[offset + 2 * i]) / n;
    cy += Number(points[offset + 2 * i + 1]) / n;
  }
  const spread = Float64Array.from({ length: n }, (_, i) =>
    Math.max(
      Math.abs(Number(points[offset + 2 * i]) - cx),
      Math.abs(Number(points[offset + 2 * i + 1]) - cy)
    )
  ).sort();
  const typical = spread[Math.min(n - 1, Math.floor(0.98 * n))] ?? 0;
  const radius = Math.min(spread[n - 1] ?? 0, 1.5 * typical);
  const half = size / 2;
  // All points at one place (a layer of constant activations): draw them at the centre.
  const scale = radius > 0 && Number.isFinite(radius) ? (half - PAD) / radius : 0;
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = half + (Number(points[offset + 2 * i]) - cx) * scale;
    out[2 * i + 1] = half - (Number(points[offset + 2 * i + 1]) - cy) * scale;
  }
  return out;
}

/** The colour of each of the grid's points by its label, as the view colours labels. */
export function gridColors(labels: ArrayLike<number> | null, n: number): string[] {
  return sampleColors(coloring('label', n, labels, {}), n);
}

/**
 * The layers × epochs grid of small multiples under a recorder's view: one thumbnail per layer
 * (rows) and epoch (columns), points coloured by label, the cell shown now outlined. Each
 * thumbnail is a button ("layer · epoch" on hover); pressing it tells `onChoose` its layer and
 * epoch label, and the host moves the view there. Hidden until {@link set} gives it a grid.
 */
export class EpochGrid {
  /** The grid; append it below the view. */
  readonly node: HTMLDivElement;
  private readonly cells: HTMLDivElement;
  private data: EpochGridData | null = null;
  private buttons: HTMLButtonElement[] = [];
  private current: HTMLButtonElement | null = null;

  constructor(
    private readonly document: Document,
    private readonly onChoose: (layer: string, epoch: number) => void
  ) {
    this.node = document.createElement('div');
    this.node.className = 'lv-epoch-grid';
    this.node.hidden = true;
    this.node.setAttribute('role', 'group');
    this.node.setAttribute('aria-label', 'every layer at every epoch');
    const title = document.createElement('div');
    title.className = 'lv-epoch-grid-title';
    title.textContent = 'Every layer at every epoch (PCA; click one to show it)';
    this.cells = document.createElement('div');
    this.cells.className = 'lv-epoch-grid-cells';
    this.node.append(title, this.cells);
  }

  /** The grid shown, or null before one is set. */
  get value(): EpochGridData | null {
    return this.data;
  }

  /**
   * Show `grid` (null hides it), its points in `colors` (one CSS colour per point; default by
   * label, see {@link gridColors}).
   */
  set(grid: EpochGridData | null, colors?: readonly string[]): void {
    this.data = grid;
    this.buttons = [];
    this.current = null;
    this.cells.replaceChildren();
    this.node.hidden = grid === null || grid.layers.length === 0 || grid.epochs.length === 0;
    if (grid === null || this.node.hidden) {
      return;
    }
    const { layers, epochs } = grid;
    const n = Math.floor(grid.points.length / (2 * layers.length * epochs.length));
    const size = gridCellSize(layers.length, epochs.length);
    const fill = colors ?? gridColors(grid.labels, n);
    // Each thumbnail's button adds a 1-pixel border on either side of its canvas.
    this.cells.style.gridTemplateColumns = `auto repeat(${epochs.length}, ${size + 2}px)`;
    this.cells.style.maxHeight = `${GRID_HEIGHT + 24}px`;
    this.cells.append(this.text('lv-epoch-grid-corner', ''));
    epochs.forEach((epoch, e) => {
      const head = this.text('lv-epoch-grid-epoch', epoch === 0 ? 'before' : String(epoch));
      head.title = epochCaption(epochs, e);
      this.cells.append(head);
    });
    layers.forEach((layer, l) => {
      const name = this.text('lv-epoch-grid-layer', layer);
      name.title = layer;
      this.cells.append(name);
      epochs.forEach((epoch, e) => {
        const offset = (e * layers.length + l) * n * 2;
        const pixels = thumbnailPixels(grid.points, offset, n, size);
        this.cells.append(this.cell(layer, epoch, epochCaption(epochs, e), pixels, fill, size));
      });
    });
  }

  /** Outline the thumbnail of `layer` at epoch label `epoch` (none when it is not in the grid). */
  highlight(layer: string | null, epoch: number | null): void {
    this.current?.setAttribute('aria-pressed', 'false');
    const l = layer === null ? -1 : (this.data?.layers.indexOf(layer) ?? -1);
    const e = epoch === null ? -1 : (this.data?.epochs.indexOf(epoch) ?? -1);
    const count = this.data?.epochs.length ?? 0;
    this.current = l >= 0 && e >= 0 ? (this.buttons[l * count + e] ?? null) : null;
    this.current?.setAttribute('aria-pressed', 'true');
    this.node.dataset['current'] = this.current === null ? '' : `${layer ?? ''}@${epoch ?? ''}`;
  }

  /** Drop the thumbnails (the host removes the node). */
  dispose(): void {
    this.set(null);
  }

  private text(className: string, content: string): HTMLDivElement {
    const node = this.document.createElement('div');
    node.className = className;
    node.textContent = content;
    return node;
  }

  private cell(
    layer: string,
    epoch: number,
    caption: string,
    pixels: Float32Array,
    colors: readonly string[],
    size: number
  ): HTMLButtonElement {
    const button = this.document.createElement('button');
    button.type = 'button';
    button.className = 'lv-epoch-cell';
    button.title = `${layer} · ${caption}`;
    button.setAttribute('aria-label', `${layer} · ${caption}`);
    button.setAttribute('aria-pressed', 'false');
    button.dataset['layer'] = layer;
    button.dataset['epoch'] = String(epoch);
    button.addEventListener('click', () => this.onChoose(layer, epoch));
    const canvas = this.document.createElement('canvas');
    // Sharp on high-density screens: draw at device pixels, show at CSS pixels.
    const ratio = this.document.defaultView?.devicePixelRatio ?? 1;
    canvas.width = Math.round(size * ratio);
    canvas.height = Math.round(size * ratio);
    canvas.style.width = `${size}px`;
    canvas.style.height = `${size}px`;
    const context = canvas.getContext('2d');
    if (context !== null) {
      context.scale(ratio, ratio);
      drawPoints(context, pixels, colors);
    }
    button.append(canvas);
    this.buttons.push(button);
    return button;
  }
}

/** Draw each point as a small square, one fill per colour (a fill style change is costly). */
function drawPoints(
  context: CanvasRenderingContext2D,
  pixels: Float32Array,
  colors: readonly string[]
): void {
  const byColor = new Map<string, number[]>();
  for (let i = 0; i < pixels.length / 2; i++) {
    const color = colors[i] ?? '#888';
    const members = byColor.get(color) ?? [];
    members.push(i);
    byColor.set(color, members);
  }
  for (const [color, members] of byColor) {
    context.fillStyle = color;
    for (const i of members) {
      context.fillRect(
        (pixels[2 * i] ?? 0) - DOT / 2,
        (pixels[2 * i + 1] ?? 0) - DOT / 2,
        DOT,
        DOT
      );
    }
  }
}
