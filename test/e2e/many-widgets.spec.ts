import { expect, test } from '@playwright/test';

import { openNotebook, runAllCells, runNewCell } from '../support/lab.mjs';

const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';

/** Per widget, in notebook order: its state, TF.js tensors after its work, live workers. */
async function widgets(page: import('@playwright/test').Page) {
  return page.locator(`${PANEL} .lv-root`).evaluateAll((roots) =>
    roots.map((root) => {
      const data = (root as HTMLElement).dataset;
      return {
        state: data['state'],
        tensors: Number(data['tfTensors']),
        workers: Number(data['layoutWorkers']),
        focus: data['focus']
      };
    })
  );
}

test('five widgets in one notebook render, stay responsive, and a re-run leaves nothing behind', async ({
  page,
  baseURL
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await openNotebook(page, baseURL, 'test/notebooks/many_widgets.ipynb');
  await runAllCells(page);
  const ready = page.locator(`${PANEL} .lv-root[data-state="ready"]`);
  await expect(ready).toHaveCount(5, { timeout: 300_000 });
  const first = await widgets(page);
  // TF.js use is serialized across widgets and every tensor is freed: after each widget's work
  // the page holds the same number of tensors.
  const baseline = first[0]?.tensors ?? NaN;
  expect(first.map((w) => w.tensors)).toEqual([baseline, baseline, baseline, baseline, baseline]);

  // Each widget still answers: the slider of the last one moves its focus.
  const last = page.locator(`${PANEL} .lv-root`).nth(4);
  await last.locator('.lv-slider-input').focus();
  await page.keyboard.press('ArrowRight');
  await expect(last).toHaveAttribute('data-focus', 'out4');

  // Running the first widget's cell again three times: the old view goes, with its worker and
  // tensors; the page keeps five views, five workers and the same tensors.
  const cell = page.locator(`${PANEL} .jp-CodeCell`).nth(1);
  for (let run = 0; run < 3; run++) {
    const before = await cell.locator('.jp-InputPrompt').textContent();
    await cell.locator('.jp-InputPrompt').click();
    await page.keyboard.press('Control+Enter');
    await expect(cell.locator('.jp-InputPrompt')).not.toHaveText(before ?? '', {
      timeout: 60_000
    });
    await expect(cell.locator('.lv-root[data-state="ready"]')).toHaveCount(1, {
      timeout: 120_000
    });
    await expect(page.locator(`${PANEL} .lv-root`)).toHaveCount(5);
    const rerun = await cell.locator('.lv-root').evaluate((root) => ({
      tensors: Number((root as HTMLElement).dataset['tfTensors']),
      workers: Number((root as HTMLElement).dataset['layoutWorkers'])
    }));
    expect(rerun).toEqual({ tensors: baseline, workers: 5 });
  }

  // The fourth widget shows 50 of its 200 samples; "Show 100" asks the kernel for more, and the
  // view starts again with them (Python sees the new cap).
  const capped = page.locator(`${PANEL} .jp-CodeCell`).nth(4);
  await expect(capped.locator('.lv-sampling-text')).toHaveText('50 of 200 samples');
  await capped.locator('.lv-show-more').click();
  await expect(capped.locator('.lv-sampling-text')).toHaveText('100 of 200 samples', {
    timeout: 60_000
  });
  await expect(capped.locator('.lv-root[data-state="ready"]')).toHaveCount(1, {
    timeout: 120_000
  });
  const points = await capped
    .locator('.lv-plot')
    .evaluate((gd) =>
      (gd as unknown as { _fullData: { x?: number[]; meta?: { layer?: string } }[] })._fullData
        .filter((t) => t.meta?.layer === 'hidden3')
        .reduce((sum, t) => sum + (t.x?.length ?? 0), 0)
    );
  expect(points).toBe(100);
  expect(await runNewCell(page, 'print("MP", w3.max_points, len(w3.sample_ids))', 'MP')).toContain(
    'MP 100 100'
  );
  expect(pageErrors).toEqual([]);
});
