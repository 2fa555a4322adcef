import { expect, type Page } from '@playwright/test';

import { runNotebookToLayerViz } from '../support/lab.mjs';

/**
 * Open the notebook at `path` (relative to the server's root), run all its cells and wait until
 * its layerviz view is ready, failing the test otherwise.
 * @returns the page's uncaught errors, a list that keeps growing as the test goes on.
 */
export async function openReadyView(
  page: Page,
  baseURL: string | undefined,
  path: string
): Promise<string[]> {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const { state, error } = await runNotebookToLayerViz(page, baseURL, path);
  expect(error).toBe('');
  expect(state).toBe('ready');
  return pageErrors;
}
