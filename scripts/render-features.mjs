// Run the sentiment notebook in a real JupyterLab + Chromium and save the README's pictures of
// what no other tool shows: the training timeline (epoch slider and layers × epochs grid) and
// the comparison of an untrained copy with the trained model (depth curves and the CKA between
// the two models' layers).
//
//   node scripts/render-features.mjs BASE_URL OUT_DIR   ->  OUT_DIR/timeline.png, comparison.png
import { join } from 'node:path';

import { chromium } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH, runNotebookToLayerViz } from '../test/support/lab.mjs';

const [baseUrl, out] = process.argv.slice(2);
if (!baseUrl || !out) {
  console.error('usage: node scripts/render-features.mjs BASE_URL OUT_DIR');
  process.exit(2);
}
const notebook = 'notebooks/sentiment_bilstm.ipynb';
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 2100 } });
  console.log('Running the notebook (training with a Recorder, then every layer)…');
  const { state, error } = await runNotebookToLayerViz(page, baseUrl, notebook);
  if (state !== 'ready') {
    throw new Error(`layerviz showed an error: ${error}`);
  }
  const minutes = 5 * 60_000;

  const comparison = page.locator('.lv-comparison').first();
  await comparison.scrollIntoViewIfNeeded();
  await comparison.locator('.lv-comparison-cka').waitFor({ state: 'visible', timeout: minutes });
  await comparison
    .locator('.lv-comparison-metrics')
    .waitFor({ state: 'visible', timeout: minutes });
  await page.waitForTimeout(1000);
  await page
    .locator('.layerviz-comparison')
    .first()
    .screenshot({ path: join(out, 'comparison.png') });
  console.log(`Wrote ${join(out, 'comparison.png')}`);

  // The recorder's widget, on the epoch after the first, so that the grid's outline and the
  // faded curve of the last epoch show beside it.
  const timeline = page.locator('.lv-root').last();
  await timeline.scrollIntoViewIfNeeded();
  await timeline.locator('.lv-epoch-label').waitFor({ timeout: minutes });
  await page.waitForFunction(
    () => [...globalThis.document.querySelectorAll('.lv-root')].at(-1)?.dataset.state === 'ready',
    null,
    { timeout: minutes }
  );
  await timeline.locator('.lv-epoch-input').evaluate((input) => {
    input.value = '1';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(
    () => {
      const root = [...globalThis.document.querySelectorAll('.lv-root')].at(-1);
      return root?.dataset.epoch === '1' && root.dataset.state === 'ready';
    },
    null,
    { timeout: minutes }
  );
  await page.waitForTimeout(1500);
  await page
    .locator('.layerviz-widget')
    .last()
    .screenshot({ path: join(out, 'timeline.png') });
  console.log(`Wrote ${join(out, 'timeline.png')}`);
} finally {
  await browser.close();
}
