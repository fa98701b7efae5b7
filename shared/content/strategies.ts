// Players who know nothing, playing whole games through the real rules: each taps a pattern
// (the first button, the longest option, "true", the slider's middle, all but the last) and is
// compared with a player who guesses at random. A fair quiz pays no pattern much more than
// guessing (STRATEGIES.maxRatio). Pure: `npm run content -- --strategies` feeds it the built-in
// plans' draws and a test holds it to the limit.
import type { Lang } from '../i18n-types.ts';
import type { Question, QuestionType } from './schema.ts';
import type { AnswerPayload } from '../protocol.ts';
import type { PlanSpec } from '../rules/plans.ts';
import * as rules from '../rules/game.ts';
import { shownOptions } from '../rules/questions.ts';
import { answerCredit } from '../rules/scoring.ts';
import { recordAnswer } from '../rules/questions.ts';
import { createRng, nextFloat, nextInt, shuffled, type Rng } from '../rng.ts';
import { midpointValues } from './lint.ts';

export const STRATEGIES = {
  /** A pattern may earn at most this many times what random guessing earns over whole games (issue 13). */
  maxRatio: 1.25,
  /** Random guessers per game (averaged, so the yardstick is steady). */
  randomPlayers: 8,
} as const;

export const STRATEGY_IDS = ['random', 'first', 'longest', 'true', 'sliderMiddle', 'allButLast', 'pattern'] as const;
export type StrategyId = (typeof STRATEGY_IDS)[number];

/** What each strategy does; where its pattern does not apply it guesses like `random`, so each figure isolates its pattern. */
export const STRATEGY_NOTES: Record<StrategyId, string> = {
  random: 'taps a random option, a random set of options (each one at even odds), a random order, a random slider step',
  first: 'taps the first button shown (True on true/false; the first option alone on multiple select) and sends orders as shown',
  longest: 'taps the longest option shown (alone on multiple select)',
  true: 'always answers True',
  sliderMiddle: "sends the slider's middle step (the phone has no start value: this is the lazy drag)",
  allButLast: 'ticks every option but the last one shown on multiple select',
  pattern: 'all of the above at once: first option, True, all but the last, orders as shown, the slider’s middle',
};

export interface GameDraw {
  readonly plan: PlanSpec;
  /** One list per round of the plan (quiz rounds only are played). */
  readonly questions: readonly (readonly Question[])[];
  readonly seed: number;
  readonly lang: Lang;
}

export interface StrategyFigures {
  /** Mean points per game. */
  readonly points: number;
  /** Mean credit per scored question (polls left out). */
  readonly credit: number;
  /** points / the random guessers' points. */
  readonly ratio: number;
}

export interface StrategyReport {
  readonly games: number;
  readonly questions: number;
  readonly maxRatio: number;
  readonly ok: boolean;
  readonly strategies: Record<StrategyId, StrategyFigures>;
  /** Mean credit per question, by question type and strategy. */
  readonly byType: Partial<Record<QuestionType, Record<StrategyId, number>>>;
}

interface Seen {
  readonly q: Question;
  readonly shown: readonly number[];
  readonly texts: readonly string[];
}

function randomAnswer(s: Seen, rng: Rng): AnswerPayload {
  const n = s.texts.length;
  switch (s.q.type) {
    case 'single':
    case 'poll':
      return { kind: 'choice', index: nextInt(rng, n) };
    case 'truefalse':
      return { kind: 'choice', index: nextInt(rng, 2) };
    case 'multi': {
      for (;;) {
        const indices = s.texts.flatMap((_, i) => (nextFloat(rng) < 0.5 ? [i] : []));
        if (indices.length > 0) return { kind: 'multi', indices };
      }
    }
    case 'order':
      return { kind: 'order', order: shuffled(rng, s.texts.map((_, i) => i)) };
    case 'numeric': {
      const steps = Math.round((s.q.max - s.q.min) / s.q.step);
      return { kind: 'numeric', value: Math.min(s.q.max, s.q.min + nextInt(rng, steps + 1) * s.q.step) };
    }
    default: {
      const never: never = s.q;
      return never;
    }
  }
}

const longestIndex = (texts: readonly string[]) => texts.reduce((best, t, i) => (t.length > (texts[best]?.length ?? -1) ? i : best), 0);

/** The strategy's answer, in shown positions as a phone sends it. */
export function strategyAnswer(id: StrategyId, s: Seen, rng: Rng): AnswerPayload {
  const { q, texts } = s;
  const middle = (): AnswerPayload | null => (q.type === 'numeric' ? { kind: 'numeric', value: midpointValues(q)[0]! } : null);
  const allButLast = (): AnswerPayload | null => (q.type === 'multi' ? { kind: 'multi', indices: texts.slice(0, -1).map((_, i) => i) } : null);
  const first = (): AnswerPayload | null => {
    if (q.type === 'multi') return { kind: 'multi', indices: [0] };
    if (q.type === 'order') return { kind: 'order', order: texts.map((_, i) => i) };
    if (q.type === 'numeric') return null;
    return { kind: 'choice', index: 0 };
  };
  const pick = (): AnswerPayload | null => {
    switch (id) {
      case 'random':
        return null;
      case 'first':
        return first();
      case 'longest':
        if (q.type === 'single' || q.type === 'poll') return { kind: 'choice', index: longestIndex(texts) };
        return q.type === 'multi' ? { kind: 'multi', indices: [longestIndex(texts)] } : null;
      case 'true':
        return q.type === 'truefalse' ? { kind: 'choice', index: 0 } : null;
      case 'sliderMiddle':
        return middle();
      case 'allButLast':
        return allButLast();
      case 'pattern':
        return middle() ?? allButLast() ?? first();
      default: {
        const never: never = id;
        return never;
      }
    }
  };
  return pick() ?? randomAnswer(s, rng);
}

/** Plays every draw with one player per strategy (random: several) and sums what they earn. */
export function playStrategies(draws: readonly GameDraw[]): StrategyReport {
  const players = STRATEGY_IDS.flatMap((id) => Array.from({ length: id === 'random' ? STRATEGIES.randomPlayers : 1 }, (_, k) => ({ id, key: `${id}-${k}` })));
  const points = Object.fromEntries(STRATEGY_IDS.map((id) => [id, 0])) as Record<StrategyId, number>;
  const credit = Object.fromEntries(STRATEGY_IDS.map((id) => [id, 0])) as Record<StrategyId, number>;
  const byType: Partial<Record<QuestionType, { n: number; sums: Record<StrategyId, number> }>> = {};
  let scored = 0;
  let questions = 0;
  for (const draw of draws) {
    const quiz = draw.plan.rounds.flatMap((r, i) => (r.kind === 'quiz' && (draw.questions[i]?.length ?? 0) > 0 ? [{ spec: r, questions: [...draw.questions[i]!] }] : []));
    if (quiz.length === 0) continue;
    const g = rules.createGame({
      code: 'STRATS',
      lang: draw.lang,
      plan: { ...draw.plan, rounds: quiz.map((r) => r.spec) },
      teamCount: 2,
      seed: draw.seed,
      questions: quiz.map((r) => r.questions),
      questionMsOverride: 20_000,
      roundIntroMs: 0,
    });
    for (const p of players) rules.addPlayer(g, p.key, p.key);
    const rng = createRng(draw.seed ^ 0x5eed);
    let now = 0;
    rules.startGame(g, now);
    while (g.phase !== 'podium') {
      now += 1;
      if (g.phase === 'round-intro') rules.advanceTimers(g, now);
      else if (g.phase === 'question') {
        const q = rules.currentQuestion(g)!;
        const open = g.current!;
        const seen: Seen = { q, shown: open.shown, texts: shownOptions(q, draw.lang, open.shown) };
        questions += 1;
        const typeSums = (byType[q.type] ??= { n: 0, sums: Object.fromEntries(STRATEGY_IDS.map((id) => [id, 0])) as Record<StrategyId, number> });
        typeSums.n += 1;
        for (const p of players) {
          const answer = strategyAnswer(p.id, seen, rng);
          const recorded = recordAnswer(q, answer, open.shown);
          const c = (recorded && answerCredit(q, recorded)) ?? 0;
          const weight = p.id === 'random' ? 1 / STRATEGIES.randomPlayers : 1;
          typeSums.sums[p.id] += c * weight;
          if (q.type !== 'poll') credit[p.id] += c * weight;
          rules.submitAnswer(g, p.key, open.seq, answer, open.openedAt);
        }
        if (q.type !== 'poll') scored += 1;
        if (g.phase === 'question') rules.advanceTimers(g, g.timer.endsAt ?? now);
      } else rules.next(g, now);
    }
    for (const p of players) points[p.id] += (g.players[p.key]?.score ?? 0) * (p.id === 'random' ? 1 / STRATEGIES.randomPlayers : 1);
  }
  const games = draws.length;
  const base = points.random;
  const strategies = Object.fromEntries(
    STRATEGY_IDS.map((id) => [id, { points: games > 0 ? points[id] / games : 0, credit: scored > 0 ? credit[id] / scored : 0, ratio: base > 0 ? points[id] / base : 0 }]),
  ) as Record<StrategyId, StrategyFigures>;
  return {
    games,
    questions,
    maxRatio: STRATEGIES.maxRatio,
    ok: STRATEGY_IDS.every((id) => strategies[id].ratio <= STRATEGIES.maxRatio),
    strategies,
    byType: Object.fromEntries(Object.entries(byType).map(([type, t]) => [type, Object.fromEntries(STRATEGY_IDS.map((id) => [id, t!.sums[id] / t!.n]))])) as StrategyReport['byType'],
  };
}
