import { describe, expect, it } from 'vitest';
import { answerTiming, clockSample, fastest, NO_LINK, type AnswerLink } from '../../../shared/rules/latency.ts';
import { scoreAnswer } from '../../../shared/rules/scoring.ts';
import { LINK } from '../../../shared/constants.ts';
import * as rules from '../../../shared/rules/game.ts';
import type { Question } from '../../../shared/content/schema.ts';
import type { PlanSpec } from '../../../shared/rules/plans.ts';

const link = (rttMs: number | null, tapAt: number | null = null, tapUncertaintyMs = 0): AnswerLink => ({ rttMs, tapAt, tapUncertaintyMs });

describe('clockSample (Cristian)', () => {
  it.each([
    ['clocks agree, symmetric 100 ms trip', 1000, 1100, 1050, { rttMs: 100, offsetMs: 0 }],
    ['phone 2 s ahead', 1000, 1040, 3020, { rttMs: 40, offsetMs: 2000 }],
    ['phone 1.5 s behind', 5000, 5200, 3600, { rttMs: 200, offsetMs: -1500 }],
    ['a reply "before" the ping is a zero round trip', 1000, 990, 1000, { rttMs: 0, offsetMs: 0 }],
  ] as const)('%s', (_name, sentAt, receivedAt, phoneAt, expected) => {
    expect(clockSample(sentAt, receivedAt, phoneAt)).toEqual(expected);
  });

  it('keeps the exchange with the smallest round trip', () => {
    const samples = [clockSample(0, 300, 5200), clockSample(1000, 1040, 6025), clockSample(2000, 2100, 7060)];
    expect(fastest(samples)).toEqual({ rttMs: 40, offsetMs: 5005 });
    expect(fastest([])).toBeNull();
  });
});

describe('answerTiming', () => {
  it.each([
    ['nothing measured: the server time, as before', 1000, 3000, NO_LINK, { elapsedMs: 2000, measuredMs: 2000, correctionMs: 0 }],
    ['a 400 ms round trip is taken off', 1000, 3000, link(400), { elapsedMs: 1600, measuredMs: 2000, correctionMs: 400 }],
    ['capped at LINK.maxCorrectionMs', 0, 10_000, link(9_000), { elapsedMs: 10_000 - LINK.maxCorrectionMs, correctionMs: LINK.maxCorrectionMs }],
    ['never below zero', 1000, 1100, link(400), { elapsedMs: 0, measuredMs: 100, correctionMs: 100 }],
    ['an arrival "before" the opening counts as zero', 1000, 900, link(50), { elapsedMs: 0, measuredMs: 0, correctionMs: 0 }],
    ['a round trip that is not a number is ignored', 0, 500, link(Number.NaN), { elapsedMs: 500, correctionMs: 0 }],
  ] as const)('%s', (_name, openedAt, receivedAt, l, expected) => {
    expect(answerTiming(openedAt, receivedAt, l)).toMatchObject(expected);
  });

  it('classifies the tap a phone reports, and never lets it change what counts', () => {
    const honest = answerTiming(1000, 3000, link(400, 2800, 20));
    expect(honest).toMatchObject({ elapsedMs: 1600, tap: 'plausible', tapFlightMs: 200 });
    for (const claimed of [1000, 0, -5e12, 2999, 9e15, 3000 + 21]) {
      const lie = answerTiming(1000, 3000, link(400, claimed, 20));
      expect(lie.elapsedMs, `claimed ${claimed}`).toBe(honest.elapsedMs);
    }
    expect(answerTiming(1000, 3000, link(400, 500, 20)).tap).toBe('impossible');
    expect(answerTiming(1000, 3000, link(400, 3100, 20)).tap).toBe('impossible');
    expect(answerTiming(1000, 3000, link(400, 985, 20))).toMatchObject({ tap: 'plausible', tapFlightMs: 2015 });
    expect(answerTiming(1000, 3000, link(400, null, 20))).toMatchObject({ tap: 'none', tapFlightMs: null });
  });

  it('two phones with the same reaction on links 20 ms and 400 ms away score the same', () => {
    const reaction = 1500;
    const limitMs = 10_000;
    const points = (oneWayMs: number) => {
      const receivedAt = 0 + oneWayMs + reaction + oneWayMs;
      const t = answerTiming(0, receivedAt, link(2 * oneWayMs));
      return scoreAnswer({ credit: 1, elapsedMs: t.elapsedMs, limitMs, streakBefore: 0, speedScoring: true, scored: true }).points;
    };
    expect(points(20)).toBe(points(400));
    // without the correction the far phone would have lost points for its distance
    const uncorrected = scoreAnswer({ credit: 1, elapsedMs: 400 + reaction + 400, limitMs, streakBefore: 0, speedScoring: true, scored: true }).points;
    expect(points(400) - uncorrected).toBeGreaterThan(30);
  });
});

describe('the game scores what the room measured', () => {
  const L = (en: string) => ({ en, es: en });
  // An estimate: no option order to get in the way of "both answer right".
  const estimate: Question = { id: 'n', type: 'numeric', difficulty: 1, text: L('How many ms in a second?'), min: 0, max: 2000, step: 1, answer: 1000, tolerance: 0 };
  const plan: PlanSpec = { id: 't', title: L('t'), rounds: [{ kind: 'quiz', title: L('r'), topics: ['intro'], count: 1 }] };

  it('a far phone and a near one with the same reaction get the same points; a claimed instant tap gains nothing', () => {
    const g = rules.createGame({ code: 'ABCDEF', lang: 'en', plan, teamCount: 2, seed: 1, questions: [[estimate]], questionMsOverride: 10_000, roundIntroMs: 0 });
    for (const id of ['near', 'far', 'liar']) rules.addPlayer(g, id, id);
    rules.startGame(g, 0);
    rules.advanceTimers(g, 0);
    const { seq, openedAt } = g.current!;
    const value = { kind: 'numeric', value: 1000 } as const;
    const near = rules.submitAnswer(g, 'near', seq, value, openedAt + 20 + 2000 + 20, link(40, openedAt + 2020, 20));
    const far = rules.submitAnswer(g, 'far', seq, value, openedAt + 400 + 2000 + 400, link(800, openedAt + 2400, 400));
    // the liar sits as near as "near" and says it tapped the instant the question opened
    const liar = rules.submitAnswer(g, 'liar', seq, value, openedAt + 20 + 2000 + 20, link(40, openedAt, 20));
    expect(near).toMatchObject({ ok: true, value: { elapsedMs: 2000, correctionMs: 40, tap: 'plausible' } });
    expect(far).toMatchObject({ ok: true, value: { elapsedMs: 2000, correctionMs: 800, tap: 'plausible' } });
    expect(liar).toMatchObject({ ok: true, value: { elapsedMs: 2000, tap: 'plausible' } });
    expect(g.phase).toBe('reveal');
    const points = Object.fromEntries(g.history[0]!.answers.map((a) => [a.playerId, a.points]));
    expect(points.near).toBeGreaterThan(0);
    expect(points.far).toBe(points.near);
    expect(points.liar).toBe(points.near);
  });
});
