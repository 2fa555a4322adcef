// The reduction benchmark (`npm run bench`): every method on the same data in one run.
//
//   npm run bench -- [--sizes 1000,5000,10000,20000] [--repeats 1] [--tsnejs-limit 120]
//                    [--out out/bench/results.json] [--skip tsne-js,umap-js] [--no-pca]
//
// t-SNE methods share perplexity 30 and 750 iterations (250 of early exaggeration); quality is
// measured the same way for all: trustworthiness@10 against the input features (on a fixed sample
// of 1,000 query points when N > 2,000) and leave-one-out 10-NN accuracy of the 2-D layout.
import { execFileSync, spawnSync } from 'node:child_process';
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
    'no-pca': { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: 'out/bench/data' }
  }
});
const PYTHON = process.env.LAYERVIZ_PYTHON ?? '.venv/bin/python';
const PERPLEXITY = 30;
const ITERATIONS = 750;
const sizes = args.sizes.split(',').map(Number);
const repeats = Math.max(1, Number(args.repeats));
const tsnejsLimit = Number(args['tsnejs-limit']);
const skip = new Set(args.skip.split(',').filter(Boolean));
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

/** Each method: (dataset, n) → { seconds, layout } or { seconds: Infinity } past a limit. */
const methods = {
  'layerviz-tsne': (ds, n) => {
    const x = ds.data.subarray(0, n * ds.cols);
    const t = performance.now();
    const layout = new Tsne(x, n, ds.cols, {
      perplexity: PERPLEXITY,
      iterations: ITERATIONS
    }).fit();
    return { seconds: (performance.now() - t) / 1000, layout };
  },
  openTSNE: (ds, n) => python('opentsne', ds, n),
  'openTSNE-bh': (ds, n) => python('opentsne-bh', ds, n),
  'sklearn-tsne': (ds, n) => python('sklearn-tsne', ds, n),
  'tsne-js': (ds, n) => {
    const out = join(work, `tsnejs-${ds.name}-${n}.f32`);
    const run = spawnSync(
      'node',
      [
        'bench/tsnejs_worker.mjs',
        ds.prefix,
        String(n),
        String(ITERATIONS),
        String(PERPLEXITY),
        out
      ],
      { timeout: tsnejsLimit * 1000, encoding: 'utf8', maxBuffer: 1 << 26 }
    );
    if (run.error || run.status !== 0) {
      return { seconds: Infinity };
    }
    return {
      seconds: JSON.parse(run.stdout.trim().split('\n').pop()).seconds,
      layout: readF32(out)
    };
  },
  'layerviz-umap': (ds, n) => {
    const x = ds.data.subarray(0, n * ds.cols);
    const t = performance.now();
    const layout = new Umap(x, n, ds.cols, { seed: 0 }).fit();
    return { seconds: (performance.now() - t) / 1000, layout };
  },
  'umap-js': (ds, n) => {
    const rows = Array.from({ length: n }, (_, r) =>
      Array.from(ds.data.subarray(r * ds.cols, (r + 1) * ds.cols))
    );
    const t = performance.now();
    const umap = new UMAP({ nComponents: 2, random: seededRandom(0) });
    const layout = Float32Array.from(umap.fit(rows).flat());
    return { seconds: (performance.now() - t) / 1000, layout };
  }
};

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
];
const timedOut = new Set();
for (const c of cases) {
  const ds = { ...load(c.name), name: c.name };
  for (const n of c.sizes.filter((s) => s <= ds.rows)) {
    const row = {};
    for (const [method, run] of Object.entries(methods)) {
      if (skip.has(method)) {
        continue;
      }
      if (method === 'tsne-js' && timedOut.has(c.name)) {
        row[method] = { seconds: Infinity };
      } else {
        const runs = [];
        for (let r = 0; r < (method === 'tsne-js' ? 1 : repeats); r++) {
          runs.push(run(ds, n));
        }
        const seconds = median(runs.map((x) => x.seconds));
        const last = runs[runs.length - 1];
        row[method] = Number.isFinite(seconds)
          ? { seconds, ...quality(ds.data, ds.cols, last.layout, ds.labels, n) }
          : { seconds };
        if (!Number.isFinite(seconds)) {
          timedOut.add(c.name);
        }
      }
      const r = row[method];
      const entry = {
        method,
        dataset: c.name,
        n,
        seconds: Number.isFinite(r.seconds) ? r.seconds : null,
        trustworthiness: r.trustworthiness ?? null,
        knn_accuracy: r.knn_accuracy ?? null,
        repeats: method === 'tsne-js' ? 1 : repeats,
        limit_seconds: method === 'tsne-js' ? tsnejsLimit : null
      };
      results.push(entry);
      console.log(
        `  ${c.name} n=${n} ${method}: ` +
          (Number.isFinite(r.seconds) ? `${r.seconds.toFixed(1)} s` : `>${tsnejsLimit} s`)
      );
    }
    const base = row.openTSNE?.seconds;
    for (const entry of results.filter((e) => e.dataset === c.name && e.n === n)) {
      entry.ratio_to_opentsne = base && entry.seconds ? entry.seconds / base : null;
    }
  }
}

if (!args['no-pca']) {
  await tf.setBackend('wasm');
  for (const width of [128, 1024, 8192]) {
    const ds = { ...load(`pca-${width}`), name: `pca-${width}` };
    const times = [];
    let ours;
    for (let r = 0; r < Math.max(repeats, 3); r++) {
      const t = performance.now();
      ours = await randomizedPca(ds.data, ds.rows, ds.cols, { components: 50 });
      times.push((performance.now() - t) / 1000);
    }
    const skTimes = [];
    let sk;
    for (let r = 0; r < Math.max(repeats, 3); r++) {
      sk = python('sklearn-pca', ds, ds.rows, { components: 50 });
      skTimes.push(sk.seconds);
    }
    const evrOurs = Array.from(ours.explainedVarianceRatio.slice(0, 10));
    const evrSk = sk.explained_variance_ratio.slice(0, 10);
    const sum = (xs) => xs.reduce((a, b) => a + b, 0);
    const evrDiff = Math.abs(sum(evrOurs) - sum(evrSk)) / sum(evrSk);
    const oursS = median(times);
    const skS = median(skTimes);
    for (const [method, seconds, evr] of [
      ['layerviz-pca (wasm)', oursS, evrOurs],
      ['sklearn-pca', skS, evrSk]
    ]) {
      results.push({
        method,
        dataset: ds.name,
        n: ds.rows,
        seconds,
        trustworthiness: null,
        knn_accuracy: null,
        repeats: Math.max(repeats, 3),
        explained_variance_10: sum(evr),
        explained_variance_10_rel_diff: method === 'sklearn-pca' ? 0 : evrDiff,
        ratio_to_sklearn: seconds / skS
      });
    }
    console.log(
      `  pca 10000x${width}->50: ours ${oursS.toFixed(2)} s, sklearn ${skS.toFixed(2)} s`
    );
  }
}

const fmt = (v, d = 3) => (v === null || v === undefined ? '—' : v.toFixed(d));
console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`);
console.log(
  `t-SNE: perplexity ${PERPLEXITY}, ${ITERATIONS} iterations; openTSNE and sklearn with 2 threads\n`
);
console.log(
  '| method | dataset | N | seconds (median) | × openTSNE | trustworthiness@10 | 10-NN acc |'
);
console.log('|---|---|---|---|---|---|---|');
for (const r of results.filter((e) => e.ratio_to_sklearn === undefined)) {
  const secs = r.seconds === null ? `>${r.limit_seconds}` : fmt(r.seconds, 1);
  console.log(
    `| ${r.method} | ${r.dataset} | ${r.n} | ${secs} | ${fmt(r.ratio_to_opentsne, 2)} | ` +
      `${fmt(r.trustworthiness)} | ${fmt(r.knn_accuracy)} |`
  );
}
if (!args['no-pca']) {
  console.log(
    '\n| PCA → 50 | data | seconds (median) | × sklearn | variance of first 10 | rel. diff |'
  );
  console.log('|---|---|---|---|---|---|');
  for (const r of results.filter((e) => e.ratio_to_sklearn !== undefined)) {
    console.log(
      `| ${r.method} | ${r.n} × ${r.dataset.slice(4)} | ${fmt(r.seconds, 2)} | ` +
        `${fmt(r.ratio_to_sklearn, 2)} | ${fmt(r.explained_variance_10, 4)} | ` +
        `${fmt(r.explained_variance_10_rel_diff * 100, 2)}% |`
    );
  }
}
mkdirSync(join(args.out, '..'), { recursive: true });
writeFileSync(args.out, JSON.stringify(results, null, 2));
console.log(`\nwritten: ${args.out}`);
