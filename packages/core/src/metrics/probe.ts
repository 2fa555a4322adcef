import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';

import { checkLabels } from '../reduce/check.js';
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
}

/** What {@link linearProbe} measured. */
export interface LinearProbeResult {
  /** Accuracy on the held-out samples, in [0, 1]. */
  readonly testAccuracy: number;
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
  const order = shuffledIndices(rows, random);
  const trainSize = Math.round(rows * (options.trainFraction ?? 0.7));
  if (trainSize < 1 || trainSize >= rows) {
    throw new RangeError(`a ${trainSize}/${rows - trainSize} split leaves a part empty`);
  }
  const train = order.slice(0, trainSize);
  const test = order.slice(trainSize);
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
        const residual = tf.sub(tf.softmax(tf.add(tf.matMul(xTrain, w), bias)), yTrain);
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
    const accuracy = async (x: tf.Tensor2D, y: Int32Array): Promise<number> => {
      const predicted = tf.tidy(() => tf.argMax(tf.add(tf.matMul(x, w), bias), 1));
      const values = await predicted.data();
      predicted.dispose();
      let right = 0;
      values.forEach((v, i) => (right += v === y[i] ? 1 : 0));
      return right / y.length;
    };
    options.onProgress?.(1);
    return {
      testAccuracy: await accuracy(xTest, b.y),
      trainAccuracy: await accuracy(xTrain, a.y),
      trainSize: train.length,
      testSize: test.length
    };
  } finally {
    tf.dispose([xTrain, xTest, yTrain, w, bias, scope.mean, scope.std]);
    tf.dispose([state.mw, state.vw, state.mb, state.vb]);
  }
}
