import { describe, expect, it } from 'vitest';
import * as rules from '../../../shared/rules/game.ts';
import { GAME } from '../../../shared/constants.ts';
import type { Question } from '../../../shared/content/schema.ts';
import type { PlanSpec } from '../../../shared/rules/plans.ts';
import { correctIndices } from '../../../shared/rules/questions.ts';

const L = (en: string) => ({ en, es: en });
const q = (id: string): Question => ({ id, type: 'single', difficulty: 1, text: L(id), options: [{ text: L('yes'), correct: true }, { text: L('no'), correct: false }] });
const plan: PlanSpec = { id: 't', title: L('t'), rounds: [{ kind: 'quiz', title: L('r1'), topics: ['intro'], count: 2 }, { kind: 'quiz', title: L('r2'), topics: ['intro'], count: 1 }] };

function game(players = ['a', 'b', 'c']) {
  const g = rules.createGame({ code: 'ABCDEF', lang: 'en', plan, teamCount: 2, seed: 1, questions: [[q('q1'), q('q2')], [q('q3')]], questionMsOverride: 10_000, roundIntroMs: 1000 });
  for (const p of players) expect(rules.addPlayer(g, p, `Player ${p}`).ok).toBe(true);
  return g;
}

/** A tap on the first option shown (right or wrong: options are shuffled). */
const first = { kind: 'choice', index: 0 } as const;
/** The tap on the right (or a wrong) option of the open question, wherever this game shows it. */
const tap = (g: rules.GameModel, right: boolean) => {
  const position = correctIndices(rules.currentQuestion(g)!, g.current!.shown)[0]!;
  return { kind: 'choice', index: right ? position : 1 - position } as const;
};

describe('the round and timer state machine', () => {
  it('walks lobby → intro → question → reveal → … → leaderboard → next round → podium', () => {
    const g = game();
    expect(rules.startGame(g, 0).ok).toBe(true);
    expect(g.phase).toBe('round-intro');
    expect(rules.advanceTimers(g, 999)).toBe(false);
    expect(rules.advanceTimers(g, 1000)).toBe(true);
    expect(g.phase).toBe('question');
    expect(g.timer.endsAt).toBe(11_000);
    expect(rules.advanceTimers(g, 11_000)).toBe(true);
    expect(g.phase).toBe('reveal');
    rules.next(g, 12_000);
    expect(g.phase).toBe('question');
    rules.next(g, 12_000);
    expect(g.phase).toBe('question');
    rules.skip(g, 13_000);
    expect(g.phase).toBe('leaderboard');
    rules.next(g, 14_000);
    expect([g.phase, g.roundIndex]).toEqual(['round-intro', 1]);
    rules.next(g, 14_000);
    rules.endGame(g, 15_000);
    expect(g.phase).toBe('podium');
  });

  it('closes a question as soon as every connected player has answered', () => {
    const g = game(['a', 'b']);
    rules.startGame(g, 0);
    rules.advanceTimers(g, 1000);
    const seq = g.current!.seq;
    expect(rules.submitAnswer(g, 'a', seq, first, 2000).ok).toBe(true);
    expect(g.phase).toBe('question');
    rules.setConnected(g, 'b', false);
    expect(rules.submitAnswer(g, 'b', seq, first, 2500)).toMatchObject({ ok: true });
    expect(g.phase).toBe('reveal');
  });

  it('refuses second, late, unknown, and mismatched answers', () => {
    const g = game();
    rules.startGame(g, 0);
    rules.advanceTimers(g, 1000);
    const seq = g.current!.seq;
    expect(rules.submitAnswer(g, 'a', seq, first, 1500).ok).toBe(true);
    expect(rules.submitAnswer(g, 'a', seq, first, 1600)).toMatchObject({ ok: false, code: 'already_answered' });
    expect(rules.submitAnswer(g, 'b', seq + 1, first, 1600)).toMatchObject({ ok: false, code: 'no_such_question' });
    expect(rules.submitAnswer(g, 'zz', seq, first, 1600)).toMatchObject({ ok: false, code: 'not_a_player' });
    expect(rules.submitAnswer(g, 'b', seq, { kind: 'choice', index: 5 }, 1600)).toMatchObject({ ok: false, code: 'bad_answer' });
    expect(rules.submitAnswer(g, 'b', seq, first, 11_001)).toMatchObject({ ok: false, code: 'too_late' });
  });

  it('pause freezes the timer and the answer clock; extend adds time', () => {
    const g = game();
    rules.startGame(g, 0);
    rules.advanceTimers(g, 1000);
    rules.pause(g, 5000);
    expect(g.timer).toMatchObject({ endsAt: null, remainingMs: 6000 });
    expect(rules.advanceTimers(g, 60_000)).toBe(false);
    expect(rules.submitAnswer(g, 'a', g.current!.seq, first, 60_000)).toMatchObject({ ok: false, code: 'paused' });
    rules.resume(g, 100_000);
    expect(g.timer.endsAt).toBe(106_000);
    rules.extend(g, 10_000);
    expect(g.timer.endsAt).toBe(116_000);
    rules.submitAnswer(g, 'a', g.current!.seq, first, 100_000);
    rules.skip(g, 100_001);
    expect(g.history[0]!.skipped).toBe(true);
  });

  it('scores on server time, keeps streaks, and averages team scores', () => {
    const g = game(['a', 'b']);
    rules.startGame(g, 0);
    rules.advanceTimers(g, 1000);
    rules.submitAnswer(g, 'a', g.current!.seq, tap(g, true), 1000);
    rules.submitAnswer(g, 'b', g.current!.seq, tap(g, false), 6000);
    expect(g.players.a!.score).toBe(1000);
    expect(g.players.b!.score).toBe(0);
    rules.next(g, 7000);
    rules.submitAnswer(g, 'a', g.current!.seq, tap(g, true), 7000);
    rules.submitAnswer(g, 'b', g.current!.seq, tap(g, true), 17_000);
    expect(g.players.a!.score).toBe(2100);
    expect(g.players.a!.streak).toBe(2);
    expect(g.players.b!.score).toBe(500);
    const teams = rules.teamStandings(g);
    expect(teams.map((t) => t.score)).toEqual([2100, 500]);
    expect(teams.map((t) => t.rank)).toEqual([1, 2]);
  });

  it('balances teams, refuses taken and banned names, and gives late joiners their team average', () => {
    const g = game(['a', 'b', 'c']);
    expect(Object.values(g.players).map((p) => p.team)).toEqual([0, 1, 0]);
    expect(rules.addPlayer(g, 'd', 'player A')).toMatchObject({ ok: false, code: 'name_taken' });
    expect(rules.addPlayer(g, 'd', '<b>x</b>')).toMatchObject({ ok: false, code: 'bad_name' });
    rules.removePlayer(g, 'c', true);
    expect(rules.addPlayer(g, 'e', 'Player c')).toMatchObject({ ok: false, code: 'name_banned' });
    g.players.a!.score = 900;
    rules.startGame(g, 0);
    const late = rules.addPlayer(g, 'f', 'Late');
    expect(late).toMatchObject({ ok: true, value: { team: 0, score: 900 } });
    expect(rules.movePlayer(g, 'f', 1)).toMatchObject({ ok: false, code: 'wrong_phase' });
  });

  it('is plain data: a JSON round trip keeps the game playable', () => {
    const g = game();
    rules.startGame(g, 0);
    rules.advanceTimers(g, 1000);
    const copy = JSON.parse(JSON.stringify(g)) as rules.GameModel;
    expect(rules.submitAnswer(copy, 'a', copy.current!.seq, first, 2000).ok).toBe(true);
    expect(copy.current!.shown).toEqual(g.current!.shown);
  });
});

describe('team sizes kept as players join, move and are removed', () => {
  it('always equal a count of the players, and newcomers go to the smallest team', () => {
    const g = rules.createGame({ code: 'ABCDEF', lang: 'en', plan, teamCount: 3, seed: 1, questions: [[q('q1'), q('q2')], [q('q3')]], questionMsOverride: 10_000, roundIntroMs: 1000 });
    const counted = () => [0, 1, 2].map((t) => g.order.filter((id) => g.players[id]!.team === t).length);
    for (let i = 0; i < 7; i++) expect(rules.addPlayer(g, `p${i}`, `Player ${i}`).ok).toBe(true);
    expect(g.teamSizes).toEqual([3, 2, 2]);
    expect(rules.movePlayer(g, 'p0', 2).ok).toBe(true);
    expect(g.teamSizes).toEqual(counted());
    expect(rules.removePlayer(g, 'p1', false).ok).toBe(true);
    expect(g.teamSizes).toEqual(counted());
    expect(g.teamSizes).toEqual([2, 1, 3]);
    const added = rules.addPlayer(g, 'p9', 'Player 9');
    expect(added.ok && added.value.team).toBe(1);
    // a model checkpointed before teamSizes existed gets them back on restore
    delete (g as Partial<typeof g>).teamSizes;
    rules.resumeAfterRestart(g, 0);
    expect(g.teamSizes).toEqual([2, 2, 3]);
  });
});

describe('the player cap', () => {
  it('refuses the player after GAME.maxPlayers with a readable reason (the room only caps sockets)', () => {
    const g = rules.createGame({ code: 'ABCDEF', lang: 'en', plan, teamCount: 4, seed: 1, questions: [[q('q1'), q('q2')], [q('q3')]], questionMsOverride: 10_000, roundIntroMs: 1000 });
    for (let i = 0; i < GAME.maxPlayers; i++) expect(rules.addPlayer(g, `p${i}`, `P${i}`).ok).toBe(true);
    const r = rules.addPlayer(g, 'late', 'Late');
    expect(r).toMatchObject({ ok: false, code: 'game_full', reason: 'This game is full.' });
    expect(g.order).toHaveLength(GAME.maxPlayers);
  });
});
