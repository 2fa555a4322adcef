// t-SNE and UMAP: ours against openTSNE (FFT and Barnes-Hut, 2 threads) and umap-js, with
// trustworthiness@10 of each layout. Not a test; run after `npx tsc -b packages/core`:
//
//   node packages/core/test/perf/tsne_vs_opentsne.mjs [--sizes 10000,20000] [--data act,syn50]
//        [--methods tsne,openTSNE-fft,openTSNE-bh,umap,umap@200,umap-js] [--python .venv/bin/python]
//        [--wait-idle 120]
//
// Every method runs once on the first 200 rows (JIT / thread-pool warm-up, imports done) and then
// once timed on N rows; data loading and conversion stay outside the clock. t-SNE: perplexity 30,
// 750 iterations of which 250 exaggerated; UMAP: each library's defaults. Trustworthiness@10 is
// scored against the input on a fixed sample of 1,000 query rows, as in bench/run.mjs. Before each
// timed run the script waits (up to --wait-idle seconds) for a second in which the machine's CPUs
// are at least 90% idle, and it reports the machine's busy share during the run (`busy`: 0.5 is
// one core of two, ours; openTSNE's two threads alone make 1.0): other people's work on a shared
// machine slows a two-thread run more than a one-thread one.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { UMAP } from 'umap-js';

import { knnAccuracy, seededRandom, trustworthiness, Tsne, Umap } from '../../lib/reduce/index.js';
import { dataset } from './data.mjs';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,20000' },
    data: { type: 'string', default: 'act,syn50' },
    methods: { type: 'string', default: 'tsne,openTSNE-fft,openTSNE-bh' },
    python: { type: 'string', default: '.venv/bin/python' },
    'wait-idle': { type: 'string', default: '120' }
  }
});

/** CPU time counters of the whole machine (Linux /proc/stat): busy and total jiffies. */
function cpuTimes() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1);
  const values = fields.map(Number);
  const idle = values[3] + (values[4] ?? 0);
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

function busyShare(from, to) {
  return (to.busy - from.busy) / Math.max(1, to.total - from.total);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Wait until a second passes with the CPUs at least 90% idle, or `--wait-idle` seconds. */
function waitIdle() {
  const deadline = Date.now() + Number(args['wait-idle']) * 1000;
  while (Date.now() < deadline) {
    const before = cpuTimes();
    sleep(1000);
    if (busyShare(before, cpuTimes()) <= 0.1) {
      return;
    }
  }
}
const WARMUP = 200;
const work = mkdtempSync(join(tmpdir(), 'layerviz-perf-'));

// openTSNE in its own process: imports and a warm-up before the clock, as bench/python_methods.py.
const PYTHON = `
import json, sys, time
import numpy as np
from openTSNE import TSNE
path, n, cols, method, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
x = np.fromfile(path, dtype=np.float32).reshape(n, cols)
def fit(x):
    return np.asarray(TSNE(perplexity=30, n_iter=500, early_exaggeration_iter=250, n_jobs=2,
                           random_state=0, negative_gradient_method=method).fit(x))
fit(np.ascontiguousarray(x[:${WARMUP}]))
start = time.perf_counter()
y = fit(x)
seconds = time.perf_counter() - start
np.ascontiguousarray(y, dtype=np.float32).tofile(out)
print(json.dumps({"seconds": seconds}))
`;
writeFileSync(join(work, 'opentsne.py'), PYTHON);

function openTsne(x, n, cols, method) {
  const input = join(work, 'x.f32');
  const out = join(work, 'y.f32');
  writeFileSync(input, x);
  const stdout = execFileSync(
    args.python,
    [join(work, 'opentsne.py'), input, String(n), String(cols), method, out],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }
  );
  const raw = readFileSync(out);
  return {
    seconds: JSON.parse(stdout.trim().split('\n').pop()).seconds,
    layout: new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4)
  };
}

function inProcess(fit, x, n, cols) {
  fit(x.subarray(0, WARMUP * cols), WARMUP);
  const t = performance.now();
  const layout = fit(x, n);
  return { seconds: (performance.now() - t) / 1000, layout };
}

function rowsOf(x, n, cols) {
  return Array.from({ length: n }, (_, r) => Array.from(x.subarray(r * cols, (r + 1) * cols)));
}

const methods = {
  tsne: (x, n, cols) =>
    inProcess(
      (d, m) => new Tsne(d, m, cols, { perplexity: 30, iterations: 750 }).fit(),
      x,
      n,
      cols
    ),
  'openTSNE-fft': (x, n, cols) => openTsne(x, n, cols, 'fft'),
  'openTSNE-bh': (x, n, cols) => openTsne(x, n, cols, 'bh'),
  umap: (x, n, cols) => inProcess((d, m) => new Umap(d, m, cols, { seed: 0 }).fit(), x, n, cols),
  'umap-js': (x, n, cols) => {
    new UMAP({ nComponents: 2, random: seededRandom(0) }).fit(rowsOf(x, WARMUP, cols));
    const rows = rowsOf(x, n, cols); // umap-js takes arrays of rows: preparation, off the clock
    const t = performance.now();
    const layout = new UMAP({ nComponents: 2, random: seededRandom(0) }).fit(rows);
    return { seconds: (performance.now() - t) / 1000, layout: Float32Array.from(layout.flat()) };
  }
};

const results = [];
for (const name of args.data.split(',')) {
  for (const n of args.sizes.split(',').map(Number)) {
    const { x, cols, labels } = dataset(name, n);
    const random = seededRandom(11);
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const queries = n > 2000 ? order.slice(0, 1000) : undefined;
    for (const method of args.methods.split(',')) {
      waitIdle();
      const before = cpuTimes();
      // `umap@200`: our UMAP with 200 epochs.
      const epochs = method.split('@')[1];
      const { seconds, layout } =
        epochs === undefined
          ? methods[method](x, n, cols)
          : inProcess(
              (d, m) => new Umap(d, m, cols, { seed: 0, epochs: Number(epochs) }).fit(),
              x,
              n,
              cols
            );
      const busy = busyShare(before, cpuTimes());
      const row = {
        data: name,
        n,
        cols,
        method,
        seconds: +seconds.toFixed(1),
        busy: +busy.toFixed(2),
        trustworthiness: +trustworthiness(x, cols, layout, 2, { k: 10, queries }).toFixed(4),
        knnAccuracy: +knnAccuracy(layout, 2, labels, 10).toFixed(4)
      };
      results.push(row);
      console.log(JSON.stringify(row));
    }
  }
}
console.log(
  '\n| data | N | method | seconds | × reference | trustworthiness@10 | 10-NN acc | busy |'
);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) {
  // t-SNE rows against the faster openTSNE run, UMAP rows against umap-js.
  const umap = r.method.startsWith('umap');
  const peers = results.filter(
    (p) =>
      p.data === r.data &&
      p.n === r.n &&
      (umap ? p.method === 'umap-js' : p.method.startsWith('openTSNE'))
  );
  const best = Math.min(...peers.map((p) => p.seconds));
  const ratio = Number.isFinite(best) ? (r.seconds / best).toFixed(2) : '—';
  console.log(
    `| ${r.data} | ${r.n} | ${r.method} | ${r.seconds} | ${ratio} | ${r.trustworthiness} | ` +
      `${r.knnAccuracy} | ${r.busy} |`
  );
}
console.log(
  '\n× reference: t-SNE rows / the faster of openTSNE-fft and openTSNE-bh, UMAP rows / umap-js, ' +
    'same data and N, this run. busy: share of the two CPUs in use during the run (all processes).'
);
