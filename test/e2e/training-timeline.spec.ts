import { expect, test } from '@playwright/test';

import { runAllCells, runNewCell, waitForIdleKernel } from '../support/lab.mjs';
import { focusedPoints, moveEpochSlider } from './epochs';
import { openReadyView } from './ready_view';

test('a recorder shows every layer at every epoch, with an epoch slider', async ({
  page,
  baseURL
}) => {
  const pageErrors = await openReadyView(page, baseURL, 'test/notebooks/training_timeline.ipynb');
  const root = page.locator('.lv-root');
  const epochs = page.locator('.lv-epochs');
  const caption = page.locator('.lv-epoch-label');

  // The trained model first: the last of the 4 recorded states.
  await expect(epochs).toBeVisible();
  await expect(caption).toHaveText('Epoch 3 of 3');
  await expect(page.locator('.lv-epoch-input')).toHaveAttribute('max', '3');
  await expect(page.locator('.lv-notice')).toContainText('before training and after 3 epochs');
  const trained = await focusedPoints(page);
  expect(trained.length).toBe(300);
  // Under the grid, the CKA between every layer now and every layer at another epoch.
  const epochCka = page.locator('.lv-epoch-cka');
  await expect(epochCka).toContainText('CKA: epoch 3 (rows) × before training (columns)');
  await expect(epochCka.locator('rect[data-col]')).toHaveCount(2 * 2);

  // Before training: the kernel sends that state, and the same layer is drawn anew.
  await moveEpochSlider(page, 0);
  await expect(caption).toHaveText('Before training');
  await expect(root).toHaveAttribute('data-epoch', '0');
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(epochCka).toContainText('CKA: before training (rows) × epoch 3 (columns)');
  await expect.poll(() => focusedPoints(page)).not.toEqual(trained);
  const untrained = await focusedPoints(page);
  expect(untrained.length).toBe(300);
  expect(await runNewCell(page, 'print("EPOCH", w.epoch)', 'EPOCH')).toContain('EPOCH 0');

  // The depth chart now draws the other epoch's k-NN accuracy, faded.
  await expect(page.locator('.lv-metrics')).toHaveAttribute('data-extra-traces', '1');

  // Play steps through the epochs from the first and stops at the last.
  await page.locator('.lv-epoch-play').click();
  await expect(caption).toHaveText('Epoch 1 of 3', { timeout: 30_000 });
  await expect(caption).toHaveText('Epoch 2 of 3', { timeout: 30_000 });
  await expect(caption).toHaveText('Epoch 3 of 3', { timeout: 30_000 });
  await expect(epochs).toHaveAttribute('data-playing', 'false', { timeout: 30_000 });
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  // Epoch 3 was laid out before: shown as it was, aligned with epoch 2 (a rotation at most).
  await expect.poll(async () => (await focusedPoints(page)).length).toBe(300);

  // Python moves the slider.
  await runNewCell(page, 'w.epoch = 2; print("MOVED")', 'MOVED');
  await expect(caption).toHaveText('Epoch 2 of 3');
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });

  // The layers × epochs grid: a thumbnail per layer and epoch, the one shown outlined.
  const grid = page.locator('.lv-epoch-grid');
  const cell = (layer: string, epoch: number) =>
    grid.locator(`.lv-epoch-cell[data-layer="${layer}"][data-epoch="${epoch}"]`);
  await expect(grid).toBeVisible();
  await expect(grid.locator('.lv-epoch-cell')).toHaveCount(2 * 4);
  await expect(cell('hidden', 2)).toHaveAttribute('aria-pressed', 'true');
  await expect(cell('hidden', 0)).toHaveAttribute('title', 'hidden · Before training');
  // Pressing another layer at the same epoch focuses that layer only.
  await cell('probs', 2).click();
  await expect(root).toHaveAttribute('data-focus', 'probs');
  await expect(cell('probs', 2)).toHaveAttribute('aria-pressed', 'true');
  await expect(caption).toHaveText('Epoch 2 of 3');
  // The first layer before training: the kernel sends that epoch and the view focuses the layer.
  await cell('hidden', 0).click();
  await expect(caption).toHaveText('Before training');
  await expect(root).toHaveAttribute('data-epoch', '0');
  await expect(root).toHaveAttribute('data-focus', 'hidden');
  await expect(cell('hidden', 0)).toHaveAttribute('aria-pressed', 'true');
  await expect(grid.locator('[aria-pressed="true"]')).toHaveCount(1);
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  expect(await runNewCell(page, 'print("AT", w.epoch, w.layer)', 'AT')).toContain('AT 0 hidden');
  expect(pageErrors).toEqual([]);
});

test('the training timeline works in Notebook 7 too', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto('/notebooks/test/notebooks/training_timeline.ipynb');
  await waitForIdleKernel(page);
  await runAllCells(page);
  const root = page.locator('.lv-root');
  const caption = page.locator('.lv-epoch-label');
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 300_000 });
  await expect(caption).toHaveText('Epoch 3 of 3');
  await expect(page.locator('.lv-epoch-grid .lv-epoch-cell')).toHaveCount(2 * 4);
  await moveEpochSlider(page, 0);
  await expect(caption).toHaveText('Before training');
  await expect(root).toHaveAttribute('data-epoch', '0');
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  expect(await runNewCell(page, 'print("EPOCH", w.epoch)', 'EPOCH')).toContain('EPOCH 0');
  // Notebook 7's own start-up throws errors with layerviz disabled too (see persist.spec.ts);
  // none may come from layerviz's code.
  expect(pageErrors.filter((e) => e.includes('layerviz'))).toEqual([]);
});
