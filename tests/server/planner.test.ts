import { describe, expect, it } from 'vitest';
import type { QuestionSet } from '../../shared/content/schema.ts';
import { customPlanSchema, customPlanSpec, splitEvenly, type CustomPlanInput } from '../../shared/rules/custom-plan.ts';
import { getPlan } from '../../shared/rules/plans.ts';
import { loadBank } from '../../server/content/load-bank.ts';
import { createPlanner, questionsForPlan, withSet, type SetSource } from '../../server/content/planner.ts';
import { BUILT_IN_PLANS } from '../../shared/rules/plans.ts';

const bank = loadBank();

function tfSet(n: number, title = 'My set'): QuestionSet {
  return {
    title,
    lang: 'en',
    questions: Array.from({ length: n }, (_, i) => ({ id: `q${i + 1}`, type: 'truefalse' as const, difficulty: 2 as const, text: { en: `Statement ${i + 1}` }, answer: i % 2 === 0 })),
  };
}

const sets: SetSource = {
  async get(id) {
    if (id === 'seven') return { set: tfSet(7) };
    if (id === 'two') return { set: tfSet(2, 'Tiny') };
    return undefined;
  },
};
const planner = createPlanner(bank, sets);
const custom = (input: Omit<CustomPlanInput, 'kind'>) => customPlanSchema.parse({ kind: 'custom', ...input });

describe('custom plan schema', () => {
  it.each([
    ['questions per round below 3', { questionsPerRound: 2 }],
    ['questions per round above 20', { questionsPerRound: 21 }],
    ['time per question below 10 s', { timeLimitSec: 9 }],
    ['time per question above 120 s', { timeLimitSec: 121 }],
    ['no quiz round', { quizRounds: 0 }],
    ['six quiz rounds', { quizRounds: 6 }],
    ['an unknown topic', { topics: ['astrology'] }],
    ['an unknown scenario', { scenarios: ['alien-invasion'] }],
    ['a repeated scenario', { scenarios: ['bad-deploy', 'bad-deploy'] }],
    ['an unknown field', { colour: 'red' }],
    ['a fractional count', { questionsPerRound: 5.5 }],
  ])('refuses %s', (_name, extra) => {
    expect(customPlanSchema.safeParse({ kind: 'custom', topics: ['intro'], ...extra }).success).toBe(false);
  });

  it('fills defaults', () => {
    expect(custom({ topics: ['intro'] })).toMatchObject({ quizRounds: 1, questionsPerRound: 8, timeLimitSec: 20, speedScoring: true, scenarios: [] });
  });
});

describe('customPlanSpec', () => {
  it('splits topics across quiz rounds in the talk order and interleaves scenarios after them', () => {
    const spec = customPlanSpec(custom({ topics: ['monitoring', 'intro', 'failures'], quizRounds: 2, questionsPerRound: 5, timeLimitSec: 45, scenarios: ['premiere-spike', 'bad-deploy', 'db-failover'] }));
    expect(spec.rounds.map((r) => (r.kind === 'quiz' ? `quiz:${r.topics.join('+')}:${r.count}:${r.timeLimitSec}` : `scenario:${r.scenarioId}`))).toEqual([
      'quiz:intro+failures:5:45',
      'scenario:premiere-spike',
      'quiz:monitoring:5:45',
      'scenario:bad-deploy',
      'scenario:db-failover',
    ]);
    const last = spec.rounds[4]!;
    expect(last.title.en).toBe('The primary database fails');
    expect(spec.rounds[0]!.title).toEqual({ es: 'Qué es un sistema distribuido · Gestión de fallos', en: 'What is a distributed system · Handling failures' });
  });

  it('gives every round all the topics when there are fewer topics than rounds', () => {
    const spec = customPlanSpec(custom({ topics: ['protocols'], quizRounds: 3 }));
    expect(spec.rounds.map((r) => (r.kind === 'quiz' ? r.topics : []))).toEqual([['protocols'], ['protocols'], ['protocols']]);
  });

  it('splitEvenly keeps order and gives earlier parts the extra items', () => {
    expect(splitEvenly([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5], [6, 7]]);
    expect(splitEvenly([1], 3)).toEqual([[1], [], []]);
  });
});

describe('concept keys: questions that answer each other never meet in a game', () => {
  it('every built-in and custom plan drawn from the bank, over 200 seeds, plays each concept at most once', () => {
    const plans = [...BUILT_IN_PLANS, customPlanSpec(custom({ topics: ['intro', 'scalability', 'deployment', 'maintenance', 'protocols'], quizRounds: 5, questionsPerRound: 12 }))];
    for (const plan of plans) {
      for (let seed = 1; seed <= 200; seed++) {
        const concepts = questionsForPlan(bank, plan, seed).flat().flatMap((q) => (q.concept ? [q.concept] : []));
        expect(new Set(concepts).size, `${plan.id} seed ${seed}`).toBe(concepts.length);
      }
    }
  });

  it('a set plays one question per concept key, drawn from the seed, the others in the set’s order', () => {
    const set = tfSet(6);
    const keyed: QuestionSet = { ...set, questions: set.questions.map((q, i) => (i === 1 || i === 3 || i === 4 ? { ...q, concept: 'same-idea' } : q)) };
    const seen = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const played = withSet(getPlan('quick')!, keyed, seed).questions.flat().map((q) => q.id);
      expect(played.filter((id) => ['q2', 'q4', 'q5'].includes(id))).toHaveLength(1);
      expect(played.filter((id) => ['q1', 'q3', 'q6'].includes(id))).toEqual(['q1', 'q3', 'q6']);
      expect(played).toEqual([...played].sort());
      expect(withSet(getPlan('quick')!, keyed, seed).questions).toEqual(withSet(getPlan('quick')!, keyed, seed).questions);
      seen.add(played.join());
    }
    expect(seen.size).toBe(3);
  });
});

describe('planner', () => {
  it('still plans a built-in plan by id', async () => {
    const res = await planner.plan({ plan: 'intro' }, 42);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.setup.plan.id).toBe('intro');
    const rounds = res.setup.plan.rounds;
    expect(res.setup.questions.filter((_, i) => rounds[i]!.kind === 'quiz').map((q) => q.length)).toEqual([6, 6, 6]);
    expect(res.setup.questions.filter((_, i) => rounds[i]!.kind === 'scenario').every((q) => q.length === 0)).toBe(true);
    expect(res.setup.speedScoring).toBe(true);
  });

  it('draws a custom plan from the bank by topic, without repeats, with its own speed scoring', async () => {
    const res = await planner.plan({ plan: custom({ topics: ['testing', 'deployment'], quizRounds: 2, questionsPerRound: 4, speedScoring: false, scenarios: ['bad-deploy'] }) }, 7);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const { plan, questions, speedScoring } = res.setup;
    expect(speedScoring).toBe(false);
    expect(plan.rounds.map((r) => r.kind)).toEqual(['quiz', 'scenario', 'quiz']);
    expect(questions.map((q) => q.length)).toEqual([4, 0, 4]);
    expect(questions[0]!.every((q) => q.topic === 'testing')).toBe(true);
    expect(questions[2]!.every((q) => q.topic === 'deployment')).toBe(true);
    const ids = questions.flat().map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    const again = await planner.plan({ plan: custom({ topics: ['testing', 'deployment'], quizRounds: 2, questionsPerRound: 4, speedScoring: false, scenarios: ['bad-deploy'] }) }, 7);
    expect(again.ok && again.setup.questions.flat().map((q) => q.id)).toEqual(ids);
  });

  it('drops quiz rounds the bank cannot fill', async () => {
    // one question per concept key at most
    const perTopic = new Set(bank.filter((q) => q.topic === 'intro').map((q) => q.concept ?? q.id)).size;
    const rounds = 5;
    const res = await planner.plan({ plan: custom({ topics: ['intro'], quizRounds: rounds, questionsPerRound: 20 }) }, 1);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.setup.questions.every((q) => q.length > 0)).toBe(true);
    expect(res.setup.plan.rounds).toHaveLength(res.setup.questions.length);
    expect(res.setup.questions.flat()).toHaveLength(perTopic);
  });

  it('feeds a stored set into the quiz rounds in order, split evenly', async () => {
    const res = await planner.plan({ plan: custom({ topics: [], quizRounds: 3, scenarios: ['chaos-monkey'] }), setId: 'seven' }, 3);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.setup.questions.map((qs) => qs.map((q) => q.id))).toEqual([['q1', 'q2', 'q3'], [], ['q4', 'q5'], ['q6', 'q7']]);
    expect(res.setup.plan.rounds.map((r) => r.title.en)).toEqual(['My set (1/3)', 'Chaos Monkey', 'My set (2/3)', 'My set (3/3)']);
    expect(res.setup.plan.rounds[0]).toMatchObject({ kind: 'quiz', count: 3, timeLimitSec: 20 });
  });

  it('plays a built-in plan with a set, dropping quiz rounds the set cannot fill', async () => {
    const res = await planner.plan({ plan: 'intro', setId: 'two' }, 3);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const rounds = res.setup.plan.rounds;
    expect(rounds.filter((r) => r.kind === 'quiz').map((r) => r.title.en)).toEqual(['Tiny (1/2)', 'Tiny (2/2)']);
    expect(res.setup.questions.filter((_, i) => rounds[i]!.kind === 'quiz').map((qs) => qs.map((q) => q.id))).toEqual([['q1'], ['q2']]);
    expect(rounds.filter((r) => r.kind === 'scenario')).toEqual(getPlan('intro')!.rounds.filter((r) => r.kind === 'scenario'));
    expect(rounds[0]!.kind).toBe('quiz');
    expect(res.setup.plan.title.en).toBe('Tiny');
  });

  it.each([
    ['an unknown built-in plan', { plan: 'nope' }, /Unknown game plan "nope"/],
    ['an unknown set', { plan: 'quick', setId: 'missing' }, /No question set has the id "missing"/],
    ['a custom plan with neither topics nor a set', { plan: customPlanSchema.parse({ kind: 'custom' }) }, /at least one topic/],
  ])('refuses %s with a readable reason', async (_name, request, message) => {
    const res = await planner.plan(request, 1);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(message);
  });

  it('refuses a set when it has no store to read it from', async () => {
    const res = await createPlanner(bank).plan({ plan: 'quick', setId: 'seven' }, 1);
    expect(res.ok).toBe(false);
  });
});
