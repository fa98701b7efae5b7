// A game plan a teacher configures on the host form (issue 5), as POST /api/games receives it:
// `plan` is a built-in plan id or a CustomPlan object; `setId` (optional, any plan) makes a
// stored question set feed the quiz rounds instead of the bank. Everything is bounded here,
// and `customPlanSpec` turns a valid request into the same PlanSpec the built-in plans use.
import { z } from 'zod';
import { TOPICS, type Topic } from '../content/topics.ts';
import { en } from '../i18n/en.ts';
import { es } from '../i18n/es.ts';
import type { Localized } from '../i18n-types.ts';
import { SCENARIOS } from '../sim/scenarios.ts';
import type { PlanSpec, QuizRoundSpec, RoundSpec } from './plans.ts';

/** Bounds of a teacher's plan (counts, seconds). */
export const CUSTOM_PLAN_LIMITS = {
  minQuizRounds: 1,
  maxQuizRounds: 5,
  minQuestionsPerRound: 3,
  maxQuestionsPerRound: 20,
  defaultQuestionsPerRound: 8,
  minTimeSec: 10,
  maxTimeSec: 120,
  defaultTimeSec: 20,
  maxScenarioRounds: 6,
} as const;

export const CUSTOM_PLAN_ID = 'custom';

/** A stored set's id, as /api/sets hands it out. */
export const setIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a question set id');

const L = CUSTOM_PLAN_LIMITS;
const SCENARIO_IDS = SCENARIOS.map((s) => s.id);

export const customPlanSchema = z
  .object({
    kind: z.literal('custom'),
    /** Topics the bank draws from; may be empty only when a question set is used. */
    topics: z.array(z.enum(TOPICS, { message: `must be one of ${TOPICS.join(', ')}` })).max(TOPICS.length).default([]),
    quizRounds: z.number().int().min(L.minQuizRounds).max(L.maxQuizRounds).default(1),
    questionsPerRound: z.number().int().min(L.minQuestionsPerRound).max(L.maxQuestionsPerRound).default(L.defaultQuestionsPerRound),
    timeLimitSec: z.number().int().min(L.minTimeSec).max(L.maxTimeSec).default(L.defaultTimeSec),
    speedScoring: z.boolean().default(true),
    /** Scenario card ids (shared/sim), played after quiz rounds 1, 2, … in this order. */
    scenarios: z
      .array(z.string().refine((id) => SCENARIO_IDS.includes(id), { message: 'is not a scenario card' }))
      .max(L.maxScenarioRounds)
      .default([])
      .refine((ids) => new Set(ids).size === ids.length, 'lists a scenario twice'),
  })
  .strict();
export type CustomPlanInput = z.input<typeof customPlanSchema>;
export type CustomPlan = z.output<typeof customPlanSchema>;

/** The `plan` field of POST /api/games. */
export const planFieldSchema = z.union([z.string().max(64), customPlanSchema]);

/** Topic labels from the UI catalogs, for round titles the server makes up. */
function topicTitle(topics: readonly Topic[]): Localized {
  return { es: topics.map((t) => es.topic[t]).join(' · '), en: topics.map((t) => en.topic[t]).join(' · ') };
}

/** Splits `items` into `parts` contiguous groups, sizes differing by at most one (earlier ones bigger). */
export function splitEvenly<T>(items: readonly T[], parts: number): T[][] {
  const n = Math.max(1, Math.floor(parts));
  const out: T[][] = [];
  let at = 0;
  for (let i = 0; i < n; i += 1) {
    const size = Math.floor(items.length / n) + (i < items.length % n ? 1 : 0);
    out.push(items.slice(at, at + size));
    at += size;
  }
  return out;
}

/**
 * The rounds of a teacher's plan: quiz rounds (topics split across them in the talk's order when
 * there are at least as many topics as rounds, else every round draws from all of them), each
 * followed by the next chosen scenario; scenarios left over come last.
 */
export function customPlanSpec(plan: CustomPlan): PlanSpec {
  const topics = TOPICS.filter((t) => plan.topics.includes(t));
  const groups = topics.length >= plan.quizRounds ? splitEvenly(topics, plan.quizRounds) : Array.from({ length: plan.quizRounds }, () => topics);
  const quiz: QuizRoundSpec[] = groups.map((g, i) => ({
    kind: 'quiz',
    title: g.length > 0 ? topicTitle(g) : { es: `Ronda ${i + 1}`, en: `Round ${i + 1}` },
    topics: g,
    count: plan.questionsPerRound,
    timeLimitSec: plan.timeLimitSec,
  }));
  const scenarios: RoundSpec[] = plan.scenarios.map((id) => {
    const card = SCENARIOS.find((s) => s.id === id)!;
    return { kind: 'scenario', title: card.title, scenarioId: id };
  });
  const rounds: RoundSpec[] = [];
  for (let i = 0; i < Math.max(quiz.length, scenarios.length); i += 1) {
    if (quiz[i]) rounds.push(quiz[i]!);
    if (scenarios[i]) rounds.push(scenarios[i]!);
  }
  return { id: CUSTOM_PLAN_ID, title: { es: 'Plan personalizado', en: 'Custom plan' }, rounds };
}
