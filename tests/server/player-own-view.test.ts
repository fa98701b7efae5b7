// What a phone is told about itself, through a real server and SDK clients: a phone that comes back
// mid-question (a reload: a new join with its seat token) learns the answer it already gave, and
// one that comes back during the reveal learns its result with that answer; after a scenario round
// and at the podium every phone's total equals the server's (scenario points included).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { matchMaker } from '@colyseus/core';
import type { Room } from '@colyseus/sdk';
import { hostAndPlayers, recorder, startTestServer, type TestServer } from '../helpers/server.ts';
import type { GameModel } from '../../shared/rules/game.ts';
import type { AnswerPayload } from '../../shared/protocol.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ SCENARIO_TICK_MS: '10', SCENARIO_TICKS: '200', ROUND_INTRO_MS: '50', QUESTION_SECONDS: '60' });
});
afterAll(async () => t.close());

const st = (room: Room) => room.state as any;
const model = (code: string) => (matchMaker.getLocalRoomById(code) as unknown as { game: GameModel }).game;

/** An answer the open question accepts (whatever its type). */
function anAnswer(room: Room): AnswerPayload {
  const q = st(room).question;
  switch (q.type) {
    case 'multi':
      return { kind: 'multi', indices: [0] };
    case 'order':
      return { kind: 'order', order: [...q.options.keys()].reverse() };
    case 'numeric':
      return { kind: 'numeric', value: q.min };
    default:
      return { kind: 'choice', index: 1 };
  }
}

describe("a phone's own answer survives a reload", () => {
  it('mid-question the welcome carries the answer given; during the reveal, the result with it', async () => {
    const { game, host, players } = await hostAndPlayers(t, ['Ana', 'Ben']);
    const [ana, ben] = players as [(typeof players)[number], (typeof players)[number]];
    expect(ana.log.last('welcome')).toMatchObject({ answer: null, result: null });
    host.send('host:start', {});
    await vi.waitFor(() => expect(st(ana.room).phase).toBe('question'));
    const seq = st(ana.room).question.seq as number;
    const answer = anAnswer(ana.room);
    ana.room.send('answer', { seq, answer });
    await vi.waitFor(() => expect(ana.log.last('ack')).toEqual({ seq }));

    // a reload: the page joins again with its seat token
    const seat = ana.log.last('welcome').seat as string;
    const again = await t.client().joinById(game.code, { seat });
    const againLog = recorder(again);
    await vi.waitFor(() => expect(againLog.last('welcome')).toBeDefined());
    expect(againLog.last('welcome')).toMatchObject({ answer: { seq, answer }, result: null });
    // Ben has not answered: nothing to show
    const benAgain = await t.client().joinById(game.code, { seat: ben.log.last('welcome').seat });
    const benLog = recorder(benAgain);
    await vi.waitFor(() => expect(benLog.last('welcome')).toMatchObject({ answer: null }));

    // Ben answers too: the question closes, each phone gets its result with its own answer
    const benAnswer = anAnswer(benAgain);
    benAgain.send('answer', { seq, answer: benAnswer });
    await vi.waitFor(() => expect(st(again).phase).toBe('reveal'));
    await vi.waitFor(() => expect(againLog.last('result')).toMatchObject({ seq, answer }));
    await vi.waitFor(() => expect(benLog.last('result')).toMatchObject({ seq, answer: benAnswer }));
    const result = againLog.last('result');
    const [answer2, seq2] = [answer, seq];
    // a reload during the reveal: the same result, answer included
    const third = await t.client().joinById(game.code, { seat });
    const thirdLog = recorder(third);
    await vi.waitFor(() => expect(thirdLog.last('welcome')).toBeDefined());
    expect(thirdLog.last('welcome').answer).toEqual({ seq: seq2, answer: answer2 });
    expect(thirdLog.last('welcome').result).toEqual(result);
    expect(thirdLog.last('welcome').score).toBe(model(game.code).players[thirdLog.last('welcome').playerId]!.score);
  });
});

describe("a phone's score equals the server's after a scenario round", () => {
  it('the report and the podium send each player its total, scenario points included', async () => {
    const game = await t.createGame({ lang: 'en', teams: 2, plan: 'ops-drill' });
    const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
    const phones: { room: Room; log: ReturnType<typeof recorder> }[] = [];
    for (const name of ['Ana', 'Ben', 'Cai']) {
      const room = await t.client().joinById(game.code, { name });
      const log = recorder(room);
      await vi.waitFor(() => expect(log.last('welcome')).toBeDefined());
      phones.push({ room, log });
    }
    host.send('host:start', {});
    // the quiz: everyone answers, so quiz points and credits are in play
    while (st(host).phase !== 'leaderboard') {
      await vi.waitFor(() => expect(['question', 'reveal', 'leaderboard']).toContain(st(host).phase));
      if (st(host).phase === 'question') {
        const seq = st(host).question.seq;
        for (const p of phones) p.room.send('answer', { seq, answer: anAnswer(p.room) });
        await vi.waitFor(() => expect(st(host).phase).not.toBe('question'));
      }
      if (st(host).phase === 'reveal') {
        const seq = st(host).question.seq;
        host.send('host:next', {});
        await vi.waitFor(() => expect(st(host).phase !== 'reveal' || st(host).question.seq !== seq).toBe(true));
      }
    }
    host.send('host:next', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('scenario'));
    await vi.waitFor(() => expect(st(host).phase).toBe('scenario-report'), { timeout: 20_000 });
    const g = model(game.code);
    const idOf = (p: (typeof phones)[number]) => p.log.of('welcome')[0].playerId as string;
    for (const p of phones) {
      await vi.waitFor(() => expect(p.log.last('standing')?.score).toBe(g.players[idOf(p)]!.score));
      // the round's points are in it: more than what the last quiz result said, for a team that earned some
      const report = [...st(host).scenario.reports].find((r: any) => r.team === g.players[idOf(p)]!.team);
      expect(p.log.last('standing').score).toBe((p.log.last('result')?.score ?? 0) + (report?.points ?? 0));
    }
    host.send('host:end-game', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('podium'));
    for (const p of phones) {
      await vi.waitFor(() => expect(p.log.of('standing')).toHaveLength(2));
      expect(p.log.last('standing')).toMatchObject({ score: g.players[idOf(p)]!.score, players: 3 });
    }
  });
});
