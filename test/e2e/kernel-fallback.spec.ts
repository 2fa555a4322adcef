import { expect, test } from '@playwright/test';

import { figureSummary, runNotebookToLayerViz } from '../support/lab.mjs';

test('a model TF.js cannot rebuild is computed in the kernel, with a notice', async ({
  page,
  baseURL
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));

  const { state, error } = await runNotebookToLayerViz(
    page,
    baseURL,
    'test/notebooks/kernel_fallback.ipynb'
  );
  expect(error).toBe('');
  expect(state).toBe('ready');

  await expect(page.locator('.lv-notice')).toContainText("'gate' (Conv1D): padding='causal'");
  await expect(page.locator('.lv-notice')).toContainText(
    'Keras computed these layers in the kernel'
  );
  const summary = await figureSummary(page);
  expect(summary.subplots.map((s) => [s.layer, s.points])).toEqual([
    ['gate', 210],
    ['pool', 210],
    ['probs', 210]
  ]);
  expect(pageErrors).toEqual([]);
});
