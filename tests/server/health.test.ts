// The operator's surface of one process with the embedded defaults (no REDIS_URL, SQLite):
// /healthz and /readyz content and draining, request logs (ids, game code, no secrets ever),
// the monitor on /admin behind ADMIN_TOKEN, and the per-IP rate limits on creations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client } from '@colyseus/sdk';
import { LocalPresence } from '@colyseus/core';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { createGameServer, type GameServer } from '../../server/app.ts';
import { adminToken } from '../../server/http/admin.ts';
import { rateLimit } from '../../server/http/rate-limit.ts';
import { gameCodeOf, routeLabel } from '../../server/http/request-log.ts';
import { freePort, startTestServer, type TestServer } from '../helpers/server.ts';

describe('health and readiness, single process without Redis', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('/healthz says ok with version, uptime and room count; /readyz is ready; a game can be created and joined', async () => {
    const before = await (await fetch(`${t.url}/healthz`)).json();
    expect(before).toMatchObject({ status: 'ok', version: expect.any(String), uptimeSeconds: expect.any(Number), rooms: 0, draining: false });
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect(ready.headers.get('cache-control')).toBe('no-store');

    const game = await t.createGame();
    const room = await t.client().joinById(game.code, { name: 'Ana' });
    expect(room.roomId).toBe(game.code);
    expect((await (await fetch(`${t.url}/healthz`)).json()).rooms).toBe(1);
    await room.leave(true);
  });

  it('while draining: /healthz stays ok, /readyz answers 503 and new games are refused with a readable error', async () => {
    t.server.drain();
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', draining: true });
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining' });
    const create = await fetch(`${t.url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(create.status).toBe(503);
    expect((await create.json()).error).toMatch(/not accepting new games/);
  });
});

describe('request logs, admin monitor and rate limits on a real server', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  let server: GameServer;
  let url: string;
  const ADMIN = 'admin-secret-0123456789';

  beforeAll(async () => {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ua-ops-'));
    const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'debug', ADMIN_TOKEN: ADMIN, RATE_LIMIT_PER_MINUTE: '4' });
    server = await createGameServer(config, createLogger(config.logLevel, sink));
    await server.listen();
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server.shutdown();
  });

  const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

  it('logs one JSON line per request with a request id (kept from X-Request-Id), method, path, status, ms and the game code', async () => {
    const res = await fetch(`${url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'proxy-abc.123' }, body: JSON.stringify({ lang: 'en' }) });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('proxy-abc.123');
    const { code } = await res.json();
    await vi.waitFor(() => expect(logged().some((l) => l.reqId === 'proxy-abc.123')).toBe(true));
    const line = logged().find((l) => l.msg === 'request' && l.reqId === 'proxy-abc.123');
    expect(line).toMatchObject({ method: 'POST', path: '/api/games', status: 201, code, service: 'uptime-arena', level: 30 });
    expect(typeof line?.ms).toBe('number');

    const qr = await fetch(`${url}/api/games/${code}/qr.svg`, { headers: { 'x-request-id': 'bad id with spaces' } });
    const generated = qr.headers.get('x-request-id') ?? '';
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    await qr.text();
    await vi.waitFor(() => expect(logged().find((l) => l.reqId === generated)).toMatchObject({ path: `/api/games/${code}/qr.svg`, status: 200, code }));
  });

  it('never writes a host, edit, seat or admin token to the log, wherever it travelled', async () => {
    const created = await (await fetch(`${url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
    const port = new URL(url).port;
    const host = await new Client(`ws://127.0.0.1:${port}`).joinById(created.code, { hostToken: created.hostToken });
    const player = await new Client(`ws://127.0.0.1:${port}`).joinById(created.code, { name: 'Ana' });
    const seat = await new Promise<string>((resolve) => player.onMessage('welcome', (m: { seat: string }) => resolve(m.seat)));
    host.onMessage('*', () => undefined);
    await player.leave(true);
    const back = await new Client(`ws://127.0.0.1:${port}`).joinById(created.code, { seat });
    back.onMessage('*', () => undefined);
    await expect(new Client(`ws://127.0.0.1:${port}`).joinById(created.code, { hostToken: 'wrong-token-wrong-token-wrong-tok' })).rejects.toThrow();

    const example = await (await fetch(`${url}/api/sets/example.json`)).text();
    const set = await (await fetch(`${url}/api/sets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: example })).json();
    expect(set.editToken).toEqual(expect.any(String));
    await fetch(`${url}/api/sets/${set.id}?editToken=${set.editToken}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${set.editToken}` }, body: example });
    await fetch(`${url}/api/sets/${set.id}`, { method: 'DELETE', headers: { 'x-edit-token': 'not-the-token-' + set.editToken } });
    await fetch(`${url}/admin/api`, { headers: { authorization: `Bearer ${ADMIN}` } });
    await fetch(`${url}/host?hostToken=${created.hostToken}`);

    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [created.hostToken, seat, set.editToken, ADMIN]) expect(all).not.toContain(secret);
    expect(logged().some((l) => l.path === `/api/sets/${set.id}` && l.method === 'PUT')).toBe(true);
    // a pino line that carries a token field by mistake is censored, not written
    createLogger('info', sink).info({ hostToken: 'leak-1', options: { seat: 'leak-2', editToken: 'leak-3' } }, 'oops');
    expect(lines.join('\n')).not.toMatch(/leak-[123]/);
    await Promise.all([host.leave(true), back.leave(true)]);
  });

  it('serves the Colyseus monitor on /admin only with the admin token (bearer or basic auth)', async () => {
    const none = await fetch(`${url}/admin/api`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect((await none.json()).error).toMatch(/admin token/);
    expect((await fetch(`${url}/admin/api`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const bearer = await fetch(`${url}/admin/api`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(bearer.status).toBe(200);
    expect(await bearer.json()).toMatchObject({ rooms: expect.any(Array), connections: expect.any(Number) });
    const basic = await fetch(`${url}/admin/`, { headers: { authorization: `Basic ${Buffer.from(`ops:${ADMIN}`).toString('base64')}` } });
    expect(basic.status).toBe(200);
    expect(await basic.text()).toMatch(/<html/i);
  });

  it('refuses the fifth creation in a minute from one address with 429 and a readable JSON error', async () => {
    // earlier tests created games already: keep posting until refused (at most limit + 1 more in a fresh window)
    const statuses: number[] = [];
    let refusal: Response | undefined;
    for (let i = 0; i < 10 && !refusal; i++) {
      const res = await fetch(`${url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      statuses.push(res.status);
      if (res.status === 429) refusal = res;
    }
    expect(refusal).toBeDefined();
    expect(Number(refusal!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refusal!.json()).error).toMatch(/Too many requests.*at most 4 per minute/);
    // reading is never limited
    expect((await fetch(`${url}/api/sets/example.json`)).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/ua_rate_limited_total\{route="games"[^}]*\} [1-9]/);
  });

  it('shows the monitor as missing (404) when ADMIN_TOKEN is not set', async () => {
    const t = await startTestServer();
    try {
      expect((await fetch(`${t.url}/admin/api`, { headers: { authorization: 'Bearer anything' } })).status).toBe(404);
      expect((await fetch(`${t.url}/admin/`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });
});

describe('rate limiter windows and helpers', () => {
  it('counts per IP in fixed windows and starts over in the next window', async () => {
    let now = 60_000 * 30_000_000 + 20_000; // 20 s into a minute
    const app = express();
    app.set('trust proxy', true);
    app.post('/x', rateLimit({ presence: new LocalPresence(), name: 't', limit: 2, now: () => now }), (_req, res) => {
      res.status(201).json({});
    });
    const srv = app.listen(0, '127.0.0.1');
    await new Promise((r) => srv.once('listening', r));
    const port = (srv.address() as { port: number }).port;
    const post = (ip: string) => fetch(`http://127.0.0.1:${port}/x`, { method: 'POST', headers: { 'x-forwarded-for': ip } }).then((r) => r.status);
    try {
      expect([await post('10.0.0.1'), await post('10.0.0.1'), await post('10.0.0.1'), await post('10.0.0.2')]).toEqual([201, 201, 429, 201]);
      now += 40_000; // next minute
      expect(await post('10.0.0.1')).toBe(201);
    } finally {
      srv.close();
    }
  });

  it('reads the admin token from bearer and basic headers only', () => {
    expect(adminToken('Bearer abc')).toBe('abc');
    expect(adminToken(`Basic ${Buffer.from('u:p:q').toString('base64')}`)).toBe('p:q');
    expect(adminToken('Token abc')).toBeUndefined();
    expect(adminToken(undefined)).toBeUndefined();
  });

  it('bounds route labels and finds game codes in paths', () => {
    expect(routeLabel('GET', '/api/games/ABC234/qr.svg')).toBe('/api/games/:id/qr.svg');
    expect(routeLabel('PUT', '/api/sets/xyz')).toBe('/api/sets/:id');
    expect(routeLabel('GET', '/assets/index-123.js')).toBe('static');
    expect(routeLabel('GET', '/admin/api')).toBe('/admin');
    expect(gameCodeOf('/api/games/abc234/join-url')).toBe('ABC234');
    expect(gameCodeOf('/api/sets/abc')).toBeUndefined();
  });
});
