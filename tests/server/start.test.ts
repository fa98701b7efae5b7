// `npm start` serves, and stopping npm stops the server: killing npm (politely or not) must not
// leave node listening (npm runs the script through a shell, which does not pass the signal on).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT_DIR } from '../../server/config.ts';
import { freePort } from '../helpers/port.ts';
import { SERVER_NODE_ARGS, ensureClientBuilt, ensureServerBuilt } from '../helpers/build.ts';

const started: number[] = [];

beforeAll(() => {
  // built already (npm test builds first), so npm start only serves
  ensureClientBuilt();
  ensureServerBuilt();
});

afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone, as it should be
    }
  }
});

/** Every process below `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (out.push(c), walk(c)));
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function npmStart(): Promise<{ npm: ChildProcess; url: string; server: number[] }> {
  const port = await freePort();
  const npm = spawn('npm', ['start'], {
    cwd: ROOT_DIR,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ua-start-')), LOG_LEVEL: 'warn', REDIS_URL: '', DATABASE_URL: '' },
    stdio: 'ignore',
  });
  started.push(npm.pid!);
  const url = `http://127.0.0.1:${port}`;
  await vi.waitFor(async () => expect((await fetch(`${url}/healthz`)).ok).toBe(true), { timeout: 60_000, interval: 200 });
  const server = descendants(npm.pid!);
  started.push(...server);
  return { npm, url, server };
}

describe('npm start', () => {
  it('finds the build tools a fresh clone has (vite exports no ./bin path: a clean checkout could not build)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT_DIR, 'scripts', 'start.mjs'), '--check'], { cwd: ROOT_DIR, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { viteBin: string; serverBuild: string; missing: string[] };
    expect(plan.missing).toEqual([]);
    expect(fs.existsSync(plan.viteBin)).toBe(true);
    expect(path.basename(plan.viteBin)).toBe('vite.js');
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`serves, and stops serving when npm gets ${signal}`, async () => {
      const { npm, url, server } = await npmStart();
      expect(server.length).toBeGreaterThan(0);
      // the server keeps the hardening flags it runs with everywhere (tests/helpers/build.ts)
      const node = server.map((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).find((argv) => argv.at(-2)?.endsWith('scripts/start.mjs') && !argv[0]!.endsWith('sh'));
      expect(node).toEqual(expect.arrayContaining([...SERVER_NODE_ARGS]));
      expect((await fetch(`${url}/host`)).status).toBe(200);
      npm.kill(signal);
      await vi.waitFor(() => expect(server.filter(alive)).toEqual([]), { timeout: 30_000, interval: 200 });
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    }, 120_000);
  }
});
