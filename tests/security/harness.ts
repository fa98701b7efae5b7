// The security suite's target: the real server as `npm start` runs it (dist/server/main.js,
// with the same Node flags), in its own process, on a free port and an empty data directory.
// Attacks go in from outside exactly as a visitor's laptop would send them: HTTP, the
// matchmaker's routes, WebSockets through the real SDK.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, type Room } from '@colyseus/sdk';
import { expect, vi } from 'vitest';
import { freePort } from '../helpers/port.ts';
import { startServerProcess, type ServerProcess } from '../helpers/process.ts';

export interface Target {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  readonly dataDir: string;
  readonly proc: ServerProcess;
  client(): Client;
  createGame(body?: Record<string, unknown>): Promise<{ code: string; hostToken: string }>;
  /** POST JSON; returns status and parsed body (or text). */
  post(route: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

export async function startTarget(env: Record<string, string> = {}, dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ua-sec-'))): Promise<Target> {
  const port = await freePort();
  const proc = await startServerProcess(port, {
    DATA_DIR: dataDir,
    QUESTION_SECONDS: '30',
    ROUND_INTRO_MS: '100',
    TICK_MS: '20',
    PATCH_RATE_MS: '30',
    ...env,
  });
  const url = proc.url;
  const post: Target['post'] = async (route, body, headers = {}) => {
    const res = await fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    port,
    dataDir,
    proc,
    client: () => new Client(url.replace(/^http/, 'ws')),
    post,
    async createGame(body = { lang: 'en', teams: 2 }) {
      const r = await post('/api/games', body);
      if (r.status !== 201) throw new Error(`POST /api/games → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as { code: string; hostToken: string };
    },
    output: () => proc.output(),
    async stop() {
      if (proc.proc.exitCode !== null) return;
      proc.proc.kill('SIGKILL');
      await proc.exited;
    },
  };
}

/** Every message a room receives, by type. */
export function messages(room: Room) {
  const all: { type: string | number; payload: any }[] = [];
  room.onMessage('*', (type, payload) => all.push({ type, payload }));
  return {
    all,
    of: (type: string) => all.filter((m) => m.type === type).map((m) => m.payload),
    last: (type: string) => all.filter((m) => m.type === type).at(-1)?.payload,
  };
}

/**
 * The server still does its job for an innocent class: a new game is created, its teacher
 * starts it, the question opens (the room's beat runs) and a phone's answer is acknowledged;
 * /healthz and /metrics answer. Every attack test ends with this.
 */
export async function assertStillServes(t: Target): Promise<void> {
  const health = await fetch(`${t.url}/healthz`);
  expect(health.status).toBe(200);
  expect((await fetch(`${t.url}/metrics`)).status).toBe(200);
  const game = await t.createGame({ lang: 'en', teams: 2 });
  const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
  const phone = await t.client().joinById(game.code, { name: 'Innocent' });
  const log = messages(phone);
  host.onMessage('*', () => undefined);
  await vi.waitFor(() => expect(log.last('welcome')).toBeDefined());
  host.send('host:start', {});
  await vi.waitFor(() => expect((phone.state as any).phase).toBe('question'), { timeout: 10_000 });
  const q = (phone.state as any).question;
  const answer = q.type === 'multi' ? { kind: 'multi', indices: [0] } : q.type === 'order' ? { kind: 'order', order: q.options.map((_: unknown, i: number) => i) } : q.type === 'numeric' ? { kind: 'numeric', value: q.min } : { kind: 'choice', index: 0 };
  phone.send('answer', { seq: q.seq, answer });
  await vi.waitFor(() => expect(log.of('ack')).toHaveLength(1));
  await Promise.all([host.leave(true), phone.leave(true)]).catch(() => undefined);
}
