import {
  DEFAULT_DIMS,
  DEFAULT_METHOD,
  LAYOUT_NUMBERS,
  type LayoutMethod,
  TSNE_ITERATIONS
} from '../options.js';
import { throwIfAborted } from '../progress.js';
import { PcaReducer } from './pca_reducer.js';
import { alignLayout } from './procrustes.js';
import { stripLayout } from './strip.js';
import type { IterativeReducer } from './reducer.js';
import { Tsne } from './tsne.js';
import { Umap } from './umap.js';

export type { LayoutMethod };

/**
 * The layout method and its parameters; unset fields take the method's defaults (ranges and
 * defaults: {@link LAYOUT_NUMBERS}).
 */
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
export const DEFAULT_LAYOUT: LayoutParameters = { method: DEFAULT_METHOD, dims: DEFAULT_DIMS };

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
  const { method, dims, seed = LAYOUT_NUMBERS.seed.default } = params;
  const { perplexity, neighbors, minDist } = LAYOUT_NUMBERS;
  switch (method) {
    case 'pca':
      return `pca|${dims}`;
    case 'tsne':
      return (
        `tsne|${dims}|p${params.perplexity ?? perplexity.default}` +
        `|i${params.iterations ?? TSNE_ITERATIONS}|s${seed}`
      );
    case 'umap':
      return (
        `umap|${dims}|k${params.neighbors ?? neighbors.default}` +
        `|d${params.minDist ?? minDist.default}|e${params.iterations ?? 'auto'}|s${seed}`
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
  /**
   * Lays layer `index` out elsewhere (another worker), from `init` when given, aligned onto it as
   * {@link layoutLayer} does; rejects when it fails or `signal` fires. Its frames are the
   * delegate's to show.
   */
  readonly delegate?: (
    index: number,
    init: Float32Array | undefined,
    signal: AbortSignal
  ) => Promise<Float32Array>;
  /** How many layers `delegate` may hold at once, at least 0; default 1. */
  readonly helpers?: number;
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

/**
 * Which layer each layer starts from when `lanes` layers are laid out at once: the layers are cut
 * into `lanes` runs of neighbours of near-equal length; a run's head (the focused layer in its
 * run, else the end nearest it) starts afresh, and every other layer from its neighbour towards
 * the head. One lane gives the order of one worker: outwards from the focus, each layer from the
 * one before it. The plan depends only on its arguments, so layouts do not depend on which
 * worker finishes first.
 *
 * @returns per layer, the layer whose layout it starts from, or -1 to start afresh.
 */
export function layoutPlan(count: number, focus: number, lanes: number): Int32Array {
  const sources = new Int32Array(Math.max(0, count)).fill(-1);
  const runs = Math.max(1, Math.min(Math.floor(lanes), count));
  for (let r = 0; r < runs; r++) {
    const lo = Math.round((r * count) / runs);
    const hi = Math.round(((r + 1) * count) / runs) - 1;
    const head = focus >= lo && focus <= hi ? focus : hi < focus ? hi : lo;
    for (let i = lo; i <= hi; i++) {
      sources[i] = i === head ? -1 : i > head ? i - 1 : i + 1;
    }
  }
  return sources;
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

/** Options of {@link layoutLayer}. */
export interface LayerLayoutOptions {
  /** The layout as it forms (aligned like the final one), at most every `frameMs`. */
  readonly onFrame?: (coords: Float32Array, done: number, total: number) => void;
  /** Shortest time between two frames, in ms; default 150. */
  readonly frameMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * One layer's t-SNE or UMAP (or PCA) layout, started from `init` (a neighbour's layout) when given
 * and then rotated or reflected onto it (Procrustes).
 *
 * @returns the final `(N, dims)` layout.
 */
export async function layoutLayer(
  features: LayerFeatures,
  params: LayoutParameters,
  init: Float32Array | undefined,
  options: LayerLayoutOptions = {}
): Promise<Float32Array> {
  const frameMs = options.frameMs ?? 150;
  const reducer = createReducer(features, params, init);
  const align = (c: Float32Array): Float32Array =>
    init === undefined ? c : alignLayout(c, init, params.dims);
  let lastFrame = Date.now();
  const final = await reducer.fitAsync(
    (done, r) => {
      if (options.onFrame !== undefined && Date.now() - lastFrame >= frameMs) {
        options.onFrame(align(r.embedding()), done, r.iterations);
        lastFrame = Date.now();
      }
    },
    { signal: options.signal }
  );
  return align(final);
}

/**
 * Lay out every layer, the one the user looks at first (see {@link LayoutOptions.focus}) and
 * then outwards from it. Each layer starts from a laid-out neighbour's layout (t-SNE, UMAP) and
 * is then rotated or reflected onto it (Procrustes), so stepping through the layers moves
 * points rather than the whole picture. A layer whose features equal a laid-out layer's (a
 * Dropout, an identity or a no-op reshape at inference) gets that layout: the same data, the same
 * picture, and no time spent.
 *
 * With {@link LayoutOptions.delegate}, up to `helpers` layers are laid out elsewhere (other
 * workers) while this one lays out another, each starting from the layer {@link layoutPlan} names
 * for it; of the layers whose start is ready, the one nearest the focus goes first. Layouts then
 * depend on the data, the parameters, the focus when the call started and the number of lanes,
 * not on timing; turning to another layer plans again from there.
 *
 * @returns the final `(N, dims)` layout of each layer.
 */
export async function layoutLayers(
  layers: readonly LayerFeatures[],
  params: LayoutParameters,
  options: LayoutOptions = {}
): Promise<Float32Array[]> {
  const results: (Float32Array | undefined)[] = layers.map(() => undefined);
  const running = new Map<number, Promise<void>>();
  /** Layers whose twin is being laid out: they take its layout when it is done. */
  const waiting = new Set<number>();
  const helpers = options.delegate === undefined ? 0 : Math.max(0, options.helpers ?? 1);
  let localBusy = false;
  let delegated = 0;
  // Ends every lane when this call ends, whether it finished, failed or was cancelled.
  const inner = new AbortController();
  const stop = (): void => inner.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', stop);
  const finish = async (index: number, coords: Float32Array): Promise<void> => {
    results[index] = coords;
    options.cache?.set(`${(layers[index] as LayerFeatures).name}|${layoutKey(params)}`, coords);
    await options.onLayout?.(index, coords);
  };
  const lanes = 1 + helpers;
  const focusNow = (): number => Math.max(0, Math.min(layers.length - 1, options.focus?.() ?? 0));
  /**
   * The plan of {@link layoutPlan} from `focus`, whose run heads start from the nearest layout
   * that exists (cached ones at the start) rather than afresh.
   */
  const plan = (focus: number, done: readonly unknown[]): Int32Array => {
    const sources = layoutPlan(layers.length, focus, lanes);
    sources.forEach((from, i) => {
      // A layout that exists needs no start; a run's head starts from the nearest one that does.
      sources[i] = done[i] !== undefined ? -1 : from < 0 ? startingLayer(done, i) : from;
    });
    return sources;
  };
  let planFocus = focusNow();
  let sources = plan(
    planFocus,
    layers.map((l) => options.cache?.get(`${l.name}|${layoutKey(params)}`))
  );
  try {
    while (results.includes(undefined)) {
      throwIfAborted(options.signal);
      while (!localBusy || delegated < helpers) {
        const focus = focusNow();
        if (focus !== planFocus && results[focus] === undefined && !running.has(focus)) {
          // The user turned to another layer: plan again from there, with what is laid out now.
          planFocus = focus;
          sources = plan(focus, results);
        }
        const taken = results.map((r, i) =>
          !running.has(i) && !waiting.has(i) && planReady(sources, results, i) ? r : true
        );
        const index = nextLayer(taken, focus);
        if (index < 0) {
          break;
        }
        const layer = layers[index] as LayerFeatures;
        const twinRunning = [...running.keys()].some((i) =>
          sameFeatures(layers[i] as LayerFeatures, layer)
        );
        if (twinRunning) {
          waiting.add(index);
          continue;
        }
        const ready = readyLayout(layers, results, index, params, options);
        if (ready !== undefined) {
          await finish(index, ready);
          continue;
        }
        const from = sources[index] as number;
        const previous = from < 0 ? undefined : results[from];
        let task: Promise<Float32Array>;
        if (!localBusy) {
          localBusy = true;
          task = layoutLayer(layer, params, previous, {
            frameMs: options.frameMs,
            signal: inner.signal,
            onFrame: (coords, done, total) => options.onFrame?.(index, coords, done, total)
          }).finally(() => (localBusy = false));
        } else {
          delegated += 1;
          const delegate = options.delegate as NonNullable<LayoutOptions['delegate']>;
          task = delegate(index, previous, inner.signal).finally(() => (delegated -= 1));
        }
        const done = task.then(async (coords) => {
          running.delete(index);
          waiting.clear();
          await finish(index, coords);
        });
        // Observed by the race below; once this call has failed, lanes still ending are ignored.
        done.catch(() => undefined);
        running.set(index, done);
      }
      if (running.size === 0) {
        if (waiting.size === 0) {
          break;
        }
        waiting.clear();
        continue;
      }
      await Promise.race(running.values());
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    inner.abort(new Error('layout finished'));
  }
  return results as Float32Array[];
}

/** Whether layer `index`'s planned starting layout (see {@link layoutPlan}) exists. */
function planReady(
  sources: Int32Array,
  results: readonly (Float32Array | undefined)[],
  index: number
): boolean {
  const from = sources[index] as number;
  return from < 0 || results[from] !== undefined;
}

/** A layer's layout when it needs no fit: cached, a twin's, or a single feature's strip. */
function readyLayout(
  layers: readonly LayerFeatures[],
  results: readonly (Float32Array | undefined)[],
  index: number,
  params: LayoutParameters,
  options: LayoutOptions
): Float32Array | undefined {
  const layer = layers[index] as LayerFeatures;
  const cached = options.cache?.get(`${layer.name}|${layoutKey(params)}`);
  if (cached !== undefined) {
    return cached;
  }
  const twin = twinLayer(layers, results, layer);
  if (twin >= 0) {
    return (results[twin] as Float32Array).slice();
  }
  if (layer.cols === 1) {
    // One number per sample: its value against its class, not a layout of it.
    return stripLayout(layer.data, options.labels ?? null, params.dims, params.seed ?? 0);
  }
  return undefined;
}
