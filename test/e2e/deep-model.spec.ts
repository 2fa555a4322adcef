import { expect, test } from '@playwright/test';

import { figureSummary, openNotebook, runAllCells, runNewCell } from '../support/lab.mjs';

/** Every pair of rectangles that overlap by more than a pixel, as readable strings. */
function overlaps(
  boxes: { label: string; x: number; y: number; w: number; h: number }[],
  others: { label: string; x: number; y: number; w: number; h: number }[]
): string[] {
  const found: string[] = [];
  for (const a of boxes) {
    for (const b of others) {
      if (a === b || a.label === b.label) {
        continue;
      }
      const x = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const y = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (x > 1 && y > 1) {
        found.push(`${a.label} / ${b.label}`);
      }
    }
  }
  return found;
}

test('a 155-layer model shows its block outputs, a layer list, readable titles', async ({
  page,
  baseURL
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await openNotebook(page, baseURL, 'test/notebooks/deep_model.ipynb');
  await runAllCells(page);
  const root = page.locator('.lv-root').first();
  await root.waitFor({ timeout: 300_000 });

  // The first layer is drawn well before the last: 1 of 16 laid out while the state is not ready.
  await page.waitForFunction(
    () => Number(document.querySelector<HTMLElement>('.lv-root')?.dataset['laidOut'] ?? 0) >= 1,
    null,
    { timeout: 300_000 }
  );
  const firstSeen = Number(await root.getAttribute('data-laid-out'));
  expect(firstSeen).toBeLessThan(16);
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 300_000 });
  await expect(page.locator('.lv-error')).toBeHidden();
  // Headless Chromium renders WebGL with SwiftShader: the model runs on TF.js's WASM backend.
  await expect(root).toHaveAttribute('data-backend', 'wasm');
  await expect(root.locator('.lv-backend')).toHaveText('TF.js: WASM (WebGL is software-rendered)');

  // 16 of 155 layers, said so; every layer in the list.
  await expect(root.locator('.lv-nav-summary')).toHaveText(
    'Showing 16 of 155 layers: block outputs; choose others in the layer list (or layers="all").'
  );
  await expect(root.locator('.lv-nav-item')).toHaveCount(155);
  await expect(root).toHaveAttribute('data-layer-count', '155');
  const summary = await figureSummary(page);
  const drawn = summary.subplots.filter((s) => s.layer !== null);
  expect(drawn).toHaveLength(16);
  expect(drawn.every((s) => s.points === 200)).toBe(true);
  expect(drawn.map((s) => s.layer)).toContain('block_2_add');

  // No title overlaps another title or another layer's plot area.
  const boxes = await page.evaluate(() => {
    const gd = document.querySelector('.lv-root .lv-plot') as HTMLElement & {
      layout: { annotations: { name: string }[] };
    };
    const rect = (el: Element, label: string) => {
      const r = el.getBoundingClientRect();
      return { label, x: r.x, y: r.y, w: r.width, h: r.height };
    };
    const titles = [...gd.querySelectorAll('.annotation')].map((el, i) =>
      rect(el.querySelector('.annotation-text') ?? el, gd.layout.annotations[i]?.name ?? '')
    );
    const traces = (
      gd as unknown as { _fullData: { xaxis: string; yaxis: string; meta: { layer: string } }[] }
    )._fullData;
    const plots = [...gd.querySelectorAll('.nsewdrag')].map((el) => {
      const id = el.getAttribute('data-subplot') ?? '';
      const trace = traces.find((t) => `${t.xaxis}${t.yaxis}` === id);
      return rect(el, trace?.meta.layer ?? id);
    });
    return { titles, plots };
  });
  expect(boxes.titles).toHaveLength(16);
  expect(overlaps(boxes.titles, boxes.titles)).toEqual([]);
  expect(overlaps(boxes.titles, boxes.plots)).toEqual([]);

  // Search and Enter focus a shown layer.
  const search = root.locator('.lv-nav-search');
  await search.fill('predictions');
  await expect(root.locator('.lv-nav-item')).toHaveCount(1);
  await search.press('Enter');
  await expect(root).toHaveAttribute('data-focus', 'predictions');

  // Clicking a layer not shown computes it, in the same view, and focuses it.
  await search.fill('block_13_expand_relu');
  const item = root.locator('.lv-nav-item[data-layer="block_13_expand_relu"]');
  await expect(item).toHaveClass(/lv-nav-hidden/);
  await item.click();
  await expect(root).toHaveAttribute('data-requested-layer', 'block_13_expand_relu');
  await expect(root).toHaveAttribute('data-focus', 'block_13_expand_relu', { timeout: 120_000 });
  await expect(root).toHaveAttribute('data-state', 'ready', { timeout: 300_000 });
  await expect(item).toHaveClass(/lv-nav-shown/);
  const after = await figureSummary(page);
  const added = after.subplots.find((s) => s.layer === 'block_13_expand_relu');
  expect(added?.points).toBe(200);
  expect(after.subplots.filter((s) => s.layer !== null)).toHaveLength(16); // a window of 15 + focus
  // The depth chart navigates too: a click on a layer's point focuses that layer.
  const point = root.locator('.lv-metrics .scatterlayer .trace').first().locator('.point').nth(2);
  await root.locator('.lv-metrics').scrollIntoViewIfNeeded();
  const box = await point.boundingBox();
  expect(box).not.toBeNull();
  await page.mouse.click(
    (box?.x ?? 0) + (box?.width ?? 0) / 2,
    (box?.y ?? 0) + (box?.height ?? 0) / 2
  );
  await expect(root).toHaveAttribute('data-focus', 'block_2_add');
  const output = await runNewCell(
    page,
    "print(len(w.layers), 'block_13_expand_relu' in w.layers, 'layers-ok')",
    'layers-ok'
  );
  expect(output).toContain('17 True layers-ok');
  expect(pageErrors).toEqual([]);
});
