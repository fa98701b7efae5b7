import { describe, expect, it } from 'vitest';
import { answerCredit, scoreAnswer, teamScore } from '../../../shared/rules/scoring.ts';
import type { Question } from '../../../shared/content/schema.ts';

const L = (en: string) => ({ en, es: en });
const single: Question = { id: 's', type: 'single', difficulty: 1, text: L('q'), options: [{ text: L('a'), correct: false }, { text: L('b'), correct: true }, { text: L('c'), correct: false }] };
const multi: Question = { id: 'm', type: 'multi', difficulty: 1, text: L('q'), options: [{ text: L('a'), correct: true }, { text: L('b'), correct: true }, { text: L('c'), correct: false }, { text: L('d'), correct: false }] };
const tf: Question = { id: 't', type: 'truefalse', difficulty: 1, text: L('q'), answer: false };
const order: Question = { id: 'o', type: 'order', difficulty: 1, text: L('q'), items: [L('1'), L('2'), L('3'), L('4')] };
const numeric: Question = { id: 'n', type: 'numeric', difficulty: 1, text: L('q'), min: 0, max: 100, step: 1, answer: 50, tolerance: 5 };
const poll: Question = { id: 'p', type: 'poll', difficulty: 1, text: L('q'), options: [{ text: L('a') }, { text: L('b') }] };

// Answers here are recorded by identity (written indices); tests/shared/rules/questions.test.ts maps taps to them.
describe('answerCredit', () => {
  it.each([
    ['single right', single, { kind: 'choice', index: 1 }, 1],
    ['single wrong', single, { kind: 'choice', index: 0 }, 0],
    ['single out of range', single, { kind: 'choice', index: 3 }, null],
    ['single wrong kind', single, { kind: 'multi', indices: [1] }, null],
    ['true/false: "false" is right', tf, { kind: 'choice', index: 1 }, 1],
    ['true/false: "true" is wrong', tf, { kind: 'choice', index: 0 }, 0],
    ['multi all right', multi, { kind: 'multi', indices: [0, 1] }, 1],
    ['multi half right', multi, { kind: 'multi', indices: [0] }, 0.5],
    ['multi one right one wrong', multi, { kind: 'multi', indices: [0, 2] }, 0],
    ['multi never negative', multi, { kind: 'multi', indices: [2, 3] }, 0],
    ['multi duplicates refused', multi, { kind: 'multi', indices: [0, 0] }, null],
    ['order right (items by identity, in the right order)', order, { kind: 'order', order: [0, 1, 2, 3] }, 1],
    ['order half right', order, { kind: 'order', order: [0, 1, 3, 2] }, 0.5],
    ['order not a permutation', order, { kind: 'order', order: [0, 0, 1, 2] }, null],
    ['numeric within tolerance', numeric, { kind: 'numeric', value: 54 }, 1],
    ['numeric partial, halfway between the tolerance and twice it', numeric, { kind: 'numeric', value: 57.5 }, 0.5],
    ['numeric at twice the tolerance earns nothing', numeric, { kind: 'numeric', value: 60 }, 0],
    ['numeric far', numeric, { kind: 'numeric', value: 80 }, 0],
    ['numeric out of range', numeric, { kind: 'numeric', value: 101 }, null],
    ['poll scores nothing', poll, { kind: 'choice', index: 1 }, 0],
  ] as const)('%s', (_name, q, answer, expected) => {
    expect(answerCredit(q, answer as never)).toBe(expected);
  });
});

describe('the estimate credit curve', () => {
  // Three 99.9 % services in series are 99.7 % available; 99.9 % is the misconception the question tests.
  const series = (min: number, step: number, tolerance: number): Question => ({ id: 'series', type: 'numeric', difficulty: 2, text: L('q'), min, max: 100, step, answer: 99.7, tolerance });
  const credit = (q: Question, value: number) => answerCredit(q, { kind: 'numeric', value })!;

  it('gives the series misconception (99.9) no half credit, even with a slider tolerance of one step', () => {
    for (const q of [series(99, 0.1, 0.1), series(98, 0.01, 0.02), series(90, 0.1, 0.1), series(99, 0.05, 0.05)]) {
      expect(credit(q, 99.7)).toBe(1);
      expect(credit(q, 99.9)).toBeLessThan(0.5);
      expect(credit(q, 99.9)).toBe(0);
    }
  });

  it('falls linearly from full credit at the tolerance to none at twice the tolerance, symmetric around the answer', () => {
    const q = numeric;
    const points = [50, 55, 56, 57.5, 59, 60, 70].map((v) => [credit(q, v), credit(q, 100 - v)]);
    expect(points.map(([up]) => up)).toEqual([1, 1, expect.closeTo(0.8, 9), 0.5, expect.closeTo(0.2, 9), 0, 0]);
    for (const [up, down] of points) expect(up).toBeCloseTo(down!, 9);
  });
});

describe('scoreAnswer', () => {
  const base = { credit: 1, elapsedMs: 0, limitMs: 20_000, streakBefore: 0, speedScoring: true, scored: true };
  it('gives full points to an instant right answer and half at the deadline', () => {
    expect(scoreAnswer(base).points).toBe(1000);
    expect(scoreAnswer({ ...base, elapsedMs: 20_000 }).points).toBe(500);
    expect(scoreAnswer({ ...base, elapsedMs: 10_000 }).points).toBe(750);
  });
  it('ignores speed when speed scoring is off', () => {
    expect(scoreAnswer({ ...base, elapsedMs: 19_000, speedScoring: false }).points).toBe(1000);
  });
  it('adds a growing, capped streak bonus and resets the streak on a miss', () => {
    expect(scoreAnswer({ ...base, streakBefore: 1 })).toEqual({ points: 1100, streak: 2, correct: true });
    expect(scoreAnswer({ ...base, streakBefore: 20 }).points).toBe(1500);
    expect(scoreAnswer({ ...base, credit: 0, streakBefore: 5 })).toEqual({ points: 0, streak: 0, correct: false });
  });
  it('scales with partial credit without extending the streak', () => {
    expect(scoreAnswer({ ...base, credit: 0.5, streakBefore: 3 })).toEqual({ points: 500, streak: 0, correct: false });
  });
  it('leaves polls unscored and the streak alone', () => {
    expect(scoreAnswer({ ...base, scored: false, streakBefore: 4 })).toEqual({ points: 0, streak: 4, correct: false });
  });
  it('team score is the mean of its members, 0 when empty', () => {
    expect(teamScore([1000, 500])).toBe(750);
    expect(teamScore([])).toBe(0);
  });
});
