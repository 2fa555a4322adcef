import { describe, expect, it } from 'vitest';

import {
  continuity,
  knnAccuracy,
  linearCka,
  seededRandom,
  silhouetteScore,
  trustworthiness
} from '../src/index.js';
import { blobs } from './reduce_helpers.js';

describe('trustworthiness', () => {
  it('is 1 for a layout that keeps every neighbourhood and lower for a shuffled one', () => {
    const { data, rows } = blobs(3, 20, 2);
    expect(trustworthiness(data, 2, data, 2, { k: 5 })).toBeCloseTo(1, 12);
    const random = seededRandom(1);
    const shuffled = data.map(() => random());
    expect(trustworthiness(data, 2, shuffled, 2, { k: 5 })).toBeLessThan(0.7);
    expect(rows).toBe(60);
  });

  it('matches a hand-computed value', () => {
    // 1-D points 0,1,2,3,10,11 with k = 1; the layout swaps 3 and 10.
    const high = new Float32Array([0, 1, 2, 3, 10, 11]);
    const low = new Float32Array([0, 1, 2, 10, 3, 11]);
    // Point 2's nearest in the layout is 1 (rank 1), point 3's is 11 (rank 2 → 1 penalty),
    // point 10's is 2 (rank 3 → penalty 2... computed by the same rules below).
    const rank = (i: number, j: number): number => {
      const d = (a: number) => Math.abs((high[i] ?? 0) - (high[a] ?? 0));
      let r = 1;
      for (let m = 0; m < 6; m++) {
        if (m !== i && (d(m) < d(j) || (d(m) === d(j) && m < j))) {
          r++;
        }
      }
      return r;
    };
    const nearestLow = (i: number): number => {
      let best = -1;
      for (let j = 0; j < 6; j++) {
        if (
          j !== i &&
          (best < 0 ||
            Math.abs((low[i] ?? 0) - (low[j] ?? 0)) < Math.abs((low[i] ?? 0) - (low[best] ?? 0)))
        ) {
          best = j;
        }
      }
      return best;
    };
    let penalty = 0;
    for (let i = 0; i < 6; i++) {
      penalty += Math.max(0, rank(i, nearestLow(i)) - 1);
    }
    const want = 1 - (2 / (6 * 1 * (12 - 3 - 1))) * penalty;
    expect(penalty).toBeGreaterThan(0);
    expect(trustworthiness(high, 1, low, 1, { k: 1 })).toBeCloseTo(want, 12);
  });

  it('estimates the full score from a sample of query rows', () => {
    const { data } = blobs(3, 30, 3);
    const low = data.filter((_, i) => i % 3 !== 2);
    const full = trustworthiness(data, 3, low, 2, { k: 5 });
    const all = Array.from({ length: 90 }, (_, i) => i);
    expect(trustworthiness(data, 3, low, 2, { k: 5, queries: all })).toBeCloseTo(full, 12);
    const half = trustworthiness(data, 3, low, 2, {
      k: 5,
      queries: all.filter((i) => i % 2 === 0)
    });
    expect(Math.abs(half - full)).toBeLessThan(0.05);
  });
});

describe('knnAccuracy', () => {
  it('is 1 on separated clusters and about chance on shuffled labels', () => {
    const { data, labels } = blobs(2, 50, 3);
    expect(knnAccuracy(data, 3, labels, 5)).toBe(1);
    const random = seededRandom(4);
    const noise = labels.map(() => (random() < 0.5 ? 0 : 1));
    expect(knnAccuracy(data, 3, noise, 5)).toBeLessThan(0.7);
  });

  it('refuses labels that do not match the rows', () => {
    expect(() => knnAccuracy(new Float32Array(20), 2, new Int32Array(20))).toThrow(
      /20 labels for 10 rows of 2 values/
    );
  });
});

describe('continuity', () => {
  it('is trustworthiness with the spaces swapped', () => {
    const { data } = blobs(2, 20, 3);
    const low = data.filter((_, i) => i % 3 !== 2);
    expect(continuity(data, 3, low, 2, { k: 4 })).toBeCloseTo(
      trustworthiness(low, 2, data, 3, { k: 4 }),
      12
    );
  });
});

describe('silhouetteScore', () => {
  it('is near 1 for far-apart compact classes and near 0 for random labels', () => {
    const { data, labels } = blobs(3, 30, 4);
    expect(silhouetteScore(data, 4, labels)).toBeGreaterThan(0.7);
    const random = seededRandom(3);
    const noise = labels.map(() => Math.floor(random() * 3));
    expect(Math.abs(silhouetteScore(data, 4, noise))).toBeLessThan(0.15);
  });

  it('needs two classes', () => {
    expect(() => silhouetteScore(new Float32Array(4), 2, new Int32Array(2))).toThrow(
      /at least two classes, got 1/
    );
  });
});

describe('linearCka', () => {
  it('is 1 under rotation and scaling and low for unrelated data', () => {
    const { data } = blobs(2, 30, 2);
    const rotated = new Float32Array(data.length);
    for (let i = 0; i < 60; i++) {
      const x = data[2 * i] ?? 0;
      const y = data[2 * i + 1] ?? 0;
      rotated[2 * i] = 3 * (0.6 * x - 0.8 * y);
      rotated[2 * i + 1] = 3 * (0.8 * x + 0.6 * y);
    }
    expect(linearCka(data, 2, rotated, 2)).toBeCloseTo(1, 6);
    const random = seededRandom(9);
    const noise = new Float32Array(120).map(() => random());
    expect(linearCka(data, 2, noise, 2)).toBeLessThan(0.2);
  });
});
