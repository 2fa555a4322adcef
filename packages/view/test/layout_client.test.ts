import type { LayoutReply } from '@layerviz/core/service';
import { describe, expect, it } from 'vitest';

import { LayoutClient } from '../src/layout_client.js';

const rows = 12;
const data = Float32Array.from({ length: rows * 3 }, (_, i) => (i % 3) + Math.floor(i / 3) * 0.1);

function waitFor(replies: LayoutReply[], type: LayoutReply['type'], id: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = (): void => {
      if (replies.some((r) => r.type === type && r.id === id)) {
        resolve();
      } else if (Date.now() - started > 20_000) {
        reject(new Error(`no ${type} for request ${id}`));
      } else {
        setTimeout(poll, 5);
      }
    };
    poll();
  });
}

describe('LayoutClient', () => {
  it('lays out in the page when the host has no Worker, and drops replies of replaced requests', async () => {
    const replies: LayoutReply[] = [];
    const client = new LayoutClient((reply) => replies.push(reply), { URL, Blob });
    expect(client.inWorker).toBe(false);
    client.setData([{ name: 'a', data, rows, cols: 3 }]);
    const slow = client.layout({ method: 'tsne', dims: 2, perplexity: 3, iterations: 5000 });
    const fast = client.layout({ method: 'pca', dims: 2 });
    await waitFor(replies, 'done', fast);
    expect(replies.every((r) => r.id === fast)).toBe(true);
    expect(replies.some((r) => r.id === slow)).toBe(false);
    const layout = replies.find((r) => r.type === 'layout');
    expect(layout?.type === 'layout' && layout.coords.length).toBe(rows * 2);
    client.dispose();
  });

  it('falls back to the page when starting a worker throws (a strict security policy)', () => {
    const Forbidden = function (): never {
      throw new Error('refused by Content-Security-Policy');
    };
    const client = new LayoutClient(() => undefined, {
      URL,
      Blob,
      Worker: Forbidden as unknown as typeof Worker
    });
    expect(client.inWorker).toBe(false);
    client.dispose();
  });

  it('counts its live workers, and a disposed client gives its worker back once', () => {
    const terminated: number[] = [];
    class FakeWorker {
      onmessage: unknown = null;
      postMessage(): void {}
      terminate(): void {
        terminated.push(1);
      }
    }
    const scope = { URL, Blob, Worker: FakeWorker as unknown as typeof Worker };
    const before = LayoutClient.liveWorkers;
    const a = new LayoutClient(() => undefined, scope, 1);
    const b = new LayoutClient(() => undefined, scope, 1);
    expect(a.inWorker).toBe(true);
    expect(LayoutClient.liveWorkers).toBe(before + 2);
    a.dispose();
    a.dispose();
    expect(LayoutClient.liveWorkers).toBe(before + 1);
    expect(terminated).toHaveLength(1);
    b.dispose();
    expect(LayoutClient.liveWorkers).toBe(before);
  });

  it('starts helpers beside the primary worker: data goes to all, a layout to the primary', () => {
    const posted: { worker: number; type: string; helpers?: number }[] = [];
    let made = 0;
    class FakeWorker {
      onmessage: ((e: MessageEvent) => void) | null = null;
      private readonly n = made++;
      postMessage(request: { type: string; helpers?: number }): void {
        posted.push({ worker: this.n, type: request.type, helpers: request.helpers });
      }
      terminate(): void {}
    }
    const scope = { URL, Blob, Worker: FakeWorker as unknown as typeof Worker };
    const before = LayoutClient.liveWorkers;
    const client = new LayoutClient(() => undefined, scope, 3);
    expect(client.workerCount).toBe(3);
    expect(LayoutClient.liveWorkers).toBe(before + 3);
    client.setData([{ name: 'a', data, rows, cols: 3 }]);
    expect(posted.filter((p) => p.type === 'data').map((p) => p.worker)).toEqual([1, 2, 0]);
    client.layout({ method: 'tsne', dims: 2 });
    expect(posted.filter((p) => p.type === 'layout')).toEqual([
      { worker: 0, type: 'layout', helpers: 2 }
    ]);
    client.dispose();
    expect(LayoutClient.liveWorkers).toBe(before);
  });
});
