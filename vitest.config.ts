import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

const src = (pkg: string): string =>
  fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    // Test the sources, not a possibly stale build.
    alias: { '@layerviz/core': src('core'), '@layerviz/view': src('view') }
  },
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 60_000
  }
});
