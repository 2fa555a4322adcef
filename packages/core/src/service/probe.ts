import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';

import { checkLabels } from '../reduce/argument_checks.js';
import { yieldToEventLoop } from '../progress.js';
import { seededRandom, shuffledIndices } from '../reduce/random.js';
import type { MetricOptions } from '../steps.js';

/**
 * Options of {@link linearProbe}; `signal` stops it between epochs, `onProgress` gets the share of
 * epochs done.
 */
export interface LinearProbeOptions extends MetricOptions {
  /** Share of the samples used for training, in (0, 1); default 0.7. */
  readonly trainFraction?: number;
  /** Full-batch Adam steps, in [1, 10000]; default 300. */
  readonly epochs?: number;
  /** Adam's step size; default 0.05. */
  readonly learningRate?: number;
  /** L2 penalty on the weights; default 1e-4. */
  readonly l2?: number;
  /** Seed of the split and of the initial weights; default 0. */
  readonly seed?: number;
  /**
   * For imbalanced classes (e.g. a small selection against the rest): split each class on its
   * own (stratified, every class with two samples or more in both parts) and weight each sample
   * by N / (classes × its class's size) in the loss, so that a rare class is not ignored; default
   * false.
   */
  readonly balanced?: boolean;
}

/** What {@link linearProbe} measured. */
export interface LinearProbeResult {
  /** Accuracy on the held-out samples, in [0, 1]. */
  readonly testAccuracy: number;
  /**
   * Balanced accuracy on the held-out samples: the mean, over the classes present there, of the
   * share of each class predicted right, in [0, 1] (chance: 1 / classes).
   */
  readonly testBalancedAccuracy: number;
  /** Accuracy on the training samples, in [0, 1]. */
  readonly trainAccuracy: number;
  readonly trainSize: number;
  readonly testSize: number;
}

/**
 * A linear probe: multinomial logistic regression trained with TF.js on a fixed, seeded split of
 * the samples (features standardised on the training part), scored on the rest. How linearly
 * separable the classes are in this layer.
 *
 * Runs on whatever TF.js backend is active (in the layout worker: the CPU backend) and disposes
 * every tensor it makes.
 *
 * @param data - `(N, cols)` row-major features.
 * @param labels - one class per row; at least two classes.
 * @throws RangeError with fewer than two classes, mismatched sizes or a split leaving a part empty.
 */
export async function linearProbe(
  data: ArrayLike<number>,
  cols: number,
  labels: ArrayLike<number>,
  options: LinearProbeOptions = {}
): Promise<LinearProbeResult> {
  const rows = labels.length;
  checkLabels(data, cols, labels);
  const classes = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  if (classes.length < 2) {
    throw new RangeError(`a probe needs at least two classes, got ${classes.length}`);
  }
  const random = seededRandom(options.seed ?? 0);
  const fraction = options.trainFraction ?? 0.7;
  const { train, test } = options.balanced
    ? stratifiedSplit(labels, classes, fraction, random)
    : plainSplit(rows, fraction, random);
  if (train.length < 1 || test.length < 1) {
    throw new RangeError(`a ${train.length}/${test.length} split leaves a part empty`);
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  const pick = (rowsOf: number[]): { x: Float32Array; y: Int32Array } => {
    const x = new Float32Array(rowsOf.length * cols);
    const y = new Int32Array(rowsOf.length);
    rowsOf.forEach((r, i) => {
      for (let c = 0; c < cols; c++) {
        x[i * cols + c] = data[r * cols + c]!;
      }
      y[i] = index.get(labels[r]!)!;
    });
    return { x, y };
  };
  const a = pick(train);
  const b = pick(test);
  const weightsInit = Float32Array.from(
    { length: cols * classes.length },
    () => 0.01 * (random() - 0.5)
  );
  // Functional ops only: chained ops (x.mean()) are registered by the @tensorflow/tfjs union
  // package, not by tfjs-core alone as bundled in the layout worker.
  const scope = tf.tidy(() => {
    const xTrain = tf.tensor2d(a.x, [train.length, cols]);
    const mean = tf.mean(xTrain, 0);
    const std = tf.add(tf.sqrt(tf.mean(tf.square(tf.sub(xTrain, mean)), 0)), 1e-6);
    return { mean, std };
  });
  const standardise = (x: Float32Array, n: number): tf.Tensor2D =>
    tf.tidy(() => tf.div(tf.sub(tf.tensor2d(x, [n, cols]), scope.mean), scope.std) as tf.Tensor2D);
  const xTrain = standardise(a.x, train.length);
  const xTest = standardise(b.x, test.length);
  const yTrain = tf.tidy(() =>
    tf.cast(tf.oneHot(tf.tensor1d(a.y, 'int32'), classes.length), 'float32')
  );
  // Per-sample loss weights, (n, 1): all 1, or n / (classes × class size) when balanced.
  const sampleWeights = tf.tensor2d(
    options.balanced ? balancedWeights(a.y, classes.length) : new Float32Array(a.y.length).fill(1),
    [a.y.length, 1]
  );
  // The cross-entropy gradient is written out (Xᵀ(P − Y)/n + 2λW) and Adam applied by hand: the
  // worker bundles tfjs-core without its gradient registry, and this problem needs no autodiff.
  let w = tf.tensor2d(weightsInit, [cols, classes.length]);
  let bias: tf.Tensor1D = tf.zeros([classes.length]);
  const state = {
    mw: tf.zerosLike(w),
    vw: tf.zerosLike(w),
    mb: tf.zerosLike(bias),
    vb: tf.zerosLike(bias)
  };
  const rate = options.learningRate ?? 0.05;
  const l2 = options.l2 ?? 1e-4;
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const n = train.length;
  const epochs = options.epochs ?? 300;
  const sliceMs = options.sliceMs ?? 40;
  let sliceStart = Date.now();
  try {
    options.signal?.throwIfAborted();
    for (let epoch = 1; epoch <= epochs; epoch++) {
      if (Date.now() - sliceStart >= sliceMs) {
        options.onProgress?.((epoch - 1) / epochs);
        await yieldToEventLoop();
        options.signal?.throwIfAborted();
        sliceStart = Date.now();
      }
      const next = tf.tidy(() => {
        const residual = tf.mul(
          tf.sub(tf.softmax(tf.add(tf.matMul(xTrain, w), bias)), yTrain),
          sampleWeights
        );
        const gw = tf.add(tf.div(tf.matMul(xTrain, residual, true, false), n), tf.mul(w, 2 * l2));
        const gb = tf.mean(residual, 0);
        const step = (m: tf.Tensor, v: tf.Tensor, g: tf.Tensor) => {
          const m2 = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
          const v2 = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
          const mHat = tf.div(m2, 1 - beta1 ** epoch);
          const vHat = tf.div(v2, 1 - beta2 ** epoch);
          return { m: m2, v: v2, delta: tf.div(tf.mul(mHat, rate), tf.add(tf.sqrt(vHat), eps)) };
        };
        const sw = step(state.mw, state.vw, gw);
        const sb = step(state.mb, state.vb, gb);
        return {
          w: tf.sub(w, sw.delta) as tf.Tensor2D,
          bias: tf.sub(bias, sb.delta) as tf.Tensor1D,
          mw: sw.m,
          vw: sw.v,
          mb: sb.m,
          vb: sb.v
        };
      });
      tf.dispose([w, bias, state.mw, state.vw, state.mb, state.vb]);
      w = next.w;
      bias = next.bias;
      Object.assign(state, { mw: next.mw, vw: next.vw, mb: next.mb, vb: next.vb });
    }
    const predict = async (x: tf.Tensor2D): Promise<ArrayLike<number>> => {
      const predicted = tf.tidy(() => tf.argMax(tf.add(tf.matMul(x, w), bias), 1));
      const values = await predicted.data();
      predicted.dispose();
      return values;
    };
    const accuracy = (values: ArrayLike<number>, y: Int32Array): number => {
      let right = 0;
      for (let i = 0; i < y.length; i++) {
        right += values[i] === y[i] ? 1 : 0;
      }
      return right / y.length;
    };
    options.onProgress?.(1);
    const testPredicted = await predict(xTest);
    return {
      testAccuracy: accuracy(testPredicted, b.y),
      testBalancedAccuracy: balancedAccuracy(testPredicted, b.y),
      trainAccuracy: accuracy(await predict(xTrain), a.y),
      trainSize: train.length,
      testSize: test.length
    };
  } finally {
    tf.dispose([xTrain, xTest, yTrain, sampleWeights, w, bias, scope.mean, scope.std]);
    tf.dispose([state.mw, state.vw, state.mb, state.vb]);
  }
}

/** The first `round(rows × fraction)` of a seeded shuffle train, the rest test. */
function plainSplit(
  rows: number,
  fraction: number,
  random: () => number
): { train: number[]; test: number[] } {
  const order = shuffledIndices(rows, random);
  const trainSize = Math.round(rows * fraction);
  return { train: order.slice(0, trainSize), test: order.slice(trainSize) };
}

/**
 * Each class split on its own, `round(size × fraction)` of it to training but at least one
 * sample left in each part when the class has two: a rare class is then always scored.
 */
function stratifiedSplit(
  labels: ArrayLike<number>,
  classes: readonly number[],
  fraction: number,
  random: () => number
): { train: number[]; test: number[] } {
  const order = shuffledIndices(labels.length, random);
  const train: number[] = [];
  const test: number[] = [];
  for (const c of classes) {
    const members = order.filter((r) => labels[r] === c);
    const size = members.length;
    const cut = size < 2 ? size : Math.min(size - 1, Math.max(1, Math.round(size * fraction)));
    train.push(...members.slice(0, cut));
    test.push(...members.slice(cut));
  }
  return { train, test };
}

/** n / (classes × class size) per sample: every class weighs the same in the loss. */
function balancedWeights(y: Int32Array, classes: number): Float32Array {
  const counts = new Float64Array(classes);
  y.forEach((c) => (counts[c] = (counts[c] ?? 0) + 1));
  return Float32Array.from(y, (c) => y.length / (classes * (counts[c] ?? 1)));
}

/** Mean recall over the classes present in `y`; 0 for no samples. */
function balancedAccuracy(predicted: ArrayLike<number>, y: Int32Array): number {
  const total = new Map<number, number>();
  const right = new Map<number, number>();
  for (let i = 0; i < y.length; i++) {
    const c = y[i]!;
    total.set(c, (total.get(c) ?? 0) + 1);
    right.set(c, (right.get(c) ?? 0) + (predicted[i] === c ? 1 : 0));
  }
  let sum = 0;
  for (const [c, n] of total) {
    sum += (right.get(c) ?? 0) / n;
  }
  return total.size > 0 ? sum / total.size : 0;
}
