import { expect, test } from '@playwright/test';

import { figureSummary, openNotebook, runAllCells, waitForLayerViz } from '../support/lab.mjs';

test('a model TF.js cannot rebuild is computed in the kernel, with a notice', async ({
  page,
  baseURL
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await openNotebook(page, baseURL, 'test/notebooks/kernel_fallback.ipynb');
  await runAllCells(page);
  const { state, error } = await waitForLayerViz(page);
  expect(error).toBe('');
  expect(state).toBe('ready');

  await expect(page.locator('.lv-notice')).toContainText("'gate' (GRU): reset_after=True");
  await expect(page.locator('.lv-notice')).toContainText(
    'Keras computed these layers in the kernel'
  );
  const summary = await figureSummary(page);
  expect(summary.subplots.map((s) => [s.layer, s.points])).toEqual([
    ['gate', 210],
    ['probs', 210]
  ]);
  expect(pageErrors).toEqual([]);
});
