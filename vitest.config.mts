import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Test the sources, not a possibly stale build.
    alias: [
      { find: /^@layerviz\/core$/, replacement: src('core/src/index.ts') },
      { find: /^@layerviz\/core\/reduce$/, replacement: src('core/src/reduce/index.ts') },
      { find: /^@layerviz\/core\/service$/, replacement: src('core/src/service/index.ts') },
      { find: /^@layerviz\/view$/, replacement: src('view/src/index.ts') }
    ]
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/examples/**/*.test.ts'],
    testTimeout: 60_000
  }
});
