import { describe, expect, it } from 'vitest';

import { exactNeighbors, layoutNeighborRecall, seededRandom, Tsne } from '../src/reduce/index.js';
import { trustworthiness } from '../src/metrics/index.js';
import { blobs } from './reduce_helpers.js';

describe('layoutNeighborRecall', () => {
  it('is 1 for a layout that is the data and near k / N for a shuffled one', () => {
    const { data, rows } = blobs(3, 60, 2);
    const neighbors = exactNeighbors(data, rows, 2, 10);
    expect(layoutNeighborRecall(neighbors, data, 2)).toBe(1);
    const random = seededRandom(2);
    const shuffled = Float32Array.from({ length: rows * 2 }, () => random());
    expect(layoutNeighborRecall(neighbors, shuffled, 2)).toBeLessThan(0.15);
  });

  it('scores at most maxQueries rows and no more neighbours than the lists hold', () => {
    const { data, rows } = blobs(2, 20, 2);
    const neighbors = exactNeighbors(data, rows, 2, 3);
    expect(layoutNeighborRecall(neighbors, data, 2, 10, 1)).toBe(1);
  });
});

describe('Tsne warm start', () => {
  const { data, rows } = blobs(4, 50, 10);
  const cold = new Tsne(data, rows, 10, { perplexity: 15, iterations: 300 }).fit();

  it('continues from a layout that keeps the neighbourhoods, in a third of the iterations', () => {
    const tsne = new Tsne(data, rows, 10, {
      perplexity: 15,
      iterations: 300,
      init: cold,
      warmStart: true
    }).init();
    expect(tsne.warmStarted).toBe(true);
    expect(tsne.iterations).toBe(100);
    // Kept at its scale, not shrunk to a speck.
    const spread = (y: Float32Array): number => Math.max(...y) - Math.min(...y);
    expect(spread(tsne.embedding())).toBeCloseTo(spread(cold), 0);
    const warm = tsne.fit();
    const score = (y: Float32Array): number => trustworthiness(data, 10, y, 2, { k: 10 });
    expect(score(warm)).toBeGreaterThan(score(cold) - 0.01);
  });

  it('declines a layout unrelated to the data and runs the full, exaggerated fit', () => {
    const random = seededRandom(5);
    const unrelated = Float32Array.from({ length: rows * 2 }, () => 50 * random());
    const tsne = new Tsne(data, rows, 10, {
      perplexity: 15,
      iterations: 300,
      init: unrelated,
      warmStart: true
    }).init();
    expect(tsne.warmStarted).toBe(false);
    expect(tsne.iterations).toBe(300);
    expect(Math.max(...tsne.embedding().map(Math.abs))).toBeLessThan(0.01);
  });

  it('is off by default: a given layout is shrunk and run in full', () => {
    const tsne = new Tsne(data, rows, 10, { perplexity: 15, iterations: 300, init: cold }).init();
    expect(tsne.warmStarted).toBe(false);
    expect(tsne.iterations).toBe(300);
  });
});
