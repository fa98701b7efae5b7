import { describe, expect, it } from 'vitest';
import {
  actionImpacts,
  answerInWords,
  baseScore,
  correctness,
  createReplayer,
  DEBRIEF,
  firstSymptom,
  postMortem,
  replayInputOf,
  replaySamples,
  rightAnswerInWords,
  sloOf,
  summarizeQuestion,
  topicMastery,
} from '../../../shared/rules/debrief.ts';
import type { Sample } from '../../../shared/rules/scenario.ts';
import type { AnswerPayload } from '../../../shared/protocol.ts';
import { getScenario, runReport } from '../../../shared/sim/index.ts';
import { badDeployRound, QUESTIONS, resultsFixture } from './debrief-fixture.ts';

const round = badDeployRound();
const results = resultsFixture('ABC234', round);
const q = (seq: number) => QUESTIONS.find((x) => x.seq === seq)!;

describe('answers in words and their correctness', () => {
  it.each([
    [0, { kind: 'choice', index: 1 }, 'More machines, same code'],
    [1, { kind: 'multi', indices: [1, 0] }, 'Replicas + Two zones'],
    [3, { kind: 'order', order: [1, 2, 0] }, 'Build > Test > Deploy'],
    [4, { kind: 'numeric', value: 520 }, '520 ms'],
    [0, { kind: 'choice', index: 7 }, '#8'],
  ] as const)('question %i, %j → %s', (seq, answer, words) => {
    expect(answerInWords(q(seq), answer as unknown as AnswerPayload)).toBe(words);
  });

  it.each([
    [0, 'More machines, same code'],
    [1, 'Replicas + Two zones'],
    [2, 'True'],
    [3, 'Build > Test > Deploy'],
    [4, '500 ± 50 ms'],
    [5, ''],
  ])('the right answer of question %i is "%s"', (seq, words) => {
    expect(rightAnswerInWords(q(seq))).toBe(words);
  });

  it.each([
    ['single', 1, 'right'],
    ['single', 0, 'wrong'],
    ['multi', 0.5, 'partial'],
    ['numeric', 0.2, 'partial'],
    ['poll', 0, 'none'],
    ['poll', 1, 'none'],
  ] as const)('%s with credit %f is %s', (type, credit, verdict) => {
    expect(correctness({ type }, credit)).toBe(verdict);
  });
});

describe('per-question distribution', () => {
  it('marks the right options, labels ordering items in their right order and buckets estimates', () => {
    expect(summarizeQuestion(q(0)).bars).toEqual([
      { label: 'A bigger machine', bucket: 'option', count: 1, correct: false },
      { label: 'More machines, same code', bucket: 'option', count: 1, correct: true },
      { label: 'A cache', bucket: 'option', count: 0, correct: false },
    ]);
    expect(summarizeQuestion(q(3)).bars.map((b) => b.label)).toEqual(['Build', 'Test', 'Deploy']);
    expect(summarizeQuestion(q(4)).bars.map((b) => [b.bucket, b.count, b.correct])).toEqual([
      ['exact', 1, true],
      ['close', 1, false],
      ['off', 1, false],
    ]);
  });

  it.each([
    [0, 1 / 3, 1, 0],
    [1, 1.5 / 3, 1, 1],
    [2, 1, 3, 0],
    [4, 1.2 / 3, 1, 1],
    [5, null, 0, 0],
    [6, null, 0, 0],
  ])('question %i: mastery %s, %i right, %i partly right', (seq, mastery, right, partial) => {
    const s = summarizeQuestion(q(seq));
    if (mastery === null) expect(s.mastery).toBeNull();
    else expect(s.mastery).toBeCloseTo(mastery, 10);
    expect([s.right, s.partial]).toEqual([right, partial]);
  });
});

describe('per-topic mastery', () => {
  it('sums credit over the possible answers, leaves polls and skipped questions out, and puts the missed concepts first', () => {
    const m = topicMastery(results);
    expect(m.map((x) => [x.topic, Math.round(x.mastery * 1000) / 1000, x.questions, x.answers, x.possible, x.missed])).toEqual([
      ['scalability', 0.333, 1, 2, 3, true], // ties keep the talk's topic order
      ['deployment', 0.333, 1, 2, 3, true],
      ['performance', 0.4, 1, 3, 3, true],
      ['fault-tolerance', 0.75, 2, 6, 6, false],
    ]);
    expect(m.some((x) => x.topic === 'intro')).toBe(false);
    expect(topicMastery({ questions: [] })).toEqual([]);
  });
});

const sample = (tick: number, over: Partial<Sample> = {}): Sample => ({ tick, p95: 120, errorRate: 0, budget: 1, availability: 1, throughput: 900, ...over });
const slo = { availability: 0.99, latencyMs: 500 };

describe('the first symptom', () => {
  it.each([
    ['errors over the SLO allowance', [sample(10), sample(20, { errorRate: 0.02 })], 0, { tick: 20, signal: 'errors' }],
    ['p95 over the latency SLO', [sample(10), sample(20), sample(30, { p95: 800 })], 0, { tick: 30, signal: 'latency' }],
    ['the budget burning faster than healthy (2 × the even pace)', [sample(10), sample(20, { budget: 0.97 })], 0, { tick: 20, signal: 'budget' }],
    ['a burn under twice the even pace is not a symptom', [sample(10), sample(20, { budget: 0.985 })], 0, null],
    ['samples before the start do not count', [sample(10, { errorRate: 0.5 }), sample(20)], 10, null],
    ['errors of exactly the allowance are fine', [sample(10, { errorRate: 0.01 })], 0, null],
  ] as const)('%s', (_name, history, from, expected) => {
    expect(firstSymptom(history, slo, 1000, from)).toEqual(expected);
  });

  it('stops looking after the recovery', () => {
    expect(firstSymptom([sample(10), sample(20, { p95: 900 })], slo, 1000, 0, 15)).toBeNull();
  });
});

describe('the post-mortem timeline', () => {
  const card = getScenario('bad-deploy')!;
  const [fixed, idle] = round.teams as [typeof round.teams[0], typeof round.teams[0]];

  it('orders incident, first symptom, action, detection and recovery for the team that rolled back', () => {
    const input = replayInputOf(round, fixed)!;
    const tl = postMortem(fixed, sloOf(card), round.durationTicks, replaySamples(input));
    const kinds = tl.map((e) => e.kind);
    expect(kinds[0]).toBe('incident');
    expect(kinds).toEqual(expect.arrayContaining(['symptom', 'action', 'detected', 'recovered']));
    expect(tl.map((e) => e.tick)).toEqual([...tl.map((e) => e.tick)].sort((a, b) => a - b));
    const at = (k: string) => tl.find((e) => e.kind === k)!;
    expect(at('incident').tick).toBe(120);
    expect(at('symptom').tick).toBeGreaterThan(120);
    expect(at('symptom').tick).toBeLessThan(146);
    expect(at('action')).toMatchObject({ tick: 146, detail: 'rollback', playerId: 'p-ana' });
    expect(at('detected')).toMatchObject({ tick: 146, detail: 'action', incident: 1 });
    expect(at('recovered').tick).toBe(fixed.report.incidents[0]!.recoveredAt);
    // the stored 10-tick samples find the symptom no earlier than the per-tick replay does
    const coarse = postMortem(fixed, sloOf(card), round.durationTicks).find((e) => e.kind === 'symptom')!;
    expect(coarse.tick).toBeGreaterThanOrEqual(at('symptom').tick);
    expect(coarse.tick % 10).toBe(0);
  });

  it('shows the alerts of the team that did nothing, and no recovery', () => {
    const tl = postMortem(idle, sloOf(card), round.durationTicks);
    expect(tl.filter((e) => e.kind === 'alert').map((e) => e.detail)).toContain('page');
    expect(tl.some((e) => e.kind === 'recovered' || e.kind === 'action')).toBe(false);
  });

  it('marks an acknowledgement as such, and a logged action the simulation refused as refused', () => {
    const tl = postMortem(
      {
        history: [],
        report: { ...fixed.report, incidents: [] },
        log: [
          { tick: 5, playerId: 'x', action: { type: 'ack' } },
          { tick: 7, playerId: 'y', action: { type: 'failover' } },
          { tick: 7, playerId: 'y', action: { type: 'failover' } },
        ],
        events: [{ type: 'action-refused', tick: 7, action: 'failover', code: 'not_applicable', reason: 'a failover is already under way' }],
      },
      slo,
      100,
    );
    expect(tl.map((e) => [e.tick, e.kind])).toEqual([
      [5, 'ack'],
      [7, 'action'],
      [7, 'refused'],
    ]);
  });
});

describe('which actions helped and which hurt', () => {
  it('replays the round without the rollback: the score drops to the idle team’s (same seed), so the rollback helped', () => {
    const input = replayInputOf(round, round.teams[0]!)!;
    expect(baseScore(input)).toBe(round.teams[0]!.report.score);
    const { base, impacts, notAnalysed } = actionImpacts(input);
    expect(notAnalysed).toBe(0);
    expect(impacts).toHaveLength(1);
    expect(impacts[0]).toMatchObject({ index: 0, verdict: 'helped', scoreWithout: round.teams[1]!.report.score, delta: base - round.teams[1]!.report.score });
    expect(impacts[0]!.delta).toBeGreaterThan(100);
  });

  it('finds an action that hurt, and caps the work', () => {
    const r = badDeployRound(360, 146, [{ tick: 200, action: { type: 'scale', zone: 'a', count: 0 } }]);
    const input = replayInputOf(r, r.teams[0]!)!;
    const { impacts } = actionImpacts(input);
    const byType = Object.fromEntries(impacts.map((i) => [i.entry.action.type, i]));
    expect(byType.rollback!.verdict).toBe('helped');
    expect(byType.scale!.verdict).toBe('hurt');
    expect(byType.scale!.delta).toBeLessThan(-DEBRIEF.neutralPoints);
    const capped = actionImpacts(input, 1);
    expect(capped.impacts).toHaveLength(1);
    expect(capped.notAnalysed).toBe(1);
  });

  it('has no replay for a card this build does not know', () => {
    expect(replayInputOf({ ...round, cardId: 'no-such-card' }, round.teams[0]!)).toBeNull();
  });
});

describe('the replayer', () => {
  it('rebuilds the run to the same report, rewinds and clamps', () => {
    const team = round.teams[0]!;
    const r = createReplayer(replayInputOf(round, team)!);
    expect(r.endTick).toBe(round.endedAtTick);
    r.seek(10_000);
    expect(r.tick()).toBe(r.endTick);
    expect(JSON.stringify(runReport(r.run()))).toBe(JSON.stringify(team.report));
    const at700 = JSON.stringify(r.seek(700));
    r.seek(100);
    expect(r.tick()).toBe(100);
    expect(JSON.stringify(r.seek(700))).toBe(at700);
    r.seek(-5);
    expect(r.tick()).toBe(0);
  });
});
