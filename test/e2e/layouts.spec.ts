import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { runNewCell, runNotebookToLayerViz } from '../support/lab.mjs';

/** Longest main-thread task allowed while layouts run (the bound). */
const LONG_TASK_MS = 100;

test('layouts run in a worker, stream as they form, never block the page, and switch method', async ({
  page,
  baseURL
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // Before any page script: record long tasks and when the layout phase starts.
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const longTasks: { start: number; duration: number }[] = [];
    w['__lv'] = { longTasks, layoutStart: 0, layoutEnd: 0 };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        longTasks.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
    new MutationObserver(() => {
      const state = w['__lv'] as { layoutStart: number; layoutEnd: number };
      const progress = document.querySelector('.lv-progress-text')?.textContent ?? '';
      if (state.layoutStart === 0 && /^t-SNE/.test(progress)) {
        state.layoutStart = performance.now();
      }
      // The reduction is over once the last layer's layout has arrived.
      const last = /^t-SNE: (\d+) of (\d+) layers laid out/.exec(progress);
      if (state.layoutEnd === 0 && last !== null && last[1] === last[2]) {
        state.layoutEnd = performance.now();
      }
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });

  const { state, error } = await runNotebookToLayerViz(
    page,
    baseURL,
    'test/notebooks/layouts_digits.ipynb'
  );
  expect(error).toBe('');
  expect(state).toBe('ready');
  const root = page.locator('.lv-root');
  await expect(root).toHaveAttribute('data-layout-runner', 'worker');

  const seen = await page.evaluate(() => {
    const lv = (window as unknown as Record<string, unknown>)['__lv'] as {
      longTasks: { start: number; duration: number }[];
      layoutStart: number;
      layoutEnd: number;
    };
    return { layoutStart: lv.layoutStart, end: lv.layoutEnd, longTasks: lv.longTasks };
  });
  expect(seen.layoutStart).toBeGreaterThan(0);
  expect(seen.end).toBeGreaterThan(seen.layoutStart);
  // Intermediate layouts were drawn as they formed (on the preview canvas).
  expect(Number(await root.getAttribute('data-preview-frames'))).toBeGreaterThan(5);
  await expect(page.locator('.lv-preview')).toBeHidden();
  // Tasks that ran while the worker was laying out. The one redraw of the interactive figure
  // once the last layout has arrived shows the result and comes after the reduction.
  const during = seen.longTasks.filter(
    (t) => t.start + t.duration >= seen.layoutStart && t.start + t.duration <= seen.end
  );
  console.log(
    `layout phase ${((seen.end - seen.layoutStart) / 1000).toFixed(1)} s, ` +
      `${during.length} long tasks, longest ${Math.max(0, ...during.map((t) => t.duration)).toFixed(0)} ms`
  );
  expect(during.filter((t) => t.duration > LONG_TASK_MS)).toEqual([]);

  // Separability numbers (every metric: the notebook asks for metrics="all") for every layer: in
  // the titles, the depth chart and `widget.metrics`; the trained classifier separates the
  // digits well at its output, and the linear probe (TF.js in the worker) agrees.
  // The last layer's metrics are computed after its layout is drawn (in the worker, in slices).
  await expect
    .poll(async () => Object.keys(JSON.parse((await root.getAttribute('data-metrics')) ?? '{}')), {
      timeout: 60_000
    })
    .toEqual(['hidden1', 'hidden2', 'probs']);
  const metrics = JSON.parse((await root.getAttribute('data-metrics')) ?? '{}');
  expect(metrics.probs.knnAccuracy).toBeGreaterThan(0.9);
  expect(metrics.probs.probeAccuracy).toBeGreaterThan(0.9);
  expect(metrics.hidden1.ckaNext).toBeGreaterThan(0);
  expect(metrics.probs.ckaNext).toBeUndefined();
  expect(metrics.probs.trustworthiness).toBeGreaterThan(0.8);
  await expect(page.locator('.lv-plot .annotation-text').first()).toContainText('k-NN');
  await expect(page.locator('.lv-metrics')).toBeVisible();
  const table = await runNewCell(
    page,
    'm = w.metrics; print("METRICS", list(m.index), sorted(m.columns), bool(m.knn_accuracy.between(0, 1).all()))',
    'METRICS'
  );
  expect(table).toContain(
    "METRICS ['hidden1', 'hidden2', 'probs'] ['cka_next', 'continuity', 'intrinsic_dim', " +
      "'knn_accuracy', 'probe_accuracy', 'silhouette', 'trustworthiness'] True"
  );

  // The intrinsic dimension (TwoNN) of every layer, on the depth chart's right axis.
  for (const layer of ['hidden1', 'hidden2', 'probs']) {
    expect(metrics[layer].intrinsicDim).toBeGreaterThan(0.5);
  }
  const chart = root.locator('.lv-metrics');
  await expect(chart.locator('.legendtext', { hasText: 'intrinsic dim.' })).toHaveCount(1);
  await expect(chart.locator('.y2tick').first()).toBeAttached();
  // Linear CKA between every pair of layers: a 3 x 3 heatmap beside the chart, and `w.cka`.
  const heatmap = root.locator('.lv-cka');
  await expect(heatmap).toBeVisible({ timeout: 60_000 });
  await expect(heatmap.locator('rect[data-col]')).toHaveCount(9);
  const cka = JSON.parse((await heatmap.getAttribute('data-cka')) ?? '{}');
  expect(cka.layers).toEqual(['hidden1', 'hidden2', 'probs']);
  expect(cka.values[0]).toBe(1);
  expect(cka.values[1]).toBeGreaterThan(0);
  expect(cka.values[1]).toBe(cka.values[3]);
  const fromKernel = await runNewCell(
    page,
    'c = w.cka; print("CKA", list(c.index), list(c.columns), round(float(c.loc["hidden1", "hidden2"]), 6))',
    'CKA'
  );
  expect(fromKernel).toContain(
    `CKA ['hidden1', 'hidden2', 'probs'] ['hidden1', 'hidden2', 'probs'] ${Number(cka.values[1].toFixed(6))}`
  );
  // A click on a square focuses its row's layer.
  const focusBefore = (await root.getAttribute('data-focus')) ?? '';
  await heatmap.locator('rect[data-row="2"][data-col="0"]').click();
  await expect(root).toHaveAttribute('data-focus', 'probs');
  const row = cka.layers.indexOf(focusBefore);
  await heatmap.locator(`rect[data-row="${row}"][data-col="${row}"]`).click();
  await expect(root).toHaveAttribute('data-focus', focusBefore);

  // The CSV export carries every layer's layout, labels and metrics.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    root
      .locator('.lv-export-menu')
      .click()
      .then(() => root.locator('.lv-export-csv').click())
  ]);
  const csv = readFileSync((await download.path()) ?? '', 'utf8')
    .trimEnd()
    .split('\n');
  expect(csv[0]).toMatch(/^layer,sample,label,x,y,knn_accuracy,/);
  expect(csv).toHaveLength(1 + 3 * 1500);
  expect(csv[1]).toMatch(/^hidden1,\d+,\d,-?[\d.e-]+,-?[\d.e-]+,0\.\d+/);

  // A box selection in the focused layer selects the same samples in every layer and in Python;
  // setting `w.selection` from Python selects in the view.
  // The modebar first (clicking it may scroll the page), then the plot into view, then measure.
  await root.locator('.modebar-btn[data-val="select"]').first().click();
  await root.locator('.lv-plot').scrollIntoViewIfNeeded();
  const plotBox = await root.locator('.lv-plot .nsewdrag').first().boundingBox();
  if (plotBox === null) {
    throw new Error('no plot area to select in');
  }
  await page.mouse.move(plotBox.x + plotBox.width * 0.2, plotBox.y + plotBox.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(plotBox.x + plotBox.width * 0.6, plotBox.y + plotBox.height * 0.7, {
    steps: 8
  });
  await page.mouse.up();
  await expect
    .poll(async () => Number(await root.getAttribute('data-selected')))
    .toBeGreaterThan(0);
  const selected = Number(await root.getAttribute('data-selected'));
  const perLayer = await page.evaluate(() => {
    const gd = document.querySelector('.lv-root .lv-plot') as unknown as {
      _fullData: { meta: { layer: string }; selectedpoints?: number[] }[];
    };
    const counts: Record<string, number> = {};
    for (const t of gd._fullData) {
      counts[t.meta.layer] = (counts[t.meta.layer] ?? 0) + (t.selectedpoints?.length ?? 0);
    }
    return counts;
  });
  expect(perLayer).toEqual({ hidden1: selected, hidden2: selected, probs: selected });
  const fromPython = await runNewCell(page, 'print("SELECTED", len(w.selection))', 'SELECTED');
  expect(fromPython).toContain(`SELECTED ${selected}`);
  await runNewCell(page, 'w.selection = [int(i) for i in w.sample_ids[:3]]; print("SET")', 'SET');
  await expect(root).toHaveAttribute('data-selected', '3');

  // Moving the focus glides the points from one layer's layout to the next one's.
  const slider = page.locator('.lv-slider-input');
  // Every value data-animating takes is recorded: a frame of the glide may be shown for less
  // time than the test's polling interval.
  await page.evaluate(() => {
    const node = document.querySelector('.lv-root') as HTMLElement;
    const seen: string[] = [];
    (window as unknown as Record<string, unknown>)['__animating'] = seen;
    new MutationObserver(() => seen.push(node.dataset['animating'] ?? '')).observe(node, {
      attributes: true,
      attributeFilter: ['data-animating']
    });
  });
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('data-focus', 'hidden2');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as Record<string, string[]>)['__animating']))
    .toContain('true');
  await expect(root).toHaveAttribute('data-animating', 'false');

  // Another method from the view: the layers are laid out again and Python sees the choice.
  await page.locator('.lv-method').selectOption('umap');
  await expect(root).toHaveAttribute('data-state', 'computing');
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 180_000 });
  await expect(page.locator('.lv-field-neighbors')).toBeVisible();
  await expect(page.locator('.lv-field-perplexity')).toBeHidden();
  const printed = await runNewCell(page, 'print("METHOD", w.method, w.dims)', 'METHOD');
  expect(printed).toContain('METHOD umap 2');

  // 3-D: the focused layer is drawn in a rotatable scene.
  await page.locator('.lv-dims').selectOption('3');
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 180_000 });
  const types = await page.evaluate(() => {
    const gd = document.querySelector('.lv-root .lv-plot') as unknown as {
      _fullData: { type: string }[];
    };
    return [...new Set(gd._fullData.map((t) => t.type))].sort();
  });
  expect(types).toEqual(['scatter3d', 'scattergl']);
  await page.locator('.lv-dims').selectOption('2');

  // Back to t-SNE: the layouts come from the cache, at once.
  await page.locator('.lv-method').selectOption('tsne');
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 10_000 });

  // A perplexity out of range is refused at the control, nothing restarts.
  const perplexity = page.locator('.lv-field-perplexity input');
  await perplexity.fill('500');
  await perplexity.dispatchEvent('change');
  await expect(perplexity).toHaveAttribute('aria-invalid', 'true');
  await expect(root).toHaveAttribute('data-state', 'ready');

  expect(pageErrors).toEqual([]);
});
