import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  continuity,
  continuityAsync,
  featureMetrics,
  knnAccuracy,
  knnAccuracyAsync,
  layoutMetrics,
  linearCka,
  linearCkaAsync,
  linearProbe,
  type MetricOptions,
  runStepsAsync,
  silhouetteScore,
  silhouetteScoreAsync,
  trustworthiness,
  trustworthinessAsync
} from '../src/index.js';
import { blobs } from './reduce_helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const { data, labels, rows } = blobs(3, 60, 6);
const layout = data.filter((_, i) => i % 6 < 2);

/** Options that record every progress report; `sliceMs: 0` yields after every step. */
function watched(signal?: AbortSignal): MetricOptions & { seen: number[] } {
  const seen: number[] = [];
  return { seen, sliceMs: 0, signal, onProgress: (fraction) => seen.push(fraction) };
}

/** Progress reports rise from above 0 to exactly 1, never falling. */
function expectProgress(seen: readonly number[]): void {
  expect(seen.length).toBeGreaterThan(2);
  expect(seen.every((v, i) => v > 0 && v <= 1 && (i === 0 || v >= (seen[i - 1] ?? 0)))).toBe(true);
  expect(seen[seen.length - 1]).toBe(1);
}

describe('asynchronous metrics', () => {
  it('give the same values as the blocking ones, reporting progress up to 1', async () => {
    const cases: [string, (o: MetricOptions) => Promise<number>, number][] = [
      [
        'trustworthiness',
        (o) => trustworthinessAsync(data, 6, layout, 2, { ...o, k: 5 }),
        trustworthiness(data, 6, layout, 2, { k: 5 })
      ],
      [
        'continuity',
        (o) => continuityAsync(data, 6, layout, 2, { ...o, k: 5 }),
        continuity(data, 6, layout, 2, { k: 5 })
      ],
      [
        'knnAccuracy',
        (o) => knnAccuracyAsync(data, 6, labels, 5, undefined, o),
        knnAccuracy(data, 6, labels, 5)
      ],
      [
        'knnAccuracy on queries',
        (o) => knnAccuracyAsync(data, 6, labels, 5, [0, 5, 70, 150], o),
        knnAccuracy(data, 6, labels, 5, [0, 5, 70, 150])
      ],
      [
        'silhouetteScore',
        (o) => silhouetteScoreAsync(data, 6, labels, o),
        silhouetteScore(data, 6, labels)
      ],
      ['linearCka', (o) => linearCkaAsync(data, 6, layout, 2, o), linearCka(data, 6, layout, 2)]
    ];
    for (const [name, run, want] of cases) {
      const options = watched();
      expect(await run(options), name).toBe(want);
      expectProgress(options.seen);
    }
  });

  it('stop with the signal reason when aborted part-way', async () => {
    const controller = new AbortController();
    const options = watched(controller.signal);
    const stopping = {
      ...options,
      onProgress: (fraction: number) => {
        options.onProgress?.(fraction);
        if (fraction > 0.3) {
          controller.abort(new Error('stop here'));
        }
      }
    };
    await expect(silhouetteScoreAsync(data, 6, labels, stopping)).rejects.toThrow('stop here');
    expect(Math.max(...options.seen)).toBeLessThan(1);
  });

  it('refuse to start on an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('already'));
    await expect(
      trustworthinessAsync(data, 6, layout, 2, { k: 5, signal: controller.signal })
    ).rejects.toThrow('already');
    await expect(linearProbe(data, 6, labels, { signal: controller.signal })).rejects.toThrow(
      'already'
    );
  });

  it('let other tasks run while they compute', async () => {
    // A task queued before a 60 ms computation in 5 ms slices runs before it ends. Counting
    // timer ticks instead failed on a loaded machine, where a 1 ms interval fires rarely.
    let ran = false;
    setTimeout(() => (ran = true), 0);
    let ranBeforeTheEnd = false;
    await runStepsAsync(
      (function* () {
        const until = Date.now() + 60;
        while (Date.now() < until) {
          yield 0.5;
        }
        ranBeforeTheEnd = ran;
        return 0;
      })(),
      { sliceMs: 5 }
    );
    expect(ranBeforeTheEnd).toBe(true);
  });
});

describe('layer metrics', () => {
  it('report progress across all of a layer metrics and stop when aborted', async () => {
    const options = watched();
    const features = { data, rows, cols: 6 };
    const values = await featureMetrics(
      features,
      labels,
      'all',
      { data: layout, cols: 2 },
      options
    );
    expect(Object.keys(values).sort()).toEqual([
      'ckaNext',
      'intrinsicDim',
      'knnAccuracy',
      'probeAccuracy',
      'silhouette'
    ]);
    expect(values.knnAccuracy).toBe(knnAccuracy(data, 6, labels, 5));
    expectProgress(options.seen);
    const fromLayout = await layoutMetrics(features, layout, 2, 'all', watched());
    expect(fromLayout.trustworthiness).toBe(trustworthiness(data, 6, layout, 2, { k: 10 }));
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(
      featureMetrics(features, labels, 'fast', null, { signal: controller.signal })
    ).rejects.toThrow('cancelled');
    expect(await featureMetrics(features, labels, 'none')).toEqual({});
  });

  it('leave the class metrics out for a single class, keeping the others', async () => {
    const features = { data, rows, cols: 6 };
    const oneClass = new Int32Array(rows).fill(3);
    const values = await featureMetrics(features, oneClass, 'all', { data: layout, cols: 2 });
    expect(Object.keys(values).sort()).toEqual(['ckaNext', 'intrinsicDim']);
    // Without labels only the intrinsic dimension, which needs none.
    expect(Object.keys(await featureMetrics(features, null, 'fast'))).toEqual(['intrinsicDim']);
  });
});
