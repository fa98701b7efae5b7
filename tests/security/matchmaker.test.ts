// Attack: "the matchmaker's generic routes are open". POST /matchmake/create/classroom took the
// room's internal create options from anyone: the caller picked the join code, its own
// host-token hash and the questions; creating an existing code overwrote that game's checkpoint,
// host-token hash and results; { restore: CODE } reopened any saved game as a duplicate; and
// join / joinOrCreate dropped a visitor into the first unlocked game without a code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { matchMaker } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { openStore, CheckpointOwnerError } from '../../server/store/index.ts';
import { ROOM_NAME } from '../../shared/protocol.ts';
import { answerFor } from '../helpers/answers.ts';
import { startTestServer } from '../helpers/server.ts';
import { assertStillServes, messages, startTarget, type Target } from './harness.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const ATTACKER_TOKEN = 'attacker-token-attacker-token-00';

let t: Target;
let victim: { code: string; hostToken: string };
beforeAll(async () => {
  t = await startTarget();
  // a class whose game has results: one question played to its reveal
  victim = await t.createGame();
  const host = await t.client().joinById(victim.code, { hostToken: victim.hostToken });
  host.onMessage('*', () => undefined);
  const phone = await t.client().joinById(victim.code, { name: 'Ana' });
  const log = messages(phone);
  await vi.waitFor(() => expect(log.last('welcome')).toBeDefined());
  host.send('host:start', {});
  await vi.waitFor(() => expect((phone.state as any).phase).toBe('question'), { timeout: 10_000 });
  phone.send('answer', { seq: (phone.state as any).question.seq, answer: answerFor(phone) });
  await vi.waitFor(async () => expect((await fetch(`${t.url}/api/games/${victim.code}/results`, { headers: { authorization: `Bearer ${victim.hostToken}` } })).status).toBe(200), { timeout: 10_000 });
});
afterAll(async () => {
  await t.stop();
});

const roomCount = async () => ((await (await fetch(`${t.url}/healthz`)).json()) as { rooms: number }).rooms;
const forged = (code: string) => ({
  code,
  hostTokenHash: sha256(ATTACKER_TOKEN),
  lang: 'en',
  teams: 2,
  seed: 1,
  setup: { plan: { id: 'x', title: { en: 'x' }, rounds: [] }, questions: [] },
});

describe('the matchmaker seats, it never creates', () => {
  it.each(['create', 'joinOrCreate', 'join'])('POST /matchmake/%s/classroom is refused readably and makes no room', async (method) => {
    const before = await roomCount();
    for (const body of [forged('QQQQQQ'), forged(victim.code), { restore: victim.code }, {}]) {
      const r = await t.post(`/matchmake/${method}/${ROOM_NAME}`, body);
      expect(r.status).toBe(404);
      expect(r.body.error).toMatch(/teacher's page/);
    }
    expect(await roomCount()).toBe(before);
  });

  it("the SDK's create, join and joinOrCreate are refused: no one sits in a game without its code", async () => {
    const before = await roomCount();
    const phonesBefore = (await (await fetch(`${t.url}/metrics`)).text()).match(/ua_clients\{[^}]*kind="player"[^}]*\} (\d+)/)?.[1];
    await expect(t.client().create(ROOM_NAME, forged('WWWWWW'))).rejects.toThrow(/teacher's page/);
    await expect(t.client().create(ROOM_NAME, { restore: victim.code })).rejects.toThrow(/teacher's page/);
    await expect(t.client().join(ROOM_NAME, { name: 'Intruder' })).rejects.toThrow(/teacher's page/);
    await expect(t.client().joinOrCreate(ROOM_NAME, { name: 'Intruder' })).rejects.toThrow(/teacher's page/);
    expect(await roomCount()).toBe(before);
    const phonesAfter = (await (await fetch(`${t.url}/metrics`)).text()).match(/ua_clients\{[^}]*kind="player"[^}]*\} (\d+)/)?.[1];
    expect(phonesAfter).toBe(phonesBefore);
  });

  it('other /matchmake paths, methods and malformed codes are refused without reaching the matchmaker', async () => {
    for (const [route, method] of [
      [`/matchmake/joinById/${victim.code}`, 'GET'],
      ['/matchmake/reconnect', 'POST'],
      ['/matchmake/joinById/__proto__', 'POST'],
      ['/matchmake/joinById/%E0%A4%A', 'POST'],
      [`/matchmake/joinById/${victim.code}/x`, 'POST'],
      ['/matchmake/', 'POST'],
    ] as const) {
      const res = await fetch(`${t.url}${route}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect([404, 405]).toContain(res.status);
      expect(((await res.json()) as { error: string }).error.length).toBeGreaterThan(10);
    }
    const big = await t.post(`/matchmake/joinById/${victim.code}`, { name: 'x'.repeat(10_000) });
    expect(big.status).toBe(413);
  });

  it("the victim's game, token and results are untouched; the attacker's token opens nothing", async () => {
    const mine = await fetch(`${t.url}/api/games/${victim.code}/results`, { headers: { authorization: `Bearer ${victim.hostToken}` } });
    expect(mine.status).toBe(200);
    const theirs = await fetch(`${t.url}/api/games/${victim.code}/results`, { headers: { authorization: `Bearer ${ATTACKER_TOKEN}` } });
    expect(theirs.status).toBe(403);
    await expect(t.client().joinById(victim.code, { hostToken: ATTACKER_TOKEN })).rejects.toThrow(/not valid/);
    await assertStillServes(t);
  });
});

describe('behind the routes: rooms and the store', () => {
  it('a room refuses create options that lack the server\'s grant, even from inside the process', async () => {
    const s = await startTestServer();
    try {
      const before = matchMaker.stats.local.roomCount;
      await expect(matchMaker.createRoom(ROOM_NAME, { ...forged('RRRRRR'), grant: 'g'.repeat(32) })).rejects.toThrow(/teacher's page/);
      await expect(matchMaker.createRoom(ROOM_NAME, { restore: 'RRRRRR', grant: 'g'.repeat(32) })).rejects.toThrow(/teacher's page/);
      await expect(matchMaker.createRoom(ROOM_NAME, forged('RRRRRR'))).rejects.toThrow(/teacher's page/);
      expect(matchMaker.stats.local.roomCount).toBe(before);
      // and a real game made through the server works
      const g = await s.createGame();
      expect(matchMaker.getLocalRoomById(g.code)).toBeDefined();
    } finally {
      await s.close();
    }
  });

  it('a checkpoint never replaces another game\'s host-token hash, and a saved code counts as taken', async () => {
    const store = await openStore({ sqliteFile: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ua-owner-')), 'db.sqlite') });
    try {
      await store.games.saveCheckpoint('ABCDEF', sha256('teacher'), { n: 1 }, 'playing');
      await store.games.saveCheckpoint('ABCDEF', sha256('teacher'), { n: 2 }, 'playing');
      await expect(store.games.saveCheckpoint('ABCDEF', sha256('attacker'), { n: 99 }, 'lobby')).rejects.toBeInstanceOf(CheckpointOwnerError);
      const cp = await store.games.loadCheckpoint<{ n: number }>('ABCDEF');
      expect(cp).toMatchObject({ hostTokenHash: sha256('teacher'), snapshot: { n: 2 }, status: 'playing' });
      expect(await store.games.exists('ABCDEF')).toBe(true);
      expect(await store.games.exists('ZZZZZZ')).toBe(false);
    } finally {
      await store.close();
    }
  });
});
