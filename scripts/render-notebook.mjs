// Run a notebook in a real JupyterLab + Chromium and save the layerviz widget as a PNG.
//
//   node scripts/render-notebook.mjs BASE_URL NOTEBOOK OUT.png
import { chromium } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH, runNotebookToLayerViz } from '../test/support/lab.mjs';

const [baseUrl, notebook, out] = process.argv.slice(2);
if (!baseUrl || !notebook || !out) {
  console.error('usage: node scripts/render-notebook.mjs BASE_URL NOTEBOOK OUT.png');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  console.log('Running the notebook (training the model, then computing every layer)…');
  const { state, error } = await runNotebookToLayerViz(page, baseUrl, notebook);
  if (state !== 'ready') {
    console.error(`layerviz showed an error: ${error}`);
    process.exitCode = 1;
  }
  const widget = page.locator('.layerviz-widget').first();
  await widget.scrollIntoViewIfNeeded();
  await widget.screenshot({ path: out });
  console.log(`Wrote the rendered widget to ${out}`);
} finally {
  await browser.close();
}
