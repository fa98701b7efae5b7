// Attack surface of the headers: the teacher's console could be framed (clickjacking End game),
// nosniff was on one route only, no CSP, no Referrer-Policy; Colyseus echoed any Origin with
// Access-Control-Allow-Credentials on every response, and game WebSockets opened from any page.
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureClientBuilt } from '../helpers/build.ts';
import { startTarget, type Target } from './harness.ts';

const EVIL = 'http://evil.example';
let t: Target;
beforeAll(async () => {
  ensureClientBuilt();
  t = await startTarget({ ALLOWED_ORIGINS: 'https://school.example' });
});
afterAll(async () => {
  await t.stop();
});

function expectStrict(res: Response, what: string): void {
  const h = res.headers;
  expect(h.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/);
  expect(h.get('content-security-policy'), what).not.toMatch(/unsafe-eval|upgrade-insecure-requests/);
  expect(h.get('x-frame-options'), what).toBe('DENY');
  expect(h.get('x-content-type-options'), what).toBe('nosniff');
  expect(h.get('referrer-policy'), what).toBe('no-referrer');
  expect(h.get('access-control-allow-credentials'), what).toBeNull();
  expect(h.get('access-control-allow-origin'), what).toBeNull();
}

describe('headers on every response', () => {
  it('pages, API, health, metrics, assets, the matchmaker and errors carry the strict set; a foreign Origin gets no CORS', async () => {
    const page = await (await fetch(`${t.url}/?lang=en`, { headers: { origin: EVIL } })).text();
    const asset = page.match(/src="(\/assets\/[^"]+\.js)"/)![1]!;
    const game = await t.createGame();
    const requests: [string, RequestInit][] = [
      ['/', {}],
      ['/host', {}],
      ['/host/sets', {}],
      ['/host/results', {}],
      [asset, {}],
      ['/favicon.svg', {}],
      ['/healthz', {}],
      ['/readyz', {}],
      ['/metrics', {}],
      ['/api/sets/example.json', {}],
      [`/api/games/${game.code}/qr.svg`, {}],
      ['/api/nothing-here', {}],
      ['/api/games', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"teams": 99}' }],
      ['/matchmake/create/classroom', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
      ['/matchmake/joinById/ZZZZZZ', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }],
      [`/matchmake/joinById/${game.code}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Ana"}' }],
      ['/__healthcheck', {}],
    ];
    for (const [path, init] of requests) {
      const res = await fetch(`${t.url}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), origin: EVIL } });
      await res.arrayBuffer();
      if (init.method === 'POST') expect(res.status, path).toBe(403);
      expectStrict(res, path);
    }
  });

  it("pages allow their own inline styles by hash, scripts from this server only, and nothing that evaluates strings", async () => {
    for (const path of ['/', '/host']) {
      const res = await fetch(`${t.url}${path}?lang=en`);
      const csp = res.headers.get('content-security-policy')!;
      const html = await res.text();
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).not.toMatch(/unsafe-inline/);
      if (/<style/.test(html)) expect(csp).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    }
  });

  it('only pages of this server (or the listed origins) may change things; preflights from elsewhere get no CORS', async () => {
    const own = new URL(t.url).origin;
    expect((await t.post('/api/games', { lang: 'en' }, { origin: own })).status).toBe(201);
    expect((await t.post('/api/games', { lang: 'en' })).status).toBe(201); // not a browser page
    const evil = await t.post('/api/games', { lang: 'en' }, { origin: EVIL });
    expect(evil.status).toBe(403);
    expect(evil.body.error).toMatch(/another site/);
    expect((await t.post('/api/games', { lang: 'en' }, { origin: 'null' })).status).toBe(403);
    const preflight = await fetch(`${t.url}/api/games`, { method: 'OPTIONS', headers: { origin: EVIL, 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    // a listed origin gets CORS, without credentials
    const listed = await fetch(`${t.url}/api/games`, { method: 'OPTIONS', headers: { origin: 'https://school.example', 'access-control-request-method': 'POST' } });
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://school.example');
    expect(listed.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await t.post('/api/games', { lang: 'en' }, { origin: 'https://school.example' })).status).toBe(201);
  });

  it("a game socket opens from this server's pages, never from another site's", async () => {
    const open = (origin?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${t.wsUrl}/nowhere/NOROOM`, origin ? { origin } : {});
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          resolve(101);
          ws.close();
        });
        ws.on('error', () => resolve(-1));
      });
    expect(await open(EVIL)).toBe(403);
    expect(await open('null')).toBe(403);
    expect(await open(new URL(t.url).origin)).toBe(101);
    expect(await open('https://school.example')).toBe(101);
    // and the SDK (no Origin, like any non-browser client) still plays
    const game = await t.createGame();
    const room = await t.client().joinById(game.code, { name: 'Ana' });
    expect(room.roomId).toBe(game.code);
    await room.leave(true);
  });
});
