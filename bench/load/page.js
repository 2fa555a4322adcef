// The page side of the load benchmark (bench/load.mjs): builds N samples of 64 features in 10
// Gaussian clusters and a 4-layer dense model, then measures either layerviz (renderLayerViz) or
// the baseline (the same number of points drawn straight with Plotly in 4 WebGL subplots).
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { backendOrder, plotly, renderLayerViz, webglRenderer } from '@layerviz/view';

// The WASM backend's binaries, served from the checkout; threads off as in JupyterLab (they need a
// cross-origin isolated page).
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');

const FEATURES = 64;
const CLASSES = 10;

/** A seeded generator of uniform numbers in [0, 1) (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function samples(n) {
  const next = random(7);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const centers = Array.from({ length: CLASSES * FEATURES }, () => 3 * normal());
  const x = new Float32Array(n * FEATURES);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % CLASSES;
    for (let j = 0; j < FEATURES; j++) {
      x[i * FEATURES + j] = centers[y[i] * FEATURES + j] + normal();
    }
  }
  return { x: { data: x, dtype: 'float32', shape: [n, FEATURES] }, y };
}

function model() {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [FEATURES], units: 128, activation: 'relu', name: 'dense1' }),
      tf.layers.dense({ units: 64, activation: 'relu', name: 'dense2' }),
      tf.layers.dense({ units: 32, activation: 'relu', name: 'dense3' }),
      tf.layers.dense({ units: CLASSES, activation: 'softmax', name: 'probs' })
    ]
  });
}

/** Sample the JS heap and TF.js's bytes every 50 ms; `stop()` returns the peaks. */
function watchMemory() {
  const peak = { heap: 0, tf: 0 };
  const read = () => {
    peak.heap = Math.max(peak.heap, performance.memory?.usedJSHeapSize ?? 0);
    peak.tf = Math.max(peak.tf, tf.memory().numBytes);
  };
  read();
  const timer = setInterval(read, 50);
  return () => {
    clearInterval(timer);
    read();
    return peak;
  };
}

/** Resolve with the time (ms since `start`) of the first animation frame where `drawn()` holds. */
function firstFrame(start, drawn) {
  return new Promise((resolve) => {
    const check = () =>
      drawn() ? resolve(performance.now() - start) : requestAnimationFrame(check);
    requestAnimationFrame(check);
  });
}

function plottedPoints(gd) {
  return (gd?._fullData ?? []).reduce((sum, t) => sum + (t.x?.length ?? 0), 0);
}

/**
 * Run layerviz on n samples; resolves with its timings (ms), memory peaks (bytes) and the TF.js
 * backend that ran. `backend` 'auto' lets the view choose, as it does for users (WASM where
 * WebGL is software-rendered); a name forces that backend.
 */
async function layerviz(n, method, backend, layoutWorkers) {
  if (backend === 'auto') {
    // Start (and compile) both candidates off the clock, then take the first that starts in the
    // order the view uses in JupyterLab (WASM first where WebGL is software-rendered).
    for (const name of ['webgl', 'wasm']) {
      await tf.setBackend(name).catch(() => false);
      await tf.ready().catch(() => undefined);
    }
    for (const name of backendOrder(webglRenderer(document))) {
      if (await tf.setBackend(name).catch(() => false)) {
        break;
      }
    }
  } else {
    await tf.setBackend(backend);
    await tf.ready();
  }
  // The view evaluates its Plotly on first use; the baseline's is loaded with the page. Both
  // stay off the clock.
  plotly();
  const { x, y } = samples(n);
  const m = model();
  const stop = watchMemory();
  const start = performance.now();
  const host = document.querySelector('#plots');
  const first = firstFrame(start, () => {
    const root = host.querySelector('.lv-root');
    return (
      Number(root?.dataset.previewFrames ?? 0) > 0 ||
      plottedPoints(host.querySelector('.lv-plot')) > 0
    );
  });
  const all = firstFrame(start, () => host.querySelector('.lv-root')?.dataset.state === 'ready');
  const handle = await renderLayerViz(host, {
    model: m,
    x,
    y,
    layout: { method, dims: 2 },
    ...(backend === 'auto' ? {} : { backend }),
    ...(layoutWorkers === undefined ? {} : { layoutWorkers })
  });
  const firstPlotMs = await first;
  const allLayoutsMs = await all;
  // The separability metrics come after the plots.
  const ok = await handle.ready;
  const metricsMs = performance.now() - start;
  const peak = stop();
  window.benchHandle = handle;
  return {
    ok,
    firstPlotMs,
    allLayoutsMs,
    metricsMs,
    peakHeap: peak.heap,
    peakTfBytes: peak.tf,
    backend: tf.getBackend(),
    layoutLanes: Number(host.querySelector('.lv-root')?.dataset.layoutLanes ?? 0)
  };
}

/** The baseline: n random points in each of 4 WebGL subplots, drawn directly with Plotly. */
async function baseline(n) {
  const next = random(3);
  const gd = document.createElement('div');
  gd.style.height = '560px';
  document.querySelector('#plots').append(gd);
  const stop = watchMemory();
  const start = performance.now();
  const traces = [0, 1, 2, 3].map((k) => ({
    type: 'scattergl',
    mode: 'markers',
    x: Float32Array.from({ length: n }, next),
    y: Float32Array.from({ length: n }, next),
    xaxis: k === 0 ? 'x' : `x${k + 1}`,
    yaxis: k === 0 ? 'y' : `y${k + 1}`,
    marker: { size: 4 }
  }));
  await window.Plotly.newPlot(gd, traces, {
    grid: { rows: 2, columns: 2, pattern: 'independent' },
    hovermode: 'closest',
    showlegend: false
  });
  const firstPlotMs = await firstFrame(start, () => plottedPoints(gd) > 0);
  const peak = stop();
  return {
    ok: true,
    firstPlotMs,
    allLayoutsMs: firstPlotMs,
    metricsMs: firstPlotMs,
    peakHeap: peak.heap,
    peakTfBytes: 0
  };
}

/** Count animation frames until `stop()`: the page's frames per second meanwhile. */
function countFrames() {
  let frames = 0;
  let running = true;
  const start = performance.now();
  const tick = () => {
    if (running) {
      frames += 1;
      requestAnimationFrame(tick);
    }
  };
  requestAnimationFrame(tick);
  return () => {
    running = false;
    return (frames * 1000) / (performance.now() - start);
  };
}

window.bench = { layerviz, baseline, countFrames, tf };
window.benchReady = true;
