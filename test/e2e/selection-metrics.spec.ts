import { expect, test } from '@playwright/test';

import { runNewCell } from '../support/lab.mjs';
import { openReadyView } from './ready_view';

/** The names of the depth chart's traces. */
const chartTraces = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const chart = document.querySelector('.lv-root .lv-metrics') as unknown as {
      data?: { name: string }[];
    } | null;
    return (chart?.data ?? []).map((t) => t.name);
  });

test('a selection set from Python is measured per layer: curves in the depth chart, numbers in Python', async ({
  page,
  baseURL
}) => {
  const pageErrors = await openReadyView(page, baseURL, 'test/notebooks/selection_metrics.ipynb');
  const root = page.locator('.lv-root');
  const note = root.locator('.lv-selection-note');
  await expect(note).toBeHidden();

  // Before any selection, Python says how to get the numbers.
  const before = await runNewCell(
    page,
    'try:\n    w.selection_metrics()\nexcept Exception as e:\n    print("BEFORE", e)',
    'BEFORE'
  );
  expect(before).toMatch(/BEFORE no selection metrics yet: select points/);

  // Class 0 selected from Python: every layer is measured in the worker.
  await runNewCell(
    page,
    'w.selection = [int(i) for i in np.flatnonzero(y == 0)]; print("SELECTED")',
    'SELECTED'
  );
  await expect(root).toHaveAttribute('data-selected', '40');
  await expect
    .poll(
      async () =>
        Object.keys(
          JSON.parse((await root.getAttribute('data-selection-metrics')) ?? 'null') ?? {}
        ),
      {
        timeout: 60_000
      }
    )
    .toEqual(['hidden', 'probs']);
  await expect(note).toContainText('Selection of 40 points: k-NN purity');
  await expect
    .poll(() => chartTraces(page), { timeout: 30_000 })
    .toEqual(
      expect.arrayContaining([
        'selection k-NN purity',
        'selection chance',
        'selection probe (bal. acc.)'
      ])
    );
  // With a legend entry each.
  await expect(
    root.locator('.lv-metrics .legendtext', { hasText: 'selection k-NN purity' })
  ).toHaveCount(1);

  const table = await runNewCell(
    page,
    [
      'df = w.selection_metrics()',
      'print("TABLE", len(df), list(df.layer), list(df.n_selected), bool((df.knn_purity > df.chance + 0.3).all()), bool((df.probe_balanced_accuracy > 0.8).all()))'
    ].join('\n'),
    'TABLE'
  );
  expect(table).toContain("TABLE 2 ['hidden', 'probs'] [40, 40] True True");

  // Too few points: a clear message instead of numbers, in the view and in Python.
  await runNewCell(page, 'w.selection = [0, 1]; print("SMALL")', 'SMALL');
  await expect(note).toContainText('Select at least 5 and not all points', { timeout: 30_000 });
  await expect.poll(() => chartTraces(page)).not.toContain('selection k-NN purity');
  const small = await runNewCell(
    page,
    'try:\n    w.selection_metrics()\nexcept Exception as e:\n    print("TOO", e)',
    'TOO'
  );
  expect(small).toContain('TOO Select at least 5 and not all points');

  // Cleared: the curves and the sentence go.
  await runNewCell(page, 'w.selection = []; print("CLEARED")', 'CLEARED');
  await expect(note).toBeHidden();
  await expect.poll(() => chartTraces(page)).not.toContain('selection chance');

  // Shift+click on a legend entry selects that class (a plain click still hides it), and the
  // selection reaches Python and is measured like any other.
  const entry = root.locator('.lv-plot .legend .traces').filter({ hasText: /^\s*label 2\s*$/ });
  await entry.locator('.legendtoggle').click({ modifiers: ['Shift'] });
  await expect(root).toHaveAttribute('data-selected', '40');
  await expect(note).toContainText('Selection of 40 points: k-NN purity', { timeout: 60_000 });
  const legend = await runNewCell(
    page,
    'print("LEGEND", w.selection == [int(i) for i in np.flatnonzero(y == 2)])',
    'LEGEND'
  );
  expect(legend).toContain('LEGEND True');
  const hidden = await page.evaluate(() => {
    const gd = document.querySelector('.lv-root .lv-plot') as unknown as {
      _fullData: { visible: boolean | string }[];
    };
    return gd._fullData.filter((t) => t.visible !== true).length;
  });
  expect(hidden).toBe(0);

  expect(pageErrors).toEqual([]);
});
