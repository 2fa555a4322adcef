import type { LayerMetrics } from '@layerviz/core/service';

import { layoutsCsv } from '../export_csv.js';
import type { Figure, LayerPlot } from '../figure.js';
import type { SampleState } from '../sample_state.js';
import type { ExportFormat } from './figure_export.js';
import { type ExportedFile, exportHtml, exportImage } from './render_export.js';

/** What an export of the view reads: its layers, samples, metrics and the figure drawn. */
export interface ExportSource {
  readonly layers: readonly LayerPlot[];
  readonly samples: SampleState;
  readonly metrics: Readonly<Record<string, LayerMetrics>>;
  /** The figure as last drawn; null before the first draw. */
  readonly figure: Figure | null;
  /** The element Plotly draws into. */
  readonly plot: HTMLElement;
  /** Height of the figure in CSS pixels. */
  readonly height: number;
}

/** Every finished layer's layout, labels and metrics as CSV (see {@link layoutsCsv}). */
export function viewCsv(source: ExportSource): string {
  return layoutsCsv({
    layers: source.layers.filter((l) => l.final !== false),
    labels: source.samples.labels,
    sampleIds: source.samples.sampleIds,
    metrics: source.metrics
  });
}

/**
 * The view as a file: `png` (at `scale` pixels per CSS pixel, in [1, 8]), `svg` (vector
 * shapes), `html` (interactive, offline, selections linked) or `csv` (see {@link viewCsv}).
 *
 * @throws Error when a figure format is asked for before anything is drawn.
 */
export async function exportView(
  source: ExportSource,
  format: ExportFormat,
  scale: number
): Promise<ExportedFile> {
  if (format === 'csv') {
    return {
      data: new TextEncoder().encode(viewCsv(source)),
      mime: 'text/csv',
      filename: 'layerviz-layouts.csv'
    };
  }
  const figure = source.figure;
  if (figure === null) {
    throw new Error('nothing is drawn yet: wait until the layers are laid out');
  }
  if (format === 'html') {
    const count = source.layers.find((l) => l.coords !== null);
    const n = count?.coords ? count.coords.length / (count.dims ?? 2) : 0;
    const title = `layerviz: ${source.layers.map((l) => l.info.name).join(', ')}`;
    return exportHtml(figure, title, source.samples.lines(n));
  }
  return exportImage(source.plot, figure, format, {
    width: source.plot.clientWidth || 1000,
    height: source.height,
    scale
  });
}
