/**
 * The web UI's build: two pages from one source tree — the workbench (index.html, served at /) and
 * the debtor portal (portal/index.html, served at /portal) — sharing the API client, i18n and formats.
 * scripts/ensure-web-build.mjs runs it before `npm start` and the browser tests.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // Ant Design and ECharts make a large shared chunk; it is cached (hashed names) and served locally.
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      input: { workbench: here('index.html'), portal: here('portal/index.html') },
    },
  },
  server: {
    // `npx vite web` during UI work: the API comes from a running `npm start`.
    proxy: { '/api': 'http://127.0.0.1:3000', '/dev': 'http://127.0.0.1:3000' },
  },
});
