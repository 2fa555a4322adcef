import { expect, type Page, test } from '@playwright/test';

import { drawSelectionBox, figureSummary } from '../support/lab.mjs';
import { NOTEBOOK_PORT, WEB_PORT } from './playwright.config.js';

/** Collect uncaught page errors, to assert there were none. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/** Sum of the absolute coordinates of the web example's final layouts: changes with any layout. */
function layoutsChecksum(page: Page): Promise<number> {
  return page.evaluate(() =>
    window.layervizExample.handle.view.finalLayouts.reduce(
      (sum, l) => sum + l.coords.reduce((s, v) => s + Math.abs(v), 0),
      0
    )
  );
}

test('the Vite page trains a model in the browser and the layer plots follow each epoch', async ({
  page
}) => {
  const errors = pageErrors(page);
  const epochs = 3;
  await page.goto(`http://127.0.0.1:${WEB_PORT}/?epochs=${epochs}&samples=300&method=tsne`);
  // The untrained network is laid out first.
  await page.waitForFunction(() => window.layervizExample?.epochsShown.length === 1, null, {
    timeout: 180_000
  });
  const root = page.locator('.lv-root');
  await expect(root).toHaveAttribute('data-state', 'ready');
  const untrained = await layoutsChecksum(page);
  const layers = await page.evaluate(() => window.layervizExample.handle.layers);
  expect(layers).toEqual(['hidden1', 'hidden2', 'probs']);
  // Then the plots are computed again after epochs, the last one included.
  await page.waitForFunction((last) => window.layervizExample.epochsShown.at(-1) === last, epochs, {
    timeout: 240_000
  });
  await expect(root).toHaveAttribute('data-state', 'ready');
  const shown = await page.evaluate(() => window.layervizExample.epochsShown);
  expect(shown.length).toBeGreaterThanOrEqual(2);
  expect(await layoutsChecksum(page)).not.toBeCloseTo(untrained, 3);
  const accuracy = await page.evaluate(() => window.layervizExample.accuracy);
  expect(accuracy).toBeGreaterThan(0.8);
  await expect(page.locator('#status')).toContainText(`Epoch ${epochs} of ${epochs}`);
  // Every layer is drawn with every sample.
  const summary = await figureSummary(page);
  expect(summary.subplots.map((p) => [p.layer, p.points])).toEqual([
    ['hidden1', 300],
    ['hidden2', 300],
    ['probs', 300]
  ]);
  expect(await page.evaluate(() => window.layervizExample.error)).toBeNull();
  expect(errors).toEqual([]);
});

test('the notebook page of ES module cells drives renderLayerViz through its handle', async ({
  page
}) => {
  const errors = pageErrors(page);
  await page.goto(`http://127.0.0.1:${NOTEBOOK_PORT}/?epochs=3&method=tsne`);
  // Every cell shows its source and runs: the view cell resolves once all layers are laid out.
  await page.waitForFunction(() => window.notebook !== undefined);
  await page.evaluate(() => window.notebook.value('selection'));
  await expect(page.locator('pre.cell-source')).toHaveCount(6);
  for (const name of ['digits', 'model', 'layers', 'view', 'controls', 'selection']) {
    await expect(page.locator(`[data-output="${name}"]`)).toHaveAttribute('data-state', 'done');
  }
  await expect(page.locator('[data-output="model"]')).toContainText('Trained 3 epochs');
  // @layerviz/core's own bundle, imported by a cell through the import map.
  await expect(page.locator('[data-output="layers"] tr')).toHaveText([
    'layerclassoutput',
    'hidden1Dense(N, 32)',
    'hidden2Dense(N, 16)',
    'probsDense(N, 10)'
  ]);
  const root = page.locator('.lv-root');
  await expect(root).toHaveAttribute('data-state', 'ready');
  await expect(root).toHaveAttribute('data-source', 'model');

  // select(): the 7s among the 500 shown, in every layer and in the selection cell.
  const sevens = await page.evaluate(async () => {
    const digits = (await window.notebook.value('digits')) as { labels: number[] };
    return digits.labels.slice(0, 500).filter((label) => label === 7).length;
  });
  expect(sevens).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Select every 7' }).click();
  await expect(page.locator('[data-output="selection"] caption')).toHaveText(
    `${sevens} digits selected`
  );
  await expect(root).toHaveAttribute('data-selected', String(sevens));

  // A box drawn with the mouse in the large plot reaches on('selection') too.
  await drawSelectionBox(page, root, [0.1, 0.1], [0.9, 0.9]);
  const drawn = await page.evaluate(async () => {
    const view = (await window.notebook.value('view')) as { selection: number[] | null };
    return view.selection?.length ?? 0;
  });
  expect(drawn).toBeGreaterThan(sevens);
  await expect(page.locator('[data-output="selection"] caption')).toHaveText(
    `${drawn} digits selected`
  );

  // setLayer(), by name from the page's menu and by position; on('layer') keeps the menu in sync.
  const menu = page.getByLabel('Layer shown large');
  await menu.selectOption('hidden1');
  await expect(root).toHaveAttribute('data-focus', 'hidden1');
  await page.evaluate(async () => {
    const view = (await window.notebook.value('view')) as { setLayer(l: number): void };
    view.setLayer(2);
  });
  await expect(menu).toHaveValue('probs');
  const unknown = await page.evaluate(async () => {
    const view = (await window.notebook.value('view')) as { setLayer(l: string): void };
    try {
      view.setLayer('nope');
      return '';
    } catch (err) {
      return String(err);
    }
  });
  expect(unknown).toContain('no layer "nope"; the layers are hidden1, hidden2, probs');

  // export(): a PNG the page shows.
  await page.getByRole('button', { name: 'Export PNG' }).click();
  const image = page.getByAltText('The exported figure');
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 30_000 })
    .toBeGreaterThan(500);

  // dispose(): the view leaves the page and its layout worker stops.
  const after = await page.evaluate(async () => {
    const view = (await window.notebook.value('view')) as { dispose(): void };
    view.dispose();
    return document.querySelectorAll('.lv-root').length;
  });
  expect(after).toBe(0);
  expect(errors).toEqual([]);
});
