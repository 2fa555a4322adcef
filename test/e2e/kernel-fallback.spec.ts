import { expect, test } from '@playwright/test';

import { figureSummary } from '../support/lab.mjs';
import { openReadyView } from './ready_view';

test('a model TF.js cannot rebuild is computed in the kernel, with a notice', async ({
  page,
  baseURL
}) => {
  const pageErrors = await openReadyView(page, baseURL, 'test/notebooks/kernel_fallback.ipynb');

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
