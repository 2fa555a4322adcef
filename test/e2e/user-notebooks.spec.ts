import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { figureSummary, runNotebookToLayerViz } from '../support/lab.mjs';

const TEST_IMAGES = 500;
const PYTHON = join(__dirname, '..', '..', '.venv', 'bin', 'python');

/** Whether the venv has `module` (PyTorch is optional: setup installs it when it can). */
function installed(module: string): boolean {
  return spawnSync(PYTHON, ['-c', `import ${module}`]).status === 0;
}

// The notebooks a new user looks for beside the sentiment walkthrough, run as they ship.
const NOTEBOOKS = [
  {
    path: 'notebooks/digits_cnn.ipynb',
    needs: 'keras',
    layers: ['conv1', 'pool', 'conv2', 'gap', 'hidden', 'probs']
  },
  {
    path: 'notebooks/pytorch_digits.ipynb',
    needs: 'torch',
    layers: ['conv', 'relu1', 'pool', 'flatten', 'hidden', 'relu2', 'logits']
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
      expect(subplot.points).toBe(TEST_IMAGES);
    }
    // Colored by correct/wrong, with the images on hover: the data came through its loader.
    const root = page.locator('.lv-root').first();
    await expect(root.locator('.lv-color-by')).toHaveValue('correct');
    expect(pageErrors).toEqual([]);
  });
}
