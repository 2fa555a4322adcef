import { type LayerFeatures, layoutLayers, type LayoutParameters } from './layouts.js';

/** Messages a {@link LayoutService} accepts. */
export type LayoutRequest =
  | { readonly type: 'data'; readonly layers: readonly LayerFeatures[] }
  | { readonly type: 'layout'; readonly id: number; readonly params: LayoutParameters }
  | { readonly type: 'cancel'; readonly id: number };

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
  | { readonly type: 'done'; readonly id: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

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
  private readonly cache = new Map<string, Float32Array>();
  private running: { id: number; controller: AbortController } | null = null;

  constructor(private readonly post: PostReply) {}

  /** Handle one request; resolves when a `layout` request has finished, failed or been cancelled. */
  async handle(request: LayoutRequest): Promise<void> {
    switch (request.type) {
      case 'data':
        this.cancel();
        this.layers = request.layers;
        this.cache.clear();
        return;
      case 'cancel':
        if (this.running?.id === request.id) {
          this.cancel();
        }
        return;
      case 'layout':
        return this.layout(request.id, request.params);
    }
  }

  private cancel(): void {
    this.running?.controller.abort();
    this.running = null;
  }

  private async layout(id: number, params: LayoutParameters): Promise<void> {
    this.cancel();
    const controller = new AbortController();
    this.running = { id, controller };
    try {
      await layoutLayers(this.layers, params, {
        signal: controller.signal,
        cache: this.cache,
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
      this.post({ type: 'done', id }, []);
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
}
