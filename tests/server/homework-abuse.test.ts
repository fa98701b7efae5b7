// Homework from a stranger's side (docs/security.md's rules): only the server opens attempt rooms;
// any message of any shape to one is refused, never crashes it, never skips past a question; bad
// HTTP input gets a readable JSON error and changes nothing; nicknames that a spreadsheet would run
// as formulas stay text in the CSVs; attempt starts are rate limited per address.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'csv-parse/sync';
import { matchMaker } from '@colyseus/core';
import { createRng, nextFloat, nextInt } from '../../shared/rng.ts';
import { HOMEWORK_ROOM_NAME, homeworkClientMessages } from '../../shared/protocol.ts';
import { recorder, startTestServer, type TestServer } from '../helpers/server.ts';
import { call } from '../helpers/homework.ts';
import { answerFor } from '../helpers/answers.ts';

let t: TestServer;
let hw: { id: string; teacherToken: string };
const HOUR = 3600_000;

beforeAll(async () => {
  t = await startTestServer({ QUESTION_SECONDS: '60', ROUND_INTRO_MS: '50' });
  const game = await t.createGame({ lang: 'en', teams: 2, plan: 'quick' });
  await vi.waitFor(async () => expect(await t.server.store.games.exists(game.code)).toBe(true));
  hw = (await call(t.url, 'POST', `/api/games/${game.code}/homework`, { deadline: Date.now() + HOUR }, game.hostToken)).body;
});
afterAll(async () => {
  await t.close();
});

describe('only the server opens attempt rooms', () => {
  it('refuses the matchmaker\'s create, and options without the server\'s grant', async () => {
    for (const method of ['create', 'joinOrCreate', 'join']) {
      const r = await call(t.url, 'POST', `/matchmake/${method}/${HOMEWORK_ROOM_NAME}`, { code: 'QQQQQQ', attemptId: 'x'.repeat(12), grant: 'g'.repeat(32) });
      expect(r.status).toBe(404);
    }
    const start = await call(t.url, 'POST', `/api/homework/${hw.id}/attempts`, { name: 'Victim' });
    await expect(matchMaker.createRoom(HOMEWORK_ROOM_NAME, { grant: 'g'.repeat(32), code: 'QQQQQQ', attemptId: start.body.attemptId })).rejects.toThrow(/homework link/);
    await expect(matchMaker.createRoom(HOMEWORK_ROOM_NAME, {})).rejects.toThrow(/homework link/);
  });
});

const TYPES = [...Object.keys(homeworkClientMessages), 'host:next', 'host:end-game', 'host:skip', 'x', '', '__proto__', 'homework:'];
function junk(rng: { state: number }, depth = 0): unknown {
  switch (nextInt(rng, 9)) {
    case 0: return null;
    case 1: return nextInt(rng, 2) === 0;
    case 2: return nextFloat(rng) * 1e9 - 5e8;
    case 3: return 'x'.repeat(nextInt(rng, 300));
    case 4: return depth > 2 ? 1 : Array.from({ length: nextInt(rng, 4) }, () => junk(rng, depth + 1));
    case 5: return depth > 2 ? {} : { seq: junk(rng, depth + 1), answer: junk(rng, depth + 1) };
    case 6: return { kind: ['choice', 'multi', 'order', 'numeric'][nextInt(rng, 4)], index: nextInt(rng, 12) - 2, value: nextFloat(rng) };
    case 7: return { action: { type: ['scale', 'cdn', 'x'.repeat(40), '__proto__'][nextInt(rng, 4)], zone: 'q', count: -1 } };
    default: return undefined;
  }
}

describe('any message to an attempt room', () => {
  it.each([3, 17, 99])('seed %i: is refused or applied, never crashes the room, never skips an open question', async (seed) => {
    const rng = createRng(seed);
    const start = await call(t.url, 'POST', `/api/homework/${hw.id}/attempts`, { name: `Fuzz ${seed}` });
    const room = await t.client().joinById(start.body.roomId, { attempt: start.body.attemptToken });
    const log = recorder(room);
    await vi.waitFor(() => expect(log.last('homework:welcome')).toBeDefined());
    room.send('homework:next', {});
    await vi.waitFor(() => expect((room.state as any).phase).toBe('question'), { timeout: 10_000 });
    const seq = (room.state as any).question.seq;
    // (fewer than the room's 30 messages a second: past that Colyseus drops the socket, by design)
    for (let i = 0; i < 25; i++) {
      const type = TYPES[nextInt(rng, TYPES.length)]!;
      const payload = junk(rng);
      // a well-formed answer would end the question: this test is about what cannot
      if (type === 'answer' && payload && typeof payload === 'object' && 'seq' in payload) continue;
      room.send(type as never, payload as never);
    }
    await vi.waitFor(() => expect(log.of('refused').length).toBeGreaterThan(5));
    expect(log.of('refused').every((r: { reason: string }) => typeof r.reason === 'string' && r.reason.length > 0)).toBe(true);
    expect([(room.state as any).phase, (room.state as any).question.seq]).toEqual(['question', seq]);
    room.send('answer', { seq, answer: answerFor(room) });
    await vi.waitFor(() => expect(log.last('ack')).toEqual({ seq }));
    await room.leave(true);
  });
});

describe('bad HTTP input', () => {
  it.each([
    ['a body that is not JSON', 'POST', '/attempts', '{"name":', 400, /not valid JSON/],
    ['a nickname of the wrong type', 'POST', '/attempts', { name: 5 }, 400, /Invalid "name"/],
    ['an unknown field', 'POST', '/attempts', { name: 'Ana', admin: true }, 400, /unknown field/],
    ['a nickname with markup', 'POST', '/attempts', { name: '<script>' }, 400, /letters, digits/],
    ['an empty nickname', 'POST', '/attempts', { name: '   ' }, 400, /Type a nickname/],
    ['a body too large', 'POST', '/attempts', { name: 'x'.repeat(5000) }, 413, /too large/],
    ['a token of the wrong shape', 'POST', '/attempts/resume', { attempt: '../../etc' }, 400, /Invalid "attempt"/],
    ['no teacher token', 'GET', '/results', undefined, 401, /teacher token/],
    ['a deadline without a teacher token', 'PATCH', '', { deadline: 1 }, 401, /teacher token/],
  ])('%s: a readable JSON error, nothing stored', async (_name, method, suffix, body, status, message) => {
    const before = (await t.server.store.homework.listAttempts(hw.id)).length;
    const r = await call(t.url, method, `/api/homework/${hw.id}${suffix}`, body);
    expect(r.status).toBe(status);
    expect(r.body.error).toMatch(message);
    expect(JSON.stringify(r.body)).not.toMatch(/at .*\.ts:\d+/);
    expect((await t.server.store.homework.listAttempts(hw.id)).length).toBe(before);
  });

  it('an id that is no homework: 404, for every route', async () => {
    for (const [method, path] of [['GET', ''], ['GET', '/qr.svg'], ['POST', '/attempts'], ['GET', '/results'], ['GET', '/answers.csv']] as const) {
      for (const id of ['nope', '__proto__', 'x'.repeat(12), 'constructor']) {
        const r = await call(t.url, method, `/api/homework/${id}${path}`, method === 'POST' ? { name: 'Ana' } : undefined, hw.teacherToken);
        expect([r.status, r.body.reason]).toEqual([404, 'not_found']);
      }
    }
  });
});

describe('the CSVs', () => {
  it('keep a nickname that a spreadsheet would run as a formula as text', async () => {
    const start = await call(t.url, 'POST', `/api/homework/${hw.id}/attempts`, { name: '=HYPERLINK("x")' });
    expect(start.status).toBe(201);
    const room = await t.client().joinById(start.body.roomId, { attempt: start.body.attemptToken });
    const log = recorder(room);
    room.send('homework:next', {});
    await vi.waitFor(() => expect((room.state as any).phase).toBe('question'), { timeout: 10_000 });
    room.send('answer', { seq: (room.state as any).question.seq, answer: answerFor(room) });
    await vi.waitFor(() => expect(log.last('result')).toBeDefined());
    await room.leave(true);
    await vi.waitFor(async () => {
      const csv = await (await fetch(`${t.url}/api/homework/${hw.id}/answers.csv`, { headers: { authorization: `Bearer ${hw.teacherToken}` } })).text();
      const rows = parse(csv, { bom: true }) as string[][];
      const cells = rows.flat().filter((c) => c.includes('HYPERLINK'));
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) expect(c.startsWith("'=")).toBe(true);
    });
  });
});

describe('rate limits', () => {
  it('stop one address starting attempts past the limit, with a readable 429', async () => {
    const limited = await startTestServer({ HOMEWORK_ATTEMPTS_PER_MINUTE: '3' });
    try {
      const game = await limited.createGame({ lang: 'en', teams: 2, plan: 'quick' });
      await vi.waitFor(async () => expect(await limited.server.store.games.exists(game.code)).toBe(true));
      const a = (await call(limited.url, 'POST', `/api/games/${game.code}/homework`, { deadline: Date.now() + HOUR }, game.hostToken)).body;
      // The limit counts in one-minute windows, and one may end between two requests: 2 × 3 + 1
      // requests put at least 4 in one window wherever it ends, so one of them is refused.
      const replies: { status: number; body: any; headers: Headers }[] = [];
      for (let i = 0; i < 7; i++) replies.push(await call(limited.url, 'POST', `/api/homework/${a.id}/attempts`, { name: `S${i}` }));
      const refused = replies.find((r) => r.status === 429);
      expect(refused, JSON.stringify(replies.map((r) => r.status))).toBeDefined();
      expect(replies.slice(0, 3).every((r) => r.status === 201), JSON.stringify(replies.map((r) => r.status))).toBe(true);
      expect(refused!.body.error).toMatch(/Too many requests from this address/);
      expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
