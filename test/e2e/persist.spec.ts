import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Browser, expect, type Page, test } from '@playwright/test';

import {
  runAllCells,
  runNewCell,
  runNotebookToLayerViz,
  waitForIdleKernel
} from '../support/lab.mjs';
import { executeNotebook } from './execute_notebook';

const NOTEBOOK = 'test/notebooks/persist.ipynb';

/** The notebook file as the server holds it. */
async function savedNotebook(page: Page): Promise<{ text: string; json: NotebookJson }> {
  const response = await page.request.get(`/api/contents/${NOTEBOOK}?content=1&type=notebook`);
  expect(response.ok()).toBe(true);
  const json = ((await response.json()) as { content: NotebookJson }).content;
  return { text: JSON.stringify(json), json };
}

interface NotebookJson {
  metadata: {
    widgets?: Record<string, { state: Record<string, { model_name: string; state: object }> }>;
  };
}

/** Shut down every kernel session of the notebook, as closing it with "Shut Down" would. */
async function shutDownKernels(page: Page): Promise<void> {
  const sessions = (await (await page.request.get('/api/sessions')).json()) as {
    id: string;
    path: string;
  }[];
  for (const session of sessions.filter((s) => s.path.endsWith('persist.ipynb'))) {
    expect((await page.request.delete(`/api/sessions/${session.id}`)).ok()).toBe(true);
  }
}

const REPO = join(__dirname, '..', '..');

/**
 * Write `notebook` as HTML with `python -m layerviz html`, open it in a browser context that can
 * reach nothing but that one file, and return the page and the requests it was refused.
 */
async function openOffline(
  browser: Browser,
  notebook: NotebookJson | null
): Promise<{ page: Page; refused: string[]; bytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'layerviz-html-'));
  if (notebook === null) {
    // Executed by nbclient, as `jupyter nbconvert --execute` does: the kernel's widget state.
    executeNotebook(join('test', 'e2e', NOTEBOOK.replace('test/', '')), dir);
  } else {
    writeFileSync(join(dir, 'persist.ipynb'), JSON.stringify(notebook));
  }
  const out = execFileSync(
    join(REPO, '.venv', 'bin', 'python'),
    ['-m', 'layerviz', 'html', join(dir, 'persist.ipynb'), '-o', join(dir, 'persist.html')],
    { encoding: 'utf8' }
  );
  console.log(out.trim());
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const refused: string[] = [];
  const url = 'http://layerviz.offline/persist.html';
  await context.route('**/*', async (route) => {
    if (route.request().url() === url) {
      await route.fulfill({ path: join(dir, 'persist.html'), contentType: 'text/html' });
    } else {
      refused.push(route.request().url());
      await route.abort();
    }
  });
  const page = await context.newPage();
  await page.goto(url);
  const bytes = Number(out.match(/\(([\d.]+) MB\)/)?.[1] ?? 0) * 1e6;
  return { page, refused, bytes };
}

/** What the view shows: its source, selection, focus, colors and points per layer. */
async function viewSummary(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel) as HTMLElement;
    const gd = root.querySelector('.lv-plot') as unknown as {
      _fullData: { x?: number[]; meta?: { layer?: string } }[];
    };
    const points: Record<string, number> = {};
    for (const trace of gd._fullData) {
      const layer = trace.meta?.layer ?? '';
      points[layer] = (points[layer] ?? 0) + (trace.x?.length ?? 0);
    }
    return {
      source: root.dataset['source'],
      selected: root.dataset['selected'],
      focus: root.dataset['focus'],
      colorBy: root.dataset['colorBy'],
      points,
      notice: root.querySelector('.lv-notice')?.textContent ?? '',
      methodDisabled: (root.querySelector('.lv-method') as HTMLSelectElement).disabled
    };
  }, selector);
}

test('a saved notebook shows the widget again without its kernel, also in Notebook 7', async ({
  page,
  baseURL,
  browser
}) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) =>
    pageErrors.push(`${page.url()}: ${err.message}\n${err.stack ?? ''}`)
  );

  // 1. Run the notebook in JupyterLab, select, recolor and focus from Python.
  const { state, error } = await runNotebookToLayerViz(page, baseURL, NOTEBOOK);
  expect(error).toBe('');
  expect(state).toBe('ready');
  const out = await runNewCell(
    page,
    'w.selection = [0, 1, 2, 61, 62]; w.color_by = "correct"; w.layer = "hidden"; ' +
      'print("SHAPE", w.embedding("hidden").shape)',
    'SHAPE'
  );
  expect(out).toContain('SHAPE (180, 2)');
  const root = page.locator('.lv-root').first();
  await expect(root).toHaveAttribute('data-selected', '5');
  await expect(root).toHaveAttribute('data-focus', 'hidden');
  const live = await viewSummary(page, '.lv-root');
  expect(live).toMatchObject({ source: 'model', colorBy: 'correct', methodDisabled: false });
  expect(live.points).toEqual({ wide: 180, hidden: 180, probs: 180 });

  // Keyboard: every control of the view is reached with Tab, in order, from the slider.
  await page.locator('.lv-slider-input').focus();
  const reached: string[] = [];
  for (let i = 0; i < 16; i++) {
    const cls = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.closest('.lv-controls') ? el.className : null;
    });
    if (cls === null) {
      break;
    }
    reached.push(cls);
    await page.keyboard.press('Tab');
  }
  for (const control of [
    'lv-slider-input',
    'lv-color-by',
    'lv-search',
    'lv-play',
    'lv-method',
    'lv-dims',
    'lv-next',
    'lv-export-menu'
  ]) {
    expect(reached.some((c) => c.split(' ').includes(control))).toBe(true);
  }
  // The export menu opens from the keyboard, its items are reached with Tab, Escape closes it.
  await page.locator('.lv-export-menu').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.lv-export-items')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.locator('.lv-export-png')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('.lv-export-items')).toBeHidden();
  await expect(page.locator('.lv-export-menu')).toBeFocused();
  // `[` and `]` step through the layers wherever the view has focus.
  await root.locator('.lv-plot').click({ position: { x: 5, y: 5 } });
  const before = await root.getAttribute('data-focus');
  await page.keyboard.press(']');
  await expect(root).not.toHaveAttribute('data-focus', before ?? '');
  await page.keyboard.press('[');
  await expect(root).toHaveAttribute('data-focus', before ?? '');
  // ...and works from the keyboard: arrows on the slider, Enter on "Color by".
  await page.locator('.lv-slider-input').focus();
  await page.keyboard.press('ArrowRight');
  await expect(root).toHaveAttribute('data-focus', 'probs');

  // 2. Save. The notebook keeps the layouts, not the weights or x.
  await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell').first().click();
  await page.keyboard.press('Control+s');
  await expect(page.locator('.jp-mod-current.jp-mod-dirty')).toHaveCount(0, { timeout: 30_000 });
  let saved = await savedNotebook(page);
  await expect
    .poll(async () => (saved = await savedNotebook(page)).text.includes('saved_layouts'), {
      timeout: 30_000
    })
    .toBe(true);
  const models = Object.values(
    saved.json.metadata.widgets?.['application/vnd.jupyter.widget-state+json']?.state ?? {}
  );
  const layerviz = models.find((m) => m.model_name === 'LayerVizModel');
  expect(layerviz).toBeDefined();
  const keys = Object.keys(layerviz?.state ?? {});
  expect(keys).toEqual(expect.arrayContaining(['saved_layouts', 'saved_view', 'labels']));
  for (const heavy of ['weight_data', 'x', 'model_topology', 'fidelity_reference']) {
    expect(keys).not.toContain(heavy);
  }
  const bytes = new TextEncoder().encode(saved.text).length;
  console.log(`saved notebook: ${bytes} bytes`);
  expect(bytes).toBeLessThan(100_000);

  // 3. `python -m layerviz html` of the saved notebook shows the plots offline (no server, no
  // kernel, no network: the context can load nothing but the page itself).
  const offline = await openOffline(browser, saved.json);
  const offlineErrors: string[] = [];
  offline.page.on('pageerror', (err) => offlineErrors.push(err.message));
  await offline.page
    .locator('.lv-root[data-source="saved"][data-state="ready"]')
    .waitFor({ timeout: 120_000 });
  const html = await viewSummary(offline.page, '.lv-root');
  expect(html).toMatchObject({ selected: '5', focus: 'probs', colorBy: 'correct' });
  expect(html.points).toEqual(live.points);
  expect(offline.refused).toEqual([]);
  expect(offlineErrors).toEqual([]);
  await offline.page.context().close();

  // 4. Reopen it with a new kernel that never ran the cells: the saved view is drawn.
  await shutDownKernels(page);
  await page.goto(`/lab/workspaces/reopen-${Date.now()}/tree/${NOTEBOOK}`);
  const restored = page.locator('.lv-root[data-source="saved"][data-state="ready"]');
  await restored.waitFor({ timeout: 120_000 });
  const again = await viewSummary(page, '.lv-root[data-source="saved"]');
  expect(again).toMatchObject({
    selected: '5',
    focus: 'probs',
    colorBy: 'correct',
    methodDisabled: true
  });
  expect(again.points).toEqual(live.points);
  expect(again.notice).toContain('saved with the notebook');
  // The selection's separability kept with it (or, if the save came first, why it has none).
  await expect(restored.locator('.lv-selection-note')).toContainText('Selection of 5 points');
  await waitForIdleKernel(page);
  expect(await runNewCell(page, 'print("HAS_W", "w" in globals())', 'HAS_W')).toContain(
    'HAS_W False'
  );

  expect(pageErrors).toEqual([]);

  // 5. Notebook 7: the saved view shows too, and running the notebook there draws it anew.
  await page.goto(`/notebooks/${NOTEBOOK}`);
  await page.locator('.lv-root[data-source="saved"][data-state="ready"]').waitFor({
    timeout: 120_000
  });
  await waitForIdleKernel(page);
  await runAllCells(page);
  const fresh = page.locator('.lv-root[data-source="model"][data-state="ready"]');
  await fresh.waitFor({ timeout: 300_000 });
  await expect(page.locator('.lv-root')).toHaveCount(1);
  expect((await viewSummary(page, '.lv-root')).points).toEqual(live.points);
  await page.locator('.lv-slider-input').focus();
  await page.keyboard.press('ArrowRight');
  await expect(fresh).toHaveAttribute('data-focus', 'hidden');
  expect(await runNewCell(page, 'print("LAYER", w.layer)', 'LAYER')).toContain('LAYER hidden');
  // Notebook 7.6's own start-up throws two errors ("reading 'schema'", "'filebrowser:open-path'
  // not registered") with layerviz disabled too; none may come from layerviz's code.
  expect(pageErrors.filter((e) => e.includes('layerviz'))).toEqual([]);
});

test('a notebook executed without a browser renders offline, computed in the page', async ({
  browser
}) => {
  // nbclient keeps the kernel's widget state (the model and x, no layouts yet): the static
  // page computes the layers with the TF.js and layout worker inside the widget bundle.
  const offline = await openOffline(browser, null);
  const errors: string[] = [];
  offline.page.on('pageerror', (err) => errors.push(err.message));
  await offline.page
    .locator('.lv-root[data-source="model"][data-state="ready"]')
    .waitFor({ timeout: 300_000 });
  const summary = await viewSummary(offline.page, '.lv-root');
  expect(summary.points).toEqual({ wide: 180, hidden: 180, probs: 180 });
  expect(offline.refused).toEqual([]);
  expect(errors).toEqual([]);
  await offline.page.context().close();
});
