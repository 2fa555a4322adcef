import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  gaussian,
  knnPurity,
  knnPurityAsync,
  LayoutService,
  type LayoutReply,
  linearProbe,
  seededRandom,
  SELECTION_TOO_SMALL,
  selectionProblem,
  SelectionRunner,
  type SelectionReply,
  selectionSeparability
} from '../src/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** `rows` points in `cols`-D; the first `inside` are selected and, with `shift`, moved apart. */
function cloud(rows: number, cols: number, inside: number, shift: number, seed: number) {
  const random = seededRandom(seed);
  const data = new Float32Array(rows * cols);
  const selected = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    selected[r] = r < inside ? 1 : 0;
    for (let c = 0; c < cols; c++) {
      data[r * cols + c] = gaussian(random);
    }
    data[r * cols] = (data[r * cols] ?? 0) + (r < inside ? shift : 0);
  }
  return { data, rows, cols, selected };
}

describe('knnPurity', () => {
  it('counts the selected neighbours of each selected point (by hand, k = 2)', () => {
    const x = Float32Array.from([0, 1, 2, 10, 11, 12]);
    // Point 0: neighbours 1 (selected) and 2 → 1/2; point 1: 0 and 2 (tie, by index) → 1/2.
    expect(knnPurity(x, 1, [1, 1, 0, 0, 0, 0], 2)).toBeCloseTo(0.5, 12);
    // The three of the first cluster: every neighbour selected.
    expect(knnPurity(x, 1, [1, 1, 1, 0, 0, 0], 2)).toBe(1);
    // Point 2 (x = 2): neighbours 1 and 0, neither selected; point 3 (x = 10): 4 and 5.
    expect(knnPurity(x, 1, [0, 0, 1, 1, 0, 0], 2)).toBe(0);
  });

  it('scores only the given queries and clamps k to N − 1', () => {
    const x = Float32Array.from([0, 1, 2, 10, 11, 12]);
    expect(knnPurity(x, 1, [1, 1, 1, 0, 0, 0], 2, [0])).toBe(1);
    // k = 10 on 6 points: each point's 5 others; point 0 has 2 selected among them.
    expect(knnPurity(x, 1, [1, 1, 1, 0, 0, 0], 10, [0])).toBeCloseTo(2 / 5, 12);
  });

  it('is about the selected share for a random selection', async () => {
    const { data } = cloud(400, 5, 0, 0, 1);
    const random = seededRandom(9);
    const selected = Uint8Array.from({ length: 400 }, () => (random() < 0.25 ? 1 : 0));
    const share = selected.reduce((a, b) => a + b, 0) / 400;
    const purity = await knnPurityAsync(data, 5, selected);
    expect(Math.abs(purity - share)).toBeLessThan(0.06);
  });

  it('rejects a selection of the wrong length', () => {
    expect(() => knnPurity(new Float32Array(6), 1, [1, 0])).toThrow(RangeError);
  });
});

describe('selectionProblem', () => {
  it('wants at least 5 selected and at least 5 left out', () => {
    const mask = (n: number, on: number) => Uint8Array.from({ length: n }, (_, i) => +(i < on));
    expect(selectionProblem(mask(20, 4))).toBe(SELECTION_TOO_SMALL);
    expect(selectionProblem(mask(20, 16))).toBe(SELECTION_TOO_SMALL);
    expect(selectionProblem(mask(20, 20))).toBe(SELECTION_TOO_SMALL);
    expect(selectionProblem(mask(20, 5))).toBeNull();
    expect(selectionProblem(mask(20, 15))).toBeNull();
  });
});

describe('linearProbe, balanced', () => {
  it('reports balanced accuracy: 0.5 when it always predicts the large class', async () => {
    // One feature that says nothing: an unweighted probe predicts the majority everywhere.
    const data = new Float32Array(100).fill(1);
    const labels = Int32Array.from({ length: 100 }, (_, i) => +(i < 10));
    const plain = await linearProbe(data, 1, labels, { epochs: 50 });
    expect(plain.testAccuracy).toBeGreaterThan(0.8);
    expect(plain.testBalancedAccuracy).toBeCloseTo(0.5, 6);
  });

  it('splits each class 70/30 so that a small class is always tested', async () => {
    const { data, selected } = cloud(100, 3, 5, 6, 2);
    const result = await linearProbe(data, 3, Int32Array.from(selected), {
      balanced: true,
      epochs: 100
    });
    // round(5 × 0.7) = 4 selected and round(95 × 0.7) = 67 others train.
    expect(result.trainSize).toBe(71);
    expect(result.testSize).toBe(29);
    expect(result.testBalancedAccuracy).toBe(1);
  });
});

describe('selectionSeparability', () => {
  it('finds a separable selection separable, in every measure', async () => {
    const layer = cloud(200, 8, 30, 6, 3);
    const before = tf.memory().numTensors;
    const values = await selectionSeparability(layer, layer.selected);
    expect(tf.memory().numTensors).toBe(before);
    expect(values.nSelected).toBe(30);
    expect(values.chance).toBeCloseTo(30 / 200, 12);
    expect(values.knnPurity).toBeGreaterThan(0.9);
    expect(values.probeBalancedAccuracy).toBeGreaterThan(0.9);
  });

  it('finds a random selection at chance', async () => {
    const layer = cloud(300, 8, 0, 0, 4);
    const random = seededRandom(11);
    const selected = Uint8Array.from({ length: 300 }, () => (random() < 0.3 ? 1 : 0));
    const values = await selectionSeparability(layer, selected);
    expect(Math.abs(values.knnPurity - values.chance)).toBeLessThan(0.08);
    expect(values.probeBalancedAccuracy).toBeGreaterThan(0.3);
    expect(values.probeBalancedAccuracy).toBeLessThan(0.7);
  });

  it('is deterministic', async () => {
    const layer = cloud(120, 4, 20, 1, 5);
    const a = await selectionSeparability(layer, layer.selected, { probeEpochs: 30 });
    const b = await selectionSeparability(layer, layer.selected, { probeEpochs: 30 });
    expect(b).toEqual(a);
  });

  it('refuses a selection of fewer than 5 points', async () => {
    const layer = cloud(50, 2, 4, 0, 6);
    await expect(selectionSeparability(layer, layer.selected)).rejects.toThrow(/at least 5/);
  });
});

describe('SelectionRunner', () => {
  const separated = { name: 'a', ...cloud(60, 3, 12, 5, 7) };
  const mixed = { name: 'b', ...cloud(60, 3, 12, 0, 8) };
  const layers = [separated, mixed];

  it('sends each layer in turn, then done', async () => {
    const replies: SelectionReply[] = [];
    const runner = new SelectionRunner((reply) => replies.push(reply));
    await runner.run(layers, { type: 'selection', id: 3, selected: separated.selected });
    expect(replies.map((r) => r.type)).toEqual([
      'selection-metrics',
      'selection-metrics',
      'selection-done'
    ]);
    const [a, b] = replies as Extract<SelectionReply, { type: 'selection-metrics' }>[];
    expect(a?.layer).toBe(0);
    expect(a?.values.knnPurity).toBeGreaterThan(b?.values.knnPurity ?? 1);
  });

  it('says why instead of measuring a selection of 3', async () => {
    const replies: SelectionReply[] = [];
    const runner = new SelectionRunner((reply) => replies.push(reply));
    const selected = Uint8Array.from({ length: 60 }, (_, i) => +(i < 3));
    await runner.run(layers, { type: 'selection', id: 4, selected });
    expect(replies).toEqual([{ type: 'selection-done', id: 4, message: SELECTION_TOO_SMALL }]);
  });

  it('drops a measurement superseded by a newer selection', async () => {
    const replies: SelectionReply[] = [];
    const runner = new SelectionRunner((reply) => replies.push(reply));
    const first = runner.run(layers, { type: 'selection', id: 1, selected: separated.selected });
    const second = runner.run(layers, { type: 'selection', id: 2, selected: mixed.selected });
    await Promise.all([first, second]);
    expect(replies.every((r) => r.id === 2)).toBe(true);
    expect(replies.at(-1)).toEqual({ type: 'selection-done', id: 2, message: null });
  });
});

describe('LayoutService selection requests', () => {
  it('answers a selection beside the layouts, and a null selection cancels it', async () => {
    const replies: LayoutReply[] = [];
    const service = new LayoutService((reply) => replies.push(reply));
    const layer = cloud(60, 3, 12, 5, 9);
    await service.handle({ type: 'data', layers: [{ name: 'a', ...layer }] });
    await service.handle({ type: 'selection', id: 7, selected: layer.selected });
    expect(replies.map((r) => r.type)).toEqual(['selection-metrics', 'selection-done']);
    replies.length = 0;
    const running = service.handle({ type: 'selection', id: 8, selected: layer.selected });
    await service.handle({ type: 'selection', id: 9, selected: null });
    await running;
    expect(replies).toEqual([]);
  });
});
