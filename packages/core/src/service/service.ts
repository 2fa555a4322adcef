import { linearCkaMatrixAsync } from '../metrics/cka_matrix.js';
import {
  featureMetrics,
  type LayerMetrics,
  layoutMetrics,
  type MetricsLevel
} from './layer_metrics.js';
import { projectPca } from '../reduce/pca.js';
import { yieldToEventLoop } from '../progress.js';
import {
  createReducer,
  type LayerFeatures,
  layoutKey,
  layoutLayer,
  layoutLayers,
  type LayoutParameters
} from '../reduce/layouts.js';
import { alignLayout } from '../reduce/procrustes.js';
import { type SelectionReply, type SelectionRequest, SelectionRunner } from './selection_runner.js';
import { stripLayout } from '../reduce/strip.js';

/** Messages a {@link LayoutService} accepts. */
export type LayoutRequest =
  | {
      readonly type: 'data';
      readonly layers: readonly LayerFeatures[];
      /** One class per sample, for the separability metrics; null without labels. */
      readonly labels?: Int32Array | null;
    }
  | {
      readonly type: 'layout';
      readonly id: number;
      readonly params: LayoutParameters;
      /** Metrics to compute after each layer's layout; default `'none'`. */
      readonly metrics?: MetricsLevel;
      /**
       * Layouts with these parameters already made, by layer name (e.g. the layers shown before
       * the user added one): kept as they are instead of computed again.
       */
      readonly known?: Readonly<Record<string, Float32Array>>;
      /**
       * Other services that may each lay out one layer at a time for this request (see the
       * `delegate` reply and {@link LayoutRouter}); default 0.
       */
      readonly helpers?: number;
    }
  | {
      /** Lay out one layer from `init` (a helper's part of another service's request). */
      readonly type: 'layer';
      readonly id: number;
      readonly layer: number;
      readonly params: LayoutParameters;
      readonly init?: Float32Array;
    }
  | {
      /** A delegated layer's final layout, or why it failed. */
      readonly type: 'delegated';
      readonly id: number;
      readonly layer: number;
      readonly coords?: Float32Array;
      readonly error?: string;
    }
  | { readonly type: 'cancel'; readonly id: number }
  /** The user looks at layer `layer` now: it and its neighbours are laid out first. */
  | { readonly type: 'focus'; readonly layer: number }
  /** How separable the selected samples are in each layer (see `SelectionRunner`). */
  | SelectionRequest;

/** Messages a {@link LayoutService} sends back. */
export type LayoutReply =
  | {
      readonly type: 'frame';
      readonly id: number;
      readonly layer: number;
      readonly coords: Float32Array;
      readonly done: number;
      readonly total: number;
    }
  | {
      readonly type: 'layout';
      readonly id: number;
      readonly layer: number;
      readonly coords: Float32Array;
    }
  | {
      readonly type: 'metrics';
      readonly id: number;
      readonly layer: number;
      readonly values: LayerMetrics;
    }
  | {
      /** How far the metrics of `layer` are, in [0, 1]; sent a few times a second. */
      readonly type: 'metrics-progress';
      readonly id: number;
      readonly layer: number;
      readonly fraction: number;
    }
  | {
      /**
       * Linear CKA between every pair of layers, sent once after the last layer's metrics (at
       * any level but `'none'`, with two layers or more).
       */
      readonly type: 'cka';
      readonly id: number;
      /** The layers' names, in the order of the data (the matrix's rows and columns). */
      readonly layers: readonly string[];
      /** `(L, L)` row-major, symmetric, each in [0, 1]. */
      readonly values: Float64Array;
    }
  | {
      /** How far the CKA matrix is, in [0, 1]; sent a few times a second. */
      readonly type: 'cka-progress';
      readonly id: number;
      readonly fraction: number;
    }
  | {
      /** Please have a helper lay out `layer` from `init` (answered by a `delegated` request). */
      readonly type: 'delegate';
      readonly id: number;
      readonly layer: number;
      readonly params: LayoutParameters;
      readonly init?: Float32Array;
    }
  | { readonly type: 'done'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string }
  | SelectionReply;

/** Sends a reply, transferring the listed buffers where the channel can. */
export type PostReply = (reply: LayoutReply, transfer: ArrayBuffer[]) => void;

/**
 * The layout side of the view's worker, independent of how messages travel: a Web Worker posts
 * to it, and a page without workers calls {@link LayoutService.handle} directly. Holds one
 * widget's layer features and a cache of finished layouts per (layer, parameters); a new
 * `layout` request cancels the one running.
 */
export class LayoutService {
  private layers: readonly LayerFeatures[] = [];
  private labels: Int32Array | null = null;
  private readonly cache = new Map<string, Float32Array>();
  private readonly metricsCache = new Map<string, LayerMetrics>();
  /** The CKA matrix of the layers held: it depends on their features only. */
  private ckaCache: Float64Array | null = null;
  private running: { id: number; controller: AbortController } | null = null;
  private focus = 0;
  /** Delegated layers of the running request awaiting their `delegated` answer, by layer. */
  private readonly delegations = new Map<
    number,
    { resolve: (coords: Float32Array) => void; reject: (err: Error) => void }
  >();

  /** Selection metrics run beside the layouts, with their own cancellation. */
  private readonly selection: SelectionRunner;

  constructor(private readonly post: PostReply) {
    this.selection = new SelectionRunner((reply) => post(reply, []));
  }

  /** Handle one request; resolves when a `layout` request has finished, failed or been cancelled. */
  async handle(request: LayoutRequest): Promise<void> {
    switch (request.type) {
      case 'data':
        this.cancel();
        this.selection.cancel();
        this.layers = request.layers;
        this.labels = request.labels ?? null;
        this.cache.clear();
        this.metricsCache.clear();
        this.ckaCache = null;
        return;
      case 'cancel':
        if (this.running?.id === request.id) {
          this.cancel();
        }
        return;
      case 'focus':
        this.focus = request.layer;
        return;
      case 'selection':
        return this.selection.run(this.layers, request);
      case 'layout':
        for (const [name, coords] of Object.entries(request.known ?? {})) {
          this.cache.set(`${name}|${layoutKey(request.params)}`, coords);
        }
        return this.layout(
          request.id,
          request.params,
          request.metrics ?? 'none',
          request.helpers ?? 0
        );
      case 'layer':
        return this.layoutOne(request.id, request.layer, request.params, request.init);
      case 'delegated': {
        const pending = this.delegations.get(request.layer);
        if (this.running?.id !== request.id || pending === undefined) {
          return;
        }
        this.delegations.delete(request.layer);
        if (request.coords !== undefined) {
          pending.resolve(request.coords);
        } else {
          pending.reject(new Error(request.error ?? `layer ${request.layer} failed elsewhere`));
        }
        return;
      }
    }
  }

  /** A helper's part: one layer, its frames and its final layout under the request's id. */
  private layoutOne(
    id: number,
    layer: number,
    params: LayoutParameters,
    init: Float32Array | undefined
  ): Promise<void> {
    return this.run(id, async (signal) => {
      const features = this.layers[layer];
      if (features === undefined) {
        throw new RangeError(`no layer ${layer}: this service holds ${this.layers.length}`);
      }
      const coords = await layoutLayer(features, params, init, {
        signal,
        onFrame: (frame, done, total) =>
          this.post({ type: 'frame', id, layer, coords: frame, done, total }, [
            frame.buffer as ArrayBuffer
          ])
      });
      this.post({ type: 'layout', id, layer, coords }, [coords.buffer as ArrayBuffer]);
    });
  }

  /**
   * Run request `id` as the one running (cancelling the one before): its failure is sent as an
   * `error` reply unless it was cancelled.
   */
  private async run(id: number, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    this.cancel();
    const controller = new AbortController();
    this.running = { id, controller };
    try {
      await work(controller.signal);
    } catch (err) {
      if (!controller.signal.aborted) {
        this.post(
          { type: 'error', id, message: err instanceof Error ? err.message : String(err) },
          []
        );
      }
    } finally {
      if (this.running?.id === id) {
        this.running = null;
      }
    }
  }

  /** Ask for `layer` to be laid out by a helper; resolves with its final layout. */
  private delegate(
    id: number,
    layer: number,
    params: LayoutParameters,
    init: Float32Array | undefined,
    signal: AbortSignal
  ): Promise<Float32Array> {
    return new Promise<Float32Array>((resolve, reject) => {
      const stop = (): void => {
        this.delegations.delete(layer);
        reject(signal.reason instanceof Error ? signal.reason : new Error('cancelled'));
      };
      if (signal.aborted) {
        stop();
        return;
      }
      signal.addEventListener('abort', stop, { once: true });
      this.delegations.set(layer, {
        resolve: (coords) => {
          signal.removeEventListener('abort', stop);
          resolve(coords);
        },
        reject: (err) => {
          signal.removeEventListener('abort', stop);
          reject(err);
        }
      });
      const sent = init?.slice();
      this.post(
        { type: 'delegate', id, layer, params, ...(sent === undefined ? {} : { init: sent }) },
        sent === undefined ? [] : [sent.buffer]
      );
    });
  }

  /** A layer's metrics; those of its features are cached across layouts. */
  private async metrics(
    layer: number,
    coords: Float32Array,
    params: LayoutParameters,
    level: MetricsLevel,
    options: { signal: AbortSignal; onProgress: (fraction: number) => void }
  ): Promise<LayerMetrics> {
    const features = this.layers[layer] as LayerFeatures;
    const featureKey = `${features.name}|${level}`;
    const layoutKeyOf = `${features.name}|${level}|${layoutKey(params)}`;
    // Layout metrics exist at level 'all' only; they take about a quarter of the time there.
    const split = level === 'all' ? 0.75 : 1;
    let fromFeatures = this.metricsCache.get(featureKey);
    if (fromFeatures === undefined) {
      const next = this.layers[layer + 1] ?? null;
      fromFeatures = await featureMetrics(features, this.labels, level, next, {
        signal: options.signal,
        onProgress: (share) => options.onProgress(share * split)
      });
      this.metricsCache.set(featureKey, fromFeatures);
    }
    let fromLayout = this.metricsCache.get(layoutKeyOf);
    if (fromLayout === undefined) {
      fromLayout = await layoutMetrics(features, coords, params.dims, level, {
        signal: options.signal,
        onProgress: (share) => options.onProgress(split + share * (1 - split))
      });
      this.metricsCache.set(layoutKeyOf, fromLayout);
    }
    return { ...fromFeatures, ...fromLayout };
  }

  /**
   * A first picture of every layer not laid out yet, in well under a second each: its first
   * principal components (aligned layer to layer), sent as frames before any t-SNE or UMAP
   * starts, which then forms from there.
   */
  private async previews(id: number, params: LayoutParameters, signal: AbortSignal): Promise<void> {
    let previous: Float32Array | undefined;
    const first = this.layers[0];
    if (first !== undefined) {
      createReducer(first, params); // checks the parameters before anything is sent
    }
    for (const [layer, features] of this.layers.entries()) {
      // A request replaced at once (the user clicked again) sends nothing.
      await yieldToEventLoop();
      signal.throwIfAborted();
      if (this.cache.has(`${features.name}|${layoutKey(params)}`)) {
        continue;
      }
      let coords =
        features.cols === 1
          ? stripLayout(features.data, this.labels, params.dims, params.seed ?? 0)
          : projectPca(features.data, features.rows, features.cols, params.dims).coords;
      if (previous !== undefined && features.cols > 1) {
        coords = alignLayout(coords, previous, params.dims);
      }
      previous = coords;
      const sent = coords.slice();
      this.post({ type: 'frame', id, layer, coords: sent, done: 0, total: 0 }, [sent.buffer]);
    }
  }

  private cancel(): void {
    this.running?.controller.abort();
    this.running = null;
    this.delegations.clear();
  }

  private layout(
    id: number,
    params: LayoutParameters,
    level: MetricsLevel,
    helpers: number
  ): Promise<void> {
    return this.run(id, async (signal) => {
      if (params.method !== 'pca') {
        await this.previews(id, params, signal);
      }
      const layouts = await layoutLayers(this.layers, params, {
        signal,
        cache: this.cache,
        focus: () => this.focus,
        labels: this.labels,
        ...(helpers > 0
          ? {
              helpers,
              delegate: (layer: number, init: Float32Array | undefined, lane: AbortSignal) =>
                this.delegate(id, layer, params, init, lane)
            }
          : {}),
        onFrame: (layer, coords, done, total) =>
          this.post({ type: 'frame', id, layer, coords, done, total }, [
            coords.buffer as ArrayBuffer
          ]),
        // The cache keeps its own copy: the one sent is transferred away.
        onLayout: (layer, coords) => {
          const copy = coords.slice();
          this.post({ type: 'layout', id, layer, coords: copy }, [copy.buffer]);
        }
      });
      // Every plot first, then the numbers: metrics take longer than a PCA or UMAP layout.
      for (const [layer, coords] of level === 'none' ? [] : layouts.entries()) {
        const values = await this.metrics(layer, coords, params, level, {
          signal,
          onProgress: (fraction) => this.post({ type: 'metrics-progress', id, layer, fraction }, [])
        });
        signal.throwIfAborted();
        this.post({ type: 'metrics', id, layer, values }, []);
      }
      if (level !== 'none' && this.layers.length >= 2) {
        // After the per-layer numbers: the matrix is a second look, and a new request cancels it.
        this.ckaCache ??= await linearCkaMatrixAsync(this.layers, {
          signal,
          onProgress: (fraction) => this.post({ type: 'cka-progress', id, fraction }, [])
        });
        signal.throwIfAborted();
        const values = this.ckaCache.slice();
        const layers = this.layers.map((l) => l.name);
        this.post({ type: 'cka', id, layers, values }, [values.buffer]);
      }
      this.post({ type: 'done', id }, []);
    });
  }
}
