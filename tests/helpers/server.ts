// Boots the real server (Express + Colyseus, in-memory presence) on a free port for a test file,
// with fast timers, and wraps it in @colyseus/testing's ColyseusTestServer for real SDK clients.
import fs from 'node:fs';
import { expect, vi } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { ColyseusTestServer } from '@colyseus/testing';
import { Client, type Room } from '@colyseus/sdk';
import { loadConfig, type Config } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { createGameServer, type GameServer } from '../../server/app.ts';

import { freePort } from './port.ts';
import type { RosterRow, ServerMessages } from '../../shared/protocol.ts';
export { freePort };

export interface TestServer {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  readonly server: GameServer;
  readonly colyseus: ColyseusTestServer;
  createGame(body?: Record<string, unknown>): Promise<{ code: string; hostToken: string; joinUrl: string }>;
  client(): Client;
  close(): Promise<void>;
}

export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const port = await freePort();
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ua-test-'));
  const config: Config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, QUESTION_SECONDS: '3', ROUND_INTRO_MS: '200', TICK_MS: '20', PATCH_RATE_MS: '30', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000', JOIN_LIMIT_PER_GAME: '1000000', JOIN_LIMIT_PER_ADDRESS: '1000000', JOIN_FAILURES_PER_MINUTE: '1000000', ...env });
  const server = await createGameServer(config, createLogger(config.logLevel));
  await server.listen();
  const url = `http://127.0.0.1:${port}`;
  const colyseus = new ColyseusTestServer(server.gameServer);
  return {
    url,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    server,
    colyseus,
    async createGame(body = { lang: 'en', teams: 2 }) {
      const res = await fetch(`${url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`POST /api/games → ${res.status} ${await res.text()}`);
      return (await res.json()) as { code: string; hostToken: string; joinUrl: string };
    },
    client: () => new Client(`ws://127.0.0.1:${port}`),
    async close() {
      await colyseus.cleanup().catch(() => undefined);
      await server.shutdown();
    },
  };
}

/** Collects every message of a room by type, for assertions without sleeping. */
export function recorder(room: Room) {
  const messages: { type: string | number; payload: any }[] = [];
  room.onMessage('*', (type, payload) => messages.push({ type, payload }));
  return {
    messages,
    of: (type: string) => messages.filter((m) => m.type === type).map((m) => m.payload),
    last: (type: string) => messages.filter((m) => m.type === type).at(-1)?.payload,
  };
}

/**
 * The teacher's roster as a host page keeps it from host:roster messages (full, then changes).
 * Call right after joining as host, before the first message is handled.
 */
export function rosterOf(host: Room): Map<string, RosterRow> {
  const roster = new Map<string, RosterRow>();
  host.onMessage('host:roster', (m: ServerMessages['host:roster']) => {
    if (m.full) roster.clear();
    for (const p of m.players) roster.set(p.id, p);
    for (const id of m.removed) roster.delete(id);
  });
  return roster;
}

/**
 * A new game of two teams with its teacher (roster and message log kept) and one phone per
 * name, each joined and welcomed, each with its message log.
 */
export async function hostAndPlayers(t: TestServer, names: readonly string[]) {
  const game = await t.createGame({ lang: 'en', teams: 2 });
  const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
  const roster = rosterOf(host);
  const hostLog = recorder(host);
  const players = [] as { room: Room; log: ReturnType<typeof recorder> }[];
  for (const name of names) {
    const room = await t.client().joinById(game.code, { name });
    const log = recorder(room);
    players.push({ room, log });
    await vi.waitFor(() => expect(log.last('welcome')).toBeDefined());
  }
  return { game, host, hostLog, roster, players };
}
