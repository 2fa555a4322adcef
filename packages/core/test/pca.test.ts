import { describe, expect, it } from 'vitest';

import { PCA } from 'ml-pca';

import { projectPca } from '../src/index.js';
import { blobs } from './reduce_helpers.js';

describe('projectPca', () => {
  it('finds the known principal axes of points on a stretched, rotated ellipse', () => {
    // Points spread 10 along u1 = (cos 30°, sin 30°) and 1 along u2 = (-sin 30°, cos 30°), in 3-D
    // with a constant third coordinate: PC1 is u1, PC2 is u2, each with a positive largest loading.
    const c = Math.cos(Math.PI / 6);
    const s = Math.sin(Math.PI / 6);
    const pts: number[] = [];
    const coords: [number, number][] = [
      [10, 0],
      [-10, 0],
      [0, 1],
      [0, -1],
      [5, 0],
      [-5, 0]
    ];
    for (const [a, b] of coords) {
      pts.push(a * c - b * s, a * s + b * c, 7);
    }
    const { coords: out, explainedVariance } = projectPca(new Float32Array(pts), 6, 3, 2);
    coords.forEach(([a, b], i) => {
      expect(out[2 * i]).toBeCloseTo(a, 4);
      expect(out[2 * i + 1]).toBeCloseTo(b, 4);
    });
    expect((explainedVariance[0] ?? 0) + (explainedVariance[1] ?? 0)).toBeCloseTo(1, 6);
  });

  it('pads a 1-feature layer with a zero second axis', () => {
    const { coords } = projectPca(new Float32Array([1, 2, 3]), 3, 1, 2);
    expect(Array.from(coords)).toEqual([-1, 0, 0, 0, 1, 0]);
  });

  it('is deterministic in sign', () => {
    const data = new Float32Array([3, 1, -2, 0.5, 4, -1, 0, 2]);
    const a = projectPca(data, 4, 2).coords;
    const b = projectPca(data.slice(), 4, 2).coords;
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('agrees with ml-pca (covariance path), axes and explained variance', () => {
    const { data, rows } = blobs(5, 80, 20);
    const ours = projectPca(data, rows, 20, 3);
    const matrix = Array.from({ length: rows }, (_, r) =>
      Array.from(data.subarray(r * 20, r * 20 + 20))
    );
    const pca = new PCA(matrix, { method: 'covarianceMatrix', center: true, scale: false });
    const reference = pca.predict(matrix, { nComponents: 3 }).to2DArray();
    const ratios = pca.getExplainedVariance();
    for (let c = 0; c < 3; c++) {
      // Up to sign: compare |correlation| of each axis with the reference's.
      let dot = 0;
      let na = 0;
      let nb = 0;
      for (let r = 0; r < rows; r++) {
        const a = ours.coords[r * 3 + c] as number;
        const b = reference[r]?.[c] ?? 0;
        dot += a * b;
        na += a * a;
        nb += b * b;
      }
      expect(Math.abs(dot) / Math.sqrt(na * nb)).toBeGreaterThan(1 - 1e-6);
      expect(Math.sqrt(na)).toBeCloseTo(Math.sqrt(nb), 2);
      expect(ours.explainedVariance[c]).toBeCloseTo(ratios[c] ?? 0, 6);
    }
  });
});
