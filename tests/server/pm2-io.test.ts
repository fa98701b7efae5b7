// Colyseus imports @pm2/io when it can (it arrives with a dev dependency). Initialized, @pm2/io
// wraps the HTTP server, watches GC, samples on timers and installs an uncaughtException handler
// of its own; server/pm2-io.ts registers a stand-in under @pm2/io's global key instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { createGameServer, type GameServer } from '../../server/app.ts';
import { freePort } from '../helpers/port.ts';

let server: GameServer | undefined;
afterAll(async () => {
  await server?.shutdown();
});

it('starts a server and a game without initializing @pm2/io', async () => {
  const handlersBefore = process.listenerCount('uncaughtException');
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ua-pm2-'));
  server = await createGameServer(loadConfig({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), createLogger('silent'));
  await server.listen();
  const res = await fetch(`http://127.0.0.1:${port}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: 'intro', teams: 2, lang: 'en' }) });
  expect(res.status).toBe(201);
  // Colyseus's import("@pm2/io") has had time to resolve and register its metrics.
  await new Promise((r) => setTimeout(r, 200));

  const io = (globalThis as Record<symbol, unknown>)[Symbol.for('@pm2/io')] as Record<string, unknown>;
  expect(typeof io.metric).toBe('function');
  expect(io.init).toBeUndefined(); // @pm2/io's own object has init(), transport, services…
  expect(process.listenerCount('uncaughtException')).toBe(handlersBefore);
});
