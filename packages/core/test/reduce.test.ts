import { describe, expect, it } from 'vitest';

import {
  alignLayout,
  exactNeighbors,
  knnAccuracy,
  layoutKey,
  layoutLayers,
  LayoutService,
  type LayoutReply,
  PcaReducer,
  perplexityAffinities,
  projectPca,
  seededRandom,
  Tsne,
  Umap
} from '../src/index.js';
import { blobs } from './reduce_helpers.js';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const sa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(sa);
    expect([c(), c(), c()]).not.toEqual(sa);
    expect(sa.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});

describe('exactNeighbors', () => {
  it('matches a brute-force sort', () => {
    const { data, rows } = blobs(3, 20, 4);
    const k = 5;
    const got = exactNeighbors(data, rows, 4, k);
    for (let i = 0; i < rows; i++) {
      const d = Array.from({ length: rows }, (_, j) => {
        let s = 0;
        for (let c = 0; c < 4; c++) {
          s += ((data[i * 4 + c] ?? 0) - (data[j * 4 + c] ?? 0)) ** 2;
        }
        return { j, s };
      })
        .filter((e) => e.j !== i)
        .sort((x, y) => x.s - y.s || x.j - y.j)
        .slice(0, k);
      expect(Array.from(got.indices.subarray(i * k, (i + 1) * k))).toEqual(d.map((e) => e.j));
      d.forEach((e, m) => expect(got.squaredDistances[i * k + m]).toBeCloseTo(e.s, 4));
    }
  });

  it('rejects k outside [1, N - 1]', () => {
    expect(() => exactNeighbors(new Float32Array(6), 3, 2, 3)).toThrow(
      /k must be an integer in \[1, 2\]/
    );
  });
});

describe('perplexityAffinities', () => {
  it('is symmetric, positive and sums to 1', () => {
    const { data, rows } = blobs(2, 30, 3);
    const p = perplexityAffinities(exactNeighbors(data, rows, 3, 15), 5);
    const dense = new Float64Array(rows * rows);
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      for (let at = p.rowStart[i] ?? 0; at < (p.rowStart[i + 1] ?? 0); at++) {
        const v = p.values[at] ?? 0;
        expect(v).toBeGreaterThan(0);
        dense[i * rows + (p.columns[at] ?? 0)] = v;
        sum += v;
      }
    }
    expect(sum).toBeCloseTo(1, 10);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < rows; j++) {
        expect(dense[i * rows + j]).toBeCloseTo(dense[j * rows + i] ?? NaN, 12);
      }
    }
  });
});

describe('Tsne', () => {
  const { data, labels, rows } = blobs(3, 50, 10);

  it.each([2, 3] as const)('separates well-separated clusters in %i-D', (dims) => {
    const layout = new Tsne(data, rows, 10, { dims, perplexity: 15, iterations: 300 }).fit();
    expect(layout.length).toBe(rows * dims);
    expect(knnAccuracy(layout, dims, labels, 5)).toBe(1);
  });

  it('gives the same layout for the same seed and another for another random start', () => {
    const params = { perplexity: 10, iterations: 100, init: 'random' as const };
    const a = new Tsne(data, rows, 10, { ...params, seed: 3 }).fit();
    const b = new Tsne(data, rows, 10, { ...params, seed: 3 }).fit();
    const c = new Tsne(data, rows, 10, { ...params, seed: 4 }).fit();
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Array.from(c)).not.toEqual(Array.from(a));
  });

  it('runs as init + step, and fitAsync stops when onStep returns false', async () => {
    const tsne = new Tsne(data, rows, 10, { iterations: 50 }).init();
    expect(tsne.iteration).toBe(0);
    for (let i = 0; i < 5; i++) {
      tsne.step();
    }
    expect(tsne.iteration).toBe(5);
    const seen: number[] = [];
    await tsne.fitAsync((it) => {
      seen.push(it);
      return it < 12;
    });
    expect(seen).toEqual([6, 7, 8, 9, 10, 11, 12]);
    expect(tsne.finished).toBe(false);
  });

  it('stops with the signal', async () => {
    const controller = new AbortController();
    const tsne = new Tsne(data, rows, 10, { iterations: 10000 });
    const run = tsne.fitAsync(
      (it) => {
        if (it === 3) {
          controller.abort();
        }
      },
      { signal: controller.signal, sliceMs: 0 }
    );
    await expect(run).rejects.toThrow(/abort/i);
    expect(tsne.iteration).toBeLessThan(10);
  });

  it('names a parameter out of range', () => {
    expect(() => new Tsne(data, rows, 10, { perplexity: 500 })).toThrow(
      /perplexity must be a number in \[2, 100\], got 500/
    );
    expect(() => new Tsne(data, rows, 10, { theta: -1 })).toThrow(/theta/);
  });

  it('lowers the perplexity for tiny data and handles N < 3', () => {
    expect(new Tsne(data.subarray(0, 100), 10, 10).perplexity).toBe(3);
    const two = new Tsne(new Float32Array([0, 0, 1, 1]), 2, 2).fit();
    expect(two.length).toBe(4);
    expect(Array.from(two).every(Number.isFinite)).toBe(true);
  });
});

describe('Umap', () => {
  it('separates clusters, deterministically for a seed', () => {
    const { data, labels, rows } = blobs(3, 40, 8);
    const a = new Umap(data, rows, 8, { epochs: 100, seed: 1 }).fit();
    const b = new Umap(data, rows, 8, { epochs: 100, seed: 1 }).fit();
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(knnAccuracy(a, 2, labels, 5)).toBe(1);
  });

  it('starts from a given layout', () => {
    const { data, rows } = blobs(2, 20, 4);
    const init = new Float32Array(rows * 2).map((_, i) => (i % 2 === 0 ? i : -i));
    const umap = new Umap(data, rows, 4, { init, epochs: 10 }).init();
    const start = umap.embedding();
    // Scaled into umap-js's [-10, 10] box but the same shape: perfectly correlated x.
    expect(Math.max(...Array.from(start).map(Math.abs))).toBeCloseTo(10, 4);
    expect(start[0]).toBeLessThan(start[2] ?? 0);
  });
});

describe('PcaReducer', () => {
  it('is PCA in closed form', () => {
    const { data, rows } = blobs(2, 10, 5);
    const r = new PcaReducer(data, rows, 5, 2);
    expect(r.iterations).toBe(0);
    expect(Array.from(r.fit())).toEqual(Array.from(projectPca(data, rows, 5, 2).coords));
  });
});

describe('alignLayout', () => {
  it('undoes a rotation, a reflection and a shift', () => {
    const random = seededRandom(2);
    const target = new Float32Array(40).map(() => random() * 10);
    const angle = 0.7;
    const moved = new Float32Array(40);
    for (let i = 0; i < 20; i++) {
      const x = target[2 * i] ?? 0;
      const y = target[2 * i + 1] ?? 0;
      // rotate, reflect y, shift
      moved[2 * i] = Math.cos(angle) * x - Math.sin(angle) * y + 5;
      moved[2 * i + 1] = -(Math.sin(angle) * x + Math.cos(angle) * y) - 3;
    }
    const aligned = alignLayout(moved, target, 2);
    aligned.forEach((v, i) => expect(v).toBeCloseTo(target[i] ?? NaN, 4));
  });

  it('refuses layouts of different sizes', () => {
    expect(() => alignLayout(new Float32Array(4), new Float32Array(6), 2)).toThrow(
      /cannot be aligned/
    );
  });
});

describe('layoutLayers', () => {
  const { data, rows } = blobs(3, 20, 6);
  const mirrored = data.map((v, i) => (i % 6 === 0 ? -v : v));
  const layers = [
    { name: 'a', data, rows, cols: 6 },
    { name: 'b', data: mirrored, rows, cols: 6 }
  ];

  it('aligns each layer onto the previous one', async () => {
    const [a, b] = await layoutLayers(layers, { method: 'pca', dims: 2 });
    // b's data is a's mirrored along one feature: its PCA comes out reflected, alignment undoes it.
    b?.forEach((v, i) => expect(v).toBeCloseTo(a?.[i] ?? NaN, 3));
  });

  it('streams frames, then reuses the cache', async () => {
    const cache = new Map<string, Float32Array>();
    const frames: number[] = [];
    const params = { method: 'tsne' as const, dims: 2 as const, perplexity: 5, iterations: 60 };
    const first = await layoutLayers(layers, params, {
      cache,
      frameMs: 0,
      onFrame: (layer) => frames.push(layer)
    });
    expect(frames.filter((l) => l === 0).length).toBeGreaterThan(10);
    expect([...cache.keys()]).toEqual([`a|${layoutKey(params)}`, `b|${layoutKey(params)}`]);
    frames.length = 0;
    const second = await layoutLayers(layers, params, {
      cache,
      frameMs: 0,
      onFrame: (l) => frames.push(l)
    });
    expect(frames).toEqual([]);
    expect(second[1]).toBe(first[1]);
  });

  it('rejects an unknown method by name', async () => {
    await expect(layoutLayers(layers, { method: 'mds' as never, dims: 2 })).rejects.toThrow(
      /unknown layout method "mds"/
    );
  });
});

describe('LayoutService', () => {
  const { data, rows } = blobs(2, 15, 4);

  it('answers a layout request with layouts and done, and a newer request cancels an older', async () => {
    const replies: LayoutReply[] = [];
    const service = new LayoutService((reply) => replies.push(reply));
    await service.handle({ type: 'data', layers: [{ name: 'a', data, rows, cols: 4 }] });
    const slow = service.handle({
      type: 'layout',
      id: 1,
      params: { method: 'tsne', dims: 2, perplexity: 5, iterations: 5000 }
    });
    const fast = service.handle({ type: 'layout', id: 2, params: { method: 'pca', dims: 2 } });
    await Promise.all([slow, fast]);
    const kinds = replies.map((r) => `${r.type}:${r.id}`);
    expect(kinds).toContain('layout:2');
    expect(kinds).toContain('done:2');
    expect(kinds).not.toContain('done:1');
    expect(kinds).not.toContain('error:1');
  });

  it('reports a bad parameter as an error reply', async () => {
    const replies: LayoutReply[] = [];
    const service = new LayoutService((reply) => replies.push(reply));
    await service.handle({ type: 'data', layers: [{ name: 'a', data, rows, cols: 4 }] });
    await service.handle({
      type: 'layout',
      id: 3,
      params: { method: 'tsne', dims: 2, perplexity: 1 }
    });
    expect(replies).toEqual([
      { type: 'error', id: 3, message: 'perplexity must be a number in [2, 100], got 1' }
    ]);
  });

  it('sends every layout before any metrics, and caches those of the features', async () => {
    const { data: blobData, labels, rows: n } = blobs(2, 30, 4);
    const replies: LayoutReply[] = [];
    const service = new LayoutService((reply) => replies.push(reply));
    await service.handle({
      type: 'data',
      layers: [
        { name: 'a', data: blobData, rows: n, cols: 4 },
        { name: 'b', data: blobData.map((v) => 2 * v), rows: n, cols: 4 }
      ],
      labels
    });
    await service.handle({
      type: 'layout',
      id: 1,
      params: { method: 'pca', dims: 2 },
      metrics: 'all'
    });
    const metrics = replies.filter((r) => r.type === 'metrics');
    expect(metrics.map((r) => r.layer)).toEqual([0, 1]);
    // The plots first: every layer's layout arrives before the first layer's metrics.
    const kinds = replies
      .filter((r) => r.type !== 'metrics-progress' && r.type !== 'cka-progress')
      .map((r) => `${r.type}:${'layer' in r ? r.layer : ''}`);
    expect(kinds).toEqual(['layout:0', 'layout:1', 'metrics:0', 'metrics:1', 'cka:', 'done:']);
    // Then the CKA of every pair: b is a scaled copy of a.
    const cka = replies.find((r) => r.type === 'cka');
    expect(cka?.type === 'cka' && cka.layers).toEqual(['a', 'b']);
    expect([...(cka?.type === 'cka' ? cka.values : [])].map((v) => v.toFixed(6))).toEqual(
      Array(4).fill('1.000000')
    );
    const [first, second] = metrics.map((r) => (r.type === 'metrics' ? r.values : {}));
    expect(first?.knnAccuracy).toBe(1);
    expect(first?.silhouette).toBeGreaterThan(0.5);
    expect(first?.probeAccuracy).toBe(1);
    expect(first?.trustworthiness).toBeGreaterThan(0.9);
    expect(first?.continuity).toBeGreaterThan(0.9);
    // b is a scaled copy of a: CKA 1; the last layer has no next one.
    expect(first?.ckaNext).toBeCloseTo(1, 6);
    expect(second?.ckaNext).toBeUndefined();
    const fast: LayoutReply[] = [];
    const quick = new LayoutService((reply) => fast.push(reply));
    await quick.handle({
      type: 'data',
      layers: [{ name: 'a', data: blobData, rows: n, cols: 4 }],
      labels
    });
    await quick.handle({
      type: 'layout',
      id: 2,
      params: { method: 'pca', dims: 2 },
      metrics: 'fast'
    });
    const only = fast.find((r) => r.type === 'metrics');
    expect(Object.keys(only?.type === 'metrics' ? only.values : {}).sort()).toEqual([
      'intrinsicDim',
      'knnAccuracy',
      'silhouette'
    ]);
    // Each layer's metrics end with a progress report of 1, just before their values.
    const order = fast.map((r) => (r.type === 'metrics-progress' ? `p${r.fraction}` : r.type));
    expect(order.slice(order.indexOf('metrics') - 1, order.indexOf('metrics') + 1)).toEqual([
      'p1',
      'metrics'
    ]);
  });

  it('cancels metrics part-way when a new layout request arrives', async () => {
    const { data: big, labels: many, rows: n } = blobs(3, 700, 8);
    const replies: LayoutReply[] = [];
    const service = new LayoutService((reply) => {
      replies.push(reply);
      // As soon as the metrics report progress, ask for another layout without metrics.
      if (reply.type === 'metrics-progress' && reply.id === 1 && reply.fraction < 1) {
        void service.handle({ type: 'layout', id: 2, params: { method: 'pca', dims: 2 } });
      }
    });
    await service.handle({
      type: 'data',
      layers: [{ name: 'a', data: big, rows: n, cols: 8 }],
      labels: many
    });
    await service.handle({
      type: 'layout',
      id: 1,
      params: { method: 'pca', dims: 2 },
      metrics: 'all'
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const kinds = replies.map((r) => `${r.type}:${r.id}`);
    expect(kinds).toContain('metrics-progress:1');
    expect(kinds).not.toContain('metrics:1');
    expect(kinds).not.toContain('done:1');
    expect(kinds).toContain('done:2');
  });

  it('cancels the CKA matrix part-way when a new layout request arrives, and caches it', async () => {
    const random = seededRandom(4);
    const n = 3000;
    const layers = Array.from({ length: 6 }, (_, l) => ({
      name: `l${l}`,
      data: Float32Array.from({ length: n * 50 }, () => random()),
      rows: n,
      cols: 50
    }));
    const replies: LayoutReply[] = [];
    const service = new LayoutService((reply) => {
      replies.push(reply);
      if (reply.type === 'cka-progress' && reply.id === 1 && reply.fraction < 1) {
        void service.handle({ type: 'layout', id: 2, params: { method: 'pca', dims: 2 } });
      }
    });
    await service.handle({ type: 'data', layers, labels: null });
    await service.handle({
      type: 'layout',
      id: 1,
      params: { method: 'pca', dims: 2 },
      metrics: 'fast'
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const kinds = replies.map((r) => `${r.type}:${r.id}`);
    expect(kinds).toContain('cka-progress:1');
    expect(kinds).not.toContain('cka:1');
    expect(kinds).toContain('done:2');
    await service.handle({
      type: 'layout',
      id: 3,
      params: { method: 'pca', dims: 2 },
      metrics: 'fast'
    });
    await service.handle({
      type: 'layout',
      id: 4,
      params: { method: 'pca', dims: 2 },
      metrics: 'fast'
    });
    const progress = (id: number): number =>
      replies.filter((r) => r.type === 'cka-progress' && r.id === id).length;
    expect(replies.filter((r) => r.type === 'cka').map((r) => r.id)).toEqual([3, 4]);
    // The second time the matrix comes from the cache: no progress to report.
    expect(progress(3)).toBeGreaterThan(0);
    expect(progress(4)).toBe(0);
  });
});
