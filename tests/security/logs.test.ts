// Tokens in the log: a refused join was logged at error level with its full join options (a
// teacher who opened the wrong game leaked a real host token) and a 2 KB stack, a flood of lines.
// Now: the code and the refusal at warn, the options redacted, no stack. Also the operator's side
// of other refusals: admin tokens, startup failures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_NODE_ARGS, ensureServerBuilt } from '../helpers/build.ts';
import { ROOT_DIR, loadConfig } from '../../server/config.ts';
import { ADMIN_FAILURES_PER_MINUTE } from '../../server/http/admin.ts';
import { EXIT_CONFIG } from '../../server/startup.ts';
import { messages, startTarget, type Target } from './harness.ts';

const ADMIN = 'admin-secret-admin-secret-123456';
let t: Target;
beforeAll(async () => {
  t = await startTarget({ LOG_LEVEL: 'info', ADMIN_TOKEN: ADMIN });
});
afterAll(async () => {
  await t.stop();
});

const lines = () =>
  t
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('refused joins in the log', () => {
  it('are one warn line each with the code and the reason, the options redacted, no stack, no token', async () => {
    const mine = await t.createGame();
    const other = await t.createGame();
    const phone = await t.client().joinById(mine.code, { name: 'Ana' });
    const seat = await new Promise<string>((resolve) => messages(phone) && phone.onMessage('welcome', (w: { seat: string }) => resolve(w.seat)));
    // a teacher opening the wrong game with their real token; a phone with its real seat in the wrong game
    await expect(t.client().joinById(other.code, { hostToken: mine.hostToken })).rejects.toThrow(/not valid/);
    await expect(t.client().joinById(other.code, { seat })).rejects.toThrow(/seat/);
    await expect(t.client().joinById(mine.code, { name: 'Ana' })).rejects.toThrow(/taken/);
    await new Promise<void>((resolve) => {
      const check = () => (lines().filter((l) => l.msg === 'refused').length >= 3 ? resolve() : setTimeout(check, 50));
      check();
    });
    const refused = lines().filter((l) => l.msg === 'refused');
    expect(refused.length).toBe(3);
    for (const l of refused) {
      expect(l.level).toBe(40);
      expect(l).toMatchObject({ method: 'onJoin', refusal: expect.any(Number), reason: expect.any(String) });
      expect(JSON.stringify(l)).not.toMatch(/stack|\bat \w+ \(/);
      expect(JSON.stringify(l).length).toBeLessThan(600);
    }
    expect(refused.find((l) => l.code === other.code && (l.options as Record<string, unknown>)?.hostToken)).toMatchObject({ options: { hostToken: '[redacted]' } });
    expect(refused.find((l) => (l.options as Record<string, unknown>)?.name === 'Ana')).toBeDefined();
    const all = t.output();
    for (const secret of [mine.hostToken, seat]) expect(all).not.toContain(secret);
    expect(lines().filter((l) => (l.level as number) >= 50)).toEqual([]);
    await phone.leave(true);
  });
});

describe('the admin token', () => {
  it('is compared without a timing or length hint and is rate limited per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 2 * ADMIN_FAILURES_PER_MINUTE + 3 && statuses.at(-1) !== 429; i++) {
      const res = await fetch(`${t.url}/admin/api`, { headers: { authorization: `Bearer wrong-${'x'.repeat(i)}`, 'x-forwarded-for': '203.0.113.9' } });
      statuses.push(res.status);
      await res.text();
    }
    // refused once the allowance is used (in one window, or two if a minute ended meanwhile)
    expect(statuses.at(-1), JSON.stringify(statuses)).toBe(429);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(ADMIN_FAILURES_PER_MINUTE);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(2 * ADMIN_FAILURES_PER_MINUTE);
    // the right token from another address still opens it
    expect((await fetch(`${t.url}/admin/api`, { headers: { authorization: `Bearer ${ADMIN}`, 'x-forwarded-for': '198.51.100.3' } })).status).toBe(200);
  });
});

describe('startup failures', () => {
  const run = (dataDir: string) =>
    spawnSync(process.execPath, [...SERVER_NODE_ARGS, ensureServerBuilt()], { cwd: ROOT_DIR, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, encoding: 'utf8' });

  it('a damaged database file: says which file and what to do, no stack, and an exit status systemd does not restart', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ua-corrupt-'));
    fs.writeFileSync(path.join(dir, 'uptime-arena.sqlite'), 'this is not a database, it is a note '.repeat(200));
    const r = run(dir);
    expect(r.status).toBe(EXIT_CONFIG);
    expect(r.stderr).toContain(path.join(dir, 'uptime-arena.sqlite'));
    expect(r.stderr).toMatch(/damaged.*Move it aside/s);
    expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /);
  });

  it('a database that cannot be written: says where and what to check', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ua-notdir-')), 'a-file');
    fs.writeFileSync(file, 'x');
    const r = run(path.join(file, 'data'));
    expect(r.status).toBe(EXIT_CONFIG);
    expect(r.stderr).toMatch(/cannot be opened for writing.*DATA_DIR/s);
    expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /);
  });

  it('the systemd unit does not restart those, and waits for a drain longer than the drain', () => {
    const unit = fs.readFileSync(path.join(ROOT_DIR, 'deploy', 'uptime-arena.service'), 'utf8');
    expect(unit).toMatch(new RegExp(`^RestartPreventExitStatus=.*\\b${EXIT_CONFIG}\\b`, 'm'));
    const stop = Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1]);
    const drainSeconds = loadConfig({}).drainTimeoutMs / 1000;
    expect(stop).toBeGreaterThanOrEqual(drainSeconds + 20);
    expect(Number(/^RestartSec=(\d+)$/m.exec(unit)?.[1])).toBeGreaterThanOrEqual(5);
  });
});
