// Drive a real JupyterLab page with Playwright: shared by the e2e tests and the headless demo.

/** Chromium flags for a root user on a machine without network or GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  // WebGL through SwiftShader: TF.js's WebGL backend and Plotly's scattergl need a context.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader'
];

/** Debian's Chromium: Playwright cannot download browsers of its own on these machines. */
export const CHROMIUM_PATH = process.env.LAYERVIZ_CHROMIUM ?? '/usr/bin/chromium';

/** The notebook panel in view (Lumino hides the others). */
const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';

/** Open a notebook (path relative to the server's root) and wait for its kernel to be idle. */
export async function openNotebook(page, baseUrl, path) {
  // A workspace of its own: JupyterLab would otherwise reopen the previous test's notebooks.
  const workspace = `test-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  await page.goto(`${baseUrl}/lab/workspaces/${workspace}/tree/${path}`);
  await page.locator('.jp-NotebookPanel').first().waitFor({ timeout: 120_000 });
  await waitForIdleKernel(page);
  await acceptKernelChoice(page);
}

/**
 * JupyterLab sometimes asks which kernel to start for a notebook it opens (seen on a loaded
 * machine, with the notebook's own kernel already preselected): take its choice, as a person
 * would, instead of letting the dialog swallow the next clicks.
 */
export async function acceptKernelChoice(page) {
  const dialog = page.locator('.jp-Dialog').filter({ hasText: 'Select Kernel' });
  if (await dialog.isVisible()) {
    await dialog.locator('.jp-Dialog-button.jp-mod-accept').click({ timeout: 30_000 });
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await waitForIdleKernel(page);
  }
}

/** Wait until the notebook's kernel reports idle. */
export async function waitForIdleKernel(page, timeout = 120_000) {
  await page
    .locator(`${PANEL} .jp-Notebook-ExecutionIndicator[data-status="idle"]`)
    .first()
    .waitFor({ timeout })
    .catch(async () => {
      // Older toolbars have no execution indicator: fall back to the kernel status text.
      await page.waitForFunction(() => !document.body.innerText.includes('Kernel Starting'), null, {
        timeout
      });
    });
}

/**
 * Run every cell through JupyterLab's own "Run All Cells" command, as a person would. A click
 * that lands while the notebook is still settling can be lost: it is retried until a cell shows
 * it is queued or running.
 */
export async function runAllCells(page) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await acceptKernelChoice(page);
    // A dialog that opens in between takes the click: accept it on the next attempt.
    const clicked = await page
      .locator(`${PANEL} .jp-Notebook`)
      .first()
      .click({ timeout: 60_000 })
      .then(
        () => true,
        () => false
      );
    if (!clicked) {
      continue;
    }
    await page.getByRole('menuitem', { name: 'Run', exact: true }).click();
    await page.getByRole('menuitem', { name: /^Run All Cells/ }).click();
    const started = await page
      .waitForFunction(
        (selector) =>
          [...document.querySelectorAll(selector)].some((p) =>
            /\[(\*|\d+)\]/.test(p.textContent ?? '')
          ),
        `${PANEL} .jp-CodeCell .jp-InputPrompt`,
        { timeout: 20_000 }
      )
      .then(
        () => true,
        () => false
      );
    if (started) {
      return;
    }
  }
  throw new Error('"Run All Cells" did not start the notebook after three tries');
}

/**
 * Wait until the layerviz widget has drawn every layer (or shown an error) and return its root.
 * @returns {Promise<{state: string, error: string}>}
 */
export async function waitForLayerViz(page, timeout = 300_000) {
  const root = page.locator('.lv-root').first();
  await root.waitFor({ timeout });
  await page.waitForFunction(
    () => {
      const el = document.querySelector('.lv-root');
      return el && (el.dataset.state === 'ready' || el.dataset.state === 'error');
    },
    null,
    { timeout }
  );
  const state = await root.getAttribute('data-state');
  const error = (await page.locator('.lv-error').first().textContent()) ?? '';
  return { state: state ?? '', error };
}

/**
 * What Plotly actually rendered: one entry per cartesian subplot with its axis ids, the layer
 * drawn in it and the number of points, plus the layer in focus.
 */
export async function figureSummary(page) {
  return page.evaluate(() => {
    const gd = document.querySelector('.lv-root .lv-plot');
    const subplots = gd._fullLayout._subplots.cartesian;
    const perSubplot = subplots.map((id) => {
      const traces = gd._fullData.filter((t) => (t.xaxis ?? 'x') + (t.yaxis ?? 'y') === id);
      return {
        id,
        layer: traces[0]?.meta?.layer ?? null,
        points: traces.reduce((sum, t) => sum + (t.x?.length ?? 0), 0),
        renderedGroups: gd.querySelectorAll(`g.subplot.${id}`).length
      };
    });
    const root = document.querySelector('.lv-root');
    const xDomain = (id) =>
      gd._fullLayout[id === 'xy' ? 'xaxis' : `xaxis${id.slice(1, id.indexOf('y'))}`].domain;
    return {
      subplots: perSubplot.map((s) => ({ ...s, width: xDomain(s.id)[1] - xDomain(s.id)[0] })),
      focus: root.dataset.focus
    };
  });
}

/**
 * Add a code cell at the end of the notebook, run it, and return its output text once it
 * contains `marker`.
 */
export async function runNewCell(page, code, marker, timeout = 120_000) {
  const cells = page.locator(`${PANEL} .jp-Cell`);
  const before = await cells.count();
  // Keys typed into a widget stay there: take focus away, select the last cell, then use the
  // toolbar's "insert a cell below" button.
  await page.evaluate(() => document.activeElement?.blur());
  await cells.last().locator('.jp-InputPrompt').click();
  // A click that lands while a just-opened notebook is still settling can be lost: retried.
  for (let attempt = 0; ; attempt++) {
    await page
      .locator(`${PANEL} .jp-NotebookPanel-toolbar [data-command="notebook:insert-cell-below"]`)
      .click();
    const added = await page
      .waitForFunction(
        ([selector, n]) => document.querySelectorAll(selector).length === n + 1,
        [`${PANEL} .jp-Cell`, before],
        { timeout: 15_000 }
      )
      .then(
        () => true,
        () => false
      );
    if (added) {
      break;
    }
    if (attempt >= 2) {
      throw new Error('"insert a cell below" added no cell after three tries');
    }
    await cells.last().locator('.jp-InputPrompt').click();
  }
  // By index: Shift+Enter appends another empty cell, which `last()` would then mean.
  const cell = cells.nth(before);
  await cell.locator('.cm-content').click();
  await page.keyboard.type(code);
  await page.keyboard.press('Shift+Enter');
  const output = cell.locator('.jp-OutputArea-output').filter({ hasText: marker });
  await output.first().waitFor({ timeout });
  return (await cell.locator('.jp-OutputArea').textContent()) ?? '';
}

/**
 * Open a notebook, run all its cells and wait for the layerviz widget: the common start of every
 * end-to-end test and of the headless demo.
 * @returns {Promise<{state: string, error: string}>}
 */
export async function runNotebookToLayerViz(page, baseUrl, path) {
  await openNotebook(page, baseUrl, path);
  await runAllCells(page);
  return waitForLayerViz(page);
}

/**
 * Draw a selection box with the mouse over the focused (first) plot of the layerviz view in
 * `root`, between fractions of its width and height, as a person would: the modebar's "Box
 * Select", then a drag. Retried (up to three times) while the view's selection count has not
 * changed: a drag that starts while Plotly redraws the figure is dropped by Plotly.
 * @returns {Promise<number>} the number of samples selected afterwards.
 */
export async function drawSelectionBox(page, root, [x0, y0], [x1, y1]) {
  const count = async () => Number((await root.getAttribute('data-selected')) ?? 0);
  const before = await count();
  for (let attempt = 0; attempt < 3; attempt++) {
    await root.locator('.modebar-btn[data-val="select"]').first().click();
    await root.locator('.lv-plot').evaluate(
      (gd) =>
        new Promise((resolve) => {
          const check = () =>
            gd._fullLayout?.dragmode === 'select' ? resolve(true) : requestAnimationFrame(check);
          check();
        })
    );
    // The view is taller than the window with its charts: the plot must be on screen to drag.
    await root.locator('.lv-plot').scrollIntoViewIfNeeded();
    const box = await root.locator('.lv-plot .nsewdrag').first().boundingBox();
    if (box === null) {
      throw new Error('no drag area in the focused plot');
    }
    await page.mouse.move(box.x + box.width * x0, box.y + box.height * y0);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * x1, box.y + box.height * y1, { steps: 8 });
    await page.mouse.up();
    const changed = await page
      .waitForFunction(
        ([el, n]) => Number(el.dataset.selected ?? 0) !== n,
        [await root.elementHandle(), before],
        { timeout: 5_000 }
      )
      .then(
        () => true,
        () => false
      );
    if (changed) {
      return count();
    }
  }
  throw new Error('three box selections changed nothing');
}
