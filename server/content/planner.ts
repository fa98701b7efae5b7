// Turns a request for a game ("the intro plan", or later a teacher's own plan and set) into a
// resolved setup: the plan and, for each quiz round, its questions. Rooms receive the result,
// so any process can run a game planned by another.
import { pickQuestions } from '../../shared/content/bank.ts';
import type { Question } from '../../shared/content/schema.ts';
import { getPlan, type PlanSpec } from '../../shared/rules/plans.ts';

export interface GameSetup {
  readonly plan: PlanSpec;
  /** One list per round of the plan (empty for scenario rounds). */
  readonly questions: Question[][];
  readonly speedScoring: boolean;
}

export type PlanRequest = { readonly planId: string; readonly speedScoring?: boolean };

export type PlanResult = { ok: true; setup: GameSetup } | { ok: false; error: string };

/** Picks each quiz round's questions from the bank, never repeating a question within a game. */
export function questionsForPlan(bank: readonly Question[], plan: PlanSpec, seed: number): Question[][] {
  const used: string[] = [];
  return plan.rounds.map((round, i) => {
    if (round.kind !== 'quiz') return [];
    const picked = pickQuestions(bank, { topics: round.topics, count: round.count, seed: seed + i, exclude: used });
    used.push(...picked.map((q) => q.id));
    return picked;
  });
}

export function createPlanner(bank: readonly Question[]) {
  return {
    plan(request: PlanRequest, seed: number): PlanResult {
      const plan = getPlan(request.planId);
      if (!plan) return { ok: false, error: `Unknown game plan "${request.planId}".` };
      return { ok: true, setup: { plan, questions: questionsForPlan(bank, plan, seed), speedScoring: request.speedScoring ?? true } };
    },
  };
}
export type Planner = ReturnType<typeof createPlanner>;
