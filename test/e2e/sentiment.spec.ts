import { expect, test } from '@playwright/test';

import { figureSummary, runNewCell } from '../support/lab.mjs';
import { openReadyView } from './ready_view';

const LAYERS = ['embedding', 'bidirectional', 'dropout', 'dense'];
const TEST_SENTENCES = 600;

test('the sentiment notebook shows every layer, and the slider moves the focus', async ({
  page,
  baseURL
}) => {
  const pageErrors = await openReadyView(page, baseURL, 'notebooks/sentiment_bilstm.ipynb');

  const before = await figureSummary(page);
  // One rendered subplot per layer, in model order, each with every test sentence.
  expect(before.subplots.map((s: { layer: string }) => s.layer)).toEqual(LAYERS);
  for (const subplot of before.subplots) {
    expect(subplot.points).toBe(TEST_SENTENCES);
    expect(subplot.renderedGroups).toBe(1);
  }
  expect(before.focus).toBe('embedding');
  expect(widest(before.subplots)).toBe('embedding');

  // The notebook's first widget; a comparison of two models follows it.
  const first = page.locator('.lv-root').first();
  const slider = first.locator('.lv-slider-input');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(first).toHaveAttribute('data-focus', 'bidirectional');
  await expect(first.locator('.lv-slider-label')).toContainText('2/4: bidirectional');
  await expect.poll(async () => widest((await figureSummary(page)).subplots)).toBe('bidirectional');

  // Fidelity: TF.js matched Keras on the probe batch for every layer, shown in the titles and
  // sent back to the kernel as `widget.fidelity`.
  const shown = JSON.parse((await first.getAttribute('data-fidelity')) ?? '{}');
  expect(Object.keys(shown)).toEqual(LAYERS);
  for (const value of Object.values(shown)) {
    expect(value).toBeLessThan(1e-3);
  }
  await expect(first.locator('.lv-plot .annotation-text').first()).toContainText('Δ');
  const printed = await runNewCell(
    page,
    'fid = [v for v in Out.values() if hasattr(v, "fidelity")][-1].fidelity; print("FIDELITY", sorted(fid) == sorted(%s), max(fid.values()) < 1e-3)'.replace(
      '%s',
      JSON.stringify(LAYERS)
    ),
    'FIDELITY'
  );
  expect(printed).toContain('FIDELITY True True');

  // The untrained copy next to the trained model: both laid out, one chart of both depth curves,
  // and training shows in the numbers: the last hidden layer separates the classes better.
  const comparison = page.locator('.lv-comparison');
  await comparison.scrollIntoViewIfNeeded();
  await expect(comparison.locator('.lv-root')).toHaveCount(2, { timeout: 300_000 });
  type Metrics = Record<string, Record<string, { knnAccuracy?: number }>>;
  const measured = async (): Promise<Metrics> =>
    JSON.parse((await comparison.getAttribute('data-metrics')) ?? '{}') as Metrics;
  await expect
    .poll(
      async () => {
        const m = await measured();
        return [Object.keys(m.untrained ?? {}).length, Object.keys(m.trained ?? {}).length];
      },
      { timeout: 300_000 }
    )
    .toEqual([LAYERS.length, LAYERS.length]);
  const m = await measured();
  const untrained = m.untrained?.['dropout']?.knnAccuracy ?? NaN;
  const trained = m.trained?.['dropout']?.knnAccuracy ?? NaN;
  console.log(`last hidden layer k-NN accuracy: untrained ${untrained}, trained ${trained}`);
  expect(trained).toBeGreaterThan(untrained);
  await expect(comparison.locator('.lv-comparison-metrics')).toBeVisible();
  // One slider moves both models.
  const sliders = comparison.locator('.lv-slider-input');
  await sliders.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(comparison.locator('.lv-root').nth(1)).toHaveAttribute(
    'data-focus',
    'bidirectional'
  );

  expect(pageErrors).toEqual([]);
});

function widest(subplots: { layer: string; width: number }[]): string {
  return [...subplots].sort((a, b) => b.width - a.width)[0]?.layer ?? '';
}
