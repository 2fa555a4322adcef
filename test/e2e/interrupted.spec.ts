import { execFileSync } from 'node:child_process';

import { expect, type Page, test } from '@playwright/test';

import {
  figureSummary,
  openNotebook,
  runAllCells,
  runNewCell,
  waitForIdleKernel
} from '../support/lab.mjs';

const NOTEBOOK = 'test/notebooks/layouts_digits.ipynb';

/** Open the digits notebook, run it, and return once its view is still computing. */
async function startComputing(page: Page, baseURL: string | undefined): Promise<void> {
  await openNotebook(page, baseURL, NOTEBOOK);
  await runAllCells(page);
  const root = page.locator('.lv-root').first();
  await root.waitFor({ timeout: 180_000 });
  await expect(root).toHaveAttribute('data-state', 'computing');
}

/** The id of the notebook's kernel, from the server's sessions. */
async function kernelId(page: Page): Promise<string> {
  const sessions = (await (await page.request.get('/api/sessions')).json()) as {
    path: string;
    kernel: { id: string };
  }[];
  const session = sessions.find((s) => s.path.endsWith('layouts_digits.ipynb'));
  if (session === undefined) {
    throw new Error('no kernel session for the notebook');
  }
  return session.kernel.id;
}

test('the kernel dying mid-computation: the view finishes and says Python is gone', async ({
  page,
  baseURL
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await startComputing(page, baseURL);
  // The kernel process is killed, as an out-of-memory kill would.
  execFileSync('pkill', ['-9', '-f', `kernel-${await kernelId(page)}`]);
  const root = page.locator('.lv-root').first();
  await expect(page.locator('.lv-notice').first()).toContainText('The kernel stopped', {
    timeout: 60_000
  });
  // JupyterLab's own "kernel restarting" dialog, if any, is dismissed as a person would.
  await page.keyboard.press('Escape');
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 300_000 });
  const summary = await figureSummary(page);
  expect(summary.subplots.map((s) => [s.layer, s.points])).toEqual([
    ['hidden1', 1500],
    ['hidden2', 1500],
    ['probs', 1500]
  ]);
  expect(pageErrors).toEqual([]);
});

test('the tab reloaded mid-computation: the kernel keeps the widget and shows it again', async ({
  page,
  baseURL
}) => {
  const pageErrors: string[] = [];
  await startComputing(page, baseURL);
  // "Leave the page?" is answered yes.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.locator('.jp-NotebookPanel').first().waitFor({ timeout: 120_000 });
  await waitForIdleKernel(page);
  // The notebook as saved (its three cells), fully rendered before a cell is added after them.
  await expect(page.locator('.jp-NotebookPanel .jp-Cell')).toHaveCount(3, { timeout: 60_000 });
  // The kernel still has `w`: shown again, it computes from the start and talks to Python.
  await runNewCell(page, 'w', 'hidden1', 180_000);
  const root = page.locator('.lv-root').last();
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 300_000 });
  await expect
    .poll(
      async () =>
        runNewCell(page, 'print("SAVED", sorted(w.saved_layouts or {}))', 'SAVED', 60_000),
      { timeout: 60_000, intervals: [1000, 2000, 5000] }
    )
    .toContain("SAVED ['hidden1', 'hidden2', 'probs']");
  expect(pageErrors).toEqual([]);
});
