// Turns a request for a game into a resolved setup: the plan and, for each round, its questions.
// A request names a built-in plan ("intro") or carries a teacher's CustomPlan
// (shared/rules/custom-plan.ts); either may take a stored question set (setId) whose questions
// feed the quiz rounds, in order, instead of the bank. Rooms receive the result, so any process
// can run a game planned by another. Refusals are readable sentences (the HTTP layer sends 400).
import { onePerConcept, pickQuestions } from '../../shared/content/bank.ts';
import type { Question, QuestionSet } from '../../shared/content/schema.ts';
import { customPlanSpec, splitEvenly, type CustomPlan } from '../../shared/rules/custom-plan.ts';
import { getPlan, type PlanSpec, type RoundSpec } from '../../shared/rules/plans.ts';

export interface GameSetup {
  readonly plan: PlanSpec;
  /** One list per round of the plan (empty for scenario rounds). */
  readonly questions: Question[][];
  readonly speedScoring: boolean;
}

export interface PlanRequest {
  /** A built-in plan id or a teacher's plan. */
  readonly plan: string | CustomPlan;
  /** A stored question set whose questions replace the bank's in the quiz rounds. */
  readonly setId?: string;
  /** Overrides the plan's speed scoring (built-in plans default to on). */
  readonly speedScoring?: boolean;
}

export type PlanResult = { ok: true; setup: GameSetup } | { ok: false; error: string };

/** Where stored sets come from (the store's `sets`, or a stub in tests). */
export interface SetSource {
  get(id: string): Promise<{ readonly set: QuestionSet } | undefined>;
}

/** Picks each quiz round's questions from the bank, never repeating a question or a concept within a game. */
export function questionsForPlan(bank: readonly Question[], plan: PlanSpec, seed: number): Question[][] {
  const used: string[] = [];
  const concepts: string[] = [];
  return plan.rounds.map((round, i) => {
    if (round.kind !== 'quiz') return [];
    const picked = pickQuestions(bank, { topics: round.topics, count: round.count, seed: seed + i, exclude: used, excludeConcepts: concepts });
    used.push(...picked.map((q) => q.id));
    concepts.push(...picked.flatMap((q) => (q.concept !== undefined ? [q.concept] : [])));
    return picked;
  });
}

/**
 * Plays a set in a plan: every question of the set once, in the set's order (of questions sharing
 * a concept key, one drawn from the seed), split evenly over the plan's quiz rounds (earlier rounds
 * take the extra one). Quiz rounds left without questions are dropped; each remaining quiz round is
 * titled after the set and keeps the plan's time per question.
 */
export function withSet(plan: PlanSpec, set: QuestionSet, seed: number): { plan: PlanSpec; questions: Question[][] } {
  const quizCount = plan.rounds.filter((r) => r.kind === 'quiz').length;
  const played = onePerConcept(set.questions, seed);
  const parts = splitEvenly(played, Math.max(1, quizCount)).filter((p) => p.length > 0);
  const title = (n: number) => (parts.length > 1 ? { es: `${set.title} (${n}/${parts.length})`, en: `${set.title} (${n}/${parts.length})` } : { es: set.title, en: set.title });
  const rounds: RoundSpec[] = [];
  const questions: Question[][] = [];
  let next = 0;
  for (const round of plan.rounds) {
    if (round.kind === 'scenario') {
      rounds.push(round);
      questions.push([]);
      continue;
    }
    const part = parts[next];
    if (!part) continue;
    next += 1;
    rounds.push({ ...round, title: title(next), topics: [...new Set(part.flatMap((q) => (q.topic ? [q.topic] : [])))], count: part.length });
    questions.push(part);
  }
  if (quizCount === 0) {
    rounds.unshift({ kind: 'quiz', title: title(1), topics: [], count: played.length });
    questions.unshift(played);
  }
  return { plan: { ...plan, title: { es: set.title, en: set.title }, rounds }, questions };
}

/** Removes quiz rounds that ended up with no questions (a topic ran out), keeping rounds and lists aligned. */
function dropEmptyQuizRounds(plan: PlanSpec, questions: Question[][]): { plan: PlanSpec; questions: Question[][] } {
  const keep = plan.rounds.map((r, i) => r.kind === 'scenario' || (questions[i]?.length ?? 0) > 0);
  return { plan: { ...plan, rounds: plan.rounds.filter((_, i) => keep[i]) }, questions: questions.filter((_, i) => keep[i]) };
}

export function createPlanner(bank: readonly Question[], sets?: SetSource) {
  return {
    async plan(request: PlanRequest, seed: number): Promise<PlanResult> {
      let spec: PlanSpec;
      let speedScoring = true;
      if (typeof request.plan === 'string') {
        const found = getPlan(request.plan);
        if (!found) return { ok: false, error: `Unknown game plan "${request.plan}".` };
        spec = found;
      } else {
        if (request.plan.topics.length === 0 && request.setId === undefined) return { ok: false, error: 'Pick at least one topic, or use a question set.' };
        spec = customPlanSpec(request.plan);
        speedScoring = request.plan.speedScoring;
      }
      speedScoring = request.speedScoring ?? speedScoring;

      let resolved: { plan: PlanSpec; questions: Question[][] };
      if (request.setId !== undefined) {
        const stored = sets ? await sets.get(request.setId) : undefined;
        if (!stored) return { ok: false, error: `No question set has the id "${request.setId}".` };
        resolved = withSet(spec, stored.set, seed);
      } else {
        resolved = dropEmptyQuizRounds(spec, questionsForPlan(bank, spec, seed));
      }
      if (resolved.questions.every((q) => q.length === 0)) return { ok: false, error: 'This plan has no questions to play: pick more topics or use a question set.' };
      return { ok: true, setup: { plan: resolved.plan, questions: resolved.questions, speedScoring } };
    },
  };
}
export type Planner = ReturnType<typeof createPlanner>;
