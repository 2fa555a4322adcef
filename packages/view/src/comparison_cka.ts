import { linearCkaBetweenAsync } from '@layerviz/core';
import type { LayerFeatures } from '@layerviz/core/reduce';

import { CkaHeatmap, type CkaMatrix } from './cka_heatmap.js';
import type { ComparedModel } from './comparison.js';
import { readTheme } from './theme.js';

/**
 * Linear CKA between every layer of a comparison's first model (rows) and every layer of its
 * second (columns), on the samples both show: which layers of the two models hold the same
 * representation (an untrained copy against the trained model: which layers training changed).
 * Measured in the page in slices that let the page run between them, again whenever either
 * model's features change (the last measurement is cancelled); a click on a row focuses that layer
 * in every model.
 */
export class ComparisonCka {
  private readonly heatmap: CkaHeatmap;
  private controller: AbortController | null = null;
  private readonly unsubscribe: (() => void)[] = [];

  /**
   * @param onMeasured - told each matrix measured (the JupyterLab widget keeps it for Python).
   */
  constructor(
    document: Document,
    private readonly models: readonly ComparedModel[],
    private readonly onMeasured: (matrix: CkaMatrix) => void = () => undefined
  ) {
    this.heatmap = new CkaHeatmap(document, (layer) => {
      const index = models[0]?.view.layerNames.indexOf(layer) ?? -1;
      if (index >= 0) {
        models[0]?.view.setFocus(index);
      }
    });
    this.heatmap.node.className += ' lv-comparison-cka';
    for (const model of models.slice(0, 2)) {
      this.unsubscribe.push(
        model.view.onFeatures(() => void this.measure()),
        model.view.onFocusChange(() => this.render())
      );
    }
    void this.measure();
  }

  /** The heatmap's element (hidden until a matrix is measured). */
  get node(): HTMLElement {
    return this.heatmap.node;
  }

  /** The matrix measured last, or null. */
  get value(): CkaMatrix | null {
    return this.heatmap.value;
  }

  /** Stop measuring and listening. */
  dispose(): void {
    this.controller?.abort();
    this.unsubscribe.forEach((off) => off());
  }

  private async measure(): Promise<void> {
    const [first, second] = this.models;
    const rows = first?.view.layerFeatures ?? [];
    const cols = second?.view.layerFeatures ?? [];
    if (first === undefined || second === undefined || !comparable(rows, cols)) {
      return;
    }
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    try {
      const values = await linearCkaBetweenAsync(rows, cols, { signal: controller.signal });
      const matrix: CkaMatrix = {
        layers: rows.map((l) => l.name),
        columns: cols.map((l) => l.name),
        values: Array.from(values),
        title: `CKA: ${first.name} (rows) × ${second.name} (columns)`
      };
      this.heatmap.set(matrix);
      this.render();
      this.onMeasured(matrix);
    } catch (err) {
      // Cancelled by newer features; anything else leaves the heatmap as it was.
      if (!controller.signal.aborted) {
        console.warn('layerviz: the CKA between the compared models failed', err);
      }
    }
  }

  private render(): void {
    const first = this.models[0];
    if (first !== undefined) {
      const focused = first.view.layerNames[first.view.focus] ?? null;
      this.heatmap.render(focused, readTheme(first.view.node));
    }
  }
}

/** Whether two models' features can be compared: both computed, on as many samples. */
function comparable(rows: readonly LayerFeatures[], cols: readonly LayerFeatures[]): boolean {
  const samples = rows[0]?.rows;
  return (
    samples !== undefined &&
    cols.length > 0 &&
    [...rows, ...cols].every((layer) => layer.rows === samples)
  );
}
