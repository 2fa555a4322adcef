// The load benchmark (`npm run bench:load`, also the last section of `npm run bench`): layerviz in
// headless Chromium on N samples of 64 features through a 4-layer model, against a baseline in
// the same run — the same number of points drawn straight with Plotly in 4 WebGL subplots, which
// is the least any page showing them must do. Per N it reports the time to the first plot and to
// every layer's final layout, the peak JS heap of the page (the layout worker's own heap is not
// included) and of TF.js, and frames per second while the pointer moves over the focused plot,
// with ratios to the baseline.
//
//   npm run bench:load -- [--sizes 2000,10000,20000,50000] [--method pca] [--tsne-limit 10000]
//                         [--backend auto|webgl|wasm|cpu] [--workers 2]
//                         [--out out/bench/load.json]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { chromium } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/lab.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2000,10000,20000,50000' },
    method: { type: 'string', default: 'pca' },
    'tsne-limit': { type: 'string', default: '10000' },
    // auto: the view's own choice (WASM where WebGL is software-rendered, as here).
    backend: { type: 'string', default: 'auto' },
    // Layout workers of the view; default its own choice (one per core but one).
    workers: { type: 'string' },
    out: { type: 'string', default: 'out/bench/load.json' }
  }
});
const sizes = args.sizes.split(',').map(Number);
const tsneLimit = Number(args['tsne-limit']);
// PCA layouts for every N (the view's own load: forward pass, reduction, worker, drawing), and
// t-SNE, the default, where it finishes in minutes on this machine (see the reduction benchmark).
const runs = sizes.flatMap((n) => [
  { n, method: args.method },
  ...(args.method !== 'tsne' && n <= tsneLimit ? [{ n, method: 'tsne' }] : [])
]);

const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info']
});

/** One fresh page per measurement: nothing left over from the previous one. */
async function measure(kind, n, method) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.route('http://bench.local/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = join(root, path === '/' ? 'bench/load/page.html' : path);
    return route.fulfill({ path: file, contentType: types[file.slice(file.lastIndexOf('.'))] });
  });
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('http://bench.local/bench/load/page.html');
  await page.waitForFunction(() => window.benchReady === true);
  const result = await page.evaluate(
    ([k, size, m, b, w]) =>
      k === 'layerviz' ? window.bench.layerviz(size, m, b, w) : window.bench.baseline(size),
    [kind, n, method, args.backend, args.workers === undefined ? undefined : Number(args.workers)]
  );
  // Hover: the pointer crosses the focused plot (the first plot area) for about 2 s.
  const area = await page.locator('.nsewdrag').first().boundingBox();
  await page.evaluate(() => (window.stopFrames = window.bench.countFrames()));
  for (let i = 0; i <= 80; i++) {
    const t = i / 80;
    await page.mouse.move(
      area.x + area.width * (0.1 + 0.8 * t),
      area.y + area.height * (0.2 + (0.6 * ((i * 7) % 80)) / 80)
    );
    await page.waitForTimeout(25);
  }
  const hoverFps = await page.evaluate(() => window.stopFrames());
  await page.close();
  if (errors.length > 0 || !result.ok) {
    throw new Error(`${kind} N=${n}: ${errors.join('; ') || 'did not finish'}`);
  }
  return { kind, n, method: kind === 'layerviz' ? method : 'plotly', ...result, hoverFps };
}

const mb = (bytes) => (bytes / 2 ** 20).toFixed(0);
const s = (ms) => (ms / 1000).toFixed(2);
const rows = [];
console.log(
  '| N | what | first plot (s) | × baseline | all layouts (s) | + metrics (s) | peak JS heap (MiB) | peak TF.js (MiB) | hover fps | × baseline |'
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const n of sizes) {
  const base = await measure('baseline', n, null);
  rows.push(base);
  console.log(
    `| ${n} | Plotly alone (baseline) | ${s(base.firstPlotMs)} | 1.00 | — | — | ${mb(base.peakHeap)} | — | ${base.hoverFps.toFixed(0)} | 1.00 |`
  );
  for (const run of runs.filter((r) => r.n === n)) {
    const r = await measure('layerviz', n, run.method);
    rows.push(r);
    console.log(
      `| ${n} | layerviz, ${run.method} (${r.backend}, ${r.layoutLanes} worker${r.layoutLanes === 1 ? '' : 's'}) | ${s(r.firstPlotMs)} | ${(r.firstPlotMs / base.firstPlotMs).toFixed(1)} | ${s(r.allLayoutsMs)} | ${s(r.metricsMs)} | ${mb(r.peakHeap)} | ${mb(r.peakTfBytes)} | ${r.hoverFps.toFixed(0)} | ${(r.hoverFps / base.hoverFps).toFixed(2)} |`
    );
  }
}
await browser.close();
console.log(
  '\nfirst plot / all layouts / + metrics: from the call of renderLayerViz (baseline: of ' +
    'Plotly.newPlot) in a fresh page, its scripts already loaded and the TF.js backends started ' +
    '(WASM compiled), so imports, WASM compilation and data generation are excluded; a cold ' +
    'start otherwise, for layerviz and the baseline alike (WebGL shader compilation, the layout ' +
    "worker's start-up, JIT): what a user waits for, not a warmed-up figure. In brackets: the " +
    'TF.js backend the view ran on.'
);
mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, JSON.stringify({ date: new Date().toISOString(), rows }, null, 2));
console.log(`\nwrote ${args.out}`);
