// Nothing lost: a real server process is killed mid-game (SIGKILL) and a new one started on the
// same data resumes the game with the same code, seats and scores; SIGTERM drains gracefully.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Client, type Room } from '@colyseus/sdk';
import { answerFor } from '../helpers/answers.ts';
import { freePort, recorder, rosterOf } from '../helpers/server.ts';
import { startServerProcess, type ServerProcess } from '../helpers/process.ts';
import { openStore } from '../../server/store/index.ts';

const st = (room: Room) => room.state as any;
let running: ServerProcess[] = [];
afterEach(() => {
  for (const p of running) p.proc.kill('SIGKILL');
  running = [];
});

async function start(port: number, dataDir: string, env: Record<string, string> = {}) {
  const p = await startServerProcess(port, { DATA_DIR: dataDir, QUESTION_SECONDS: '20', ROUND_INTRO_MS: '100', ...env });
  running.push(p);
  return p;
}


describe('restarts', () => {
  it('SIGKILL mid-game, a new process on the same data: the game resumes with the same code, seats and scores', async () => {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ua-restart-'));
    const a = await start(port, dataDir);
    const res = await fetch(`${a.url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lang: 'en', teams: 2 }) });
    const game = await res.json();
    const ws = a.url.replace('http', 'ws');
    const host = await new Client(ws).joinById(game.code, { hostToken: game.hostToken });
    const players = [] as { room: Room; log: ReturnType<typeof recorder> }[];
    for (const name of ['Ana', 'Ben']) {
      const room = await new Client(ws).joinById(game.code, { name });
      players.push({ room, log: recorder(room) });
    }
    await vi.waitFor(() => expect(players.every((p) => p.log.last('welcome'))).toBe(true));
    host.send('host:start', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('question'));
    for (const p of players) p.room.send('answer', { seq: st(p.room).question.seq, answer: answerFor(p.room) });
    await vi.waitFor(() => expect(players.every((p) => p.log.of('result').length === 1)).toBe(true));
    const scores = players.map((p) => p.log.last('result').score);
    const seats = players.map((p) => p.log.last('welcome'));

    // the reveal is checkpointed to the store
    const store = await openStore({ sqliteFile: path.join(dataDir, 'uptime-arena.sqlite') });
    await vi.waitFor(async () => {
      const cp = await store.games.loadCheckpoint<any>(game.code);
      expect(cp?.snapshot.model.history.length).toBe(1);
      expect(cp?.snapshot.model.phase).toBe('reveal');
    });
    await store.close();

    a.proc.kill('SIGKILL');
    await a.exited;
    for (const r of [host, ...players.map((p) => p.room)]) r.removeAllListeners?.();

    const b = await start(port, dataDir);
    expect(b.output()).toMatch(/game restored from checkpoint/);
    const ws2 = b.url.replace('http', 'ws');
    // the teacher's token still opens the game; phones take their seats back with their seat tokens
    const host2 = await new Client(ws2).joinById(game.code, { hostToken: game.hostToken });
    const roster2 = rosterOf(host2);
    await vi.waitFor(() => expect(st(host2).phase).toBe('reveal'));
    const back = [] as { room: Room; log: ReturnType<typeof recorder> }[];
    for (const seat of seats) {
      const room = await new Client(ws2).joinById(game.code, { seat: seat.seat });
      const log = recorder(room);
      back.push({ room, log });
      await vi.waitFor(() => expect(log.last('welcome')).toMatchObject({ playerId: seat.playerId, team: seat.team }));
    }
    expect(back.map((p) => p.log.last('welcome').score)).toEqual(scores);
    await vi.waitFor(() => expect([...roster2.values()].map((p) => p.score).sort()).toEqual([...scores].sort()));

    // and the game goes on
    host2.send('host:next', {});
    await vi.waitFor(() => expect(st(back[0]!.room).phase).toBe('question'));
    const seq = st(back[0]!.room).question.seq;
    for (const p of back) p.room.send('answer', { seq, answer: answerFor(p.room) });
    await vi.waitFor(() => expect(back.every((p) => p.log.of('result').length === 1)).toBe(true));
    back.forEach((p, i) => expect(p.log.last('result').score).toBeGreaterThanOrEqual(scores[i]));
  }, 90_000);

  it('SIGKILL during a question: the question is asked again, paused, and nothing is double-counted', async () => {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ua-restart-'));
    const a = await start(port, dataDir);
    const game = await (await fetch(`${a.url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lang":"en"}' })).json();
    const ws = a.url.replace('http', 'ws');
    const host = await new Client(ws).joinById(game.code, { hostToken: game.hostToken });
    const ana = await new Client(ws).joinById(game.code, { name: 'Ana' });
    const anaLog = recorder(ana);
    await vi.waitFor(() => expect(anaLog.last('welcome')).toBeDefined());
    host.send('host:start', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('question'));
    const store = await openStore({ sqliteFile: path.join(dataDir, 'uptime-arena.sqlite') });
    await vi.waitFor(async () => expect((await store.games.loadCheckpoint<any>(game.code))?.snapshot.model.phase).toBe('question'));
    await store.close();
    a.proc.kill('SIGKILL');
    await a.exited;

    const b = await start(port, dataDir);
    const ws2 = b.url.replace('http', 'ws');
    const host2 = await new Client(ws2).joinById(game.code, { hostToken: game.hostToken });
    await vi.waitFor(() => expect(st(host2)).toMatchObject({ phase: 'question', paused: true }));
    const ana2 = await new Client(ws2).joinById(game.code, { seat: anaLog.last('welcome').seat });
    const log2 = recorder(ana2);
    await vi.waitFor(() => expect(log2.last('welcome')?.score).toBe(0));
    host2.send('host:resume', {});
    await vi.waitFor(() => expect(st(ana2).paused).toBe(false));
    const seq = st(ana2).question.seq;
    ana2.send('answer', { seq, answer: answerFor(ana2) });
    await vi.waitFor(() => expect(log2.of('result')).toHaveLength(1));
    ana2.send('answer', { seq, answer: answerFor(ana2) });
    await vi.waitFor(() => expect(log2.last('refused')?.code).toMatch(/wrong_phase|already_answered|no_such_question/));
  }, 90_000);

  it('SIGTERM: /readyz turns 503, the open question reaches its reveal, the checkpoint is written, the process exits 0', async () => {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ua-drain-'));
    const a = await start(port, dataDir, { QUESTION_SECONDS: '3' });
    const game = await (await fetch(`${a.url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lang":"en"}' })).json();
    const ws = a.url.replace('http', 'ws');
    const host = await new Client(ws).joinById(game.code, { hostToken: game.hostToken });
    await new Client(ws).joinById(game.code, { name: 'Ana' });
    host.send('host:start', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('question'));
    a.proc.kill('SIGTERM');
    await vi.waitFor(async () => expect((await fetch(`${a.url}/readyz`)).status).toBe(503));
    const created = await fetch(`${a.url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(created.status).toBe(503);
    expect(await a.exited).toBe(0);
    const store = await openStore({ sqliteFile: path.join(dataDir, 'uptime-arena.sqlite') });
    const cp = await store.games.loadCheckpoint<any>(game.code);
    await store.close();
    expect(cp?.snapshot.model.phase).toBe('reveal');
    expect(cp?.snapshot.model.history).toHaveLength(1);
  }, 60_000);
});
