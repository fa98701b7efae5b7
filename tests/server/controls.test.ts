// Every teacher control, driven through a live room with SDK clients, and the reconnection cases
// of a real class: a phone that sleeps past a question, a reload, no double counting.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Room } from '@colyseus/sdk';
import { answerFor } from '../helpers/answers.ts';
import { matchMaker } from '@colyseus/core';
import { currentQuestion, type GameModel } from '../../shared/rules/game.ts';
import { correctIndices } from '../../shared/rules/questions.ts';
import { hostAndPlayers, recorder, startTestServer, type TestServer } from '../helpers/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ QUESTION_SECONDS: '20', ROUND_INTRO_MS: '100' });
});
afterAll(async () => {
  await t.close();
});

const st = (room: Room) => room.state as any;

/** The room's own model (tests only). */
const modelOf = (code: string) => (matchMaker.getLocalRoomById(code) as unknown as { game: GameModel }).game;

/** The right answer to the open question, read from the room's own model. */
function rightAnswer(code: string): any {
  const g = modelOf(code);
  const q = currentQuestion(g)!;
  const correct = correctIndices(q, g.current!.shown);
  if (q.type === 'multi') return { kind: 'multi', indices: correct };
  if (q.type === 'order') return { kind: 'order', order: correct };
  if (q.type === 'numeric') return { kind: 'numeric', value: q.answer };
  return { kind: 'choice', index: correct[0] ?? 0 };
}

const setup = (names = ['Ana', 'Ben', 'Cai']) => hostAndPlayers(t, names);

describe('teacher controls', () => {
  it('pause freezes the timer on the server; resume continues; +10 s extends; skip moves on', async () => {
    const { host, players } = await setup();
    host.send('host:start', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('question'));
    host.send('host:pause', {});
    await vi.waitFor(() => expect(st(host).paused).toBe(true));
    const left = st(host).timerRemainingMs;
    expect(left).toBeGreaterThan(0);
    players[0]!.room.send('answer', { seq: st(host).question.seq, answer: answerFor(players[0]!.room) });
    await vi.waitFor(() => expect(players[0]!.log.last('refused')?.code).toBe('paused'));
    await new Promise((r) => setTimeout(r, 600));
    expect(st(host).phase).toBe('question');
    expect(st(host).timerRemainingMs).toBe(left);
    host.send('host:extend', { ms: 10_000 });
    await vi.waitFor(() => expect(st(host).timerRemainingMs).toBe(left + 10_000));
    host.send('host:resume', {});
    await vi.waitFor(() => expect(st(host).paused).toBe(false));
    expect(st(host).timerEndsAt).toBeGreaterThan(Date.now() + 10_000);
    const seq = st(host).question.seq;
    host.send('host:skip', {});
    await vi.waitFor(() => expect(st(host).question.seq).toBeGreaterThan(seq));
    expect(st(host).phase).toBe('question');
  });

  it('end round goes to the standings; end game to the podium, and late joins are then refused', async () => {
    const { game, host } = await setup();
    host.send('host:start', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('question'));
    host.send('host:end-round', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('leaderboard'));
    host.send('host:end-game', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('podium'));
    await expect(t.client().joinById(game.code, { name: 'Late' })).rejects.toThrow(/ended/);
  });

  it('remove keeps that nickname out; move works in the lobby only; lock and unlock', async () => {
    const { game, host, hostLog, roster, players } = await setup();
    const ben = players[1]!;
    const benId = ben.log.last('welcome').playerId;
    host.send('host:move', { playerId: benId, team: 0 });
    await vi.waitFor(() => expect(ben.log.last('moved')).toEqual({ team: 0 }));
    await vi.waitFor(() => expect(roster.get(benId)?.team).toBe(0));
    host.send('host:kick', { playerId: benId, ban: true });
    await vi.waitFor(() => expect(ben.log.last('kicked')).toBeDefined());
    await vi.waitFor(() => expect(st(host).counts.playerCount).toBe(2));
    await expect(t.client().joinById(game.code, { name: 'BEN' })).rejects.toThrow(/removed/);
    await expect(t.client().joinById(game.code, { seat: ben.log.last('welcome').seat })).rejects.toThrow(/seat/);
    host.send('host:kick', { playerId: 'nobody', ban: true });
    await vi.waitFor(() => expect(hostLog.last('refused')?.code).toBe('no_such_player'));
    host.send('host:lock', { locked: true });
    await vi.waitFor(() => expect(st(host).locked).toBe(true));
    await expect(t.client().joinById(game.code, { name: 'Dee' })).rejects.toThrow(/locked/);
    // a seat already taken still comes back while locked
    const anaSeat = players[0]!.log.last('welcome').seat;
    await players[0]!.room.leave(false).catch(() => undefined);
    const again = await t.client().joinById(game.code, { seat: anaSeat });
    expect(again.roomId).toBe(game.code);
    host.send('host:lock', { locked: false });
    await vi.waitFor(() => expect(st(host).locked).toBe(false));
    host.send('host:start', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('question'));
    host.send('host:move', { playerId: players[2]!.log.last('welcome').playerId, team: 1 });
    await vi.waitFor(() => expect(hostLog.last('refused')?.code).toBe('wrong_phase'));
  });

  it('with speed scoring off, the same answer given fast or slow earns the same points; sound is a synced setting', async () => {
    const { host, players } = await setup(['Ana', 'Ben']);
    host.send('host:settings', { speedScoring: false, sound: false });
    await vi.waitFor(() => expect(st(host)).toMatchObject({ speedScoring: false, sound: false }));
    host.send('host:start', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('question'));
    const [fast, slow] = players as [(typeof players)[number], (typeof players)[number]];
    const seq = st(fast.room).question.seq;
    const right = rightAnswer(st(host).code);
    fast.room.send('answer', { seq, answer: right });
    await new Promise((r) => setTimeout(r, 1500));
    slow.room.send('answer', { seq, answer: right });
    await vi.waitFor(() => expect(players.every((p) => p.log.of('result').length === 1)).toBe(true));
    const points = fast.log.last('result').points;
    if (st(host).question.type !== 'poll') expect(points).toBeGreaterThanOrEqual(1000);
    expect(slow.log.last('result').points).toBe(points);
  });

  it('a student joining mid-game lands in the smallest team with its average score', async () => {
    const { game, host, roster, players } = await setup(['Ana', 'Ben', 'Cai']);
    host.send('host:start', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('question'));
    for (const p of players) p.room.send('answer', { seq: st(p.room).question.seq, answer: answerFor(p.room) });
    await vi.waitFor(() => expect(st(host).phase).toBe('reveal'));
    const late = await t.client().joinById(game.code, { name: 'Late' });
    const log = recorder(late);
    await vi.waitFor(() => expect(log.last('welcome')).toBeDefined());
    const team1 = [...roster.values()].filter((p) => p.team === 1 && p.name !== 'Late');
    expect(log.last('welcome').team).toBe(1);
    expect(log.last('welcome').score).toBe(Math.round(team1.reduce((s, p) => s + p.score, 0) / team1.length));
  });
});

describe('reconnection', () => {
  it('a phone that sleeps past a question comes back to its seat, with its score and no double count', async () => {
    const { game, host, roster, players } = await setup(['Ana', 'Ben']);
    const ana = players[0]!;
    const { seat, playerId } = ana.log.last('welcome');
    host.send('host:start', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('question'));
    const seq1 = st(ana.room).question.seq;
    ana.room.send('answer', { seq: seq1, answer: answerFor(ana.room) });
    await vi.waitFor(() => expect(ana.log.of('ack')).toHaveLength(1));
    // the phone sleeps: its socket drops without a goodbye
    (ana.room.connection as any).transport.ws.terminate?.() ?? (ana.room.connection as any).close();
    await vi.waitFor(() => expect(roster.get(playerId)?.connected).toBe(false));
    // the question closes while it sleeps (Ben answers: Ana is not connected, so it closes at once)
    players[1]!.room.send('answer', { seq: seq1, answer: answerFor(players[1]!.room) });
    await vi.waitFor(() => expect(st(host).phase).toBe('reveal'));
    const scoreWhileAway = modelOf(game.code).players[playerId]!.score;
    await vi.waitFor(() => expect(roster.get(playerId)?.score).toBe(scoreWhileAway));
    host.send('host:next', {});
    await vi.waitFor(() => expect(st(host).question.seq).toBeGreaterThan(seq1));
    // the room holds a connection slot for the dropped socket...
    const room = matchMaker.getLocalRoomById(game.code) as unknown as { _reservedSeats: Record<string, unknown> };
    expect(Object.keys(room._reservedSeats)).toHaveLength(1);
    // it wakes up: the page rejoins with its seat token
    const back = await t.client().joinById(game.code, { seat });
    const log = recorder(back);
    await vi.waitFor(() => expect(log.last('welcome')).toMatchObject({ playerId, score: scoreWhileAway }));
    // ...which is freed at once, not after RECONNECT_SECONDS: held slots count against a full room
    await vi.waitFor(() => expect(Object.keys(room._reservedSeats)).toHaveLength(0));
    back.send('answer', { seq: seq1, answer: answerFor(back) });
    await vi.waitFor(() => expect(log.last('refused')?.code).toBe('no_such_question'));
    const seq2 = st(back).question.seq;
    back.send('answer', { seq: seq2, answer: answerFor(back) });
    back.send('answer', { seq: seq2, answer: answerFor(back) });
    await vi.waitFor(() => expect(log.of('ack')).toHaveLength(1));
    await vi.waitFor(() => expect(log.last('refused')?.code).toBe('already_answered'));
  });
});
