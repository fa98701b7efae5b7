// A results document with every question type and a real scenario round (two teams on the same
// seed: one rolls the bad deploy back, one does nothing), for the debrief, HTTP and browser tests.
import type { GameResults, QuestionResult, ScenarioResult } from '../../../shared/rules/results.ts';
import { finishScenario, startScenario, stepScenario, submitAction } from '../../../shared/rules/scenario.ts';
import type { SimAction } from '../../../shared/sim/index.ts';

type Answer = QuestionResult['answers'][number];
const ans = (playerId: string, answer: Answer['answer'], credit: number, points: number, elapsedMs = 2500): Answer => ({ playerId, answer, credit, points, elapsedMs });

function question(seq: number, over: Partial<QuestionResult>): QuestionResult {
  return {
    seq, round: 0, index: seq, questionId: `q${seq}`, type: 'single', topic: 'scalability', text: `Question ${seq}`,
    options: [], correct: [], numeric: null, distribution: [], answered: over.answers?.length ?? 0, eligible: 3, skipped: false, answers: [],
    ...over,
  };
}

export const QUESTIONS: readonly QuestionResult[] = [
  question(0, {
    type: 'single', topic: 'scalability', text: '¿Qué añade "escalar horizontalmente", en una frase?',
    options: ['A bigger machine', 'More machines, same code', 'A cache'], correct: [1], distribution: [1, 1, 0],
    answers: [ans('p-ana', { kind: 'choice', index: 1 }, 1, 900), ans('p-ben', { kind: 'choice', index: 0 }, 0, 0)],
  }),
  question(1, {
    type: 'multi', topic: 'fault-tolerance', text: 'Which give redundancy?',
    options: ['Replicas', 'Two zones', 'A bigger CPU'], correct: [0, 1], distribution: [2, 1, 1],
    answers: [ans('p-ana', { kind: 'multi', indices: [1, 0] }, 1, 800), ans('p-ben', { kind: 'multi', indices: [0, 2] }, 0, 0), ans('p-cai', { kind: 'multi', indices: [0] }, 0.5, 300)],
  }),
  question(2, {
    type: 'truefalse', topic: 'fault-tolerance', text: 'A circuit breaker fails fast.',
    options: ['True', 'False'], correct: [0], distribution: [3, 0],
    answers: [ans('p-ana', { kind: 'choice', index: 0 }, 1, 950), ans('p-ben', { kind: 'choice', index: 0 }, 1, 600), ans('p-cai', { kind: 'choice', index: 0 }, 1, 700)],
  }),
  question(3, {
    type: 'order', topic: 'deployment', text: 'Order the pipeline',
    // shown order: Deploy, Build, Test; the right order is Build (pos 1), Test (pos 2), Deploy (pos 0)
    options: ['Deploy', 'Build', 'Test'], correct: [1, 2, 0], distribution: [1, 1, 1],
    answers: [ans('p-ana', { kind: 'order', order: [1, 2, 0] }, 1, 900), ans('p-ben', { kind: 'order', order: [0, 1, 2] }, 0, 0)],
  }),
  question(4, {
    type: 'numeric', topic: 'performance', text: 'p95 target in ms?', numeric: { answer: 500, tolerance: 50, unit: 'ms' },
    distribution: [0, 1, 2], answers: [ans('p-ana', { kind: 'numeric', value: 520 }, 1, 800), ans('p-ben', { kind: 'numeric', value: 700 }, 0.2, 100), ans('p-cai', { kind: 'numeric', value: 2000 }, 0, 0)],
  }),
  question(5, { type: 'poll', topic: 'intro', text: 'Have you used Netflix?', options: ['Yes', 'No'], distribution: [2, 1], answers: [ans('p-ana', { kind: 'choice', index: 0 }, 0, 0), ans('p-ben', { kind: 'choice', index: 0 }, 0, 0), ans('p-cai', { kind: 'choice', index: 1 }, 0, 0)] }),
  question(6, { round: 1, index: 0, type: 'single', topic: 'intro', text: 'Skipped one', options: ['a', 'b'], correct: [0], distribution: [0, 0], skipped: true }),
];

/** A bad-deploy round cut to `durationTicks` (the deploy goes out at 120): team 0 rolls back at `rollbackAt`, team 1 does nothing. */
export function badDeployRound(durationTicks = 360, rollbackAt = 146, extra: readonly { tick: number; action: SimAction }[] = []): ScenarioResult {
  const s = startScenario({ round: 2, cardId: 'bad-deploy', gameSeed: 11, members: [['p-ana', 'p-cai'], ['p-ben']], credits: [100, 100], durationTicks })!;
  const plan = [...extra, { tick: rollbackAt, action: { type: 'rollback' } as SimAction }].sort((a, b) => a.tick - b.tick);
  let i = 0;
  for (;;) {
    const tick = s.teams[0]!.run.tick;
    while (i < plan.length && plan[i]!.tick <= tick) {
      const r = submitAction(s, 'p-ana', 0, plan[i]!.action);
      if (!r.ok) throw new Error(`fixture action refused: ${r.reason}`);
      i++;
    }
    if (stepScenario(s)) break;
  }
  const results = finishScenario(s, () => [1, 2], () => undefined);
  return {
    round: 2, cardId: 'bad-deploy', title: 'A bad deploy', topic: 'deployment', seed: s.seed, durationTicks, endedAtTick: s.endedAtTick,
    teams: results.map((r) => ({ team: r.team, credits: r.credits, points: r.points, rankBefore: r.rankBefore, rankAfter: r.rankAfter, report: r.report, log: r.log, history: r.history, events: r.events })),
  };
}

export function resultsFixture(code = 'ABC234', scenario: ScenarioResult = badDeployRound()): GameResults {
  return {
    version: 1, code, lang: 'en', planTitle: 'Test plan', phase: 'podium', teamCount: 2,
    teams: [{ team: 0, score: 2600, rank: 1, members: 2 }, { team: 1, score: 900, rank: 2, members: 1 }],
    players: [
      { id: 'p-ana', name: 'Ana', team: 0, score: 5050, rank: 1 },
      { id: 'p-ben', name: 'Ben, "the fast"', team: 1, score: 100, rank: 3 },
      { id: 'p-cai', name: 'Caí', team: 0, score: 1000, rank: 2 },
    ],
    questions: QUESTIONS,
    scenarios: [scenario],
  };
}
