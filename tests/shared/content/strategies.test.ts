// The knowing-nothing players catch a leak when there is one (so the bank's figures in
// tests/scripts/content.test.ts mean something) and earn what guessing earns when there is none.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../../shared/content/schema.ts';
import type { PlanSpec } from '../../../shared/rules/plans.ts';
import { playStrategies, STRATEGIES, type GameDraw } from '../../../shared/content/strategies.ts';

const L = (en: string) => ({ en, es: en });
const plan: PlanSpec = { id: 'test', title: L('t'), rounds: [{ kind: 'quiz', title: L('r'), topics: ['intro'], count: 16 }] };

function questions(leaky: boolean): Question[] {
  const singles = Array.from({ length: 8 }, (_, i): Question => ({
    id: `s${i}`,
    type: 'single',
    difficulty: 2,
    text: L(`Question ${i}`),
    options: ['red', 'blue', 'green', 'cyan'].map((t, k) => ({ text: L(leaky && k === i % 4 ? `${t}, the right and long one` : t), correct: k === i % 4 })),
  }));
  const tfs = Array.from({ length: 8 }, (_, i): Question => ({ id: `t${i}`, type: 'truefalse', difficulty: 2, text: L(`Statement ${i}`), answer: leaky || i % 2 === 0 }));
  return [...singles, ...tfs];
}

const draws = (leaky: boolean, games = 150): GameDraw[] =>
  Array.from({ length: games }, (_, i) => ({ plan, questions: [questions(leaky)], seed: i + 1, lang: 'en' as const }));

describe('playStrategies', () => {
  it('finds the longest option and "always true" when they pay', () => {
    const r = playStrategies(draws(true));
    expect(r.ok).toBe(false);
    expect(r.strategies.longest.ratio).toBeGreaterThan(STRATEGIES.maxRatio);
    expect(r.strategies.true.ratio).toBeGreaterThan(STRATEGIES.maxRatio);
    expect(r.byType.single?.longest).toBe(1);
    expect(r.byType.truefalse?.true).toBe(1);
  });

  it('pays no pattern more than guessing when the options are fair, whatever order they are written in', () => {
    const r = playStrategies(draws(false));
    expect(r.games).toBe(150);
    expect(r.questions).toBe(150 * 16);
    for (const [id, s] of Object.entries(r.strategies)) expect(s.ratio, id).toBeLessThan(1.15);
    expect(r.strategies.random.credit).toBeGreaterThan(0.3);
    expect(r.ok).toBe(true);
  });
});
