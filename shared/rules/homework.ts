// Homework: the class's game, played by one student at a time, at their own pace, before a
// deadline the teacher sets. A thin layer over the game rules (game.ts): an attempt is a GameModel
// of one team of one, on the class game's plan, question draw and seed, which the student drives
// with "next" where the teacher would. What differs from a live game is here and only here: the
// deadline, what happens while the student is away, and the teacher's results over every attempt,
// which are the same GameResults document a live game has (results.ts), one "team" per attempt.
// Pure: every function takes `now` (ms); refusals come back as values.
import type { Lang } from '../i18n-types.ts';
import type { Question } from '../content/schema.ts';
import type { AssignmentInfo, AttemptStatus, HomeworkRefusal } from '../protocol.ts';
import { HOMEWORK } from '../constants.ts';
import { pick } from '../i18n-types.ts';
import type { PlanSpec } from './plans.ts';
import { addPlayer, createGame, currentScenario, next, pause, resume, startGame, validateName, endGame, type GameModel, type Result } from './game.ts';
import { RESULTS_VERSION, type GameResults, type QuestionResult, type ScenarioResult } from './results.ts';
import { isTeacherFault } from './scenario.ts';

/** What every attempt of an assignment plays: the class game's plan, its question draw and seed. */
export interface AssignmentSetup {
  readonly lang: Lang;
  readonly plan: PlanSpec;
  /** The questions of each round, as drawn (and shuffled, from the seed) for the class's game. */
  readonly questions: readonly (readonly Question[])[];
  readonly seed: number;
  readonly speedScoring: boolean;
}

/** Timers the server may override for tests and rehearsals (config.ts), as for a live game. */
export interface AttemptTiming {
  readonly questionMsOverride?: number | null;
  readonly roundIntroMs?: number;
  readonly scenarioTickMs?: number;
  readonly scenarioTicksOverride?: number | null;
}

const refuse = (code: 'wrong_phase', reason: string): { ok: false; code: 'wrong_phase'; reason: string } => ({ ok: false, code, reason });
const refusal = (reason: HomeworkRefusal['reason'], error: string): HomeworkRefusal => ({ reason, error });

/** The assignment's setup from the class's game: the same plan, questions, cards and seed. */
export function setupFromGame(g: GameModel, speedScoring: boolean): AssignmentSetup {
  return {
    lang: g.lang,
    plan: { id: g.planId, title: g.planTitle, rounds: g.rounds.map((r) => r.spec) },
    questions: g.rounds.map((r) => [...r.questions]),
    seed: g.seed,
    speedScoring,
  };
}

/** What the student's page shows before starting. */
export function assignmentInfo(id: string, setup: AssignmentSetup, deadline: number, now: number): AssignmentInfo {
  return {
    id,
    title: pick(setup.plan.title, setup.lang),
    lang: setup.lang,
    deadline,
    finishBy: finishBy(deadline),
    open: now < deadline,
    speedScoring: setup.speedScoring,
    rounds: setup.plan.rounds.map((r, i) => ({ kind: r.kind, title: pick(r.title, setup.lang), questions: setup.questions[i]?.length ?? 0 })),
    serverNow: now,
  };
}

/**
 * The nickname an attempt plays under: a typed one is checked as a live game's are. This is where
 * an assignment whose nicknames are generated only (issue 17's safe nicknames) plugs in.
 */
export function attemptName(raw: unknown): Result<string> {
  return validateName(raw);
}

/** A new attempt: the plan in its lobby, with its one student on the one team. */
export function createAttempt(setup: AssignmentSetup, attempt: { readonly id: string; readonly playerId: string; readonly name: unknown }, timing: AttemptTiming = {}): Result<GameModel> {
  const name = attemptName(attempt.name);
  if (!name.ok) return name;
  const g = createGame({
    code: attempt.id,
    lang: setup.lang,
    plan: setup.plan,
    teamCount: 1,
    solo: true,
    seed: setup.seed,
    questions: setup.questions,
    speedScoring: setup.speedScoring,
    ...timing,
  });
  const added = addPlayer(g, attempt.playerId, name.value);
  if (!added.ok) return added;
  return { ok: true, value: g };
}

// ---------- the student drives ----------

/** The student's "next": starts the attempt, skips a round's title card, goes on from a reveal, a round summary or a report. */
export function studentNext(g: GameModel, now: number): Result {
  switch (g.phase) {
    case 'lobby':
      return startGame(g, now);
    case 'question':
      return refuse('wrong_phase', 'Answer the question, or wait for its time to run out.');
    case 'scenario':
      return refuse('wrong_phase', 'The scenario round runs until its time is up.');
    case 'podium':
      return refuse('wrong_phase', 'This attempt is over.');
    default:
      if (g.paused) resume(g, now);
      return next(g, now);
  }
}

/**
 * The student left (closed the page, the phone slept). A round's title card and a scenario round
 * wait for them, paused. An open question's time runs on: leaving must not buy time to look the
 * answer up, so a question whose time ran out while they were away counts as not answered.
 * The student stays "connected" in the model: they are the one player every question waits for.
 */
export function studentAway(g: GameModel, now: number): boolean {
  if (g.paused || (g.phase !== 'round-intro' && g.phase !== 'scenario')) return false;
  return pause(g, now).ok;
}

/** The student is back: whatever waited for them goes on. */
export function studentBack(g: GameModel, now: number): boolean {
  if (!g.paused) return false;
  return resume(g, now).ok;
}

/**
 * An attempt read back from the store (its room had closed, or the server restarted). A question
 * keeps its deadline (an absolute time); a scenario round that was running when the process died
 * waits, paused, with the time its remaining ticks take, and drops actions that never applied.
 */
export function reviveAttempt(g: GameModel, now: number): void {
  const s = currentScenario(g);
  if (g.phase !== 'scenario' || !s) return;
  for (const t of s.teams) t.pending = [];
  if (g.paused) return;
  const tick = Math.max(0, ...s.teams.map((t) => t.run.tick));
  g.timer = { ...g.timer, endsAt: now + Math.max(0, s.durationTicks - tick) * g.scenarioTickMs };
  pause(g, now);
}

export function attemptOver(g: GameModel): boolean {
  return g.phase === 'podium';
}

// ---------- the deadline ----------

/** Until when an attempt started before `deadline` may be played. */
export function finishBy(deadline: number): number {
  return deadline + HOMEWORK.finishGraceMs;
}

/** A deadline a teacher may set now: at least a minute ahead (a new assignment) and at most HOMEWORK.maxDeadlineMs. */
export function deadlineRefusal(deadline: number, now: number, opts: { allowPast?: boolean } = {}): HomeworkRefusal | null {
  if (!opts.allowPast && deadline < now + HOMEWORK.minDeadlineMs) return refusal('bad_request', 'The deadline must be at least a minute from now.');
  if (deadline > now + HOMEWORK.maxDeadlineMs) return refusal('bad_request', `The deadline can be at most ${Math.round(HOMEWORK.maxDeadlineMs / 86_400_000)} days from now.`);
  return null;
}

/** Whether a new attempt may start: only before the deadline. */
export function startRefusal(deadline: number, now: number): HomeworkRefusal | null {
  if (now >= deadline) return refusal('deadline_passed', `The deadline for this homework has passed (${new Date(deadline).toISOString()}): no new attempts can start.`);
  return null;
}

/** Whether an unfinished attempt may go on: one started before the deadline has until finishBy(deadline). */
export function resumeRefusal(deadline: number, now: number): HomeworkRefusal | null {
  if (now >= finishBy(deadline)) return refusal('attempt_closed', `The time to finish this homework ended at ${new Date(finishBy(deadline)).toISOString()}.`);
  return null;
}

/** Ends an attempt whose time after the deadline ran out, scoring what was played (as "End game" does). True when it did. */
export function closeIfOverdue(g: GameModel, deadline: number, now: number): boolean {
  if (g.phase === 'podium' || now < finishBy(deadline)) return false;
  return endGame(g, now).ok;
}

// ---------- the teacher's results ----------

/** One attempt as stored: who, how far, and its own results document (as a live game's). */
export interface AttemptRecord {
  readonly id: string;
  readonly name: string;
  readonly attempt: number;
  readonly status: AttemptStatus;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly finishedAt: number | null;
  readonly results: GameResults | null;
}

export interface AssignmentMeta {
  readonly id: string;
  readonly sourceGame: string;
  readonly setup: AssignmentSetup;
  readonly deadline: number;
  readonly createdAt: number;
}

/** An attempt as the teacher's table lists it. `unfinished`: stopped before the end, and can no longer go on. */
export interface AttemptRow {
  readonly id: string;
  readonly name: string;
  readonly attempt: number;
  readonly status: AttemptStatus | 'unfinished';
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly score: number;
  readonly rank: number;
  /** Questions answered and questions reached (of `questionCount`), scenario rounds finished. */
  readonly answered: number;
  readonly reached: number;
  readonly scenarios: number;
  /** Counted in the per-question and per-topic mastery: a student's first attempt. */
  readonly counted: boolean;
  /** This attempt's "team" in the document's teams, scenarios and players. */
  readonly team: number;
}

export interface HomeworkSummary {
  readonly id: string;
  readonly sourceGame: string;
  readonly deadline: number;
  readonly finishBy: number;
  readonly createdAt: number;
  readonly speedScoring: boolean;
  readonly questionCount: number;
  readonly attempts: readonly AttemptRow[];
}

/**
 * A live game's results document over every attempt: each attempt is its own team of one, named
 * after its student (`teamNames`), so the results page, the debrief and the CSVs read it as they
 * read a game's. Questions (and so the per-question and per-topic mastery) count each student's
 * first attempt only: a replay comes after seeing the answers. Scenario reports list every attempt.
 */
export interface HomeworkResults extends GameResults {
  readonly teamNames: readonly string[];
  readonly homework: HomeworkSummary;
}

/** 1-based competition ranks of `scores` (ties share a rank). */
function ranks(scores: readonly number[]): number[] {
  const sorted = [...scores].sort((a, b) => b - a);
  return scores.map((s) => sorted.indexOf(s) + 1);
}

export function assignmentResults(meta: AssignmentMeta, records: readonly AttemptRecord[], now: number): HomeworkResults {
  const attempts = [...records].sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
  const label = (a: AttemptRecord) => (a.attempt > 1 ? `${a.name} (${a.attempt})` : a.name);
  const scoreOf = (a: AttemptRecord) => a.results?.players[0]?.score ?? 0;
  const scores = attempts.map(scoreOf);
  const rankOf = ranks(scores);
  const closedAt = finishBy(meta.deadline);

  // Every player id inside an attempt's document becomes the attempt's id: unique across attempts.
  const idMap = (a: AttemptRecord) => {
    const ids = new Set((a.results?.players ?? []).map((p) => p.id));
    return (id: string) => (ids.has(id) ? a.id : id);
  };

  const questions = new Map<string, QuestionResult & { answers: QuestionResult['answers'][number][]; distribution: number[] }>();
  const scenarios = new Map<string, ScenarioResult & { teams: ScenarioResult['teams'][number][] }>();
  attempts.forEach((a, team) => {
    const r = a.results;
    if (!r) return;
    const rename = idMap(a);
    if (a.attempt === 1) {
      for (const q of r.questions) {
        const key = `${q.round}:${q.index}`;
        let m = questions.get(key);
        if (!m) {
          m = { ...q, distribution: new Array<number>(q.distribution.length).fill(0), answered: 0, eligible: 0, skipped: true, answers: [] };
          questions.set(key, m);
        }
        q.distribution.forEach((n, i) => (m.distribution[i] = (m.distribution[i] ?? 0) + n));
        (m as { answered: number }).answered += q.answered;
        (m as { eligible: number }).eligible += q.eligible;
        (m as { skipped: boolean }).skipped &&= q.skipped;
        for (const ans of q.answers) m.answers.push({ ...ans, playerId: rename(ans.playerId) });
      }
    }
    for (const s of r.scenarios) {
      // Rounds group by where they ended: a replay of the debrief needs each team's own end tick.
      const key = `${s.round}:${s.endedAtTick ?? ''}`;
      let m = scenarios.get(key);
      if (!m) {
        m = { ...s, teams: [] };
        scenarios.set(key, m);
      }
      for (const t of s.teams) m.teams.push({ ...t, team, log: t.log.map((l) => (isTeacherFault(l) ? l : { ...l, playerId: rename(l.playerId) })) });
    }
  });

  const mergedScenarios = [...scenarios.values()]
    .sort((x, y) => x.round - y.round || (x.endedAtTick ?? Infinity) - (y.endedAtTick ?? Infinity))
    .map((s) => {
      const r = ranks(s.teams.map((t) => t.points));
      return { ...s, teams: s.teams.map((t, i) => ({ ...t, rankBefore: r[i] ?? 1, rankAfter: r[i] ?? 1 })) };
    });

  const rows: AttemptRow[] = attempts.map((a, team) => {
    const r = a.results;
    const over = a.status === 'playing' && now >= closedAt;
    return {
      id: a.id,
      name: a.name,
      attempt: a.attempt,
      status: over ? 'unfinished' : a.status,
      startedAt: a.startedAt,
      finishedAt: a.finishedAt,
      score: scores[team] ?? 0,
      rank: rankOf[team] ?? 1,
      answered: r ? r.questions.filter((q) => q.answers.length > 0).length : 0,
      reached: r ? r.questions.length : 0,
      scenarios: r ? r.scenarios.filter((s) => s.teams.length > 0).length : 0,
      counted: a.attempt === 1,
      team,
    };
  });

  const setup = meta.setup;
  return {
    version: RESULTS_VERSION,
    code: meta.id,
    lang: setup.lang,
    planTitle: pick(setup.plan.title, setup.lang),
    phase: now >= closedAt || (attempts.length > 0 && attempts.every((a) => a.status !== 'playing')) ? 'podium' : 'lobby',
    teamCount: attempts.length,
    teams: attempts.map((_, team) => ({ team, score: scores[team] ?? 0, rank: rankOf[team] ?? 1, members: 1 })),
    players: attempts.map((a, team) => ({ id: a.id, name: label(a), team, score: scores[team] ?? 0, rank: rankOf[team] ?? 1 })),
    questions: [...questions.values()].sort((x, y) => x.round - y.round || x.index - y.index).map((q, seq) => ({ ...q, seq })),
    scenarios: mergedScenarios,
    teamNames: attempts.map(label),
    homework: {
      id: meta.id,
      sourceGame: meta.sourceGame,
      deadline: meta.deadline,
      finishBy: closedAt,
      createdAt: meta.createdAt,
      speedScoring: setup.speedScoring,
      questionCount: setup.questions.reduce((n, q) => n + q.length, 0),
      attempts: rows,
    },
  };
}
