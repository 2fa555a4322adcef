import { defineConfig } from '@playwright/test';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/lab.mjs';

/** Port of the built web example (examples/web/dist); the notebook page is on the next one. */
export const WEB_PORT = Number(process.env['LAYERVIZ_EXAMPLES_PORT'] ?? 4273);
export const NOTEBOOK_PORT = WEB_PORT + 1;

/**
 * Smoke tests of the examples outside Jupyter, built by `npm run build` (`vite build` and
 * examples/notebook/build.mjs) and served as static files to Debian's Chromium.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 5 * 60_000,
  workers: 1,
  retries: 0,
  reporter: 'list',
  use: {
    viewport: { width: 1300, height: 1000 },
    video: 'off',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }
  },
  webServer: [WEB_PORT, NOTEBOOK_PORT].map((port, i) => ({
    command: `npx vite preview ${i === 0 ? 'web' : 'notebook'} --outDir dist --port ${port} --strictPort --host 127.0.0.1`,
    cwd: '../../examples',
    url: `http://127.0.0.1:${port}/`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const
  }))
});
