import { FIGURE_MARGIN, type LayerPlot } from './figure.js';
import { subplotDomains } from './grid.js';
import { UNLABELED_COLOR } from './palette.js';
import { type FigureTheme, readTheme } from './theme.js';

/** The font of the layers' status lines on the preview. */
const PREVIEW_FONT = '11px sans-serif';

/** What {@link PreviewCanvas.draw} needs. */
export interface PreviewInput {
  readonly layers: readonly LayerPlot[];
  readonly focus: number;
  /** The color of each sample (see `sampleColors`); null draws every point in one color. */
  readonly colors: readonly string[] | null;
  /** Size of the figure in CSS pixels. */
  readonly width: number;
  readonly height: number;
}

/**
 * Layouts as they form, drawn on a plain 2-D canvas over the figure's subplots. A Plotly redraw
 * of the whole figure costs 70–150 ms in a software-rendered browser; a canvas of a few thousand
 * dots costs a few ms, so frames never block the page. The interactive Plotly figure is drawn
 * once every layer's layout is final.
 */
export class PreviewCanvas {
  readonly canvas: HTMLCanvasElement;
  private queued = false;
  private frames = 0;
  private theme: FigureTheme | null = null;

  constructor(document: Document) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'lv-preview';
    this.canvas.hidden = true;
  }

  /**
   * Draw at the next animation frame, once however often it is asked before then: `input` is
   * read at drawing time (null: nothing to draw any more), `onDrawn` gets the frames drawn so far.
   */
  schedule(input: () => PreviewInput | null, onDrawn?: (frames: number) => void): void {
    if (this.queued) {
      return;
    }
    this.queued = true;
    const draw = (): void => {
      this.queued = false;
      const now = input();
      if (now !== null) {
        this.draw(now);
        this.frames += 1;
        onDrawn?.(this.frames);
      }
    };
    const win = this.canvas.ownerDocument.defaultView;
    if (win) {
      win.requestAnimationFrame(draw);
    } else {
      setTimeout(draw, 16);
    }
  }

  /**
   * Size the canvas and read the theme's colours now, while the page is idle (right after the
   * figure is drawn), so that the first frame costs no more than the others: allocating the
   * canvas and reading computed styles (a style recalculation of the whole JupyterLab page) made
   * it the longest main-thread task of a layout run. Both are redone only on change.
   */
  prepare(width: number, height: number): void {
    const { canvas } = this;
    const ratio = canvas.ownerDocument.defaultView?.devicePixelRatio ?? 1;
    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(height * ratio);
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
    }
    if (this.theme !== null) {
      return;
    }
    this.theme = readTheme(canvas);
    // Everything the first frame would do for the first time, done now: make the context,
    // allocate its pixels, resolve the font (a font-config lookup on Linux) and show the empty,
    // transparent canvas once. A trace showed the first frame at 143 ms of script and 66 ms of
    // paint when it did all this; later frames take a few ms.
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (ctx !== null) {
      ctx.font = PREVIEW_FONT;
      ctx.measureText('t-SNE 750/750');
      ctx.fillRect(0, 0, 1, 1);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
    }
    canvas.hidden = false;
  }

  /** Draw every layer that has coordinates, each in its subplot's rectangle. */
  draw(input: PreviewInput): void {
    const { canvas } = this;
    const ratio = canvas.ownerDocument.defaultView?.devicePixelRatio ?? 1;
    this.prepare(input.width, input.height);
    canvas.hidden = false;
    // A software canvas: thousands of small rectangles rasterise faster on the CPU than through
    // the GPU process, and no frame waits on it (in a software-rendered browser, that process
    // competes for the same cores as the layout worker).
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (ctx === null || this.theme === null) {
      return;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, input.width, input.height);
    const { background, text } = this.theme;
    const plotW = input.width - FIGURE_MARGIN.l - FIGURE_MARGIN.r;
    const plotH = input.height - FIGURE_MARGIN.t - FIGURE_MARGIN.b;
    const domains = subplotDomains(input.layers.length, input.focus);
    input.layers.forEach((layer, i) => {
      const coords = layer.coords;
      const domain = domains[i];
      if (coords === null || domain === undefined) {
        return;
      }
      const x0 = FIGURE_MARGIN.l + domain.x[0] * plotW;
      const x1 = FIGURE_MARGIN.l + domain.x[1] * plotW;
      const y0 = FIGURE_MARGIN.t + (1 - domain.y[1]) * plotH;
      const y1 = FIGURE_MARGIN.t + (1 - domain.y[0]) * plotH;
      ctx.fillStyle = background;
      ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
      drawPoints(ctx, coords, layer.dims ?? 2, input.colors, [x0, y0, x1, y1], i === input.focus);
      if (layer.status) {
        ctx.fillStyle = text;
        ctx.font = PREVIEW_FONT;
        ctx.fillText(layer.status, x0 + 4, y0 + 12);
      }
    });
  }

  /** Hide the canvas (the Plotly figure below shows the final layouts). */
  clear(): void {
    this.canvas.hidden = true;
    this.theme = null;
  }
}

function drawPoints(
  ctx: CanvasRenderingContext2D,
  coords: Float32Array,
  dims: number,
  colors: readonly string[] | null,
  [x0, y0, x1, y1]: readonly [number, number, number, number],
  large: boolean
): void {
  const n = coords.length / dims;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let s = 0; s < n; s++) {
    const x = coords[s * dims] ?? 0;
    const y = coords[s * dims + 1] ?? 0;
    // Samples a layer cannot show are NaN (see hideRows): they must not widen the range.
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      continue;
    }
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const pad = 6;
  const sx = (x1 - x0 - 2 * pad) / Math.max(maxX - minX, 1e-12);
  const sy = (y1 - y0 - 2 * pad) / Math.max(maxY - minY, 1e-12);
  const size = large ? 4 : 2.5;
  ctx.globalAlpha = 0.75;
  // One fillStyle per colour, not per point: each assignment parses a CSS colour string, which
  // made a frame of a few thousand points cost tens of milliseconds of main-thread time.
  for (const [color, members] of groupByColor(n, colors)) {
    ctx.fillStyle = color;
    for (const s of members) {
      const px = x0 + pad + ((coords[s * dims] ?? 0) - minX) * sx;
      const py = y1 - pad - ((coords[s * dims + 1] ?? 0) - minY) * sy;
      ctx.fillRect(px - size / 2, py - size / 2, size, size);
    }
  }
  ctx.globalAlpha = 1;
}

/** Sample indices per colour, in sample order within each colour. */
export function groupByColor(n: number, colors: readonly string[] | null): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (let s = 0; s < n; s++) {
    const color = colors?.[s] ?? UNLABELED_COLOR;
    let members = groups.get(color);
    if (members === undefined) {
      members = [];
      groups.set(color, members);
    }
    members.push(s);
  }
  return groups;
}
