import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { drawSelectionBox, figureSummary } from '../support/lab.mjs';
import { focusedPoints, moveEpochSlider } from './epochs';

const REPO = join(__dirname, '..', '..');
const PYTHON = join(REPO, '.venv', 'bin', 'python');

/** What the report page exposes for tests (packages/jupyterlab/src/report/entry.ts). */
interface ReportWindow {
  layervizReport: {
    shown: Promise<boolean>;
    view: { exportAs(format: string, scale?: number): Promise<{ data: Uint8Array }> };
  };
}

test('python -m layerviz report writes one offline HTML file with every layer, linked', async ({
  browser
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'layerviz-report-'));
  const env = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' };
  execFileSync(PYTHON, [join(__dirname, 'make_report_inputs.py'), dir], { env, stdio: 'pipe' });
  const report = join(dir, 'report.html');
  const out = execFileSync(
    PYTHON,
    [
      '-m',
      'layerviz',
      'report',
      ...['model.keras', 'x.npy', 'y.npy'].map((f) => join(dir, f))
    ].concat(['--out', report, '--title', 'Digits, layer by layer']),
    { env, encoding: 'utf8' }
  );
  expect(out).toMatch(/^wrote .*report\.html \([\d.]+ MB\)/);
  // Small enough to e-mail: 2,000 samples, four layers (scripts/check-wheel.sh holds the same limit).
  const bytes = statSync(report).size;
  console.log(`report of 2,000 samples and 4 layers: ${(bytes / 1e6).toFixed(1)} MB`);
  expect(bytes).toBeLessThan(5e6);

  // Opened in a context that can reach nothing but the file.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const url = 'http://layerviz.offline/report.html';
  const refused: string[] = [];
  await context.route('**/*', async (route) => {
    if (route.request().url() === url) {
      await route.fulfill({ path: report, contentType: 'text/html' });
    } else {
      refused.push(route.request().url());
      await route.abort();
    }
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url);
  await expect(page.locator('h1')).toHaveText('Digits, layer by layer');
  await expect(page.locator('.layerviz-summary')).toContainText(
    '2,000 samples; layers: hidden1, hidden2, hidden3, probs; activations computed by Keras'
  );
  const root = page.locator('.lv-root');
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 240_000 });
  await expect(root).toHaveAttribute('data-source', 'activations');
  expect(await page.evaluate(() => (window as unknown as ReportWindow).layervizReport.shown)).toBe(
    true
  );

  // Every layer drawn with every sample; metrics measured; the legend names the classes.
  const summary = await figureSummary(page);
  expect(summary.subplots.map((p) => [p.layer, p.points])).toEqual([
    ['hidden1', 2000],
    ['hidden2', 2000],
    ['hidden3', 2000],
    ['probs', 2000]
  ]);
  await expect(page.locator('.legendtext').filter({ hasText: 'digit 7' })).toHaveCount(1);
  const metrics = JSON.parse((await root.getAttribute('data-metrics')) ?? '{}') as Record<
    string,
    { knnAccuracy: number }
  >;
  expect(Object.keys(metrics)).toEqual(['hidden1', 'hidden2', 'hidden3', 'probs']);
  expect(metrics['probs']?.knnAccuracy).toBeGreaterThan(0.8);

  // A box drawn in the large plot selects the same samples in every layer, without a kernel.
  await drawSelectionBox(page, root, [0.05, 0.05], [0.6, 0.95]);
  const highlighted = await page.evaluate(() => {
    const gd = document.querySelector('.lv-plot') as unknown as {
      _fullData: { selectedpoints?: number[]; meta?: { layer?: string } }[];
    };
    const counts: Record<string, number> = {};
    for (const t of gd._fullData) {
      const layer = t.meta?.layer ?? '';
      counts[layer] = (counts[layer] ?? 0) + (t.selectedpoints?.length ?? 0);
    }
    return counts;
  });
  const selected = Number(await root.getAttribute('data-selected'));
  expect(Object.values(highlighted)).toEqual([selected, selected, selected, selected]);

  // The slider moves the focus; PNG export works; so does HTML, with the page's own Plotly inlined.
  await page.locator('.lv-root .lv-slider-input').focus();
  await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('data-focus', 'hidden2');
  const png = await page.evaluate(async () => {
    const file = await (window as unknown as ReportWindow).layervizReport.view.exportAs('png', 1);
    return file.data.length;
  });
  expect(png).toBeGreaterThan(10_000);
  const html = await page.evaluate(async () => {
    const file = await (window as unknown as ReportWindow).layervizReport.view.exportAs('html');
    return new TextDecoder().decode(file.data);
  });
  expect(html).toContain('plotly.js v');
  expect(html).toContain('"hidden2"');

  expect(refused).toEqual([]);
  expect(errors).toEqual([]);
  await context.close();
});

test("a recorder's report moves between its epochs offline", async ({ browser }) => {
  const dir = mkdtempSync(join(tmpdir(), 'layerviz-recorder-report-'));
  const env = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' };
  execFileSync(PYTHON, [join(__dirname, 'make_recorder_report.py'), dir], { env, stdio: 'pipe' });
  const report = join(dir, 'recorder.html');
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const url = 'http://layerviz.offline/recorder.html';
  await context.route('**/*', async (route) => {
    if (route.request().url() === url) {
      await route.fulfill({ path: report, contentType: 'text/html' });
    } else {
      await route.abort();
    }
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url);
  await expect(page.locator('.layerviz-summary')).toContainText(
    'recorded before training and after 3 epochs'
  );
  const root = page.locator('.lv-root');
  const caption = page.locator('.lv-epoch-label');
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 240_000 });
  await expect(caption).toHaveText('Epoch 3 of 3');
  await expect(page.locator('.lv-epoch-input')).toBeEnabled();
  const trained = await focusedPoints(page);
  expect(trained.length).toBe(2 * 300);

  // Before training: that epoch's activations come from the page, and the layer is drawn anew.
  await moveEpochSlider(page, 0);
  await expect(caption).toHaveText('Before training');
  await expect(root).toHaveAttribute('data-epoch', '0');
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await expect.poll(() => focusedPoints(page)).not.toEqual(trained);
  expect((await focusedPoints(page)).length).toBe(2 * 300);

  // Play steps through every epoch to the last, offline.
  await page.locator('.lv-epoch-play').click();
  await expect(caption).toHaveText('Epoch 3 of 3', { timeout: 120_000 });
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  expect(errors).toEqual([]);
  await context.close();
});
