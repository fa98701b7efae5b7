#!/usr/bin/env node
// `npm start`: builds the client pages and the server bundle when they are missing or older than
// their sources, then runs the server in this very process (no child left behind).
//
// npm runs this through a shell (npm → sh → node). Killing npm (SIGTERM) also ends the shell
// but not its child, and killing npm with SIGKILL ends neither: either way the server would go
// on listening. So the server watches the processes that started it, up to npm itself, and
// shuts down (gracefully: games reach their checkpoint) as soon as one of them is gone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WATCH_MS = 1000;

function newest(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let t = 0;
  for (const entry of fs.readdirSync(target)) t = Math.max(t, newest(path.join(target, entry)));
  return t;
}

function builtAt(file) {
  return fs.existsSync(file) ? fs.statSync(file).mtimeMs : -1;
}

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The build tools, found as a fresh clone has them: vite's package exports no ./bin path, so its
// CLI is located next to its package.json (which it does export).
const viteBin = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
const serverBuild = path.join(root, 'scripts', 'build-server.mjs');
const lock = newest(path.join(root, 'package-lock.json'));
const shared = newest(path.join(root, 'shared'));
const clientStale = builtAt(path.join(root, 'dist', 'client', 'index.html')) < Math.max(newest(path.join(root, 'client')), shared, lock);
const serverStale = builtAt(path.join(root, 'dist', 'server', 'main.js')) < Math.max(newest(path.join(root, 'server')), shared, lock);
if (process.argv.includes('--check')) {
  // What a start would do, without doing it (tests/server/start.test.ts): the tools must exist.
  const missing = [viteBin, serverBuild].filter((f) => !fs.existsSync(f));
  console.log(JSON.stringify({ viteBin, serverBuild, clientStale, serverStale, missing }));
  process.exit(missing.length === 0 ? 0 : 1);
}
if (clientStale) run([viteBin, 'build', '--config', 'client/vite.config.ts']);
if (serverStale) run([serverBuild]);

/**
 * The processes between npm and this one, npm included; only the parent where /proc is missing
 * (macOS: there npm's shell runs node in its own place); none when npm did not start us.
 */
function starters() {
  const chain = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 4 && pid > 1; depth++) {
    chain.push(pid);
    let stat, cmdline;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      break;
    }
    if (/(^|[\s/\0])npm(-cli\.js)?([\s\0]|$)/.test(cmdline)) return chain;
    pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  }
  return process.env.npm_lifecycle_event ? chain.slice(0, 1) : [];
}

const watched = starters();
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
};
const watchdog = setInterval(() => {
  if (watched.every(alive)) return;
  clearInterval(watchdog);
  console.log('npm start: the process that started the server is gone; shutting down');
  process.kill(process.pid, 'SIGTERM');
}, WATCH_MS);
watchdog.unref();

process.setSourceMapsEnabled?.(true);
await import(pathToFileURL(path.join(root, 'dist', 'server', 'main.js')).href);
