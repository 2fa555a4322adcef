import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { figureSummary, runNotebookToLayerViz } from '../support/lab.mjs';

const TEST_IMAGES = 500;
const TEST_SENTENCES = 600;
const PYTHON = join(__dirname, '..', '..', '.venv', 'bin', 'python');

/** Whether the venv has `module` (PyTorch is optional: setup installs it when it can). */
function installed(module: string): boolean {
  return spawnSync(PYTHON, ['-c', `import ${module}`]).status === 0;
}

// The notebooks a new user looks for beside the sentiment walkthrough, run as they ship.
// `browser`: computed in the browser (`--compute browser`), so every layer carries TF.js's
// difference from the framework (Δ) in its title.
const NOTEBOOKS = [
  {
    path: 'notebooks/digits_cnn.ipynb',
    needs: 'keras',
    layers: ['conv1', 'pool', 'conv2', 'gap', 'hidden', 'probs'],
    points: TEST_IMAGES,
    browser: false
  },
  {
    path: 'notebooks/pytorch_digits.ipynb',
    needs: 'torch',
    layers: ['conv', 'relu1', 'pool', 'flatten', 'hidden', 'relu2', 'logits'],
    points: TEST_IMAGES,
    browser: false
  },
  {
    path: 'notebooks/text_transformer.ipynb',
    needs: 'keras',
    layers: [
      'embedding',
      'attention',
      'residual1',
      'norm1',
      'feed_forward',
      'residual2',
      'norm2',
      'pool',
      'sentiment'
    ],
    points: TEST_SENTENCES,
    browser: true
  }
];

for (const notebook of NOTEBOOKS) {
  test(`${notebook.path} runs and shows every layer of its model`, async ({ page, baseURL }) => {
    test.skip(!installed(notebook.needs), `${notebook.needs} is not installed in .venv`);
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    const { state, error } = await runNotebookToLayerViz(page, baseURL, notebook.path);
    expect(error).toBe('');
    expect(state).toBe('ready');
    const summary = await figureSummary(page);
    expect(summary.subplots.map((s: { layer: string }) => s.layer)).toEqual(notebook.layers);
    for (const subplot of summary.subplots) {
      expect(subplot.points).toBe(notebook.points);
    }
    // Colored by correct/wrong, with the images on hover: the data came through its loader.
    const root = page.locator('.lv-root').first();
    await expect(root.locator('.lv-color-by')).toHaveValue('correct');
    if (notebook.browser) {
      // Every layer computed by TF.js and checked against Keras: attention included.
      const fidelity = JSON.parse((await root.getAttribute('data-fidelity')) ?? '{}');
      expect(Object.keys(fidelity).sort()).toEqual([...notebook.layers].sort());
      for (const value of Object.values(fidelity)) {
        expect(value).toBeLessThan(1e-3);
      }
      // Narrow thumbnails' titles are cut to the layer's name; the focused layer's is whole.
      const titles = root.locator('.lv-plot .annotation-text', { hasText: 'Δ' });
      await expect(titles.first()).toBeVisible();
    }
    expect(pageErrors).toEqual([]);
  });
}
