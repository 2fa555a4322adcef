import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  analyzeActivations,
  analyzeModel,
  computeActivations,
  MEMORY_BUDGET_BYTES,
  type ModelArtifacts,
  nonFiniteRows,
  tensorMemory
} from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A small conv net's artifacts, as a widget receives them. */
async function convArtifacts(): Promise<ModelArtifacts> {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, name: 'conv' }),
      tf.layers.flatten({ name: 'flat' }),
      tf.layers.dense({ units: 3, activation: 'softmax', name: 'probs' })
    ]
  });
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    })
  );
  model.dispose();
  const artifacts = saved as unknown as tf.io.ModelArtifacts;
  return {
    modelTopology: artifacts.modelTopology as object,
    weightSpecs: artifacts.weightSpecs ?? [],
    weightData: artifacts.weightData as ArrayBuffer
  };
}

describe('memory', () => {
  it('20 runs in one page leave TF.js memory where it started', async () => {
    const artifacts = await convArtifacts();
    const n = 64;
    const x = {
      data: Float32Array.from({ length: n * 64 }, (_, i) => Math.sin(i)),
      dtype: 'float32' as const,
      shape: [n, 8, 8, 1]
    };
    const start = tf.memory();
    for (let run = 0; run < 20; run++) {
      const results = await analyzeModel(artifacts, x);
      expect(results.map((r) => r.info.name)).toEqual(['conv', 'flat', 'probs']);
      expect(tf.memory().numTensors).toBe(start.numTensors);
      expect(tf.memory().numBytes).toBe(start.numBytes);
    }
  });
});

describe('memory budget', () => {
  it('keeps the forward pass under the budget whatever N is, in batches', async () => {
    // 28x28x16 conv outputs: 50 KB per sample; 800 samples would be 40 MB at once.
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [28, 28, 1],
          filters: 16,
          kernelSize: 3,
          padding: 'same',
          name: 'conv'
        }),
        tf.layers.globalAveragePooling2d({ name: 'gap' }),
        tf.layers.dense({ units: 4, name: 'out' })
      ]
    });
    const n = 800;
    const x = {
      data: new Float32Array(n * 784).fill(0.5),
      dtype: 'float32' as const,
      shape: [n, 28, 28, 1]
    };
    const budget = 8 * 1024 * 1024;
    const before = tf.memory().numBytes;
    let batches = 0;
    const profile = await tf.profile(async () => {
      const acts = await computeActivations(model, x, ['conv', 'out'], {
        memoryBudgetBytes: budget,
        onProgress: () => (batches += 1)
      });
      expect(acts.map((a) => [a.rows, a.cols])).toEqual([
        [n, 16],
        [n, 4]
      ]);
    });
    // Over the weights already held, the pass's own tensors: at most the budget.
    expect(profile.peakBytes - before).toBeLessThanOrEqual(budget);
    expect(batches).toBeGreaterThan(10);
    expect(tf.memory().numBytes).toBe(before);
    expect(MEMORY_BUDGET_BYTES).toBe(512 * 1024 * 1024);
    model.dispose();
  });
});

describe('tensorMemory', () => {
  it('reports the live tensors and their bytes', () => {
    const before = tensorMemory();
    const t = tf.zeros([4, 8]);
    expect(tensorMemory().numTensors).toBe(before.numTensors + 1);
    expect(tensorMemory().numBytes).toBe(before.numBytes + 4 * 8 * 4);
    t.dispose();
    expect(tensorMemory()).toEqual(before);
  });
});

describe('non-finite activations', () => {
  it('are found per row, zeroed for the layout and reported', async () => {
    const data = Float32Array.from([1, 2, Number.NaN, 4, 5, Number.POSITIVE_INFINITY, 7, 8]);
    expect(Array.from(nonFiniteRows(data, 4, 2))).toEqual([1, 2]);
    const info = { name: 'dense', className: 'Dense', outputShape: [null, 2], index: 0 };
    const [result] = await analyzeActivations([info], [{ layer: 'dense', data, rows: 4, cols: 2 }]);
    expect(Array.from(result?.invalidRows ?? [])).toEqual([1, 2]);
    expect(Array.from(result?.features.data ?? [])).toEqual([1, 2, 0, 0, 0, 0, 7, 8]);
    // The caller's array is left as it was.
    expect(Number.isNaN(data[2])).toBe(true);
  });
});
