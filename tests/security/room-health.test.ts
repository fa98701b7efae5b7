// A room whose beat keeps throwing is a stuck game (and, when every room throws, a broken
// process): /healthz and /readyz answer 503 naming how many, the failures are a metric, the log
// gets one line when it starts rather than ten a second, and health comes back when the room does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { matchMaker } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { createGameServer, type GameServer } from '../../server/app.ts';
import { freePort } from '../helpers/port.ts';

const lines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});
let server: GameServer;
let url: string;
beforeAll(async () => {
  const port = await freePort();
  const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ua-health-')), TICK_MS: '20', PATCH_RATE_MS: '30', LOG_LEVEL: 'warn' });
  server = await createGameServer(config, createLogger(config.logLevel, sink));
  await server.listen();
  url = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await server.shutdown();
});

describe('health notices a stuck room', () => {
  it('/healthz and /readyz turn 503 while a room fails beat after beat, and 200 again once it beats', async () => {
    const res = await fetch(`${url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { code } = await res.json();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const room = matchMaker.getLocalRoomById(code) as unknown as { game: unknown };
    const game = room.game;
    room.game = undefined; // every beat now throws, as every room's did with a polluted prototype

    await vi.waitFor(async () => {
      const h = await fetch(`${url}/healthz`);
      expect(h.status).toBe(503);
      expect(await h.json()).toMatchObject({ status: 'failing', failingRooms: 1 });
    }, { timeout: 10_000 });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'failing' });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/ua_rooms_failing\{[^}]*\} 1/);
    expect(Number(/ua_room_beat_failures_total\{[^}]*\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(20);
    const failures = lines.filter((l) => l.includes('room beat failed'));
    expect(failures).toHaveLength(1);
    expect(JSON.parse(failures[0]!)).toMatchObject({ level: 50, code });

    room.game = game;
    await vi.waitFor(async () => expect((await fetch(`${url}/healthz`)).status).toBe(200), { timeout: 10_000 });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect(lines.some((l) => l.includes('room recovered'))).toBe(true);
  });
});
