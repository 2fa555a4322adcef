import type { LayerInfo } from '@layerviz/core';
import { describe, expect, it } from 'vitest';

import { layoutsCsv } from '../src/export_csv.js';

const info = (name: string): LayerInfo => ({
  name,
  className: 'Dense',
  outputShape: [null, 2],
  index: 0
});

describe('layoutsCsv', () => {
  it('writes one row per layer and sample with labels, coordinates and the layer metrics', () => {
    const csv = layoutsCsv({
      layers: [
        { info: info('a'), coords: new Float32Array([0.5, 1, 2, 3]) },
        { info: info('b, "odd"'), coords: new Float32Array([4, 5, 6, 7]) },
        { info: info('c'), coords: null }
      ],
      labels: [1, 0],
      sampleIds: [10, 42],
      metrics: { a: { knnAccuracy: 0.75, silhouette: 0.25 } }
    });
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'layer,sample,label,x,y,knn_accuracy,silhouette,probe_accuracy,trustworthiness,continuity,cka_next,intrinsic_dim'
    );
    expect(lines[1]).toBe('a,10,1,0.5,1,0.75,0.25,,,,,');
    expect(lines[2]).toBe('a,42,0,2,3,0.75,0.25,,,,,');
    // Names with commas and quotes are quoted (RFC 4180).
    expect(lines[3]).toBe('"b, ""odd""",10,1,4,5,,,,,,,');
    expect(lines).toHaveLength(5);
  });

  it('adds a z column when a layout is 3-D', () => {
    const csv = layoutsCsv({
      layers: [{ info: info('a'), coords: new Float32Array([1, 2, 3]), dims: 3 }],
      labels: null
    });
    expect(csv.split('\n')[0]).toContain('x,y,z,');
    expect(csv.split('\n')[1]).toBe('a,0,,1,2,3,,,,,,,');
  });
});
