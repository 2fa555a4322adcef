import type { LayerFeatures, LayoutParameters } from '@layerviz/core/reduce';
import {
  type MetricsLevel,
  type LayoutReply,
  type LayoutRequest,
  LayoutRouter,
  LayoutService,
  layoutWorkerCount
} from '@layerviz/core/service';

import { WORKER_SOURCE } from './worker/source.generated.js';

/**
 * Runs layouts off the page's main thread: in Web Workers started from the bundled worker script
 * (one per core but one, see `layoutWorkerCount`: the first runs each request, the others lay
 * out single layers for it at the same time, through a {@link LayoutRouter}), or — where a page
 * forbids workers (a strict Content-Security-Policy) — in the page itself, yielding between
 * iterations. Replies arrive through the callback either way.
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
  /** The primary worker first, then the helpers; empty when layouts run in the page. */
  private readonly workers: Worker[] = [];
  private readonly url: string | null = null;
  private readonly router: LayoutRouter;
  private nextId = 1;
  private current = 0;
  /** The selection measurement replies are accepted for (its own id: layouts do not replace it). */
  private currentSelection = 0;

  /**
   * @param onReply - receives every reply of the current request; replies of a request that was
   *   replaced or cancelled are dropped.
   */
  constructor(
    private readonly onReply: (reply: LayoutReply) => void,
    scope: { Worker?: typeof Worker; URL: typeof URL; Blob: typeof Blob } = globalThis,
    workers = layoutWorkerCount(globalThis.navigator?.hardwareConcurrency)
  ) {
    const accept = (reply: LayoutReply): void => {
      const wanted = reply.type.startsWith('selection') ? this.currentSelection : this.current;
      if (reply.id === wanted) {
        this.onReply(reply);
      }
    };
    if (scope.Worker !== undefined) {
      try {
        this.url = scope.URL.createObjectURL(
          new scope.Blob([WORKER_SOURCE], { type: 'text/javascript' })
        );
        for (let i = 0; i < Math.max(1, workers); i++) {
          this.workers.push(
            new scope.Worker(this.url, { name: i === 0 ? 'layerviz-layout' : 'layerviz-helper' })
          );
        }
      } catch {
        // A page whose security policy forbids blob: workers gets the in-page fallback below.
        this.workers.forEach((w) => w.terminate());
        this.workers = [];
      }
    }
    this.inWorker = this.workers.length > 0;
    LayoutClient.workers += this.workers.length;
    const send =
      (worker: Worker) =>
      (request: LayoutRequest, transfer: ArrayBuffer[]): void =>
        worker.postMessage(request, transfer);
    if (this.inWorker) {
      const [primary, ...helpers] = this.workers as [Worker, ...Worker[]];
      this.router = new LayoutRouter(send(primary), helpers.map(send), accept);
      primary.onmessage = (event: MessageEvent<LayoutReply>) => this.router.fromPrimary(event.data);
      helpers.forEach((helper, i) => {
        helper.onmessage = (event: MessageEvent<LayoutReply>) =>
          this.router.fromHelper(i, event.data);
      });
    } else {
      const local = new LayoutService((reply) => this.router.fromPrimary(reply));
      this.router = new LayoutRouter((request) => void local.handle(request), [], accept);
    }
  }

  /** How many workers lay layers out at once (0 when layouts run in the page). */
  get workerCount(): number {
    return this.workers.length;
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

  /**
   * Measure how separable the selected samples (one flag per sample, 1 = selected) are in every
   * layer, superseding the measurement running; null only stops it. Runs beside the layouts.
   *
   * @returns the request's id, carried by its `selection-*` replies.
   */
  selectionMetrics(selected: Uint8Array | null): number {
    this.currentSelection = selected === null ? 0 : this.nextId++;
    this.send({ type: 'selection', id: this.currentSelection, selected });
    return this.currentSelection;
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
    this.selectionMetrics(null);
    this.workers.forEach((worker) => worker.terminate());
    LayoutClient.workers -= this.workers.length;
    if (this.url !== null) {
      URL.revokeObjectURL(this.url);
    }
  }

  private send(request: LayoutRequest): void {
    this.router.send(request);
  }
}
