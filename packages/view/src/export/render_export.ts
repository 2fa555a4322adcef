import { type Data, type Layout, PLOTLY_SOURCE, plotly } from '../plotly/plotly.js';

import { downloadBlob } from '../export_csv.js';
import type { Figure } from '../figure.js';
import { dataUrlBytes, standaloneHtml, vectorFigure } from './figure_export.js';

/** An exported file's bytes, type and suggested name. */
export interface ExportedFile {
  readonly data: Uint8Array;
  readonly mime: string;
  readonly filename: string;
}

/** Options of {@link exportImage}. */
export interface ImageOptions {
  /** Figure size in CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** PNG only: pixels per CSS pixel, in [1, 8]; default 2. */
  readonly scale?: number;
}

/**
 * The figure as PNG (a snapshot of the live plot, WebGL included) or SVG (re-drawn off-screen
 * with SVG traces, so every point is a vector shape).
 *
 * @param plot - the live Plotly element (for PNG).
 */
export async function exportImage(
  plot: HTMLElement,
  figure: Figure,
  format: 'png' | 'svg',
  options: ImageOptions
): Promise<ExportedFile> {
  const { width, height } = options;
  if (format === 'png') {
    const scale = options.scale ?? 2;
    if (!(scale >= 1 && scale <= 8)) {
      throw new RangeError(`scale must be in [1, 8], got ${scale}`);
    }
    const url = await plotly().toImage(plot, { format: 'png', width, height, scale });
    return { data: dataUrlBytes(url), mime: 'image/png', filename: 'layerviz.png' };
  }
  const document = plot.ownerDocument;
  const scratch = document.createElement('div');
  // Off-screen but laid out: Plotly measures text while drawing.
  scratch.style.cssText = `position: fixed; left: -20000px; top: 0; width: ${width}px; height: ${height}px`;
  document.body.append(scratch);
  try {
    const vector = vectorFigure(figure);
    await plotly().newPlot(
      scratch,
      vector.data as unknown as Data[],
      { ...vector.layout, width, height } as Partial<Layout>,
      { staticPlot: true }
    );
    const url = await plotly().toImage(scratch, { format: 'svg', width, height });
    return { data: dataUrlBytes(url), mime: 'image/svg+xml', filename: 'layerviz.svg' };
  } finally {
    plotly().purge(scratch);
    scratch.remove();
  }
}

/** The interactive figure as one offline HTML file (see {@link standaloneHtml}). */
export async function exportHtml(
  figure: Figure,
  title: string,
  sampleLines: readonly string[]
): Promise<ExportedFile> {
  // The very script the view runs (a partial Plotly with the trace types the figure uses).
  const html = standaloneHtml({ figure, plotlySource: PLOTLY_SOURCE, title, sampleLines });
  return {
    data: new TextEncoder().encode(html),
    mime: 'text/html',
    filename: 'layerviz.html'
  };
}

/** Offer `file` as a download from `document`. */
export function downloadFile(document: Document, file: ExportedFile): void {
  downloadBlob(document, new Blob([file.data as BlobPart], { type: file.mime }), file.filename);
}
