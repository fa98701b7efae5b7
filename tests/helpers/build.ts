// Builds the client, and the server bundle that `npm start` runs, when missing or older than
// their sources (tests/run.mjs builds both first; this covers a bare `npx vitest`).
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { ROOT_DIR } from '../../server/config.ts';

function newest(dir: string): number {
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return t;
}

export function ensureClientBuilt(): void {
  const built = path.join(ROOT_DIR, 'dist', 'client', 'index.html');
  const sources = Math.max(newest(path.join(ROOT_DIR, 'client')), newest(path.join(ROOT_DIR, 'shared')));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  execSync('npm run build', { cwd: ROOT_DIR, stdio: 'inherit' });
}

/** dist/server/main.js: the server as `npm start` and the systemd unit run it. */
export const SERVER_BUNDLE = path.join(ROOT_DIR, 'dist', 'server', 'main.js');

/**
 * Node flags the server runs with (package.json `start`, deploy/uptime-arena.service): source
 * maps for readable stacks, and no `__proto__` accessor at all, so a crafted key can never reach
 * an object's prototype through it (docs/security.md).
 */
export const SERVER_NODE_ARGS = ['--enable-source-maps', '--disable-proto=throw'] as const;

export function ensureServerBuilt(): string {
  const sources = Math.max(newest(path.join(ROOT_DIR, 'server')), newest(path.join(ROOT_DIR, 'shared')));
  if (!fs.existsSync(SERVER_BUNDLE) || fs.statSync(SERVER_BUNDLE).mtimeMs < sources) {
    execSync('node scripts/build-server.mjs', { cwd: ROOT_DIR, stdio: 'inherit' });
  }
  return SERVER_BUNDLE;
}
