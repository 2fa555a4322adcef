import {
  type LayerFeatures,
  type MetricsLevel,
  type LayoutParameters,
  type LayoutReply,
  type LayoutRequest,
  LayoutService
} from '@layerviz/core/reduce';

import { WORKER_SOURCE } from './worker/source.generated.js';

/**
 * Runs layouts off the page's main thread: in a Web Worker started from the bundled worker
 * script, or — where a page forbids workers (a strict Content-Security-Policy) — in the page
 * itself, yielding between iterations. Replies arrive through the callback either way.
 */
export class LayoutClient {
  private static workers = 0;

  /**
   * How many layout workers of this page are alive (created and not yet disposed): a view
   * that is removed must not leave its worker behind.
   */
  static get liveWorkers(): number {
    return LayoutClient.workers;
  }

  /** Whether layouts run in a Web Worker (false: on the main thread, in slices). */
  readonly inWorker: boolean;
  private disposed = false;
  private readonly worker: Worker | null = null;
  private readonly url: string | null = null;
  private readonly local: LayoutService | null = null;
  private nextId = 1;
  private current = 0;

  /**
   * @param onReply - receives every reply of the current request; replies of a request that was
   *   replaced or cancelled are dropped.
   */
  constructor(
    private readonly onReply: (reply: LayoutReply) => void,
    scope: { Worker?: typeof Worker; URL: typeof URL; Blob: typeof Blob } = globalThis
  ) {
    const accept = (reply: LayoutReply): void => {
      if (reply.id === this.current) {
        this.onReply(reply);
      }
    };
    if (scope.Worker !== undefined) {
      try {
        this.url = scope.URL.createObjectURL(
          new scope.Blob([WORKER_SOURCE], { type: 'text/javascript' })
        );
        this.worker = new scope.Worker(this.url, { name: 'layerviz-layout' });
        this.worker.onmessage = (event: MessageEvent<LayoutReply>) => accept(event.data);
      } catch {
        // A page whose security policy forbids blob: workers gets the in-page fallback below.
        this.worker = null;
      }
    }
    this.inWorker = this.worker !== null;
    if (this.inWorker) {
      LayoutClient.workers += 1;
    }
    if (this.worker === null) {
      this.local = new LayoutService((reply) => accept(reply));
    }
  }

  /**
   * Hand over the layers' features and the samples' classes (copied to the worker); clears its
   * caches.
   */
  setData(layers: readonly LayerFeatures[], labels: Int32Array | null = null): void {
    this.send({ type: 'data', layers, labels });
  }

  /**
   * Start laying out every layer with `params`, cancelling any layout still running; `metrics`
   * says which separability metrics to send after each layer's layout; `known` layouts (made
   * with `params`, by layer name) are kept instead of computed again.
   *
   * @returns the request's id, carried by its replies.
   */
  layout(
    params: LayoutParameters,
    metrics: MetricsLevel = 'none',
    known: Readonly<Record<string, Float32Array>> = {}
  ): number {
    this.current = this.nextId++;
    this.send({ type: 'layout', id: this.current, params, metrics, known });
    return this.current;
  }

  /** The user looks at layer `layer` now: lay it and its neighbours out before the others. */
  focus(layer: number): void {
    this.send({ type: 'focus', layer });
  }

  /** Stop the running layout, if any. */
  cancel(): void {
    this.send({ type: 'cancel', id: this.current });
    this.current = 0;
  }

  /** Stop the worker and free its memory; the client must not be used afterwards. */
  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.cancel();
    if (this.worker !== null) {
      this.worker.terminate();
      LayoutClient.workers -= 1;
    }
    if (this.url !== null) {
      URL.revokeObjectURL(this.url);
    }
  }

  private send(request: LayoutRequest): void {
    if (this.worker !== null) {
      this.worker.postMessage(request);
    } else {
      void this.local?.handle(request);
    }
  }
}
