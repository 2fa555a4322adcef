import type { LayerInfo } from '@layerviz/core';
import type { LayerFeatures } from '@layerviz/core/reduce';
import type { LayerMetrics } from '@layerviz/core/service';

import type { EpochCurve } from './epochs.js';
import type { LayerPlot } from './figure.js';
import type { NavigatorLayer } from './navigator.js';
import type { SelectionMetricsState } from './selection_metrics.js';

/** Options of {@link LayerState.setCoords} (and of the view's `setCoords`). */
export interface CoordsOptions {
  /** 2 or 3 coordinates per sample; default 2. */
  readonly dims?: 2 | 3;
  /** False for a layout still forming; default true. */
  readonly final?: boolean;
  /** A few words shown in the layer's title, e.g. `"t-SNE 300/750"`. */
  readonly status?: string;
}

/** A layer whose layout is final, with its `(N, dims)` row-major coordinates. */
export interface FinalLayout {
  readonly info: LayerInfo;
  readonly coords: Float32Array;
  readonly dims: 2 | 3;
}

/** How the focus moved: the layer shown large before and after, and the new index. */
export interface FocusMove {
  readonly index: number;
  readonly from: LayerPlot | undefined;
  readonly to: LayerPlot | undefined;
}

/**
 * What the view knows of its layers, without a DOM: the layers shown and their coordinates, the
 * focused layer, every layer of the model (for the layer list), and what was measured (metrics,
 * fidelity, the selection's separability, other epochs' curves). The view draws from it and
 * turns its changes into DOM updates and events.
 */
export class LayerState {
  private plots: LayerPlot[] = [];
  private focusIndex = 0;
  private model: readonly NavigatorLayer[] | null = null;
  private canAdd = false;
  /** A layer to focus as soon as it is among the shown layers (one the user just added). */
  private wantedFocus: string | null = null;
  private layerMetrics: Readonly<Record<string, LayerMetrics>> = {};
  private layerFidelity: Readonly<Record<string, number>> = {};
  /** The selection's separability per layer as last measured, or null with nothing selected. */
  selectionMetrics: SelectionMetricsState | null = null;
  /** Other epochs' metrics, drawn as faded curves in the depth chart. */
  epochCurves: readonly EpochCurve[] = [];
  /**
   * Each laid-out layer's features (pooled activations brought to ≤ 50 dimensions), as sent to
   * the layout worker; empty before they are computed and for a saved view, which has none.
   */
  features: readonly LayerFeatures[] = [];

  /** The layers shown, in order. */
  get layers(): readonly LayerPlot[] {
    return this.plots;
  }

  /** Names of the layers shown, in order. */
  get names(): string[] {
    return this.plots.map((l) => l.info.name);
  }

  /** The index of the focused (large) layer, in [0, layers - 1] (0 with no layers). */
  get focus(): number {
    return this.focusIndex;
  }

  /** The focused layer, or undefined with no layers. */
  get focused(): LayerPlot | undefined {
    return this.plots[this.focusIndex];
  }

  /** Every layer's metrics measured so far, by layer name. */
  get metrics(): Readonly<Record<string, LayerMetrics>> {
    return this.layerMetrics;
  }

  /** Per layer name: how far TF.js is from the model's own framework. */
  get fidelity(): Readonly<Record<string, number>> {
    return this.layerFidelity;
  }

  /** True when every layer has coordinates and none is still forming (also with no layers). */
  get allFinal(): boolean {
    return this.plots.every((l) => l.coords !== null && l.final !== false);
  }

  /** Every layer whose layout is final, with its coordinates: what a save keeps. */
  get finalLayouts(): FinalLayout[] {
    return this.plots.flatMap((l) =>
      l.coords !== null && l.final !== false
        ? [{ info: l.info, coords: l.coords, dims: l.dims ?? 2 }]
        : []
    );
  }

  /** The layers of the layer list: every layer of the model when known, else those shown. */
  get listedLayers(): readonly NavigatorLayer[] {
    return this.model ?? this.plots.map((l) => l.info);
  }

  /** Whether picking a layer not shown asks for it (the model's layers are known and may be added). */
  get canAddLayers(): boolean {
    return this.canAdd && this.model !== null;
  }

  /**
   * How many samples are shown: the rows of the first layer with coordinates, or `fallback`
   * (e.g. the number of labels) before any has them.
   */
  sampleCount(fallback: number): number {
    const layer = this.plots.find((l) => l.coords !== null);
    return layer?.coords ? layer.coords.length / (layer.dims ?? 2) : fallback;
  }

  /** Know every layer of the model (null: list the shown layers only), and whether one may be added. */
  setModelLayers(layers: readonly NavigatorLayer[] | null, canAdd: boolean): void {
    this.model = layers;
    this.canAdd = canAdd;
  }

  /**
   * The layers to show once `name` is added: the shown ones and it, in model order. `name` is
   * focused as soon as {@link setLayers} brings it.
   */
  requestLayer(name: string): string[] {
    const wanted = new Set([...this.names, name]);
    this.wantedFocus = name;
    return (this.model ?? []).map((l) => l.name).filter((n) => wanted.has(n));
  }

  /**
   * Show `infos`; each has no coordinates until they arrive, or, with `keepLayouts` (same samples
   * as before), keeps those of the layer of that name shown so far, marked outdated. The focus
   * stays in range, or moves to a requested layer now shown.
   *
   * @returns true when the focus moved to a requested layer.
   */
  setLayers(infos: readonly LayerInfo[], keepLayouts = false): boolean {
    const before = new Map(this.plots.map((l) => [l.info.name, l]));
    this.plots = infos.map((info) => {
      const kept = keepLayouts ? before.get(info.name) : undefined;
      return kept?.coords
        ? { info, coords: kept.coords, dims: kept.dims, final: false }
        : { info, coords: null };
    });
    this.focusIndex = Math.min(this.focusIndex, Math.max(0, infos.length - 1));
    const wanted = this.wantedFocus === null ? -1 : this.names.indexOf(this.wantedFocus);
    if (wanted < 0) {
      return false;
    }
    this.wantedFocus = null;
    this.focusIndex = wanted;
    return true;
  }

  /** Give the layer `name` its `(N, dims)` coordinates: a final layout or a frame of one forming. */
  setCoords(name: string, coords: Float32Array, options: CoordsOptions = {}): void {
    const plot = {
      coords,
      dims: options.dims ?? 2,
      final: options.final ?? true,
      status: options.status
    };
    this.plots = this.plots.map((l) => (l.info.name === name ? { ...l, ...plot } : l));
  }

  /** Mark every layout outdated (a new layout is starting); layers without one stay empty. */
  restart(): void {
    this.plots = this.plots.map((l) => ({ ...l, final: l.coords === null ? undefined : false }));
  }

  /**
   * Focus `index`, rounded and clamped to the layers.
   *
   * @returns the move, or null when that layer was focused already.
   */
  setFocus(index: number): FocusMove | null {
    const clamped = Math.max(0, Math.min(this.plots.length - 1, Math.round(index)));
    if (clamped === this.focusIndex) {
      return null;
    }
    const from = this.plots[this.focusIndex];
    this.focusIndex = clamped;
    return { index: clamped, from, to: this.plots[clamped] };
  }

  /** Keep a copy of `values` as the metrics of the layer `name`. */
  setMetrics(name: string, values: LayerMetrics): void {
    this.layerMetrics = { ...this.layerMetrics, [name]: { ...values } };
  }

  /** Keep a copy of the per-layer fidelity `values`, replacing what was known. */
  setFidelity(values: Readonly<Record<string, number>>): void {
    this.layerFidelity = { ...values };
  }
}
