import { throwIfAborted } from '../progress.js';
import { PcaReducer } from './pca_reducer.js';
import { alignLayout } from './procrustes.js';
import { stripLayout } from './strip.js';
import type { IterativeReducer } from './reducer.js';
import { Tsne } from './tsne.js';
import { Umap } from './umap.js';

/** How a layer's samples are laid out in 2-D or 3-D. */
export type LayoutMethod = 'pca' | 'tsne' | 'umap';

/** The layout method and its parameters; unset fields take the method's defaults. */
export interface LayoutParameters {
  readonly method: LayoutMethod;
  /** 2 or 3. */
  readonly dims: 2 | 3;
  /** t-SNE's perplexity, in [2, 100]; default 30. */
  readonly perplexity?: number;
  /** UMAP's neighbourhood size, in [2, 200]; default 15. */
  readonly neighbors?: number;
  /** UMAP's minimum distance, in [0, 1]; default 0.1. */
  readonly minDist?: number;
  /** t-SNE iterations or UMAP epochs, in [1, 10000]; default 750 (t-SNE) or umap-js's choice. */
  readonly iterations?: number;
  /** Seed of every random choice; default 0. */
  readonly seed?: number;
}

/** What layerviz shows when nothing is chosen: the article's t-SNE, in 2-D. */
export const DEFAULT_LAYOUT: LayoutParameters = { method: 'tsne', dims: 2 };

/** One layer's features, `(rows, cols)` row-major, ready for a layout (≤ 50 columns is best). */
export interface LayerFeatures {
  readonly name: string;
  readonly data: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/**
 * A canonical string of the parameters that change a layout: equal keys give equal layouts of the
 * same data, so layouts can be cached by (layer, key).
 */
export function layoutKey(params: LayoutParameters): string {
  const { method, dims, seed = 0 } = params;
  switch (method) {
    case 'pca':
      return `pca|${dims}`;
    case 'tsne':
      return `tsne|${dims}|p${params.perplexity ?? 30}|i${params.iterations ?? 750}|s${seed}`;
    case 'umap':
      return (
        `umap|${dims}|k${params.neighbors ?? 15}|d${params.minDist ?? 0.1}` +
        `|e${params.iterations ?? 'auto'}|s${seed}`
      );
  }
}

/**
 * A reducer for `params`, optionally starting from `init` (an `(N, dims)` layout, e.g. the
 * previous layer's, so consecutive layers look alike).
 *
 * @throws RangeError when a parameter is out of range or the method is unknown.
 */
export function createReducer(
  features: LayerFeatures,
  params: LayoutParameters,
  init?: Float32Array
): IterativeReducer {
  const { data, rows, cols } = features;
  switch (params.method) {
    case 'pca':
      return new PcaReducer(data, rows, cols, params.dims);
    case 'tsne':
      return new Tsne(data, rows, cols, {
        dims: params.dims,
        perplexity: params.perplexity,
        iterations: params.iterations,
        seed: params.seed,
        init,
        warmStart: init !== undefined
      });
    case 'umap':
      return new Umap(data, rows, cols, {
        dims: params.dims,
        neighbors: params.neighbors,
        minDist: params.minDist,
        epochs: params.iterations,
        seed: params.seed,
        init
      });
    default:
      throw new RangeError(
        `unknown layout method "${String((params as { method: unknown }).method)}"; ` +
          'use "pca", "tsne" or "umap"'
      );
  }
}

/** Callbacks and options of {@link layoutLayers}. */
export interface LayoutOptions {
  /** A layout as it forms: layer index, `(N, dims)` coordinates, iterations done and planned. */
  readonly onFrame?: (layer: number, coords: Float32Array, done: number, total: number) => void;
  /** A layer's final layout; a returned promise is awaited before the next layer starts. */
  readonly onLayout?: (layer: number, coords: Float32Array) => unknown;
  /** Shortest time between two frames of one layer, in ms; default 150. */
  readonly frameMs?: number;
  /** Stops between iterations with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Finished layouts by `name|layoutKey`; read before computing and filled after. */
  readonly cache?: Map<string, Float32Array>;
  /**
   * The layer the user looks at (an index), read before each layer starts: the layer nearest to
   * it of those not laid out goes next. Default: layer 0, i.e. depth order.
   */
  readonly focus?: () => number;
  /** A class per sample, for the bands of single-feature layers (see {@link stripLayout}). */
  readonly labels?: Int32Array | null;
}

/**
 * Of the layers whose `done` entry is undefined, the one nearest to `focus` (the deeper one of
 * two at the same distance); -1 when every layer is done.
 */
export function nextLayer(done: readonly unknown[], focus: number): number {
  let best = -1;
  for (let i = 0; i < done.length; i++) {
    if (done[i] !== undefined) {
      continue;
    }
    const d = Math.abs(i - focus);
    const bestD = Math.abs(best - focus);
    if (best < 0 || d < bestD || (d === bestD && i > best)) {
      best = i;
    }
  }
  return best;
}

/** The laid-out layer a layer starts from: the one before it if done, else the nearest done. */
export function startingLayer(done: readonly unknown[], index: number): number {
  if (done[index - 1] !== undefined) {
    return index - 1;
  }
  for (let d = 1; d < done.length; d++) {
    if (done[index + d] !== undefined) {
      return index + d;
    }
    if (done[index - d] !== undefined) {
      return index - d;
    }
  }
  return -1;
}

/** Whether two layers hold the same samples with the same features, value for value. */
export function sameFeatures(a: LayerFeatures, b: LayerFeatures): boolean {
  if (a.rows !== b.rows || a.cols !== b.cols || a.data.length !== b.data.length) {
    return false;
  }
  const x = a.data;
  const y = b.data;
  for (let i = 0; i < x.length; i++) {
    if (x[i] !== y[i]) {
      return false;
    }
  }
  return true;
}

/** A laid-out layer whose features equal `layer`'s (see {@link sameFeatures}), or -1. */
function twinLayer(
  layers: readonly LayerFeatures[],
  done: readonly unknown[],
  layer: LayerFeatures
): number {
  return layers.findIndex((other, i) => done[i] !== undefined && sameFeatures(other, layer));
}

/**
 * Lay out every layer, the one the user looks at first (see {@link LayoutOptions.focus}) and
 * then outwards from it. Each layer starts from a laid-out neighbour's layout (t-SNE, UMAP) and
 * is then rotated or reflected onto it (Procrustes), so stepping through the layers moves
 * points rather than the whole picture. A layer whose features equal a laid-out layer's (a
 * Dropout, an identity or a no-op reshape at inference) gets that layout: the same data, the same
 * picture, and no time spent.
 *
 * @returns the final `(N, dims)` layout of each layer.
 */
export async function layoutLayers(
  layers: readonly LayerFeatures[],
  params: LayoutParameters,
  options: LayoutOptions = {}
): Promise<Float32Array[]> {
  const frameMs = options.frameMs ?? 150;
  const results: (Float32Array | undefined)[] = layers.map(() => undefined);
  for (let count = 0; count < layers.length; count++) {
    throwIfAborted(options.signal);
    const focus = Math.max(0, Math.min(layers.length - 1, options.focus?.() ?? 0));
    const index = nextLayer(results, focus);
    const layer = layers[index] as LayerFeatures;
    const from = startingLayer(results, index);
    const previous = from < 0 ? undefined : results[from];
    const key = `${layer.name}|${layoutKey(params)}`;
    let coords = options.cache?.get(key);
    const twin = coords === undefined ? twinLayer(layers, results, layer) : -1;
    if (twin >= 0) {
      coords = (results[twin] as Float32Array).slice();
      options.cache?.set(key, coords);
    }
    if (coords === undefined && layer.cols === 1) {
      // One number per sample: its value against its class, not a layout of it.
      coords = stripLayout(layer.data, options.labels ?? null, params.dims, params.seed ?? 0);
      options.cache?.set(key, coords);
    }
    if (coords === undefined) {
      const reducer = createReducer(layer, params, previous);
      const align = (c: Float32Array): Float32Array =>
        previous === undefined ? c : alignLayout(c, previous, params.dims);
      let lastFrame = Date.now();
      const final = await reducer.fitAsync(
        (done, r) => {
          if (options.onFrame !== undefined && Date.now() - lastFrame >= frameMs) {
            options.onFrame(index, align(r.embedding()), done, r.iterations);
            lastFrame = Date.now();
          }
        },
        { signal: options.signal }
      );
      coords = align(final);
      options.cache?.set(key, coords);
    }
    results[index] = coords;
    await options.onLayout?.(index, coords);
  }
  return results as Float32Array[];
}
