import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Room } from '@colyseus/sdk';
import { answerFor } from '../helpers/answers.ts';
import { hostAndPlayers as joinGame, recorder, startTestServer, type TestServer } from '../helpers/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

const state = (room: Room) => room.state as any;

async function hostAndPlayers(names: string[]) {
  const joined = await joinGame(t, names);
  await vi.waitFor(() => expect(state(joined.host).counts.playerCount).toBe(names.length));
  return joined;
}


describe('a quiz round, end to end, with real SDK clients', () => {
  it('creates a game, balances teams, plays every question and ends on the podium', async () => {
    const { host, roster, players } = await hostAndPlayers(['Ana', 'Ben', 'Cai']);
    await vi.waitFor(() => expect([...roster.values()].map((p) => p.team).sort()).toEqual([0, 0, 1]));
    const welcome = players[0]!.log.last('welcome');
    expect(welcome).toMatchObject({ name: 'Ana', team: 0, score: 0 });

    host.send('host:start', {});
    await vi.waitFor(() => expect(state(players[0]!.room).phase).toBe('question'));
    const count = state(host).question.count;
    expect(count).toBeGreaterThanOrEqual(6);

    for (let i = 0; i < count; i++) {
      await vi.waitFor(() => expect(state(players[2]!.room).phase).toBe('question'));
      const seq = state(players[0]!.room).question.seq;
      // two of three answer; the third lets the timer run out on the first question only
      for (const p of players.slice(0, i === 0 ? 2 : 3)) p.room.send('answer', { seq, answer: answerFor(p.room) });
      await vi.waitFor(() => expect(state(host).phase).toBe('reveal'));
      await vi.waitFor(() => expect(players[0]!.log.of('result').length).toBe(i + 1));
      expect(state(host).reveal.seq).toBe(seq);
      expect(state(host).reveal.explanation.length).toBeGreaterThan(0);
      host.send('host:next', {});
    }
    await vi.waitFor(() => expect(state(host).phase).toBe('leaderboard'));
    expect(state(host).top.length).toBe(3);
    const results = players[0]!.log.of('result');
    const last = results.at(-1);
    expect(last.score).toBe(results.reduce((s: number, r: any) => s + r.points, 0));
    const teamScores = state(host).teams.map((x: any) => x.score);
    // the roster the teacher sees carries every player's final score
    await vi.waitFor(() => expect(roster.get(welcome.playerId)?.score).toBe(last.score));
    const rows = [...roster.values()];
    const avg = (team: number) => Math.round(rows.filter((p) => p.team === team).reduce((s, p) => s + p.score, 0) / rows.filter((p) => p.team === team).length);
    expect(teamScores).toEqual([avg(0), avg(1)]);
    host.send('host:next', {});
    await vi.waitFor(() => expect(state(players[1]!.room).phase).toBe('podium'));
  });

  it('refuses a wrong code, a bad host token, an empty or taken nickname, and a locked room, with readable messages', async () => {
    const { game, host } = await hostAndPlayers(['Dee']);
    await expect(t.client().joinById('ZZZZZZ', { name: 'X' })).rejects.toThrow(/not found|no rooms found|doesn't exist|invalid/i);
    await expect(t.client().joinById(game.code, { hostToken: 'x'.repeat(32) })).rejects.toThrow(/teacher link is not valid/);
    await expect(t.client().joinById(game.code, { name: '   ' })).rejects.toThrow(/nickname/i);
    await expect(t.client().joinById(game.code, { name: 'dee' })).rejects.toThrow(/taken/);
    host.send('host:lock', { locked: true });
    await vi.waitFor(() => expect(state(host).locked).toBe(true));
    await expect(t.client().joinById(game.code, { name: 'Eve' })).rejects.toThrow(/locked/);
    host.send('host:lock', { locked: false });
    await vi.waitFor(() => expect(state(host).locked).toBe(false));
    const eve = await t.client().joinById(game.code, { name: 'Eve' });
    expect(eve.roomId).toBe(game.code);
  });

  it('refuses host commands from a student, answers from the host, second and late answers, and malformed messages', async () => {
    const { host, hostLog, players } = await hostAndPlayers(['Fay', 'Gus']);
    const [fay, gus] = players as [any, any];
    fay.room.send('host:start', {});
    await vi.waitFor(() => expect(fay.log.last('refused')).toMatchObject({ type: 'host:start', code: 'not_host' }));
    expect(state(host).phase).toBe('lobby');

    host.send('host:start', {});
    await vi.waitFor(() => expect(state(fay.room).phase).toBe('question'));
    const seq = state(fay.room).question.seq;
    host.send('answer', { seq, answer: { kind: 'choice', index: 0 } });
    await vi.waitFor(() => expect(hostLog.last('refused')).toMatchObject({ code: 'host_cannot_answer' }));

    fay.room.send('answer', { seq, answer: answerFor(fay.room) });
    await vi.waitFor(() => expect(fay.log.of('ack')).toHaveLength(1));
    fay.room.send('answer', { seq, answer: answerFor(fay.room) });
    await vi.waitFor(() => expect(fay.log.last('refused')).toMatchObject({ code: 'already_answered' }));

    for (const junk of [null, 42, 'x', [], { seq: 'a' }, { seq, answer: { kind: 'choice', index: 99 } }, { seq, answer: { kind: 'nope' } }, { seq, extra: 1 }]) {
      gus.room.send('answer', junk as any);
    }
    gus.room.send('no-such-type', { a: 1 });
    gus.room.send(12345 as any, 'x');
    await vi.waitFor(() => expect(gus.log.of('refused').length).toBeGreaterThanOrEqual(10));
    expect(gus.log.of('refused').every((r: any) => typeof r.reason === 'string' && r.reason.length > 5)).toBe(true);
    expect(state(host).counts.answered).toBe(1);

    // the timer runs out (3 s): a late answer is refused
    await vi.waitFor(() => expect(state(host).phase).toBe('reveal'));
    gus.room.send('answer', { seq, answer: answerFor(gus.room) });
    await vi.waitFor(() => expect(gus.log.last('refused')?.code).toMatch(/wrong_phase|too_late/));
    // the room is still alive and serving
    host.send('host:next', {});
    await vi.waitFor(() => expect(state(gus.room).question.seq).toBeGreaterThan(seq));
  });

  it('lets a player come back to the same seat, team and score with the seat token, and a second tab takes the seat over', async () => {
    const { game, host, roster, players } = await hostAndPlayers(['Hal', 'Ivy']);
    const hal = players[0]!;
    const { seat, playerId, team } = hal.log.last('welcome');
    host.send('host:start', {});
    await vi.waitFor(() => expect(state(hal.room).phase).toBe('question'));
    const seq = state(hal.room).question.seq;
    hal.room.send('answer', { seq, answer: answerFor(hal.room) });
    players[1]!.room.send('answer', { seq, answer: answerFor(players[1]!.room) });
    await vi.waitFor(() => expect(hal.log.of('result')).toHaveLength(1));
    const score = hal.log.last('result').score;

    // the page reloads: the old socket goes away and a new one joins with the seat token
    await hal.room.leave(false).catch(() => undefined);
    const again = await t.client().joinById(game.code, { seat });
    const log = recorder(again);
    await vi.waitFor(() => expect(log.last('welcome')).toMatchObject({ playerId, team, score }));
    await vi.waitFor(() => expect(state(host).counts.playerCount).toBe(2));

    // a second tab with the same seat takes it over; the first is told
    const tab2 = await t.client().joinById(game.code, { seat });
    await vi.waitFor(() => expect(log.last('seat-taken')).toBeDefined());
    expect(recorder(tab2)).toBeDefined();
    await vi.waitFor(() => expect([...roster.values()].filter((p) => p.connected)).toHaveLength(2));

    // an unknown seat without a name is refused readably
    await expect(t.client().joinById(game.code, { seat: 'not-a-real-seat-token' })).rejects.toThrow(/seat/);
  });

  it('phones never receive the roster; the host does', async () => {
    const { roster, players } = await hostAndPlayers(['Jo', 'Kim', 'Lu']);
    await vi.waitFor(() => expect([...roster.values()].map((p) => p.name).sort()).toEqual(['Jo', 'Kim', 'Lu']));
    expect(state(players[0]!.room).players).toBeUndefined();
    expect(players[0]!.log.of('host:roster')).toEqual([]);
  });
});
