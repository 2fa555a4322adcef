import { expect, test } from '@playwright/test';

import { runNewCell, runNotebookToLayerViz } from '../support/lab.mjs';

test('colors, hover, search and play in the view, and the widget round trip to Python', async ({
  page,
  baseURL,
  browser
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });

  const { state, error } = await runNotebookToLayerViz(
    page,
    baseURL,
    'test/notebooks/explore.ipynb'
  );
  expect(error).toBe('');
  expect(state).toBe('ready');
  const root = page.locator('.lv-root');

  // "Color by" offers what the kernel sent; picking one recolors and reaches Python.
  const colorBy = page.locator('.lv-color-by');
  expect(
    await colorBy.locator('option').evaluateAll((o) => o.map((e) => e.getAttribute('value')))
  ).toEqual(['label', 'prediction', 'correct', 'confidence', 'meta:source', 'meta:score']);
  await colorBy.selectOption('correct');
  await expect(root).toHaveAttribute('data-color-by', 'correct');
  await expect
    .poll(() =>
      page.evaluate(() => {
        const gd = document.querySelector('.lv-root .lv-plot') as unknown as {
          _fullData: { name: string }[];
        };
        return [...new Set(gd._fullData.map((t) => t.name))].sort();
      })
    )
    .toEqual(['correct', 'wrong']);
  expect(await runNewCell(page, 'print("COLOR", w.color_by)', 'COLOR')).toContain('COLOR correct');

  // Hovering a point shows its sample, markup as text, and rings it in every layer. The cell
  // just run scrolled the notebook: bring the plots back into view first.
  await page.locator('.lv-root .lv-plot').scrollIntoViewIfNeeded();
  const target = await page.evaluate(() => {
    const gd = document.querySelector('.lv-root .lv-plot') as unknown as {
      _fullData: { x: number[]; y: number[]; xaxis: string; yaxis: string }[];
      _fullLayout: Record<string, { l2p(v: number): number; _offset: number }>;
      getBoundingClientRect(): DOMRect;
    };
    const trace = gd._fullData.find((t) => t.xaxis === 'x');
    if (!trace) {
      return null;
    }
    const box = gd.getBoundingClientRect();
    const xa = gd._fullLayout['xaxis'];
    const ya = gd._fullLayout['yaxis'];
    return {
      x: box.left + (xa?.l2p(trace.x[0] ?? 0) ?? 0) + (xa?._offset ?? 0),
      y: box.top + (ya?.l2p(trace.y[0] ?? 0) ?? 0) + (ya?._offset ?? 0)
    };
  });
  expect(target).not.toBeNull();
  await page.mouse.move((target?.x ?? 0) - 20, (target?.y ?? 0) - 20);
  await page.mouse.move(target?.x ?? 0, target?.y ?? 0, { steps: 4 });
  const card = page.locator('.lv-sample-card');
  await expect(card).not.toHaveAttribute('data-sample', '');
  // The pointer passes other points on its way: read the sample and its text together, once the
  // card shows the text of the sample it names.
  const textOf = (sample: number): string =>
    sample === 7
      ? 'the needle <b>in</b> the haystack'
      : `<img src=x onerror=alert(${sample})> sample ${sample}`;
  await expect
    .poll(async () => {
      const shown = await card.evaluate((el) => ({
        sample: Number(el.getAttribute('data-sample')),
        text: el.querySelector('.lv-card-text')?.textContent ?? ''
      }));
      return shown.text === textOf(shown.sample);
    })
    .toBe(true);
  expect(await card.locator('img, b').count()).toBe(0);
  await expect(card.locator('.lv-card-image')).toHaveCount(1);
  await expect(card.locator('.lv-card-facts')).toContainText('confidence');
  await expect(page.locator('.lv-hover-ring')).toHaveCount(3);

  // The search box selects the samples whose text matches, in every layer and in Python.
  await page.locator('.lv-search').fill('needle');
  await expect(root).toHaveAttribute('data-selected', '1');
  await expect(page.locator('.lv-search-count')).toHaveText('1 match');
  const selected = await runNewCell(
    page,
    't = w.selected(); print("SELECTED", list(t.index), list(t.columns))',
    'SELECTED'
  );
  expect(selected).toContain(
    "SELECTED [7] ['text', 'source', 'score', 'label', 'prediction', 'confidence']"
  );

  // Python moves the slider, and reads the layouts the view shows.
  await runNewCell(page, 'w.layer = "probs"; print("MOVED")', 'MOVED');
  await expect(root).toHaveAttribute('data-focus', 'probs');
  const shapes = await runNewCell(
    page,
    'print("SHAPES", [w.embedding(n).shape for n in w.layers], w.layer)',
    'SHAPES'
  );
  expect(shapes).toContain('SHAPES [(210, 2), (210, 2), (210, 2)] probs');

  // Play steps through every layer from the first and stops at the last.
  await page.locator('.lv-play').click();
  await expect(root).toHaveAttribute('data-focus', 'flat');
  await expect(root).toHaveAttribute('data-focus', 'hidden', { timeout: 10_000 });
  await expect(root).toHaveAttribute('data-focus', 'probs', { timeout: 10_000 });
  await expect(root).toHaveAttribute('data-playing', 'false', { timeout: 10_000 });

  // Exports from Python: PNG at 2x, SVG of vector points, an offline interactive HTML file.
  const saved = await runNewCell(
    page,
    [
      'import struct',
      'png = w.save("explore.png", scale=2).read_bytes()',
      'svg = w.save("explore.svg").read_text()',
      'html = w.save("explore.html")',
      'print("SAVED", png[:4] == b"\\x89PNG", *struct.unpack(">II", png[16:24]), svg.count("<path class=\\"point "), "<image" in svg, html)'
    ].join('; '),
    'SAVED'
  );
  const match = /SAVED True (\d+) (\d+) (\d+) False (\S+\.html)/.exec(saved);
  expect(match, saved).not.toBeNull();
  // The PNG is the figure at twice its size on screen.
  const plotWidth = await root.locator('.lv-plot').evaluate((el) => el.clientWidth);
  expect([Number(match?.[1]), Number(match?.[2])]).toEqual([2 * plotWidth, 2 * 560]);
  // Every point of every layer is a vector shape.
  expect(Number(match?.[3])).toBe(3 * 210);

  // The HTML file works with the network off, and a selection in one layer selects everywhere.
  // A context of its own with the network off (JupyterLab's page must stay connected).
  const offlineContext = await browser.newContext({ offline: true });
  const offline = await offlineContext.newPage();
  await offline.goto(`file://${match?.[4] ?? ''}`);
  await expect(offline.locator('#layerviz-plot')).toHaveAttribute('data-ready', 'true');
  const linked = await offline.evaluate(async () => {
    const w = window as unknown as { layervizSelect(samples: number[]): Promise<void> };
    await w.layervizSelect([0, 1, 2]);
    const gd = document.getElementById('layerviz-plot') as unknown as {
      _fullData: { meta: { layer: string }; selectedpoints?: number[] }[];
    };
    const counts: Record<string, number> = {};
    for (const t of gd._fullData) {
      counts[t.meta.layer] = (counts[t.meta.layer] ?? 0) + (t.selectedpoints?.length ?? 0);
    }
    return counts;
  });
  expect(linked).toEqual({ flat: 3, hidden: 3, probs: 3 });
  await offlineContext.close();

  // The toolbar offers the same files.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    root
      .locator('.lv-export-menu')
      .click()
      .then(() => root.locator('.lv-export-svg').click())
  ]);
  expect(download.suggestedFilename()).toBe('layerviz.svg');

  // The figure follows JupyterLab's theme (and back, so later tests see the light one).
  const paper = () =>
    page.evaluate(() => {
      const gd = document.querySelector('.lv-root .lv-plot') as unknown as {
        _fullLayout: { paper_bgcolor: string; font: { color: string } };
      };
      return [gd._fullLayout.paper_bgcolor, gd._fullLayout.font.color];
    });
  const light = await paper();
  const chooseTheme = async (name: string) => {
    await page.getByRole('menuitem', { name: 'Settings', exact: true }).click({ timeout: 10_000 });
    // "Theme" is a submenu (a list item, not a menu item) among "Text Editor Theme" and others.
    await page.locator('.lm-Menu-itemLabel').getByText('Theme', { exact: true }).hover({
      timeout: 10_000
    });
    await page.locator('.lm-Menu-itemLabel').getByText(name, { exact: true }).click({
      timeout: 10_000
    });
  };
  await chooseTheme('JupyterLab Dark');
  await expect.poll(paper, { timeout: 20_000 }).not.toEqual(light);
  const dark = await paper();
  expect(dark[0]).not.toMatch(/^(#fff(fff)?|rgb\(255, 255, 255\))$/i);
  await chooseTheme('JupyterLab Light');
  await expect.poll(paper, { timeout: 20_000 }).toEqual(light);

  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
});
