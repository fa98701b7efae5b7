// Scoring of one answer, on server time only. credit ∈ [0, 1] is how right the answer is
// (partial credit for multiple select, ordering and estimates); points reward credit,
// speed (when speed scoring is on) and an unbroken streak of fully correct answers.
import type { Question } from '../content/schema.ts';
import { SCORING } from '../constants.ts';
import type { RecordedAnswer } from './questions.ts';

/**
 * How right `answer` (recorded by identity: see questions.ts) is for `q`, in [0, 1]; null when
 * the answer does not fit the question (wrong kind, index out of range, not a permutation).
 */
export function answerCredit(q: Question, answer: RecordedAnswer): number | null {
  switch (q.type) {
    case 'single': {
      if (answer.kind !== 'choice' || answer.index >= q.options.length) return null;
      return q.options[answer.index]?.correct ? 1 : 0;
    }
    case 'truefalse': {
      if (answer.kind !== 'choice' || answer.index > 1) return null;
      return (answer.index === 0) === q.answer ? 1 : 0;
    }
    case 'poll': {
      if (answer.kind !== 'choice' || answer.index >= q.options.length) return null;
      return 0;
    }
    case 'multi': {
      if (answer.kind !== 'multi') return null;
      const picked = new Set(answer.indices);
      if (picked.size !== answer.indices.length || answer.indices.some((i) => i >= q.options.length)) return null;
      const correct = q.options.filter((o) => o.correct).length;
      let hits = 0;
      let misses = 0;
      for (const i of picked) (q.options[i]?.correct ? hits++ : misses++);
      return Math.max(0, (hits - misses) / correct);
    }
    case 'order': {
      const n = q.items.length;
      if (answer.kind !== 'order' || answer.order.length !== n) return null;
      if (new Set(answer.order).size !== n || answer.order.some((i) => i >= n)) return null;
      let right = 0;
      answer.order.forEach((item, k) => {
        if (item === k) right++;
      });
      return right / n;
    }
    case 'numeric': {
      if (answer.kind !== 'numeric' || answer.value < q.min || answer.value > q.max) return null;
      const d = Math.abs(answer.value - q.answer);
      if (d <= q.tolerance) return 1;
      if (q.tolerance === 0) return 0;
      return Math.max(0, 1 - (d - q.tolerance) / (SCORING.numericFalloff * q.tolerance));
    }
    default: {
      const never: never = q;
      return never;
    }
  }
}

export interface ScoreInput {
  readonly credit: number;
  readonly elapsedMs: number;
  readonly limitMs: number;
  /** Fully correct answers in a row before this one. */
  readonly streakBefore: number;
  readonly speedScoring: boolean;
  /** Polls score nothing and leave the streak alone. */
  readonly scored: boolean;
}

export interface ScoreOutput {
  readonly points: number;
  readonly streak: number;
  readonly correct: boolean;
}

export function scoreAnswer(input: ScoreInput): ScoreOutput {
  if (!input.scored) return { points: 0, streak: input.streakBefore, correct: false };
  const correct = input.credit >= 1;
  const streak = correct ? input.streakBefore + 1 : 0;
  if (input.credit <= 0) return { points: 0, streak, correct };
  const t = input.limitMs > 0 ? Math.min(1, Math.max(0, input.elapsedMs / input.limitMs)) : 0;
  const speed = input.speedScoring ? 1 - (1 - SCORING.slowestShare) * t : 1;
  const base = SCORING.maxPoints * input.credit * speed;
  const bonus = correct ? Math.min(SCORING.maxStreakBonus, SCORING.streakBonus * (streak - 1)) : 0;
  return { points: Math.round(base + bonus), streak, correct };
}

/** Team score: the mean of its members' totals, so uneven teams stay fair; 0 for an empty team. */
export function teamScore(memberScores: readonly number[]): number {
  if (memberScores.length === 0) return 0;
  let sum = 0;
  for (const s of memberScores) sum += s;
  return Math.round(sum / memberScores.length);
}
