import { PNG_SCALES } from './figure_export.js';

/** What the export menu's items ask for. */
export interface ExportHandlers {
  /** The CSV item. */
  readonly csv: () => void;
  /** PNG (at `scale` pixels per CSS pixel), SVG or HTML. */
  readonly file: (format: 'png' | 'svg' | 'html', scale: number) => void;
}

/**
 * The view's export menu: one "Export" button that opens a list of CSV, PNG (with its scale),
 * SVG and HTML. The list closes when an item is chosen, on Escape, and on a click elsewhere.
 */
export function exportToolbar(document: Document, handlers: ExportHandlers): HTMLSpanElement {
  const bar = document.createElement('span');
  bar.className = 'lv-export';
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'lv-button lv-export-menu';
  toggle.textContent = '⤓ Export';
  toggle.title = 'Download the figure or the layouts';
  toggle.setAttribute('aria-haspopup', 'true');
  const items = document.createElement('div');
  items.className = 'lv-export-items';
  items.setAttribute('role', 'menu');
  const open = (opened: boolean): void => {
    items.hidden = !opened;
    toggle.setAttribute('aria-expanded', String(opened));
  };
  open(false);
  toggle.addEventListener('click', () => open(items.hidden));
  const item = (name: string, text: string, title: string, run: () => void): HTMLButtonElement => {
    const node = document.createElement('button');
    node.type = 'button';
    node.className = `lv-button lv-export-${name}`;
    node.setAttribute('role', 'menuitem');
    node.textContent = text;
    node.title = title;
    node.addEventListener('click', () => {
      open(false);
      run();
    });
    return node;
  };
  const scale = document.createElement('select');
  scale.className = 'lv-png-scale';
  scale.title = 'PNG size: pixels per screen pixel';
  scale.setAttribute('aria-label', 'PNG size');
  for (const value of PNG_SCALES) {
    const option = document.createElement('option');
    option.value = String(value);
    option.textContent = `${value}×`;
    scale.append(option);
  }
  scale.value = '2';
  const file = (format: 'png' | 'svg' | 'html') => () => handlers.file(format, Number(scale.value));
  const png = document.createElement('div');
  png.className = 'lv-export-png-row';
  png.append(item('png', 'PNG image', 'Download the figure as a PNG image', file('png')), scale);
  items.append(
    png,
    item('svg', 'SVG vector', 'Download the figure as SVG (vector shapes)', file('svg')),
    item('html', 'HTML page', 'Download an interactive HTML file that works offline', file('html')),
    item(
      'csv',
      'CSV data',
      "Download every layer's layout, labels and metrics as CSV",
      handlers.csv
    )
  );
  bar.append(toggle, items);
  bar.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !items.hidden) {
      open(false);
      toggle.focus();
    }
  });
  // Closed when focus leaves it (a click elsewhere, Tab): no listener on the document, which
  // would outlive the view. A press inside may blur without focusing (Safari's buttons).
  let pressed = false;
  bar.addEventListener('pointerdown', () => (pressed = true));
  bar.addEventListener('click', () => (pressed = false));
  bar.addEventListener('focusout', (event) => {
    const next = event.relatedTarget as Node | null;
    if (!pressed && (next === null || !bar.contains(next))) {
      open(false);
    }
  });
  return bar;
}
