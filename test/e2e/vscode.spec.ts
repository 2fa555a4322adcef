import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { executeNotebook } from './execute_notebook';

const REPO = join(__dirname, '..', '..');
/** Where the wheel installs the AMD module (a link to the build in this checkout). */
const NBEXTENSION = join(
  REPO,
  '.venv',
  'share',
  'jupyter',
  'nbextensions',
  '@layerviz',
  'jupyterlab'
);
const ORIGIN = 'http://vscode.webview';

interface NotebookJson {
  metadata: { widgets?: Record<string, unknown> };
  cells: { outputs?: { data?: Record<string, { model_id?: string }> }[] }[];
}

/**
 * A page that loads the widget the way VS Code's notebook renderer loads a third-party widget:
 * RequireJS configured with a path from the module's name to the `index.js` the wheel installs
 * in `share/jupyter/nbextensions/<module>/`, fetched by URL (not inlined, as the static HTML
 * does), and the widgets' HTML manager rendering the kernel's widget state.
 */
function vscodePage(state: unknown, modelId: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"></head><body>
<script src="${ORIGIN}/nbextensions/@layerviz/jupyterlab/vendor/require.js"></script>
<script>
  require.config({ paths: { '@layerviz/jupyterlab': '${ORIGIN}/nbextensions/@layerviz/jupyterlab/index' } });
</script>
<script src="${ORIGIN}/nbextensions/@layerviz/jupyterlab/vendor/embed-amd.js"></script>
<script type="application/vnd.jupyter.widget-state+json">${JSON.stringify(state)}</script>
<script type="application/vnd.jupyter.widget-view+json">${JSON.stringify({
    version_major: 2,
    version_minor: 0,
    model_id: modelId
  })}</script>
</body></html>`;
}

test('VS Code: the AMD module loads by name through RequireJS and computes the layers', async ({
  browser
}) => {
  // The kernel's widget state, as any notebook front end gets it: executed by nbclient.
  const dir = mkdtempSync(join(tmpdir(), 'layerviz-vscode-'));
  const executed = executeNotebook(join('test', 'e2e', 'notebooks', 'persist.ipynb'), dir);
  const notebook = JSON.parse(readFileSync(executed, 'utf8')) as NotebookJson;
  const state = notebook.metadata.widgets?.['application/vnd.jupyter.widget-state+json'];
  const modelId = notebook.cells
    .flatMap((cell) => cell.outputs ?? [])
    .map((output) => output.data?.['application/vnd.jupyter.widget-view+json']?.model_id)
    .find((id) => id !== undefined);
  expect(state).toBeDefined();
  expect(modelId).toBeDefined();

  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const refused: string[] = [];
  const served: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === `${ORIGIN}/notebook.html`) {
      await route.fulfill({ body: vscodePage(state, modelId ?? ''), contentType: 'text/html' });
    } else if (url.startsWith(`${ORIGIN}/nbextensions/@layerviz/jupyterlab/`)) {
      const file = url.slice(`${ORIGIN}/nbextensions/@layerviz/jupyterlab/`.length);
      served.push(file);
      await route.fulfill({ path: join(NBEXTENSION, file), contentType: 'text/javascript' });
    } else {
      refused.push(url);
      await route.abort();
    }
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${ORIGIN}/notebook.html`);
  await page
    .locator('.lv-root[data-source="model"][data-state="ready"]')
    .waitFor({ timeout: 300_000 });
  // The module came by its name from the nbextension folder, nothing from a CDN.
  expect(served).toContain('index.js');
  expect(refused).toEqual([]);
  expect(errors).toEqual([]);
  const layers = await page.evaluate(() => {
    const gd = document.querySelector('.lv-root .lv-plot') as unknown as {
      _fullData: { meta?: { layer?: string } }[];
    };
    return [...new Set(gd._fullData.map((trace) => trace.meta?.layer))];
  });
  expect(layers).toEqual(['wide', 'hidden', 'probs']);
  await context.close();
});
