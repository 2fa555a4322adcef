import { join } from 'node:path';

import { expect, test } from '@playwright/test';

const root = join(__dirname, '..', '..');
const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm'
};

test('renderLayerViz lays layers out in two workers at once: every layer, each once', async ({
  page
}) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // The load benchmark's page (a 4-layer dense model on Gaussian classes), served from the checkout.
  await page.route('http://bench.local/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = join(root, path);
    return route.fulfill({ path: file, contentType: types[file.slice(file.lastIndexOf('.'))] });
  });
  await page.goto('http://bench.local/bench/load/page.html');
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady);
  const result = await page.evaluate(() =>
    (
      window as unknown as {
        bench: {
          layerviz: (
            n: number,
            m: string,
            b: string,
            w: number
          ) => Promise<Record<string, unknown>>;
        };
      }
    ).bench.layerviz(600, 'tsne', 'auto', 2)
  );
  expect(result['ok']).toBe(true);
  expect(result['layoutLanes']).toBe(2);
  await expect(page.locator('.lv-root')).toHaveAttribute('data-state', 'ready');
  const layouts = await page.evaluate(() => {
    const handle = (
      window as unknown as {
        benchHandle: { view: { finalLayouts: { info: { name: string }; coords: Float32Array }[] } };
      }
    ).benchHandle;
    return handle.view.finalLayouts.map((l) => [l.info.name, l.coords.length]);
  });
  expect(layouts).toEqual([
    ['dense1', 1200],
    ['dense2', 1200],
    ['dense3', 1200],
    ['probs', 1200]
  ]);
  expect(errors).toEqual([]);
});
