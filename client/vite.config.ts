import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Two pages: the student join page (/) and the teacher's page (/host). Each page's entry is small
// (the form first); Phaser and the game views are split into chunks loaded after it.
export default defineConfig({
  root: here('.'),
  publicDir: here('public'),
  base: '/',
  // The pages run under a CSP without eval: zod without its eval probe (src/zod-jitless.ts).
  resolve: { alias: [{ find: /^zod$/, replacement: here('src/zod-jitless.ts') }] },
  build: {
    outDir: here('../dist/client'),
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      input: { index: here('index.html'), host: here('host.html'), sets: here('sets.html'), results: here('results.html'), homework: here('homework.html') },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:2567', '/healthz': 'http://localhost:2567' },
  },
});
