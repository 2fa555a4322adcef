import type { LayoutReply, LayoutRequest } from './service.js';

/** Sends a request to one service (a worker's `postMessage`, or a direct call). */
export type SendRequest = (request: LayoutRequest, transfer: ArrayBuffer[]) => void;

/**
 * How many layout services (workers) a page with `cores` logical cores should run: one per core
 * with one core left to the page (its drawing and the forward pass), at least 1 and at most
 * `max` (each holds a copy of every layer's features).
 *
 * @param cores - `navigator.hardwareConcurrency`; 1 when unknown.
 * @param max - at least 1; default 4.
 */
export function layoutWorkerCount(cores: number | undefined, max = 4): number {
  const n = Math.floor((cores ?? 1) - 1);
  return Math.max(1, Math.min(Math.max(1, max), Number.isFinite(n) ? n : 1));
}

/**
 * Connects one primary layout service with helper services so that several layers are laid out at
 * once: the primary runs each request (order, previews, metrics) and asks, through `delegate`
 * replies, for single layers; the router hands each to a free helper as a `layer` request,
 * passes the helper's frames on as the primary's, and returns its final layout to the primary as
 * a `delegated` request (the primary then reports it like its own). DOM-free: the page wires
 * workers to it, a test wires services.
 */
export class LayoutRouter {
  /** Per helper: the delegated job it runs (request id and layer), or null when free. */
  private readonly jobs: ({ id: number; layer: number } | null)[];

  /**
   * @param deliver - receives every reply meant for the page, as if one service sent them.
   */
  constructor(
    private readonly primary: SendRequest,
    private readonly helpers: readonly SendRequest[],
    private readonly deliver: (reply: LayoutReply) => void
  ) {
    this.jobs = helpers.map(() => null);
  }

  /** How many helpers the primary may delegate to at once. */
  get helperCount(): number {
    return this.helpers.length;
  }

  /** Send a request from the page: data to every service, a new layout cancels the helpers' jobs. */
  send(request: LayoutRequest, transfer: ArrayBuffer[] = []): void {
    if (request.type === 'data') {
      this.jobs.fill(null);
      // Each service needs its own copy of the features: nothing is transferred.
      this.helpers.forEach((helper) => helper(request, []));
      this.primary(request, []);
      return;
    }
    if (request.type === 'layout' || request.type === 'cancel') {
      this.cancelJobs();
    }
    if (request.type === 'layout') {
      this.primary({ ...request, helpers: this.helpers.length }, transfer);
      return;
    }
    this.primary(request, transfer);
  }

  /** A reply from the primary service. */
  fromPrimary(reply: LayoutReply): void {
    if (reply.type !== 'delegate') {
      this.deliver(reply);
      return;
    }
    const free = this.jobs.indexOf(null);
    if (free < 0) {
      this.primary(
        {
          type: 'delegated',
          id: reply.id,
          layer: reply.layer,
          error: 'no free layout helper (the primary asked for more than it was given)'
        },
        []
      );
      return;
    }
    this.jobs[free] = { id: reply.id, layer: reply.layer };
    const { id, layer, params, init } = reply;
    (this.helpers[free] as SendRequest)(
      { type: 'layer', id, layer, params, ...(init === undefined ? {} : { init }) },
      init === undefined ? [] : [init.buffer as ArrayBuffer]
    );
  }

  /** A reply from helper `index`; anything but its current job's is dropped. */
  fromHelper(index: number, reply: LayoutReply): void {
    const job = this.jobs[index];
    if (job === null || job === undefined || reply.id !== job.id) {
      return;
    }
    if (reply.type === 'frame') {
      this.deliver(reply);
    } else if (reply.type === 'layout') {
      this.jobs[index] = null;
      this.primary({ type: 'delegated', id: job.id, layer: job.layer, coords: reply.coords }, [
        reply.coords.buffer as ArrayBuffer
      ]);
    } else if (reply.type === 'error') {
      this.jobs[index] = null;
      this.primary({ type: 'delegated', id: job.id, layer: job.layer, error: reply.message }, []);
    }
  }

  private cancelJobs(): void {
    this.jobs.forEach((job, i) => {
      if (job !== null) {
        (this.helpers[i] as SendRequest)({ type: 'cancel', id: job.id }, []);
        this.jobs[i] = null;
      }
    });
  }
}
