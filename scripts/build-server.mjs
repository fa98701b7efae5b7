#!/usr/bin/env node
// Compiles the server (server/ and the shared core it imports) into one ES module,
// dist/server/main.js, which `npm start` and the service unit run with plain Node, plus the
// spreadsheet reader's worker, dist/server/xlsx-worker.js. Packages stay in node_modules.
// Running TypeScript through a loader (tsx) in production costs an idle server about 0.7 % of a
// core on its own (the loader's hooks thread), more than a whole room at rest.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await build({
  // The spreadsheet reader's worker thread is its own file beside main.js (server/content/xlsx-reader.ts).
  entryPoints: { main: path.join(root, 'server', 'main.ts'), 'xlsx-worker': path.join(root, 'server', 'content', 'xlsx-worker.ts') },
  outdir: path.join(root, 'dist', 'server'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('server built: dist/server/main.js, dist/server/xlsx-worker.js');
