#!/usr/bin/env node
// `npm test`: every suite (unit, server/room integration, real-browser end-to-end).
// Like `playwright install --with-deps` would, it makes sure a Chromium is there first: it uses
// CHROMIUM_PATH or /usr/bin/chromium, installs Debian's chromium with apt-get when running as
// root, or stops with the exact command to run. It never skips the browser suite silently.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
let chromium = candidates.find((p) => existsSync(p));
if (!chromium) {
  if (process.getuid?.() === 0) {
    console.log('Chromium not found: installing Debian\'s chromium with apt-get…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (r.status !== 0) process.exit(r.status ?? 1);
    chromium = '/usr/bin/chromium';
  } else {
    console.error('The end-to-end tests need Chromium. Install it with:\n\n  sudo apt-get install -y chromium\n\nor set CHROMIUM_PATH to a Chromium or Chrome binary, then run npm test again.');
    process.exit(1);
  }
}

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const args = ['vitest', 'run', ...process.argv.slice(2)];
const r = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } });
process.exit(r.status ?? 1);
