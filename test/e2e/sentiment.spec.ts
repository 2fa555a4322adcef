import { expect, test } from '@playwright/test';

import { figureSummary, openNotebook, runAllCells, waitForLayerViz } from '../support/lab.mjs';

const LAYERS = ['embedding', 'bidirectional', 'dropout', 'dense'];
const TEST_SENTENCES = 600;

test('the sentiment notebook shows every layer, and the slider moves the focus', async ({
  page,
  baseURL
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));

  await openNotebook(page, baseURL, 'notebooks/sentiment_bilstm.ipynb');
  await runAllCells(page);
  const { state, error } = await waitForLayerViz(page);
  expect(error).toBe('');
  expect(state).toBe('ready');

  const before = await figureSummary(page);
  // One rendered subplot per layer, in model order, each with every test sentence.
  expect(before.subplots.map((s: { layer: string }) => s.layer)).toEqual(LAYERS);
  for (const subplot of before.subplots) {
    expect(subplot.points).toBe(TEST_SENTENCES);
    expect(subplot.renderedGroups).toBe(1);
  }
  expect(before.focus).toBe('embedding');
  expect(widest(before.subplots)).toBe('embedding');

  const slider = page.locator('.lv-slider-input');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.lv-root')).toHaveAttribute('data-focus', 'bidirectional');
  await expect(page.locator('.lv-slider-label')).toContainText('2/4: bidirectional');
  await expect.poll(async () => widest((await figureSummary(page)).subplots)).toBe('bidirectional');

  expect(pageErrors).toEqual([]);
});

function widest(subplots: { layer: string; width: number }[]): string {
  return [...subplots].sort((a, b) => b.width - a.width)[0]?.layer ?? '';
}
