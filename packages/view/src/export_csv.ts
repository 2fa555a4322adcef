import type { LayerMetrics } from '@layerviz/core/service';
import { csvFormatRows } from 'd3-dsv';

import type { LayerPlot } from './figure.js';
import { METRIC_LABELS } from './metrics_figure.js';

/** What {@link layoutsCsv} writes. */
export interface CsvInput {
  readonly layers: readonly LayerPlot[];
  /** One class id per sample, or null. */
  readonly labels: ArrayLike<number> | null;
  /** Row of each sample in the user's original data; default 0..N-1. */
  readonly sampleIds?: ArrayLike<number> | null;
  /** Per layer name, its separability metrics (repeated on each of the layer's rows). */
  readonly metrics?: Readonly<Record<string, LayerMetrics>>;
}

const METRIC_COLUMNS: Readonly<Record<keyof LayerMetrics, string>> = {
  knnAccuracy: 'knn_accuracy',
  silhouette: 'silhouette',
  probeAccuracy: 'probe_accuracy',
  trustworthiness: 'trustworthiness',
  continuity: 'continuity',
  ckaNext: 'cka_next',
  intrinsicDim: 'intrinsic_dim'
};

/**
 * Every layer's layout as one CSV table in long form: a row per (layer, sample) with the sample's
 * row in the original data, its label, its coordinates (x, y, and z for 3-D layouts) and the
 * layer's metrics. Layers still computing are left out. Quoting follows RFC 4180 (d3-dsv).
 */
export function layoutsCsv(input: CsvInput): string {
  const keys = Object.keys(METRIC_LABELS) as (keyof LayerMetrics)[];
  const threeD = input.layers.some((l) => l.coords !== null && l.dims === 3);
  const header = [
    'layer',
    'sample',
    'label',
    'x',
    'y',
    ...(threeD ? ['z'] : []),
    ...keys.map((k) => METRIC_COLUMNS[k])
  ];
  const rows: string[][] = [header];
  for (const layer of input.layers) {
    const layerCoords = layer.coords;
    if (layerCoords === null) {
      continue;
    }
    const dims = layer.dims ?? 2;
    const n = layerCoords.length / dims;
    const metrics = input.metrics?.[layer.info.name] ?? {};
    const metricCells = keys.map((k) => (metrics[k] === undefined ? '' : String(metrics[k])));
    for (let s = 0; s < n; s++) {
      const coords = [0, 1, 2]
        .slice(0, threeD ? 3 : 2)
        .map((d) => (d < dims ? String(layerCoords[s * dims + d]) : ''));
      rows.push([
        layer.info.name,
        String(input.sampleIds?.[s] ?? s),
        input.labels === null ? '' : String(input.labels[s]),
        ...coords,
        ...metricCells
      ]);
    }
  }
  return csvFormatRows(rows) + '\n';
}

/** Offer `text` to the user as a file download named `filename`. */
export function downloadText(
  document: Document,
  text: string,
  filename: string,
  type: string
): void {
  downloadBlob(document, new Blob([text], { type }), filename);
}

/** Offer `blob` as a download named `filename` from `document`. */
export function downloadBlob(document: Document, blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob when the click is handled; free it soon after.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
