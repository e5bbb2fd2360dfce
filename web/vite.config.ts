import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

/** A folder next to this file, as a file-system path (POSIX or Windows). */
function here(relative: string): string {
  const url = new URL(relative, import.meta.url);
  return decodeURIComponent(url.pathname).replace(/^\/([A-Za-z]:)/, '$1');
}

/**
 * Vendor chunks: these change rarely, so browsers keep them cached across releases. A group
 * also takes the modules its modules import that no group of higher priority took first, so
 * the libraries others build on (React, then Mantine with tslib) come before ECharts: were
 * ECharts first, React and tslib would land in its chunk and every page, the sign-in page
 * included, would load ECharts to get them.
 */
const VENDOR_GROUPS: { name: string; test: RegExp; priority: number }[] = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/, priority: 50 },
  // i18next with its React binding and language detector: every page, the sign-in page included.
  { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|i18next-browser-languagedetector|use-sync-external-store)[\\/]/, priority: 48 },
  { name: 'mantine', test: /node_modules[\\/](@mantine[\\/](core|hooks|modals|notifications|form)|@floating-ui|clsx|react-remove-scroll[^\\/]*|react-style-singleton|use-callback-ref|use-sidecar|react-number-format|react-textarea-autosize|tslib|get-nonce|detect-node-es)[\\/]/, priority: 45 },
  // ECharts is the biggest library by far; only pages that draw a chart load it.
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/, priority: 40 },
  // Tables and date pickers: only the pages that show them load them (their styles stay with
  // the rest, imported once by main.tsx).
  { name: 'tables', test: /node_modules[\\/]mantine-datatable[\\/](?!.*\.css$)/, priority: 35 },
  { name: 'dates', test: /node_modules[\\/](@mantine[\\/]dates|dayjs)[\\/](?!.*\.css$)/, priority: 35 },
  { name: 'icons', test: /node_modules[\\/]@tabler[\\/]/, priority: 10 },
];

// The web app. `npm run build` writes it to dist/web, which `triad serve` serves; in
// development run `npx vite --config web/vite.config.ts` beside `triad serve --port 3000`.
export default defineConfig({
  root: here('.'),
  publicDir: here('./public'),
  plugins: [
    react(),
    // Brotli and gzip copies beside each file (x.js.br, x.js.gz), made once at build time at the
    // best ratio; the server sends the one the browser accepts (src/server/web-assets.ts).
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      include: /\.(js|css|html|svg|json)$/,
      threshold: 512,
      skipIfLargerOrEqual: true,
      logLevel: 'silent',
    }),
  ],
  resolve: {
    alias: [
      // Code shared with the server (money, chart option builders): browser-safe by lint rule.
      { find: '@shared', replacement: here('../src/shared') },
      // A domain module's Zod schemas (src/modules/<name>/schema.ts): zod and src/shared only.
      { find: /^@schema\/([a-z0-9-]+)$/, replacement: `${here('../src/modules')}/$1/schema.ts` },
      // And a topic's, where a module's schemas are split (src/modules/<name>/<topic>-schema.ts).
      { find: /^@schema\/([a-z0-9-]+)\/([a-z0-9-]+)$/, replacement: `${here('../src/modules')}/$1/$2-schema.ts` },
    ],
  },
  css: {
    postcss: here('.'),
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    // Only the lazily loaded ECharts chunk (~670 kB) comes near this; anything else this big is a mistake.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: VENDOR_GROUPS,
        },
      },
    },
  },
});
