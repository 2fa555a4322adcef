import { defineConfig } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/lab.mjs';

const PORT = Number(process.env['LAYERVIZ_E2E_PORT'] ?? 8923);

/**
 * End-to-end tests: one real JupyterLab server (started once, on a throw-away copy of the
 * notebooks) shared by every test, a real IPython kernel, Debian's Chromium.
 */
export default defineConfig({
  testDir: '.',
  timeout: 8 * 60_000,
  workers: 1,
  retries: 0,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1400, height: 1000 },
    video: 'off',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }
  },
  webServer: {
    command: `bash ../support/serve-lab.sh ${PORT}`,
    url: `http://127.0.0.1:${PORT}/lab`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe'
  }
});
