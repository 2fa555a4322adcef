// The end-to-end benchmark (`npm run bench:e2e`, also part of `npm run bench`): the article's model
// (Embedding → Bidirectional LSTM → Dropout → Dense) on 2,000 sentences in real JupyterLab and
// headless Chromium — from the widget appearing to every layer laid out with t-SNE — against the
// seed's own procedure in Python on the same model and samples in the same run (a truncated Keras
// model per layer, scikit-learn's PCA to 50, then scikit-learn's t-SNE as the article does, or
// openTSNE's). Both sides are warmed up first: the widget is shown once before the timed one (TF.js
// kernels and the WASM module compiled), and the Python side runs every step once on 100 samples;
// imports, the kernel's start and loading the model stay outside every clock.
//
//   npm run bench:e2e -- [--port 8931] [--out out/bench/e2e.json]
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { chromium } from '@playwright/test';

import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  openNotebook,
  runAllCells,
  runNewCell
} from '../test/support/lab.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '8931' },
    out: { type: 'string', default: 'out/bench/e2e.json' }
  }
});
const python = join(root, '.venv', 'bin', 'python');
const work = mkdtempSync(join(tmpdir(), 'layerviz-bench-e2e-'));
const env = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' };

console.log('Training the article model on the sentiment sentences (not timed) ...');
execFileSync(python, [join(root, 'bench', 'e2e_article.py'), 'prepare', work], { env });

const cell = (source) => ({
  cell_type: 'code',
  execution_count: null,
  id: `c${Math.random().toString(36).slice(2, 10)}`,
  metadata: {},
  outputs: [],
  source
});
writeFileSync(
  join(work, 'bench_article.ipynb'),
  JSON.stringify({
    cells: [
      cell(
        'import keras, numpy as np\nimport layerviz\n' +
          'model = keras.models.load_model("article.keras")\n' +
          'x, y = np.load("x.npy"), np.load("y.npy")\n' +
          'warm = layerviz.show(model, x, y)\nwarm'
      )
    ],
    metadata: {
      kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' }
    },
    nbformat: 4,
    nbformat_minor: 5
  })
);

const server = spawn('bash', [join(root, 'test/support/serve-lab.sh'), args.port, work], {
  env,
  stdio: 'ignore'
});
const baseUrl = `http://127.0.0.1:${args.port}`;
for (let i = 0; ; i++) {
  const up = await fetch(`${baseUrl}/lab`).then(
    (r) => r.ok,
    () => false
  );
  if (up) {
    break;
  }
  if (i > 180) {
    throw new Error('JupyterLab did not start in 3 minutes');
  }
  await new Promise((r) => setTimeout(r, 1000));
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
let ours;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await openNotebook(page, baseUrl, 'bench_article.ipynb');
  await runAllCells(page);
  // The warm-up widget: every layer laid out.
  await page.waitForFunction(
    () => {
      const r = document.querySelector('.lv-root');
      return r && r.dataset.shownLayers && r.dataset.laidOut === r.dataset.shownLayers;
    },
    null,
    { timeout: 600_000 }
  );
  // The timed widget: from its appearing to every layer laid out, read in the page every 10 ms.
  await page.evaluate(() => {
    const before = document.querySelectorAll('.lv-root').length;
    const bench = { shown: null, done: null, backend: null };
    window.__bench = bench;
    const timer = setInterval(() => {
      const roots = document.querySelectorAll('.lv-root');
      if (roots.length <= before) {
        return;
      }
      const r = roots[roots.length - 1];
      bench.shown ??= performance.now();
      if (r.dataset.shownLayers && r.dataset.laidOut === r.dataset.shownLayers) {
        bench.done = performance.now();
        bench.backend = r.dataset.backend ?? null;
        clearInterval(timer);
      }
    }, 10);
  });
  await runNewCell(
    page,
    'timed = layerviz.show(model, x, y)\ndisplay(timed)\nprint("shown")',
    'shown'
  );
  await page.waitForFunction(() => window.__bench.done !== null, null, { timeout: 600_000 });
  const bench = await page.evaluate(() => window.__bench);
  ours = { seconds: (bench.done - bench.shown) / 1000, backend: bench.backend };
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
console.log(`layerviz: ${ours.seconds.toFixed(1)} s (TF.js ${ours.backend ?? '?'})`);

const seeds = ['sklearn', 'opentsne'].map((tsne) =>
  JSON.parse(
    execFileSync(python, [join(root, 'bench', 'e2e_article.py'), 'seed', work, tsne], { env })
      .toString()
      .trim()
      .split('\n')
      .pop()
  )
);

console.log('\n## End to end: the article model, 2,000 sentences, 4 layers, t-SNE\n');
console.log('| what | seconds | layerviz ÷ this |');
console.log('| --- | --- | --- |');
console.log(
  `| layerviz in JupyterLab (TF.js ${ours.backend ?? '?'}), widget shown → all layers laid out | ${ours.seconds.toFixed(1)} | 1.00 |`
);
for (const s of seeds) {
  console.log(
    `| ${s.method}: truncated Keras models, PCA to 50, t-SNE | ${s.seconds.toFixed(1)} | ${(ours.seconds / s.seconds).toFixed(2)} |`
  );
}
console.log(
  '\nBoth sides warmed up first (a widget shown before the timed one; every Python step run once ' +
    'on 100 samples); imports, kernel start and model loading outside the clocks. layerviz also ' +
    'draws every layer; the Python side only computes the layouts. A layer with one feature ' +
    '(the sigmoid output) is a strip in layerviz and a t-SNE in the seed.'
);
const out = resolve(root, args.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify({ ours, seeds }, null, 2));
