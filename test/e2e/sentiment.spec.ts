import { expect, type Locator, test } from '@playwright/test';

import { figureSummary, runNewCell } from '../support/lab.mjs';
import { moveEpochSlider } from './epochs';
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
  // sent back to the kernel as `widget.fidelity` (of the first widget: the magic's).
  const shown = JSON.parse((await first.getAttribute('data-fidelity')) ?? '{}');
  expect(Object.keys(shown)).toEqual(LAYERS);
  for (const value of Object.values(shown)) {
    expect(value).toBeLessThan(1e-3);
  }
  await expect(first.locator('.lv-plot .annotation-text').first()).toContainText('Δ');
  const printed = await runNewCell(
    page,
    'fid = [v for v in Out.values() if hasattr(v, "fidelity")][0].fidelity; print("FIDELITY", sorted(fid) == sorted(%s), max(fid.values()) < 1e-3)'.replace(
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
  // Which layers training changed: CKA between the untrained copy's layers and the trained
  // model's, drawn under the chart and read back in Python.
  const between = comparison.locator('.lv-comparison-cka');
  await expect(between).toBeVisible({ timeout: 120_000 });
  await expect(between).toContainText('CKA: untrained (rows) × trained (columns)');
  expect(await between.locator('rect[data-col]').count()).toBe(LAYERS.length * LAYERS.length);
  const ckaPrinted = await runNewCell(
    page,
    't = comparison.cka; print("CKA", t.shape, list(t.index) == list(t.columns), bool(((t >= 0) & (t <= 1 + 1e-9)).all().all()))',
    'CKA'
  );
  expect(ckaPrinted).toContain(`CKA (${LAYERS.length}, ${LAYERS.length}) True True`);
  // One slider moves both models.
  const sliders = comparison.locator('.lv-slider-input');
  await sliders.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(comparison.locator('.lv-root').nth(1)).toHaveAttribute(
    'data-focus',
    'bidirectional'
  );

  // The recorder kept every layer before training and after each of the 4 epochs: the last
  // widget opens on the trained model with an epoch slider over 5 states.
  const timeline = page.locator('.lv-root').last();
  await timeline.scrollIntoViewIfNeeded();
  const caption = timeline.locator('.lv-epoch-label');
  await expect(caption).toHaveText('Epoch 4 of 4', { timeout: 300_000 });
  await expect(timeline.locator('.lv-epoch-input')).toHaveAttribute('max', '4');
  await expect(timeline).toHaveAttribute('data-state', 'ready', { timeout: 300_000 });
  expect(await runNewCell(page, 'print("EPOCHS", rec.epochs)', 'EPOCHS')).toContain(
    'EPOCHS [0, 1, 2, 3, 4]'
  );
  // Before training: the kernel sends that state and every layer is drawn anew, and the last
  // hidden layer separates the classes worse than after training.
  await expect.poll(() => knnOf(timeline, 'dropout'), { timeout: 300_000 }).toBeGreaterThan(0);
  const trainedKnn = await knnOf(timeline, 'dropout');
  await moveEpochSlider(timeline, 0);
  await expect(caption).toHaveText('Before training');
  await expect(timeline).toHaveAttribute('data-epoch', '0');
  await expect(timeline).toHaveAttribute('data-state', 'ready', { timeout: 300_000 });
  // Measured anew for this epoch (NaN until then).
  await expect
    .poll(
      async () => {
        const knn = await knnOf(timeline, 'dropout');
        return Number.isFinite(knn) && knn !== trainedKnn;
      },
      { timeout: 300_000 }
    )
    .toBe(true);
  const untrainedKnn = await knnOf(timeline, 'dropout');
  console.log(`recorded dropout k-NN accuracy: epoch 0 ${untrainedKnn}, epoch 4 ${trainedKnn}`);
  expect(trainedKnn).toBeGreaterThan(untrainedKnn);

  expect(pageErrors).toEqual([]);
});

/** A view's k-NN accuracy of `layer` as measured so far, or NaN before it is. */
async function knnOf(root: Locator, layer: string): Promise<number> {
  const metrics = JSON.parse((await root.getAttribute('data-metrics')) ?? '{}') as Record<
    string,
    { knnAccuracy?: number }
  >;
  return metrics[layer]?.knnAccuracy ?? NaN;
}

function widest(subplots: { layer: string; width: number }[]): string {
  return [...subplots].sort((a, b) => b.width - a.width)[0]?.layer ?? '';
}
