import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console's build: React with the automatic JSX runtime (Vite's own transform, no plugin), one
// entry, hashed assets under assets/. `npm run build` writes it to dist/console, which the single
// process serves at `/`. `npx vite --config apps/console/vite.config.mts` serves it on its own for
// work on the screens, with /v1 proxied to a running `npm start` (COE_API, default port 3000).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: process.env.CONSOLE_OUT_DIR ?? '../../dist/console',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // one chunk of React, react-query and chart.js (~650 kB minified); what users download is its gzip
    // size, held under 350 KB by the `console-first-load-js` bench row
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // react-query's "use client" lines are for server-component bundlers; meaningless here.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/v1': process.env.COE_API ?? 'http://127.0.0.1:3000' },
  },
});
