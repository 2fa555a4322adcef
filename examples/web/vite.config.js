import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs: the built page works from any folder or static host.
  base: './',
  build: { chunkSizeWarningLimit: 8000 },
  // The page imports ../data and ../shared, outside this folder.
  server: { fs: { allow: ['..', '../..'] } }
});
