// Open JupyterLab in Chromium and check that it loads with a given plugin activated and no page
// errors: the browser half of `jupyterlab.browser_check`, with Debian's Chromium.
//
//   node test/support/check-lab-loads.mjs URL PLUGIN_ID
import { chromium } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lab.mjs';

const [url, plugin] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  // The server may still be starting.
  for (let attempt = 0; ; attempt++) {
    try {
      await page.goto(url);
      break;
    } catch (err) {
      if (attempt >= 60) {
        throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  await page.waitForFunction(() => window.jupyterapp?.started !== undefined, null, {
    timeout: 120_000
  });
  const activated = await page.evaluate(async (id) => {
    await window.jupyterapp.started;
    await window.jupyterapp.restored;
    return window.jupyterapp.isPluginActivated(id);
  }, plugin);
  if (!activated) {
    throw new Error(`plugin ${plugin} is not activated`);
  }
  if (errors.length > 0) {
    throw new Error(`page errors: ${errors.join('; ')}`);
  }
  console.log(`${url}: JupyterLab loaded, ${plugin} activated, no page errors`);
} finally {
  await browser.close();
}
