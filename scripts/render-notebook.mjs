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
  // Tall enough for the whole view: plots, depth chart and the CKA map under it.
  const page = await browser.newPage({ viewport: { width: 1400, height: 1300 } });
  console.log('Running the notebook (training the model, then computing every layer)…');
  const { state, error } = await runNotebookToLayerViz(page, baseUrl, notebook);
  if (state !== 'ready') {
    console.error(`layerviz showed an error: ${error}`);
    process.exitCode = 1;
  }
  const widget = page.locator('.layerviz-widget').first();
  await widget.scrollIntoViewIfNeeded();
  if (state === 'ready') {
    await showLinking(page, page.locator('.lv-root').first());
  }
  await widget.screenshot({ path: out });
  console.log(`Wrote the rendered widget to ${out}`);
} finally {
  await browser.close();
}

/**
 * What the screenshot shows besides the layouts: the second layer in focus, a box selection drawn
 * in the first layer's plot (now a thumbnail) lit up in every layer, and a hovered sample of the
 * first layer in the card and ringed in every layer.
 */
async function showLinking(page, root) {
  const slider = root.locator('.lv-slider-input');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(
    () => globalThis.document.querySelector('.lv-root')?.dataset.animating === 'false'
  );
  const area = await root.locator('.lv-plot .nsewdrag').first().boundingBox();
  if (area === null) {
    return;
  }
  await root.locator('.modebar-btn[data-val="select"]').first().click();
  await page.mouse.move(area.x + area.width * 0.05, area.y + area.height * 0.05);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.45, area.y + area.height * 0.5, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(
    () => Number(globalThis.document.querySelector('.lv-root')?.dataset.selected) > 0
  );
  // Hover the first point of the first layer's first trace.
  const point = await page.evaluate(() => {
    const gd = globalThis.document.querySelector('.lv-root .lv-plot');
    const trace = gd._fullData.find((t) => t.xaxis === 'x' && t.x.length > 0);
    const box = gd.getBoundingClientRect();
    const xa = gd._fullLayout.xaxis;
    const ya = gd._fullLayout.yaxis;
    return trace
      ? {
          x: box.left + xa.l2p(trace.x[0]) + xa._offset,
          y: box.top + ya.l2p(trace.y[0]) + ya._offset
        }
      : null;
  });
  if (point !== null) {
    await page.mouse.move(point.x - 15, point.y - 15);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await page.waitForTimeout(500);
  }
}
