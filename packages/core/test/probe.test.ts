import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { gaussian, linearProbe, seededRandom } from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Two or more classes split by hyperplanes, in 10-D, with a margin. */
function separable(rows: number, classes: number, seed: number) {
  const random = seededRandom(seed);
  const data = new Float32Array(rows * 10);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    labels[r] = r % classes;
    for (let c = 0; c < 10; c++) {
      data[r * 10 + c] = gaussian(random);
    }
    // The class decides the first coordinate's band: linearly separable with a margin.
    data[r * 10] = (labels[r] ?? 0) * 3 + 0.5 * gaussian(random);
  }
  return { data, labels };
}

describe('linearProbe', () => {
  it('reaches ≥ 0.95 test accuracy on linearly separable data', async () => {
    const { data, labels } = separable(300, 3, 1);
    const before = tf.memory().numTensors;
    const result = await linearProbe(data, 10, labels);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.testAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(result.trainSize).toBe(210);
    expect(result.testSize).toBe(90);
  });

  it('is about chance on shuffled labels', async () => {
    const { data } = separable(300, 2, 2);
    const random = seededRandom(5);
    const shuffled = Int32Array.from({ length: 300 }, () => (random() < 0.5 ? 0 : 1));
    const result = await linearProbe(data, 10, shuffled);
    expect(result.testAccuracy).toBeGreaterThan(0.3);
    expect(result.testAccuracy).toBeLessThan(0.7);
  });

  it('is deterministic for a seed', async () => {
    const { data, labels } = separable(120, 2, 3);
    const a = await linearProbe(data, 10, labels, { epochs: 50 });
    const b = await linearProbe(data, 10, labels, { epochs: 50 });
    expect(b).toEqual(a);
  });

  it('needs two classes', async () => {
    await expect(linearProbe(new Float32Array(20), 10, new Int32Array(2))).rejects.toThrow(
      /at least two classes/
    );
  });
});
