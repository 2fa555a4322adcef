import { PNG_SCALES } from './figure_export.js';

/** What the export buttons ask for. */
export interface ExportHandlers {
  /** The CSV button. */
  readonly csv: () => void;
  /** PNG (at `scale` pixels per CSS pixel), SVG or HTML. */
  readonly file: (format: 'png' | 'svg' | 'html', scale: number) => void;
}

/** The view's export buttons: CSV, PNG with its scale, SVG and HTML. */
export function exportToolbar(document: Document, handlers: ExportHandlers): HTMLSpanElement {
  const bar = document.createElement('span');
  bar.className = 'lv-export';
  const button = (name: string, title: string, onClick: () => void): HTMLButtonElement => {
    const node = document.createElement('button');
    node.type = 'button';
    node.className = `lv-export-${name}`;
    node.textContent = name.toUpperCase();
    node.title = title;
    node.addEventListener('click', onClick);
    return node;
  };
  const scale = document.createElement('select');
  scale.className = 'lv-png-scale';
  scale.title = 'PNG size: pixels per screen pixel';
  for (const value of PNG_SCALES) {
    const option = document.createElement('option');
    option.value = String(value);
    option.textContent = `${value}×`;
    scale.append(option);
  }
  scale.value = '2';
  const file = (format: 'png' | 'svg' | 'html') => () => handlers.file(format, Number(scale.value));
  bar.append(
    button('csv', "Download every layer's layout, labels and metrics as CSV", handlers.csv),
    button('png', 'Download the figure as a PNG image', file('png')),
    scale,
    button('svg', 'Download the figure as SVG (vector shapes)', file('svg')),
    button('html', 'Download an interactive HTML file that works offline', file('html'))
  );
  return bar;
}
