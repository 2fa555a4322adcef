import { join } from 'node:path';

import { expect, type Page, test } from '@playwright/test';

const root = join(__dirname, '..', '..');
const types: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css'
};

type Layouts = Record<string, number[]>;

/** Every layer's final layout on screen, by name. */
function layouts(page: Page): Promise<Layouts> {
  return page.evaluate(() =>
    Object.fromEntries(
      window.checkpointsPage.handle.view.finalLayouts.map((l) => [
        l.info.name,
        Array.from(l.coords)
      ])
    )
  );
}

/** The largest coordinate difference between two sets of layouts of the same layers. */
function largestMove(a: Layouts, b: Layouts): number {
  let most = 0;
  for (const [name, coords] of Object.entries(a)) {
    coords.forEach((v, i) => (most = Math.max(most, Math.abs(v - (b[name]?.[i] ?? Infinity)))));
  }
  return most;
}

test('renderLayerViz of 3 checkpoints moves between epochs, aligned, and hands out the CKA', async ({
  page
}) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // A page that saves a small classifier before training and after 2 epochs, served from the
  // checkout (it imports the view's bundle, packages/view/dist).
  await page.route('http://checkpoints.local/**', (route) => {
    const file = join(root, new URL(route.request().url()).pathname);
    return route.fulfill({ path: file, contentType: types[file.slice(file.lastIndexOf('.'))] });
  });
  await page.goto('http://checkpoints.local/test/examples/checkpoints/page.html');
  await page.waitForFunction(
    () => window.checkpointsPage?.handle !== null || window.checkpointsPage.error !== null,
    null,
    { timeout: 120_000 }
  );
  expect(await page.evaluate(() => window.checkpointsPage.error)).toBeNull();
  const ready = (): Promise<boolean> => page.evaluate(() => window.checkpointsPage.handle.ready);
  expect(await ready()).toBe(true);

  // The last checkpoint is shown first, with the epoch slider.
  const view = page.locator('.lv-root');
  await expect(view).toHaveAttribute('data-state', 'ready');
  await expect(view).toHaveAttribute('data-epoch', '2');
  await expect(page.locator('.lv-epochs')).toBeVisible();
  await expect(page.locator('.lv-epoch-label')).toHaveText('Epoch 2 of 2');
  const info = await page.evaluate(() => {
    const { layers, epochs, epoch } = window.checkpointsPage.handle;
    return { layers, epochs, epoch };
  });
  expect(info).toEqual({ layers: ['hidden1', 'hidden2', 'probs'], epochs: [0, 1, 2], epoch: 2 });
  const trained = await layouts(page);
  expect(Object.keys(trained)).toEqual(info.layers);

  // The CKA between the layers, measured for this epoch.
  await page.waitForFunction(() => window.checkpointsPage.handle.cka !== null, null, {
    timeout: 60_000
  });
  const cka = await page.evaluate(() => {
    const matrix = window.checkpointsPage.handle.cka;
    return { layers: matrix?.layers, values: Array.from(matrix?.values ?? []) };
  });
  expect(cka.layers).toEqual(info.layers);
  expect(cka.values).toHaveLength(9);
  [0, 4, 8].forEach((i) => expect(cka.values[i]).toBeCloseTo(1, 3));
  cka.values.forEach((v) => expect(v).toBeGreaterThanOrEqual(-1e-6));
  // focusCka does what a click on a square does: the row's layer is shown large.
  const square = await page.evaluate(() =>
    window.checkpointsPage.handle.focusCka('probs', 'hidden1')
  );
  expect(square).toBeCloseTo(cka.values[6] ?? Number.NaN, 6);
  await expect(view).toHaveAttribute('data-focus', 'probs');

  // Before training: the points move, the caption says so.
  expect(await page.evaluate(() => window.checkpointsPage.handle.setEpoch(0))).toBe(true);
  await expect(page.locator('.lv-epoch-label')).toHaveText('Before training');
  await expect(view).toHaveAttribute('data-epoch', '0');
  await expect(view).toHaveAttribute('data-state', 'ready');
  const untrained = await layouts(page);
  expect(Object.keys(untrained)).toEqual(info.layers);
  expect(largestMove(untrained, trained)).toBeGreaterThan(1e-3);

  // Back to the last epoch with the slider: its layouts come back as they were (kept, then
  // aligned with epoch 0's, which were aligned with them).
  await page.locator('.lv-epoch-input').fill('2');
  await expect(page.locator('.lv-epoch-label')).toHaveText('Epoch 2 of 2');
  await page.waitForFunction(() => window.checkpointsPage.handle.epoch === 2);
  expect(await ready()).toBe(true);
  const again = await layouts(page);
  const scale = Math.max(...Object.values(trained).flatMap((c) => c.map(Math.abs)));
  expect(largestMove(again, trained)).toBeLessThan(1e-3 * scale);

  // An epoch not recorded is refused, naming those that are.
  const refused = await page.evaluate(() =>
    window.checkpointsPage.handle.setEpoch(7).then(
      () => 'resolved',
      (err: Error) => err.message
    )
  );
  expect(refused).toBe('no checkpoint of epoch 7: the epochs recorded are 0, 1, 2.');
  const events = await page.evaluate(() => {
    const { epochEvents, ckaEvents } = window.checkpointsPage;
    return { epochEvents, ckaEvents };
  });
  expect(events.epochEvents).toEqual([0, 2]);
  expect(events.ckaEvents.length).toBeGreaterThanOrEqual(2);
  expect(errors).toEqual([]);
});
