// The reduction benchmark (the first part of `npm run bench`): every method on the same data in
// one run. Options go to this part alone (`npm run bench` runs the three parts with defaults):
//
//   npm run bench:methods -- [--sizes 1000,5000,10000,20000] [--repeats 1] [--tsnejs-limit 120]
//                           [--datasets digits,activations] [--methods openTSNE,layerviz-tsne,...]
//                           [--skip tsne-js,umap-js] [--pca-widths 128,1024,8192] [--no-pca]
//                           [--wait-idle 60] [--out out/bench/results.json]
//
// --sizes applies to the activations (digits is always its 1,797 rows); --methods keeps only the
// layout methods named (default: all), --skip drops some; --pca-widths picks the PCA data sets.
// Before each timed run it waits (up to --wait-idle seconds; 0: not at all) for a second in which
// other processes use at most 10% of the CPU, and it records their share during the run: rows
// with a run above that are marked * (see othersLoad).
//
// t-SNE methods share perplexity 30 and 750 iterations (250 of early exaggeration); quality is
// measured the same way for all: trustworthiness@10 against the input features (on a fixed sample
// of 1,000 query points when N > 2,000) and leave-one-out 10-NN accuracy of the 2-D layout.
//
// What a time covers, for every method, ours and theirs alike: the fit alone. Imports, process
// start, the TF.js backend's initialisation (WASM compilation), data loading and conversion, and
// one warm-up run of the same method with the same settings on the first WARMUP_ROWS rows (JIT
// compilation, thread-pool start-up) all happen before the clock starts, in the process that is
// timed: here for our methods and umap-js, in bench/python_methods.py for openTSNE and
// scikit-learn, in bench/tsnejs_worker.mjs for tsne-js (whose time limit counts from its clock).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import {
  knnAccuracy,
  randomizedPca,
  seededRandom,
  trustworthiness,
  Tsne,
  Umap
} from '@layerviz/core';
import { UMAP } from 'umap-js';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000,10000,20000' },
    repeats: { type: 'string', default: '1' },
    'tsnejs-limit': { type: 'string', default: '120' },
    out: { type: 'string', default: 'out/bench/results.json' },
    skip: { type: 'string', default: '' },
    methods: { type: 'string', default: '' },
    datasets: { type: 'string', default: 'digits,activations' },
    'pca-widths': { type: 'string', default: '128,1024,8192' },
    'no-pca': { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: 'out/bench/data' },
    'wait-idle': { type: 'string', default: '60' }
  }
});
const PYTHON = process.env.LAYERVIZ_PYTHON ?? '.venv/bin/python';
const PERPLEXITY = 30;
const ITERATIONS = 750;
const sizes = args.sizes.split(',').map(Number);
const repeats = Math.max(1, Number(args.repeats));
const tsnejsLimit = Number(args['tsnejs-limit']);
const skip = new Set(args.skip.split(',').filter(Boolean));
const only = new Set(args.methods.split(',').filter(Boolean));
const datasets = new Set(args.datasets.split(',').filter(Boolean));
const pcaWidths = args['no-pca'] ? [] : args['pca-widths'].split(',').filter(Boolean).map(Number);
/** Rows of the warm-up run before each timed run (the same as bench/python_methods.py's). */
const WARMUP_ROWS = 200;
const dataDir = args['data-dir'];
const work = join(dataDir, '..', 'layouts');
mkdirSync(work, { recursive: true });

if (!existsSync(join(dataDir, 'activations.json'))) {
  console.log('Preparing the data sets (trains a small digits CNN, about a minute)...');
  execFileSync(PYTHON, ['bench/prepare_data.py', dataDir], { stdio: 'inherit' });
}

function load(name) {
  const meta = JSON.parse(readFileSync(join(dataDir, `${name}.json`), 'utf8'));
  const raw = readFileSync(join(dataDir, `${name}.f32`));
  const data = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  let labels = null;
  if (meta.labels) {
    const l = readFileSync(join(dataDir, `${name}.labels.i32`));
    labels = new Int32Array(l.buffer, l.byteOffset, l.byteLength / 4);
  }
  return { ...meta, data, labels, prefix: join(dataDir, name) };
}

/**
 * CPU ticks (1/100 s) of the whole machine (busy, VM steal included) and of this process with its
 * finished children (Linux /proc), or null elsewhere.
 */
function cpuTicks() {
  try {
    const all = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    // cpu user nice system idle iowait irq softirq steal
    const busy = all[1] + all[2] + all[3] + all[6] + all[7] + all[8];
    const mine = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ').map(Number);
    // utime, stime, cutime, cstime are fields 14-17 of the file, 12-15 after the name.
    return { busy, self: mine[11] + mine[12] + mine[13] + mine[14] };
  } catch {
    return null;
  }
}

/** Start watching; `stop()` gives the share of the machine's CPU other processes used meanwhile. */
function othersLoad() {
  const before = cpuTicks();
  const t = performance.now();
  return () => {
    const after = cpuTicks();
    const wall = (performance.now() - t) / 1000;
    if (!before || !after || wall <= 0) {
      return null;
    }
    const others = after.busy - before.busy - (after.self - before.self);
    return Math.max(0, others / 100 / (wall * cpus().length));
  };
}
const fmt = (v, d = 3) => (v === null || v === undefined ? '—' : v.toFixed(d));
/** A timed run during which other processes used more than this share of the CPU is unreliable. */
const BUSY_SHARE = 0.1;
const busy = (share) => share !== null && share > BUSY_SHARE;
const waitIdleLimit = Number(args['wait-idle']);
/**
 * Before a timed run: wait, up to --wait-idle seconds, for a second in which other processes use
 * at most BUSY_SHARE of the CPU (this one is idle meanwhile). Gives the share last seen.
 */
async function waitIdle() {
  const until = performance.now() + waitIdleLimit * 1000;
  let share = null;
  while (waitIdleLimit > 0) {
    const stop = othersLoad();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    share = stop();
    if (share === null || share <= BUSY_SHARE || performance.now() > until) {
      break;
    }
  }
  return share;
}
const pct = (share) => (share === null ? '' : `, others ${(share * 100).toFixed(0)}% CPU`);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

function quality(x, cols, layout, labels, n) {
  const random = seededRandom(11);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const queries = n > 2000 ? order.slice(0, 1000) : undefined;
  return {
    trustworthiness: trustworthiness(x.subarray(0, n * cols), cols, layout, 2, { k: 10, queries }),
    knn_accuracy: knnAccuracy(layout, 2, labels.subarray(0, n), 10)
  };
}

/**
 * Each method: (dataset, n) → Promise of { seconds, layout }, or { seconds: Infinity } past a
 * limit. The in-process ones run once on the first WARMUP_ROWS rows before the clock starts.
 */
function inProcess(fit) {
  return async (ds, n) => {
    fit(ds, Math.min(WARMUP_ROWS, n));
    const prepared = fit.prepare ? fit.prepare(ds, n) : undefined;
    const t = performance.now();
    const layout = fit(ds, n, prepared);
    return { seconds: (performance.now() - t) / 1000, layout };
  };
}

const rowsOf = (ds, n) =>
  Array.from({ length: n }, (_, r) => Array.from(ds.data.subarray(r * ds.cols, (r + 1) * ds.cols)));

const umapJs = (ds, n, rows = rowsOf(ds, n)) =>
  Float32Array.from(new UMAP({ nComponents: 2, random: seededRandom(0) }).fit(rows).flat());
// umap-js takes arrays of arrays: the conversion is data preparation, made before the clock.
umapJs.prepare = rowsOf;

const methods = {
  'layerviz-tsne': inProcess((ds, n) =>
    new Tsne(ds.data.subarray(0, n * ds.cols), n, ds.cols, {
      perplexity: PERPLEXITY,
      iterations: ITERATIONS
    }).fit()
  ),
  openTSNE: async (ds, n) => python('opentsne', ds, n),
  'openTSNE-bh': async (ds, n) => python('opentsne-bh', ds, n),
  'sklearn-tsne': async (ds, n) => python('sklearn-tsne', ds, n),
  'tsne-js': (ds, n) => tsneJs(ds, n),
  'layerviz-umap': inProcess((ds, n) =>
    new Umap(ds.data.subarray(0, n * ds.cols), n, ds.cols, { seed: 0 }).fit()
  ),
  'umap-js': inProcess(umapJs)
};

/**
 * tsne-js in its own process (bench/tsnejs_worker.mjs), stopped `tsnejsLimit` seconds after its
 * clock starts (it says so on stdout once its warm-up is done).
 */
function tsneJs(ds, n) {
  const out = join(work, `tsnejs-${ds.name}-${n}.f32`);
  return new Promise((resolve) => {
    const child = spawn(
      'node',
      [
        'bench/tsnejs_worker.mjs',
        ds.prefix,
        String(n),
        String(ITERATIONS),
        String(PERPLEXITY),
        out
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    );
    let stdout = '';
    let timer;
    let killed = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (!timer && stdout.includes('"started":true')) {
        timer = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, tsnejsLimit * 1000);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (killed || code !== 0) {
        resolve({ seconds: Infinity });
        return;
      }
      const last = JSON.parse(stdout.trim().split('\n').pop());
      resolve({ seconds: last.seconds, layout: readF32(out) });
    });
  });
}

function readF32(path) {
  const raw = readFileSync(path);
  return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
}

function python(method, ds, n, options = {}) {
  const out = join(work, `${method}-${ds.name}-${n}`);
  const result = execFileSync(
    PYTHON,
    [
      'bench/python_methods.py',
      method,
      ds.prefix,
      out,
      JSON.stringify({ rows: n, perplexity: PERPLEXITY, iterations: ITERATIONS, ...options })
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] }
  );
  const parsed = JSON.parse(result.trim().split('\n').pop());
  return { ...parsed, layout: readF32(`${out}.f32`) };
}

const results = [];
const cases = [
  { name: 'digits', sizes: [1797] },
  { name: 'activations', sizes }
].filter((c) => datasets.has(c.name));
const timedOut = new Set();
const chosen = Object.entries(methods).filter(
  ([method]) => !skip.has(method) && (only.size === 0 || only.has(method))
);
for (const c of cases) {
  const ds = { ...load(c.name), name: c.name };
  for (const n of c.sizes.filter((s) => s <= ds.rows)) {
    // Repeat r of every method, then repeat r + 1: a busy spell of the machine hits all alike.
    const runs = Object.fromEntries(chosen.map(([method]) => [method, []]));
    for (let r = 0; r < repeats; r++) {
      for (const [method, run] of chosen) {
        if (method === 'tsne-js' && (r > 0 || timedOut.has(c.name))) {
          continue;
        }
        await waitIdle();
        const stop = othersLoad();
        const result = await run(ds, n);
        result.others = stop();
        runs[method].push(result);
        if (!Number.isFinite(result.seconds) && method === 'tsne-js') {
          timedOut.add(c.name);
        }
        console.log(
          `  ${c.name} n=${n} ${method}: ` +
            (Number.isFinite(result.seconds)
              ? `${result.seconds.toFixed(1)} s`
              : `>${tsnejsLimit} s`) +
            pct(result.others)
        );
      }
    }
    const entries = [];
    for (const [method] of chosen) {
      const mine = runs[method];
      const seconds = mine.length > 0 ? median(mine.map((x) => x.seconds)) : Infinity;
      const q = Number.isFinite(seconds)
        ? quality(ds.data, ds.cols, mine[mine.length - 1].layout, ds.labels, n)
        : {};
      entries.push({
        method,
        dataset: c.name,
        n,
        seconds: Number.isFinite(seconds) ? seconds : null,
        trustworthiness: q.trustworthiness ?? null,
        knn_accuracy: q.knn_accuracy ?? null,
        repeats: mine.length,
        runs_seconds: mine.map((x) => (Number.isFinite(x.seconds) ? x.seconds : null)),
        runs_others_cpu: mine.map((x) => x.others),
        busy_runs: mine.filter((x) => busy(x.others)).length,
        warmup_rows: Math.min(WARMUP_ROWS, n),
        limit_seconds: method === 'tsne-js' ? tsnejsLimit : null
      });
    }
    const base = entries.find((e) => e.method === 'openTSNE')?.seconds;
    for (const entry of entries) {
      entry.ratio_to_opentsne = base && entry.seconds ? entry.seconds / base : null;
    }
    results.push(...entries);
  }
}

if (pcaWidths.length > 0) {
  // Before any clock: the WASM backend's initialisation (compiling its WebAssembly).
  await tf.setBackend('wasm');
  await tf.ready();
}
for (const width of pcaWidths) {
  const ds = { ...load(`pca-${width}`), name: `pca-${width}` };
  const pcaRepeats = Math.max(repeats, 3);
  // Ours and scikit-learn's alternate, so that a busy spell of the machine hits both alike.
  const times = [];
  const skTimes = [];
  const oursOthers = [];
  const skOthers = [];
  let ours;
  let sk;
  for (let r = 0; r < pcaRepeats; r++) {
    // Warm-up on the first WARMUP_ROWS rows (the same width): first calls of the kernels.
    await randomizedPca(ds.data.subarray(0, WARMUP_ROWS * ds.cols), WARMUP_ROWS, ds.cols, {
      components: 50
    });
    await waitIdle();
    let stop = othersLoad();
    const t = performance.now();
    ours = await randomizedPca(ds.data, ds.rows, ds.cols, { components: 50 });
    times.push((performance.now() - t) / 1000);
    oursOthers.push(stop());
    await waitIdle();
    stop = othersLoad();
    sk = python('sklearn-pca', ds, ds.rows, { components: 50 });
    skTimes.push(sk.seconds);
    skOthers.push(stop());
  }
  const evrOurs = Array.from(ours.explainedVarianceRatio.slice(0, 10));
  const evrSk = sk.explained_variance_ratio.slice(0, 10);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const evrDiff = Math.abs(sum(evrOurs) - sum(evrSk)) / sum(evrSk);
  const oursS = median(times);
  const skS = median(skTimes);
  for (const [method, seconds, evr, all, others] of [
    ['layerviz-pca (wasm)', oursS, evrOurs, times, oursOthers],
    ['sklearn-pca', skS, evrSk, skTimes, skOthers]
  ]) {
    results.push({
      method,
      dataset: ds.name,
      n: ds.rows,
      seconds,
      trustworthiness: null,
      knn_accuracy: null,
      repeats: pcaRepeats,
      runs_seconds: all,
      runs_others_cpu: others,
      busy_runs: others.filter(busy).length,
      warmup_rows: WARMUP_ROWS,
      explained_variance_10: sum(evr),
      explained_variance_10_rel_diff: method === 'sklearn-pca' ? 0 : evrDiff,
      ratio_to_sklearn: seconds / skS
    });
  }
  console.log(
    `  pca ${ds.rows}x${width}->50: ours ${oursS.toFixed(2)} s, sklearn ${skS.toFixed(2)} s; ` +
      `others' CPU share per run: ${[...oursOthers, ...skOthers].map((x) => fmt(x, 2)).join(' ')}`
  );
}

const star = (r) => (r.busy_runs > 0 ? ' *' : '');
const busyNote = (rows) => {
  if (rows.some((r) => r.busy_runs > 0)) {
    console.log(
      `*: other processes used more than ${BUSY_SHARE * 100}% of the machine's CPU during ` +
        "at least one of this row's timed runs (runs_others_cpu in the JSON): its time and " +
        'ratio are not reliable; rerun on an otherwise idle machine.'
    );
  }
};
console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`);
const layoutRows = results.filter((e) => e.ratio_to_sklearn === undefined);
if (layoutRows.length > 0) {
  console.log(
    `t-SNE: perplexity ${PERPLEXITY}, ${ITERATIONS} iterations; openTSNE and sklearn with 2 threads\n`
  );
  console.log(
    '| method | dataset | N | seconds (median) | × openTSNE | trustworthiness@10 | 10-NN acc |'
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of layoutRows) {
    const secs = (r.seconds === null ? `>${r.limit_seconds}` : fmt(r.seconds, 1)) + star(r);
    console.log(
      `| ${r.method} | ${r.dataset} | ${r.n} | ${secs} | ${fmt(r.ratio_to_opentsne, 2)} | ` +
        `${fmt(r.trustworthiness)} | ${fmt(r.knn_accuracy)} |`
    );
  }
  console.log(
    `\nseconds: the fit alone (neighbours, affinities, optimisation), median of ${repeats} ` +
      `run(s) (tsne-js: 1), each after one warm-up run of the same method on ${WARMUP_ROWS} rows ` +
      'in the same process; imports, process start, JIT compilation, thread-pool start-up and ' +
      `data loading excluded. tsne-js is stopped ${tsnejsLimit} s after its clock starts. ` +
      "× openTSNE: this row's seconds / openTSNE's, same dataset and N, this run."
  );
  busyNote(layoutRows);
}
if (pcaWidths.length > 0) {
  console.log(
    '\n| PCA → 50 | data | seconds (median) | × sklearn | variance of first 10 | rel. diff |'
  );
  console.log('|---|---|---|---|---|---|');
  const pcaRows = results.filter((e) => e.ratio_to_sklearn !== undefined);
  for (const r of pcaRows) {
    console.log(
      `| ${r.method} | ${r.n} × ${r.dataset.slice(4)} | ${fmt(r.seconds, 2)}${star(r)} | ` +
        `${fmt(r.ratio_to_sklearn, 2)} | ${fmt(r.explained_variance_10, 4)} | ` +
        `${fmt(r.explained_variance_10_rel_diff * 100, 2)}% |`
    );
  }
  console.log(
    '\nseconds: randomizedPca / PCA.fit_transform alone, median of ' +
      `${Math.max(repeats, 3)} runs, each after one warm-up run on ${WARMUP_ROWS} rows of the ` +
      "same data in the same process; imports, process start, the TF.js WASM backend's " +
      'initialisation, BLAS thread-pool start-up and data loading excluded. ' +
      "× sklearn: this row's seconds / scikit-learn's, same data, this run."
  );
  busyNote(pcaRows);
}
mkdirSync(join(args.out, '..'), { recursive: true });
writeFileSync(args.out, JSON.stringify(results, null, 2));
console.log(`\nwritten: ${args.out}`);
