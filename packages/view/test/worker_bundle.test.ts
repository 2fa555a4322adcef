import type { LayoutReply } from '@layerviz/core/service';
import { describe, expect, it } from 'vitest';

import { WORKER_SOURCE } from '../src/worker/source.generated.js';

/** Run the bundled worker script against a stand-in for a worker's global scope. */
function startBundle(): {
  send: (message: unknown) => void;
  replies: LayoutReply[];
} {
  const replies: LayoutReply[] = [];
  const scope: { postMessage: (m: LayoutReply) => void; onmessage: ((e: unknown) => void) | null } =
    {
      postMessage: (m) => replies.push(m),
      onmessage: null
    };
  // The bundle addresses its global as `self`, as in a real worker; without `process` and with a
  // `WorkerGlobalScope`, TF.js takes itself for a browser worker.
  const workerGlobalScope = function WorkerGlobalScope(): void {
    // Only its existence matters.
  };
  new Function('self', 'process', 'WorkerGlobalScope', WORKER_SOURCE)(
    scope,
    undefined,
    workerGlobalScope
  );
  return { send: (data) => scope.onmessage?.({ data }), replies };
}

describe('the bundled layout worker', () => {
  it('lays out and measures every metric, the TF.js probe included, from the bundle alone', async () => {
    const rows = 60;
    const data = Float32Array.from({ length: rows * 4 }, (_, i) => {
      const r = Math.floor(i / 4);
      return (r % 2) * 5 + Math.sin(i * 12.9898) * 0.5;
    });
    const labels = Int32Array.from({ length: rows }, (_, r) => r % 2);
    const { send, replies } = startBundle();
    send({ type: 'data', layers: [{ name: 'a', data, rows, cols: 4 }], labels });
    send({ type: 'layout', id: 1, params: { method: 'pca', dims: 2 }, metrics: 'all' });
    const started = Date.now();
    while (!replies.some((r) => r.type === 'done' || r.type === 'error')) {
      if (Date.now() - started > 30_000) {
        throw new Error('the worker did not finish');
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(replies.filter((r) => r.type === 'error')).toEqual([]);
    const metrics = replies.find((r) => r.type === 'metrics');
    expect(metrics?.type === 'metrics' && metrics.values.probeAccuracy).toBe(1);
  });
});
