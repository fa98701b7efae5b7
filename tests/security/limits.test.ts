// Attacks: guessing join codes (60,000 wrong joinById a minute from one address, never slowed),
// flooding one game (500 phones from one address in 2.4 s), and growing /metrics without bound
// (every GET /api/<anything> added series: 18.7 MB after 5,000 requests). The server runs with its
// default limits; addresses come from X-Forwarded-For, which a proxy on loopback may set (the
// default TRUST_PROXY), and which nobody else can (last test).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { JOIN_DEFAULTS } from '../../server/config.ts';
import { ROUTE_LABELS } from '../../server/http/request-log.ts';
import { createRng, nextInt } from '../../shared/rng.ts';
import { GAME } from '../../shared/constants.ts';
import { messages, startTarget, type Target } from './harness.ts';
import { inOneWindow, minute } from '../helpers/windows.ts';

const DEFAULTS = { JOIN_LIMIT_PER_GAME: String(JOIN_DEFAULTS.perGame), JOIN_LIMIT_PER_ADDRESS: String(JOIN_DEFAULTS.perAddress), JOIN_FAILURES_PER_MINUTE: String(JOIN_DEFAULTS.failures) };

let t: Target;
beforeAll(async () => {
  t = await startTarget(DEFAULTS);
});
afterAll(async () => {
  await t.stop();
});

const seat = (code: string, from: string, body: unknown = { name: `p${Math.random()}` }) =>
  fetch(`${t.url}/matchmake/joinById/${code}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify(body) });

function randomCode(rng: { state: number }): string {
  return Array.from({ length: GAME.codeLength }, () => GAME.codeAlphabet[nextInt(rng, GAME.codeAlphabet.length)]).join('');
}

describe('join limits per address', () => {
  it('guessing codes: after the allowed failures an address is told to wait, even for a right code; others are not', async () => {
    const game = await t.createGame();
    const rng = createRng(7);
    // guess until refused; then, in that same minute, the right code is refused as well
    const { examined, refusal, right } = await inOneWindow(async (address) => {
      let examined = 0;
      for (;;) {
        const res = await seat(randomCode(rng), address);
        if (res.status === 429) {
          const right = await seat(game.code, address);
          await right.text();
          return { examined, refusal: res, right };
        }
        examined++;
        await res.text();
      }
    });
    // in one window, exactly the allowance was examined
    expect(examined).toBe(JOIN_DEFAULTS.failures);
    expect(Number(refusal.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refusal.json()) as { error: string }).error).toMatch(/wrong game codes.*try again in \d+ seconds/i);
    expect(right.status).toBe(429);
    // another address joins the real game as usual
    const ok = await seat(game.code, '198.51.100.1');
    expect(ok.status).toBe(200);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/ua_matchmake_refused_total\{[^}]*reason="failures"[^}]*\} [1-9]/);
  });

  it('a class of 40 behind one address joins, then reloads twice, all seated; 500 joins from one address are cut at the limit', async () => {
    const game = await t.createGame();
    const school = '192.0.2.40';
    const phones: { client: ReturnType<Target['client']>; room: Awaited<ReturnType<ReturnType<Target['client']>['joinById']>>; log: ReturnType<typeof messages> }[] = [];
    for (let i = 0; i < 40; i++) {
      const client = t.client();
      (client as unknown as { http: { options: { headers: Record<string, string> } } }).http.options.headers = { 'x-forwarded-for': school };
      const room = await client.joinById(game.code, { name: `Student ${i}` });
      const log = messages(room);
      phones.push({ client, room, log });
    }
    await vi.waitFor(() => expect(phones.every((p) => p.log.last('welcome'))).toBe(true), { timeout: 20_000 });
    // a reload storm, twice: every phone drops and comes back with its seat token
    for (let storm = 0; storm < 2; storm++) {
      for (const p of phones) {
        const seatToken = p.log.last('welcome').seat as string;
        await p.room.leave(true).catch(() => undefined);
        p.room = await p.client.joinById(game.code, { seat: seatToken });
        p.log = messages(p.room);
      }
    }
    await vi.waitFor(() => expect(phones.every((p) => p.log.last('welcome'))).toBe(true), { timeout: 20_000 });
    await Promise.all(phones.map((p) => p.room.leave(true).catch(() => undefined)));

    // a script pretending to be 500 phones from one address into one game
    const flood = await t.createGame();
    const results = [];
    const from = minute();
    for (let i = 0; i < 500; i += 50) results.push(...(await Promise.all(Array.from({ length: 50 }, () => seat(flood.code, '203.0.113.66')))));
    const windows = minute() - from + 1;
    const statuses = results.map((r) => r.status);
    const admitted = statuses.filter((s) => s === 200).length;
    if (windows === 1) expect(admitted).toBe(JOIN_DEFAULTS.perGame);
    else expect(admitted).toBeLessThanOrEqual(windows * JOIN_DEFAULTS.perGame);
    expect(admitted).toBeGreaterThanOrEqual(JOIN_DEFAULTS.perGame);
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    const refused = results.find((r) => r.status === 429)!;
    expect(((await refused.json()) as { error: string }).error).toMatch(/Too many joins into this game from this network/);
    await Promise.all(results.map((r) => r.body?.cancel().catch(() => undefined)));
  });
});

describe('metrics series', () => {
  it('stay a fixed set whatever paths are requested', async () => {
    const before = await (await fetch(`${t.url}/metrics`)).text();
    const rng = createRng(11);
    const paths = Array.from({ length: 1000 }, (_, i) => `/api/${randomCode(rng)}${i % 3 === 0 ? `/${i}` : ''}${i % 7 === 0 ? '/x/y/z?q=1' : ''}`);
    paths.push('/api/games/ABC234/nope', '/api/sets/abc/def/ghi', '/api/%2e%2e/etc', '/whatever/under/static', '/matchmake/x');
    for (let i = 0; i < paths.length; i += 50) {
      await Promise.all(paths.slice(i, i + 50).map((p) => fetch(`${t.url}${p}`, { method: i % 100 === 0 ? 'POST' : 'GET' }).then((r) => r.text())));
    }
    const after = await (await fetch(`${t.url}/metrics`)).text();
    const routes = new Set([...after.matchAll(/route="([^"]*)"/g)].map((m) => m[1]!));
    for (const r of routes) expect(ROUTE_LABELS).toContain(r);
    expect(after.length - before.length).toBeLessThan(20_000);
  });
});

describe('X-Forwarded-For', () => {
  it('is not believed from a client when TRUST_PROXY=false: the socket address is what counts', async () => {
    const strict = await startTarget({ ...DEFAULTS, TRUST_PROXY: 'false' });
    try {
      const rng = createRng(3);
      let refused = 0;
      // a new made-up address on every guess does not reset the count: within two windows at
      // most twice the allowance gets through
      for (let i = 0; i < 2 * JOIN_DEFAULTS.failures + 5; i++) {
        const res = await fetch(`${strict.url}/matchmake/joinById/${randomCode(rng)}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${i}.1` }, body: '{}' });
        await res.text();
        if (res.status === 429) refused++;
      }
      expect(refused).toBeGreaterThanOrEqual(5);
    } finally {
      await strict.stop();
    }
  });
});
