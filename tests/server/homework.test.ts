// Homework on a real server with SDK bots: a class plays a live game, the teacher assigns it, a
// student plays the attempt through the real SDK and the teacher's results are the live game's
// document in shape, on the same questions, option order and scenario seed; the deadline refuses
// late starts readably and lets a started attempt finish; a browser comes back to its attempt,
// also after its room closed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'csv-parse/sync';
import { matchMaker } from '@colyseus/core';
import type { Room } from '@colyseus/sdk';
import { recorder, startTestServer, type TestServer } from '../helpers/server.ts';
import { call, playAttempt, playLiveGame } from '../helpers/homework.ts';
import { answerFor } from '../helpers/answers.ts';
import type { GameResults } from '../../shared/rules/results.ts';
import type { HomeworkResults } from '../../shared/rules/homework.ts';
import { HOMEWORK } from '../../shared/constants.ts';

let t: TestServer;
let live: { code: string; hostToken: string };
let liveResults: GameResults;
let hw: { id: string; teacherToken: string; url: string; deadline: number };

const st = (room: Room) => room.state as any;
const HOUR = 3600_000;
const ACTIONS = ['rate-limit', 'scale', 'add-replica', 'diagnose'];

async function start(name: string, more: Record<string, unknown> = {}) {
  return call(t.url, 'POST', `/api/homework/${hw.id}/attempts`, { name, ...more });
}

async function join(ticket: { roomId: string; attemptToken: string }) {
  const room = await t.client().joinById(ticket.roomId, { attempt: ticket.attemptToken });
  const log = recorder(room);
  await vi.waitFor(() => expect(log.last('homework:welcome')).toBeDefined());
  return { room, log };
}

const teacherResults = async () => (await call(t.url, 'GET', `/api/homework/${hw.id}/results`, undefined, hw.teacherToken)).body as HomeworkResults;

beforeAll(async () => {
  t = await startTestServer({ QUESTION_SECONDS: '60', ROUND_INTRO_MS: '50', SCENARIO_TICK_MS: '10', SCENARIO_TICKS: '300' }); // 3 s: the actions land before the round ends on a busy machine
  live = await t.createGame({ lang: 'en', teams: 2, plan: 'ops-drill' });
  await playLiveGame(() => t.client(), live, ['Lia', 'Max']);
  await vi.waitFor(async () => {
    const r = await call(t.url, 'GET', `/api/games/${live.code}/results`, undefined, live.hostToken);
    expect(r.body.phase).toBe('podium');
    liveResults = r.body;
  });
  const made = await call(t.url, 'POST', `/api/games/${live.code}/homework`, { deadline: Date.now() + 48 * HOUR }, live.hostToken);
  expect(made.status).toBe(201);
  hw = made.body;
});
afterAll(async () => {
  await t.close();
});

describe('assigning a game as homework', () => {
  it('gives a link, a QR code and a teacher token; the student page learns the plan and the deadline', async () => {
    expect(hw.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(hw.teacherToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // the address a phone can open: never a loopback one
    expect(hw.url).toMatch(new RegExp(`^http://(?!127\\.)[^/]+:${t.port}/homework/${hw.id}$`));
    const info = await call(t.url, 'GET', `/api/homework/${hw.id}`);
    expect(info.body).toMatchObject({ id: hw.id, lang: 'en', open: true, deadline: hw.deadline, finishBy: hw.deadline + HOMEWORK.finishGraceMs, speedScoring: false });
    expect(info.body.rounds.map((r: { kind: string }) => r.kind)).toEqual(['quiz', 'scenario']);
    const qr = await fetch(`${t.url}/api/homework/${hw.id}/qr.svg`);
    expect(qr.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(await qr.text()).toMatch(/^<svg/);
  });

  it('needs the game\'s host token and a deadline between a minute and 90 days ahead, and says why not', async () => {
    const path = `/api/games/${live.code}/homework`;
    const cases: [string | undefined, unknown, number, RegExp][] = [
      [undefined, { deadline: Date.now() + HOUR }, 401, /host token/],
      ['x'.repeat(32), { deadline: Date.now() + HOUR }, 403, /does not open game/],
      [live.hostToken, { deadline: Date.now() + 1000 }, 400, /at least a minute/],
      [live.hostToken, { deadline: Date.now() + 200 * 24 * HOUR }, 400, /90 days/],
      [live.hostToken, { deadline: 'tomorrow' }, 400, /Invalid "deadline"/],
      [live.hostToken, { deadline: Date.now() + HOUR, teams: 3 }, 400, /unknown field/],
    ];
    for (const [token, body, status, message] of cases) {
      const r = await call(t.url, 'POST', path, body, token);
      expect([r.status, r.body.error]).toEqual([status, expect.stringMatching(message)]);
    }
    expect((await call(t.url, 'POST', '/api/games/QQQ999/homework', { deadline: Date.now() + HOUR }, live.hostToken)).status).toBe(404);
  });
});

describe('a student plays the homework through the SDK', () => {
  let attempt: { attemptId: string; attemptToken: string; roomId: string };
  let mine: GameResults;

  it('plays the plan alone, driving it with "next", and every role of the scenario round is theirs', async () => {
    const r = await start('Ana');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'Ana', attempt: 1, status: 'playing', score: 0 });
    attempt = r.body;
    const { room, log } = await join(r.body);
    expect(log.last('homework:welcome')).toMatchObject({ attemptId: attempt.attemptId, name: 'Ana', deadline: hw.deadline });
    expect(st(room).teamCount).toBe(1);
    // one control of each role: edge, compute, data, observability
    await playAttempt(room, { actions: [{ type: 'rate-limit', rps: 5000 }, { type: 'scale', zone: 'a', count: 7 }, { type: 'add-replica' }, { type: 'diagnose' }] });
    expect(log.of('refused').filter((x: { type: string }) => x.type !== 'homework:next')).toEqual([]);
    expect(log.of('action-ack').map((a: { type: string }) => a.type)).toEqual(ACTIONS);
    expect(log.of('result')).toHaveLength(liveResults.questions.length);
    await room.leave(true);
    await vi.waitFor(async () => {
      const m = await call(t.url, 'GET', `/api/homework/${hw.id}/attempts/mine`, undefined, attempt.attemptToken);
      expect(m.body.ticket.status).toBe('finished');
      mine = m.body.results;
    });
  });

  it('on the class game\'s questions, option order and scenario seed', () => {
    const key = (r: GameResults) => r.questions.map((q) => [q.questionId, q.options, q.shown]);
    expect(key(mine)).toEqual(key(liveResults));
    expect(mine.scenarios.map((s) => [s.cardId, s.seed])).toEqual(liveResults.scenarios.map((s) => [s.cardId, s.seed]));
    expect(mine.scenarios[0]!.teams[0]!.log.map((l) => ('action' in l ? l.action.type : l.fault))).toEqual(ACTIONS);
  });

  it("gives the teacher a results document identical in shape to the live game's", async () => {
    const r = await teacherResults();
    const { homework, teamNames, ...doc } = r;
    expect(shape(doc)).toEqual(shape(liveResults));
    expect(homework.attempts).toMatchObject([{ name: 'Ana', status: 'finished', attempt: 1, counted: true, answered: liveResults.questions.length }]);
    expect(teamNames).toEqual(['Ana']);
    expect(r.players).toEqual([{ id: attempt.attemptId, name: 'Ana', team: 0, score: mine.players[0]!.score, rank: 1 }]);
    expect(r.scenarios[0]!.teams[0]!.report).toEqual(mine.scenarios[0]!.teams[0]!.report);
  });

  it('and the same CSVs, one row per student and question, and per student and scenario round', async () => {
    const teacher = { authorization: `Bearer ${hw.teacherToken}` };
    const csv = async (kind: string) => parse((await (await fetch(`${t.url}/api/homework/${hw.id}/${kind}.csv`, { headers: teacher })).text()), { bom: true }) as string[][];
    const answers = await csv('answers');
    expect(answers[0]![6]).toBe('player');
    expect(answers.slice(1).map((row) => row[6])).toEqual(liveResults.questions.map(() => 'Ana'));
    const scenarios = await csv('scenarios');
    expect(scenarios).toHaveLength(2);
    expect(scenarios[1]![3]).toBe('Ana');
    expect((await fetch(`${t.url}/api/homework/${hw.id}/answers.csv`, { headers: { authorization: `Bearer ${'x'.repeat(32)}` } })).status).toBe(403);
    // a link carries a short-lived download token, never the teacher token
    expect((await fetch(`${t.url}/api/homework/${hw.id}/answers.csv?token=${hw.teacherToken}`)).status).toBe(401);
    const issued = await fetch(`${t.url}/api/homework/${hw.id}/downloads`, { method: 'POST', headers: teacher });
    expect(issued.status).toBe(201);
    const { token: dl } = (await issued.json()) as { token: string };
    expect((await fetch(`${t.url}/api/homework/${hw.id}/scenarios.csv?dl=${dl}`)).status).toBe(200);
    expect((await fetch(`${t.url}/api/homework/${hw.id}/scenarios.csv?dl=${'y'.repeat(30)}`)).status).toBe(403);
  });

  it('keeps a nickname to its student, and lets the same browser play again once it finished', async () => {
    const taken = await start('ana');
    expect([taken.status, taken.body.reason]).toEqual([409, 'name_taken']);
    expect(taken.body.error).toMatch(/nickname is already/);
    const again = await start('Ana', { previous: attempt.attemptToken });
    expect(again.status).toBe(201);
    expect(again.body.attempt).toBe(2);
    const r = await teacherResults();
    expect(r.homework.attempts.map((a) => [a.name, a.attempt, a.counted])).toEqual([['Ana', 1, true], ['Ana', 2, false]]);
    expect(r.teamNames).toEqual(['Ana', 'Ana (2)']);
  });
});

describe('coming back to an attempt from the same browser', () => {
  it('goes on with the same score and question, in the room or, once the room closed, from the store', async () => {
    const r = await start('Ben');
    const first = await join(r.body);
    first.room.send('homework:next', {});
    await vi.waitFor(() => expect(st(first.room).phase).toBe('question'));
    first.room.send('answer', { seq: st(first.room).question.seq, answer: answerFor(first.room) });
    await vi.waitFor(() => expect(first.log.last('result')).toBeDefined());
    const score = first.log.last('result').score;
    const seq = st(first.room).question.seq;
    await first.room.leave(true);

    // the room is still open: the same one
    const back = await call(t.url, 'POST', `/api/homework/${hw.id}/attempts/resume`, { attempt: r.body.attemptToken });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ attemptId: r.body.attemptId, roomId: r.body.roomId, name: 'Ben', status: 'playing' });
    expect(back.body.attemptToken).toBeUndefined();
    const second = await join({ roomId: back.body.roomId, attemptToken: r.body.attemptToken });
    expect(second.log.last('welcome').score).toBe(score);
    expect([st(second.room).phase, st(second.room).question.seq]).toEqual(['reveal', seq]);
    await second.room.leave(true);

    // the room closes (the student stayed away): the attempt comes back from the store
    await matchMaker.getLocalRoomById(r.body.roomId)!.disconnect();
    await vi.waitFor(() => expect(matchMaker.getLocalRoomById(r.body.roomId)).toBeUndefined());
    const later = await call(t.url, 'POST', `/api/homework/${hw.id}/attempts/resume`, { attempt: r.body.attemptToken });
    expect(later.body.roomId).not.toBe(r.body.roomId);
    const third = await join({ roomId: later.body.roomId, attemptToken: r.body.attemptToken });
    expect(third.log.last('welcome').score).toBe(score);
    expect([st(third.room).phase, st(third.room).question.seq]).toEqual(['reveal', seq]);
    third.room.send('homework:next', {});
    await vi.waitFor(() => expect(st(third.room).question.seq).toBe(seq + 1));
    await third.room.leave(true);
  });

  it('hands a second tab the attempt and tells the first one why', async () => {
    const r = await start('Cai');
    const a = await join(r.body);
    const b = await join(r.body);
    await vi.waitFor(() => expect(a.log.last('seat-taken')).toBeDefined());
    b.room.send('homework:next', {});
    await vi.waitFor(() => expect(st(b.room).phase).not.toBe('lobby'));
    await b.room.leave(true);
  });

  it('refuses a token of another browser or another homework, readably', async () => {
    const unknown = await call(t.url, 'POST', `/api/homework/${hw.id}/attempts/resume`, { attempt: 'y'.repeat(32) });
    expect([unknown.status, unknown.body.reason]).toEqual([404, 'unknown_attempt']);
    expect(unknown.body.error).toMatch(/start one with a nickname/);
    const r = await start('Dee');
    await expect(t.client().joinById(r.body.roomId, { attempt: 'z'.repeat(32) })).rejects.toThrow(/another browser/);
    await expect(t.client().joinById(r.body.roomId, { name: 'Dee' })).rejects.toThrow(/homework link/);
  });
});

describe('the deadline', () => {
  it('refuses late starts with a readable reason, and lets an attempt started before it finish', async () => {
    const made = await call(t.url, 'POST', `/api/games/${live.code}/homework`, { deadline: Date.now() + HOUR }, live.hostToken);
    const id = made.body.id as string;
    const early = await call(t.url, 'POST', `/api/homework/${id}/attempts`, { name: 'Early' });
    expect(early.status).toBe(201);
    const closed = await call(t.url, 'PATCH', `/api/homework/${id}`, { deadline: Date.now() - 1000 }, made.body.teacherToken);
    expect(closed.status).toBe(200);
    expect(closed.body.open).toBe(false);
    const late = await call(t.url, 'POST', `/api/homework/${id}/attempts`, { name: 'Late' });
    expect(late.status).toBe(403);
    expect(late.body).toEqual({ reason: 'deadline_passed', error: expect.stringMatching(/^The deadline for this homework has passed .*: no new attempts can start\.$/) });
    expect((await call(t.url, 'GET', `/api/homework/${id}`)).body.open).toBe(false);
    // started before the deadline: it goes on, to the end
    const resumed = await call(t.url, 'POST', `/api/homework/${id}/attempts/resume`, { attempt: early.body.attemptToken });
    expect(resumed.status).toBe(200);
    const { room } = await join({ roomId: resumed.body.roomId, attemptToken: early.body.attemptToken });
    await playAttempt(room);
    await room.leave(true);
    // the teacher closes it for good: past the time to finish, an unfinished attempt cannot go on
    const ended = await call(t.url, 'PATCH', `/api/homework/${id}`, { deadline: Date.now() - HOMEWORK.finishGraceMs - 1000 }, made.body.teacherToken);
    expect(ended.status).toBe(200);
    const other = await call(t.url, 'POST', `/api/homework/${hw.id}/attempts`, { name: 'Eve' });
    expect(other.status).toBe(201);
    expect((await call(t.url, 'PATCH', `/api/homework/${id}`, { deadline: Date.now() + HOUR }, 'w'.repeat(32))).status).toBe(403);
  });

  it('ends an attempt that is still open when its time after the deadline runs out', async () => {
    const made = await call(t.url, 'POST', `/api/games/${live.code}/homework`, { deadline: Date.now() + HOUR }, live.hostToken);
    const id = made.body.id as string;
    const r = await call(t.url, 'POST', `/api/homework/${id}/attempts`, { name: 'Slow' });
    const { room } = await join(r.body);
    room.send('homework:next', {});
    await vi.waitFor(() => expect(st(room).phase).toBe('question'));
    await call(t.url, 'PATCH', `/api/homework/${id}`, { deadline: Date.now() - HOMEWORK.finishGraceMs - 1000 }, made.body.teacherToken);
    // the room reads the deadline again when the student comes back
    const again = await join(r.body);
    await vi.waitFor(() => expect(st(again.room).phase).toBe('podium'));
    await again.room.leave(true);
    await vi.waitFor(async () => {
      const back = await call(t.url, 'POST', `/api/homework/${id}/attempts/resume`, { attempt: r.body.attemptToken });
      expect(back.body).toMatchObject({ status: 'closed', roomId: null });
    });
    const results = (await call(t.url, 'GET', `/api/homework/${id}/results`, undefined, made.body.teacherToken)).body as HomeworkResults;
    expect(results.homework.attempts.map((a) => a.status)).toEqual(['closed']);
  });
});

/**
 * The keys and value types of a document, arrays by their first element: what "the same shape"
 * means. A scenario team's events and action log are unions of many kinds (whatever happened in
 * that run), so they are compared as arrays only.
 */
function shape(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return key === 'events' || key === 'log' ? 'array' : v.length ? [shape(v[0])] : [];
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k], k)]));
  return v === null ? 'null' : typeof v;
}
