import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
/** The API server for the dev server's proxy (in production it serves web/dist itself, same origin). */
const backend = process.env.JINENG_API_URL ?? 'http://localhost:3000';
const proxy = Object.fromEntries(['/api', '/docs', '/healthz', '/readyz'].map((p) => [p, { target: backend }]));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Stable, cache-friendly vendor chunks; each page is its own lazy chunk.
        codeSplitting: {
          groups: [
            {
              name: 'vendor-react',
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|@tanstack)[\\/]/,
              priority: 20,
            },
            {
              name: 'vendor-antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|@emotion|dayjs|clsx)[\\/]/,
              priority: 10,
            },
            { name: 'app-shell', test: /[\\/]web[\\/]src[\\/](app|i18n)[\\/]/, priority: 5 },
          ],
        },
      },
    },
  },
  server: { proxy },
  preview: { proxy },
});
