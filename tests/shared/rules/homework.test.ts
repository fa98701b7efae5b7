// Homework rules: an attempt is the class's game (same plan, draw and seed) played alone and driven
// by the student; the deadline and the time after it; what waits while the student is away; and
// the teacher's results over every attempt, read as a live game's.
import { describe, expect, it } from 'vitest';
import * as rules from '../../../shared/rules/game.ts';
import * as hw from '../../../shared/rules/homework.ts';
import { buildResults, type GameResults } from '../../../shared/rules/results.ts';
import { topicMastery } from '../../../shared/rules/debrief.ts';
import { correctIndices } from '../../../shared/rules/questions.ts';
import { HOMEWORK } from '../../../shared/constants.ts';
import type { Question } from '../../../shared/content/schema.ts';
import type { PlanSpec } from '../../../shared/rules/plans.ts';

const L = (en: string) => ({ en, es: en });
const q = (id: string, topic: Question['topic'] = 'scalability'): Question => ({
  id,
  type: 'single',
  difficulty: 1,
  topic,
  text: L(id),
  options: [{ text: L('right'), correct: true }, { text: L('wrong 1'), correct: false }, { text: L('wrong 2'), correct: false }],
});
const plan: PlanSpec = {
  id: 't',
  title: L('Homework plan'),
  rounds: [
    { kind: 'quiz', title: L('Quiz'), topics: ['scalability'], count: 2 },
    { kind: 'scenario', title: L('Spike'), scenarioId: 'premiere-spike' },
  ],
};
const timing = { questionMsOverride: 10_000, roundIntroMs: 1000, scenarioTickMs: 100, scenarioTicksOverride: 30 };

/** The class's game, as the teacher created it: the setup every attempt plays. */
function classGame(seed = 7) {
  return rules.createGame({ code: 'CLASS1', lang: 'en', plan, teamCount: 4, seed, questions: [[q('q1'), q('q2', 'performance')], []], ...timing });
}

function attempt(setup: hw.AssignmentSetup, id: string, name = `Student ${id}`) {
  const r = hw.createAttempt(setup, { id, playerId: `p-${id}`.slice(0, 8).padEnd(8, 'x'), name }, timing);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

/** Plays an attempt to its podium: `right` answers per question (true = the right option), the scenario run out. */
function play(g: rules.GameModel, right: readonly boolean[], t0 = 0): number {
  let now = t0;
  expect(hw.studentNext(g, now).ok).toBe(true);
  let k = 0;
  for (let guard = 0; guard < 10_000 && g.phase !== 'podium'; guard++) {
    now += 100;
    switch (g.phase) {
      case 'round-intro':
        rules.advanceTimers(g, now + 1000);
        break;
      case 'question': {
        const pos = correctIndices(rules.currentQuestion(g)!, g.current!.shown)[0]!;
        const answer = right[k++] ? pos : (pos + 1) % 3;
        const seq = g.current!.seq;
        for (const pid of g.order) expect(rules.submitAnswer(g, pid, seq, { kind: 'choice', index: answer }, now).ok).toBe(true);
        break;
      }
      case 'scenario':
        rules.tickScenario(g, now);
        break;
      default:
        expect(hw.studentNext(g, now).ok).toBe(true);
    }
  }
  expect(g.phase).toBe('podium');
  return now;
}

describe('an attempt is the class game, alone', () => {
  it('plays the same plan, questions, option order and scenario seed as the class', () => {
    const live = classGame();
    const setup = hw.setupFromGame(live, false);
    const g = attempt(setup, 'attempt00001');
    expect(g.teamCount).toBe(1);
    expect(g.order).toHaveLength(1);
    expect(g.settings.speedScoring).toBe(false);
    expect(g.rounds.map((r) => r.questions.map((x) => x.id))).toEqual(live.rounds.map((r) => r.questions.map((x) => x.id)));
    expect(g.seed).toBe(live.seed);
    // the same shuffled options: a student sees them where the class saw them
    rules.addPlayer(live, 'liveplay', 'Ana');
    rules.startGame(live, 0);
    rules.advanceTimers(live, 1000);
    hw.studentNext(g, 0);
    rules.advanceTimers(g, 1000);
    expect(g.current!.shown).toEqual(live.current!.shown);
  });

  it('gives the student every role of the scenario round, on the class seed', () => {
    const live = classGame();
    const g = attempt(hw.setupFromGame(live, false), 'attempt00002');
    hw.studentNext(g, 0);
    for (let now = 1000; g.phase !== 'scenario'; now += 100) {
      if (g.phase === 'question') rules.submitAnswer(g, g.order[0]!, g.current!.seq, { kind: 'choice', index: 0 }, now);
      else if (g.phase === 'round-intro') rules.advanceTimers(g, now + 1000);
      else hw.studentNext(g, now);
    }
    const s = rules.currentScenario(g)!;
    expect(s.roles[g.order[0]!]).toEqual(['edge', 'compute', 'data', 'observability']);
    expect(s.teams).toHaveLength(1);
    // every role's control is the student's
    for (const action of [{ type: 'cdn', on: true }, { type: 'scale', zone: 'a', count: 3 }, { type: 'ack' }]) {
      const r = rules.submitScenarioAction(g, g.order[0]!, action);
      if (!r.ok) expect(r.code).not.toBe('not_your_role');
    }
  });

  it('refuses a nickname no live game would take', () => {
    const setup = hw.setupFromGame(classGame(), false);
    expect(hw.createAttempt(setup, { id: 'a', playerId: 'pppppppp', name: '   ' })).toMatchObject({ ok: false, code: 'bad_name' });
    expect(hw.createAttempt(setup, { id: 'a', playerId: 'pppppppp', name: '<b>x</b>' })).toMatchObject({ ok: false, code: 'bad_name' });
    expect(hw.createAttempt(setup, { id: 'a', playerId: 'pppppppp', name: 'Đorđe' })).toMatchObject({ ok: true });
  });
});

describe('the student drives', () => {
  it('starts, skips a title card, and goes on from reveals and reports, never past an open question or a running round', () => {
    const g = attempt(hw.setupFromGame(classGame(), false), 'attempt00003');
    expect(hw.studentNext(g, 0).ok).toBe(true);
    expect(g.phase).toBe('round-intro');
    expect(hw.studentNext(g, 100).ok).toBe(true);
    expect(g.phase).toBe('question');
    expect(hw.studentNext(g, 200)).toMatchObject({ ok: false, code: 'wrong_phase' });
    rules.submitAnswer(g, g.order[0]!, g.current!.seq, { kind: 'choice', index: 0 }, 300);
    expect(g.phase).toBe('reveal');
    expect(hw.studentNext(g, 400).ok).toBe(true);
    expect(g.phase).toBe('question');
  });

  it('scores without speed by default: a slow right answer earns what a fast one does', () => {
    const setup = hw.setupFromGame(classGame(), false);
    const fast = attempt(setup, 'fast00000001');
    const slow = attempt(setup, 'slow00000001');
    for (const [g, at] of [[fast, 1100], [slow, 10_900]] as const) {
      hw.studentNext(g, 0);
      hw.studentNext(g, 1000);
      const pos = correctIndices(rules.currentQuestion(g)!, g.current!.shown)[0]!;
      rules.submitAnswer(g, g.order[0]!, g.current!.seq, { kind: 'choice', index: pos }, at);
    }
    expect(fast.players[fast.order[0]!]!.score).toBe(1000);
    expect(slow.players[slow.order[0]!]!.score).toBe(1000);
  });
});

describe('while the student is away', () => {
  it("lets an open question's time run out (no time bought by leaving); it counts as not answered", () => {
    const g = attempt(hw.setupFromGame(classGame(), false), 'attempt00004');
    hw.studentNext(g, 0);
    hw.studentNext(g, 0);
    expect(g.phase).toBe('question');
    expect(hw.studentAway(g, 1000)).toBe(false);
    expect(rules.advanceTimers(g, 10_000)).toBe(true);
    expect(g.phase).toBe('reveal');
    const rec = g.history.at(-1)!;
    expect([rec.answered, rec.eligible]).toEqual([0, 1]);
  });

  it('pauses a scenario round and a title card, and goes on where it was when they come back', () => {
    const g = attempt(hw.setupFromGame(classGame(), false), 'attempt00005');
    hw.studentNext(g, 0);
    expect(g.phase).toBe('round-intro');
    expect(hw.studentAway(g, 500)).toBe(true);
    expect(rules.advanceTimers(g, 60_000)).toBe(false);
    expect(hw.studentBack(g, 60_000)).toBe(true);
    expect(g.timer.endsAt).toBe(60_500);
    // into the scenario round
    for (let now = 61_000; g.phase !== 'scenario'; now += 100) {
      if (g.phase === 'question') rules.submitAnswer(g, g.order[0]!, g.current!.seq, { kind: 'choice', index: 0 }, now);
      else if (g.phase === 'round-intro') rules.advanceTimers(g, now + 1000);
      else hw.studentNext(g, now);
    }
    rules.tickScenario(g, 70_000);
    const tick = rules.currentScenario(g)!.teams[0]!.run.tick;
    expect(hw.studentAway(g, 70_000)).toBe(true);
    rules.tickScenario(g, 70_100);
    expect(rules.currentScenario(g)!.teams[0]!.run.tick).toBe(tick);
    hw.studentBack(g, 90_000);
    rules.tickScenario(g, 90_100);
    expect(rules.currentScenario(g)!.teams[0]!.run.tick).toBe(tick + 1);
  });

  it('revives a scenario round that was running when the process died: paused, with the time its ticks have left', () => {
    const g = attempt(hw.setupFromGame(classGame(), false), 'attempt00006');
    hw.studentNext(g, 0);
    for (let now = 1000; g.phase !== 'scenario'; now += 100) {
      if (g.phase === 'question') rules.submitAnswer(g, g.order[0]!, g.current!.seq, { kind: 'choice', index: 0 }, now);
      else if (g.phase === 'round-intro') rules.advanceTimers(g, now + 1000);
      else hw.studentNext(g, now);
    }
    for (let i = 0; i < 10; i++) rules.tickScenario(g, 5000);
    const copy = JSON.parse(JSON.stringify(g)) as rules.GameModel;
    hw.reviveAttempt(copy, 1_000_000);
    expect(copy.paused).toBe(true);
    expect(copy.timer.remainingMs).toBe((30 - 10) * 100);
  });
});

describe('the deadline', () => {
  const deadline = 1_000_000;
  it('refuses new attempts from the deadline on, with a reason a person can read', () => {
    expect(hw.startRefusal(deadline, deadline - 1)).toBeNull();
    expect(hw.startRefusal(deadline, deadline)).toMatchObject({ reason: 'deadline_passed', error: expect.stringMatching(/deadline .* has passed/) });
  });

  it('lets an attempt started before it go on for the grace time, then ends it scoring what was played', () => {
    expect(hw.resumeRefusal(deadline, deadline + HOMEWORK.finishGraceMs - 1)).toBeNull();
    expect(hw.resumeRefusal(deadline, deadline + HOMEWORK.finishGraceMs)).toMatchObject({ reason: 'attempt_closed' });
    const g = attempt(hw.setupFromGame(classGame(), false), 'attempt00007');
    hw.studentNext(g, 0);
    hw.studentNext(g, 0);
    expect(hw.closeIfOverdue(g, deadline, deadline + 1)).toBe(false);
    expect(hw.closeIfOverdue(g, deadline, hw.finishBy(deadline))).toBe(true);
    expect(g.phase).toBe('podium');
    expect(g.history).toHaveLength(1);
  });

  it('takes deadlines from a minute to 90 days ahead; a past one only to close an assignment', () => {
    const now = 5_000_000;
    expect(hw.deadlineRefusal(now + 30_000, now)).toMatchObject({ reason: 'bad_request', error: /at least a minute/ });
    expect(hw.deadlineRefusal(now + 3600_000, now)).toBeNull();
    expect(hw.deadlineRefusal(now + HOMEWORK.maxDeadlineMs + 1, now)).toMatchObject({ error: /90 days/ });
    expect(hw.deadlineRefusal(now - 1, now, { allowPast: true })).toBeNull();
  });
});

describe("the teacher's results over every attempt", () => {
  const live = classGame();
  const setup = hw.setupFromGame(live, false);
  const meta: hw.AssignmentMeta = { id: 'assignment01', sourceGame: 'CLASS1', setup, deadline: 10_000_000, createdAt: 0 };
  const record = (g: rules.GameModel, over: Partial<hw.AttemptRecord> & { startedAt: number }): hw.AttemptRecord => ({
    id: g.code,
    name: g.players[g.order[0]!]!.name,
    attempt: 1,
    status: g.phase === 'podium' ? 'finished' : 'playing',
    updatedAt: over.startedAt,
    finishedAt: null,
    results: buildResults(g),
    ...over,
  });

  const ana = attempt(setup, 'ana000000001', 'Ana');
  play(ana, [true, true]);
  const ben = attempt(setup, 'ben000000001', 'Ben');
  play(ben, [false, true]);
  const anaAgain = attempt(setup, 'ana000000002', 'Ana');
  play(anaAgain, [true, true]);
  const cai = attempt(setup, 'cai000000001', 'Caí');
  hw.studentNext(cai, 0);
  hw.studentNext(cai, 0);
  rules.submitAnswer(cai, cai.order[0]!, cai.current!.seq, { kind: 'choice', index: correctIndices(rules.currentQuestion(cai)!, cai.current!.shown)[0]! }, 100);
  const records = [record(ben, { startedAt: 2 }), record(ana, { startedAt: 1 }), record(anaAgain, { startedAt: 3, attempt: 2 }), record(cai, { startedAt: 4 })];
  const r = hw.assignmentResults(meta, records, 5_000_000);

  it('lists every attempt as a team of one named after its student, ranked by score', () => {
    expect(r.teamNames).toEqual(['Ana', 'Ben', 'Ana (2)', 'Caí']);
    expect(r.players.map((p) => [p.name, p.team])).toEqual([['Ana', 0], ['Ben', 1], ['Ana (2)', 2], ['Caí', 3]]);
    expect(r.homework.attempts.map((a) => [a.name, a.status, a.counted, a.answered, a.reached])).toEqual([
      ['Ana', 'finished', true, 2, 2],
      ['Ben', 'finished', true, 2, 2],
      ['Ana', 'finished', false, 2, 2],
      ['Caí', 'playing', true, 1, 1],
    ]);
    const best = Math.max(...r.players.map((p) => p.score));
    expect(r.players.filter((p) => p.rank === 1).every((p) => p.score === best)).toBe(true);
    expect(new Set(r.players.map((p) => p.id)).size).toBe(4);
  });

  it("counts each student's first attempt in the per-question and per-topic mastery", () => {
    expect(r.questions.map((x) => [x.questionId, x.answered, x.eligible, x.answers.length])).toEqual([
      ['q1', 3, 3, 3],
      ['q2', 2, 2, 2],
    ]);
    const q1 = r.questions[0]!;
    expect(q1.answers.map((a) => [a.playerId, a.credit])).toEqual([['ana000000001', 1], ['ben000000001', 0], ['cai000000001', 1]]);
    expect(q1.distribution.reduce((a, b) => a + b, 0)).toBe(3);
    const mastery = Object.fromEntries(topicMastery(r).map((m) => [m.topic, m.mastery]));
    expect(mastery).toEqual({ scalability: 2 / 3, performance: 1 });
  });

  it("keeps every attempt's scenario report, its log renamed to the attempt", () => {
    expect(r.scenarios).toHaveLength(1);
    const s = r.scenarios[0]!;
    expect(s.teams.map((t) => t.team)).toEqual([0, 1, 2]);
    expect(s.seed).toBe(ana.scenarios[0]!.seed);
    for (const t of s.teams) expect(t.report.score).toEqual(expect.any(Number));
  });

  it('is a live game\'s results document in shape, plus the homework summary', () => {
    const game = classGame();
    for (const id of ['aaaaaaaa', 'bbbbbbbb']) rules.addPlayer(game, id, id);
    play(game, [true, false]);
    const liveDoc = buildResults(game);
    expect(shape(withoutHomework(r))).toEqual(shape(liveDoc));
  });

  it('says an attempt that can no longer go on is unfinished, and the document over', () => {
    const late = hw.assignmentResults(meta, records, hw.finishBy(meta.deadline));
    expect(late.homework.attempts.find((a) => a.name === 'Caí')?.status).toBe('unfinished');
    expect(late.phase).toBe('podium');
    expect(r.phase).toBe('lobby');
  });
});

function withoutHomework(r: hw.HomeworkResults): GameResults {
  const { homework: _h, teamNames: _t, ...rest } = r;
  return rest;
}

/**
 * The keys and value types of a document, arrays by their first element: what "the same shape"
 * means. A scenario team's events and action log are unions of many kinds (whatever happened in
 * that run), so they are compared as arrays only.
 */
function shape(v: unknown, key = ''): unknown {
  if (Array.isArray(v)) return key === 'events' || key === 'log' ? 'array' : v.length ? [shape(v[0])] : [];
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k], k)]));
  return v === null ? 'null' : typeof v;
}
