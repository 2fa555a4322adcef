import { escapeHtml } from './markup.js';
import { type FigureTheme, LIGHT_THEME } from './theme.js';

/**
 * Linear CKA between every pair of a model's layers, as the worker sends it; or, with `columns`,
 * between the layers of two models or of two epochs of one model (rows × columns).
 */
export interface CkaMatrix {
  /** Layer names of the rows (and of the columns when `columns` is absent), in model order. */
  readonly layers: readonly string[];
  /** `(rows, columns)` row-major, each in [0, 1]. */
  readonly values: ArrayLike<number>;
  /** Layer names of the columns when they are not the rows' (another model or epoch). */
  readonly columns?: readonly string[];
  /** The heading above the squares; default "CKA between layers". */
  readonly title?: string;
}

/** Viridis at five stops: perceptually even, readable in grey and by most colour-blind people. */
const STOPS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37]
];

/** The colour of a CKA value: viridis over [0, 1] (a fixed scale, so models compare). */
export function ckaColor(value: number): string {
  const t = Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(t));
  const f = t - i;
  const a = STOPS[i] ?? [0, 0, 0];
  const b = STOPS[i + 1] ?? a;
  const channel = (k: 0 | 1 | 2): number => Math.round(a[k] + (b[k] - a[k]) * f);
  return `rgb(${channel(0)}, ${channel(1)}, ${channel(2)})`;
}

/** Side of one cell in CSS pixels: the grid stays about as tall as the depth chart. */
export function cellSize(layers: number): number {
  return Math.max(8, Math.min(28, Math.floor(140 / Math.max(1, layers))));
}

const LABEL_WIDTH = 110;
const TOP = 30;
const LEGEND = 40;

/**
 * The layers × layers heatmap as SVG markup: one square per pair coloured by its CKA (value and
 * layer names in each square's tooltip, and printed in it when squares are large enough), row
 * labels with the layer's depth and name, column labels with the depth, the focused layer's row
 * outlined, a colour bar from 0 to 1. Pure, so it is tested without a browser.
 *
 * @param focus - the focused layer's name; none outlined when it is not in the matrix.
 * @param gradientId - the colour bar's id, unique in the page: a gradient referenced from another
 *   widget's SVG would vanish when that widget is hidden.
 */
export function ckaSvg(
  matrix: CkaMatrix,
  focus: string | null,
  theme: FigureTheme = LIGHT_THEME,
  gradientId = 'lv-cka-scale'
): string {
  const count = matrix.layers.length;
  const columns = matrix.columns ?? matrix.layers;
  const cell = cellSize(Math.max(count, columns.length));
  const font = Math.min(11, cell);
  const side = cell * count;
  const across = cell * columns.length;
  const title = matrix.title ?? 'CKA between layers';
  const width = Math.max(LABEL_WIDTH + across + LEGEND, LABEL_WIDTH + 7 * title.length);
  const height = TOP + side + 4;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `font-size="${font}" font-family="sans-serif" fill="${theme.text}" role="img" ` +
      `aria-label="Linear ${escapeHtml(title)}">`,
    `<text x="${LABEL_WIDTH}" y="11" font-size="11">${escapeHtml(title)}</text>`
  ];
  const names = matrix.layers.map((name) => escapeHtml(name));
  const columnNames = columns.map((name) => escapeHtml(name));
  // Column labels are depths (names would not fit above narrow columns); every other one when
  // the columns are narrower than two digits.
  const every = cell >= 14 ? 1 : Math.ceil(14 / cell);
  for (let j = 0; j < columns.length; j += every) {
    const x = LABEL_WIDTH + (j + 0.5) * cell;
    parts.push(`<text x="${x}" y="${TOP - 4}" text-anchor="middle">${j + 1}</text>`);
  }
  for (let i = 0; i < count; i++) {
    const y = TOP + i * cell;
    const label = escapeHtml(shorten(`${i + 1} ${matrix.layers[i] ?? ''}`, 18));
    parts.push(
      `<text x="${LABEL_WIDTH - 4}" y="${y + cell / 2}" text-anchor="end" ` +
        `dominant-baseline="central" data-row="${i}" style="cursor:pointer">${label}</text>`
    );
    for (let j = 0; j < columns.length; j++) {
      const value = Number(matrix.values[i * columns.length + j]);
      const x = LABEL_WIDTH + j * cell;
      const tip = `${names[i]} × ${columnNames[j]}: CKA ${Number.isFinite(value) ? value.toFixed(3) : '–'}`;
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${ckaColor(value)}" ` +
          `data-row="${i}" data-col="${j}" style="cursor:pointer"><title>${tip}</title></rect>`
      );
      if (cell >= 24 && Number.isFinite(value)) {
        // Dark text on the light (high) end of viridis, light text on the dark end.
        const ink = value > 0.6 ? '#000' : '#fff';
        parts.push(
          `<text x="${x + cell / 2}" y="${y + cell / 2}" text-anchor="middle" ` +
            `dominant-baseline="central" font-size="9" fill="${ink}" ` +
            `pointer-events="none">${value.toFixed(2)}</text>`
        );
      }
    }
  }
  const focused = focus === null ? -1 : matrix.layers.indexOf(focus);
  if (focused >= 0) {
    parts.push(
      `<rect class="lv-cka-focus" x="${LABEL_WIDTH - 0.5}" y="${TOP + focused * cell - 0.5}" ` +
        `width="${across + 1}" height="${cell + 1}" fill="none" stroke="${theme.text}" ` +
        `stroke-width="1.5" pointer-events="none"/>`
    );
  }
  // The colour bar: 0 at the bottom, 1 at the top.
  const barX = LABEL_WIDTH + across + 10;
  parts.push(
    `<defs><linearGradient id="${gradientId}" x1="0" y1="1" x2="0" y2="0">` +
      STOPS.map(
        (_, k) =>
          `<stop offset="${k / (STOPS.length - 1)}" stop-color="${ckaColor(k / (STOPS.length - 1))}"/>`
      ).join('') +
      '</linearGradient></defs>',
    `<rect x="${barX}" y="${TOP}" width="8" height="${side}" fill="url(#${gradientId})"/>`,
    `<text x="${barX + 11}" y="${TOP}" dominant-baseline="hanging" font-size="9">1</text>`,
    `<text x="${barX + 11}" y="${TOP + side}" font-size="9">0</text>`,
    '</svg>'
  );
  return parts.join('');
}

function shorten(text: string, most: number): string {
  return text.length <= most ? text : `${text.slice(0, most - 1)}…`;
}

/** Heatmaps made so far in this page, for unique ids. */
let heatmaps = 0;

/**
 * A view's CKA heatmap beside its depth chart: hidden until the worker sends the matrix; a click
 * on a square or a row label tells `onLayerClick` the row's layer (the view focuses it).
 */
export class CkaHeatmap {
  readonly node: HTMLDivElement;
  private matrix: CkaMatrix | null = null;
  private readonly gradientId = `lv-cka-scale-${(heatmaps += 1)}`;

  constructor(
    document: Document,
    private readonly onLayerClick: (layer: string) => void = () => undefined
  ) {
    this.node = document.createElement('div');
    this.node.className = 'lv-cka';
    this.node.hidden = true;
    this.node.addEventListener('click', (event) => {
      const target = event.target as Element | null;
      const row = target?.closest?.('[data-row]')?.getAttribute('data-row');
      const layer =
        row === null || row === undefined ? undefined : this.matrix?.layers[Number(row)];
      if (layer !== undefined) {
        this.onLayerClick(layer);
      }
    });
  }

  /** The matrix shown, or null before one arrives. */
  get value(): CkaMatrix | null {
    return this.matrix;
  }

  /** Hold a new matrix (drawn at the next {@link render}). */
  set(matrix: CkaMatrix): void {
    this.matrix = {
      ...matrix,
      layers: [...matrix.layers],
      values: Array.from(matrix.values),
      ...(matrix.columns && { columns: [...matrix.columns] })
    };
    this.node.dataset['cka'] = JSON.stringify(this.matrix);
  }

  /** Draw the matrix held, the `focus` layer's row outlined; nothing before a matrix arrives. */
  render(focus: string | null, theme: FigureTheme = LIGHT_THEME): void {
    const columns = this.matrix?.columns ?? this.matrix?.layers ?? [];
    if (this.matrix === null || this.matrix.layers.length * columns.length < 2) {
      return;
    }
    this.node.hidden = false;
    this.node.innerHTML = ckaSvg(this.matrix, focus, theme, this.gradientId);
  }
}
