// The debrief, as pure reads of a game's results document (shared/rules/results.ts): what each
// question's answers looked like, which topics the class missed, a post-mortem timeline per
// scenario team, which logged actions helped or hurt (each replayed away in turn, the rest of the
// log kept, the teacher's injected faults always), and a replayer that rebuilds a team's run tick by tick for side-by-side viewing.
// No clocks, no I/O: the results page runs all of it in the browser.
import type { Topic } from '../content/topics.ts';
import { TOPICS } from '../content/topics.ts';
import type { AnswerPayload } from '../protocol.ts';
import type { GameResults, QuestionResult, ScenarioResult, ScenarioTeamResultDoc } from './results.ts';
import { feedLog, isTeacherFault, replayTeam, type LogEntry, type LoggedAction, type Sample, type TeacherFault } from './scenario.ts';
import { DISPLAY } from '../sim/constants.ts';
import { createRun, DEFAULTS, getScenario, stepRun, summarize, TICK_SECONDS, type ScenarioCard, type SimAction, type SimRun, type SimSummary } from '../sim/index.ts';

export const DEBRIEF = {
  /** A topic whose class mastery (share of the credit available) is below this is a "missed concept". */
  missedBelow: 0.6,
  /** Logged actions replayed away per team (the rest are listed as not analysed). Each replay is one round (~2 400 ticks). */
  maxActionsReplayed: 30,
  /** Score points within which removing an action counts as making no difference (the score is rounded to whole points). */
  neutralPoints: 2,
  /** Credit at or above which an answer counts as right, and above zero as partly right. */
  rightCredit: 1,
} as const;

// ---------------------------------------------------------------- questions

export type Correctness = 'right' | 'partial' | 'wrong' | 'none';

/** How right one answer was: polls are never right or wrong ('none'). */
export function correctness(q: Pick<QuestionResult, 'type'>, credit: number): Correctness {
  if (q.type === 'poll') return 'none';
  if (credit >= DEBRIEF.rightCredit) return 'right';
  return credit > 0 ? 'partial' : 'wrong';
}

/** An answer in words, as the player gave it (option texts; ordering joined with " > "; numbers with the unit). */
export function answerInWords(q: Pick<QuestionResult, 'options' | 'numeric'>, answer: AnswerPayload): string {
  const opt = (i: number) => q.options[i] ?? `#${i + 1}`;
  switch (answer.kind) {
    case 'choice':
      return opt(answer.index);
    case 'multi':
      return [...answer.indices].sort((a, b) => a - b).map(opt).join(' + ');
    case 'order':
      return answer.order.map(opt).join(' > ');
    case 'numeric':
      return q.numeric?.unit ? `${answer.value} ${q.numeric.unit}` : String(answer.value);
    default: {
      const never: never = answer;
      return never;
    }
  }
}

/** The right answer in words ('' for polls). */
export function rightAnswerInWords(q: QuestionResult): string {
  switch (q.type) {
    case 'numeric':
      return q.numeric ? `${q.numeric.answer}${q.numeric.tolerance ? ` ± ${q.numeric.tolerance}` : ''}${q.numeric.unit ? ` ${q.numeric.unit}` : ''}` : '';
    case 'order':
      return q.correct.map((pos) => q.options[pos] ?? '?').join(' > ');
    case 'poll':
      return '';
    default:
      return q.correct.map((i) => q.options[i] ?? '?').join(' + ');
  }
}

export interface Bar {
  /** Option text; for ordering, the item's text (count = players who put it in its right place). */
  readonly label: string;
  /** Numeric questions: answers within tolerance, close (partial credit), or off. */
  readonly bucket: 'option' | 'exact' | 'close' | 'off';
  readonly count: number;
  /** This bar is (part of) the right answer. */
  readonly correct: boolean;
}

export interface QuestionSummary {
  readonly question: QuestionResult;
  readonly bars: readonly Bar[];
  /** Mean credit of the players who could answer (non-answers count 0); null for polls and skipped questions. */
  readonly mastery: number | null;
  readonly right: number;
  readonly partial: number;
}

export function summarizeQuestion(q: QuestionResult): QuestionSummary {
  let bars: Bar[];
  if (q.type === 'numeric') {
    const n = { exact: 0, close: 0, off: 0 };
    for (const a of q.answers) n[a.credit >= DEBRIEF.rightCredit ? 'exact' : a.credit > 0 ? 'close' : 'off']++;
    bars = (['exact', 'close', 'off'] as const).map((b) => ({ label: '', bucket: b, count: n[b], correct: b === 'exact' }));
  } else if (q.type === 'order') {
    // distribution[k]: players who put item k (k-th in the right order) in its right place
    bars = q.correct.map((pos, k) => ({ label: q.options[pos] ?? '', bucket: 'option' as const, count: q.distribution[k] ?? 0, correct: true }));
  } else {
    bars = q.options.map((label, i) => ({ label, bucket: 'option' as const, count: q.distribution[i] ?? 0, correct: q.correct.includes(i) }));
  }
  const scored = q.type !== 'poll' && !q.skipped;
  const credit = q.answers.reduce((s, a) => s + a.credit, 0);
  const denom = Math.max(q.eligible, q.answers.length);
  return {
    question: q,
    bars,
    mastery: scored && denom > 0 ? credit / denom : null,
    right: q.answers.filter((a) => correctness(q, a.credit) === 'right').length,
    partial: q.answers.filter((a) => correctness(q, a.credit) === 'partial').length,
  };
}

// ---------------------------------------------------------------- topics

export interface TopicMastery {
  readonly topic: Topic | null;
  /** Scored questions of this topic (polls and skipped questions left out). */
  readonly questions: number;
  /** Answers given, and answers the class could have given (players present at each question). */
  readonly answers: number;
  readonly possible: number;
  /** Sum of credit over the answers. */
  readonly credit: number;
  /** credit / possible, 0..1: a question nobody answered counts as missed. */
  readonly mastery: number;
  readonly missed: boolean;
}

/** Class mastery per topic, weakest first (ties in the talk's topic order), so missed concepts lead. */
export function topicMastery(results: Pick<GameResults, 'questions'>): TopicMastery[] {
  const by = new Map<Topic | null, { questions: number; answers: number; possible: number; credit: number }>();
  for (const q of results.questions) {
    if (q.type === 'poll' || q.skipped) continue;
    const acc = by.get(q.topic) ?? { questions: 0, answers: 0, possible: 0, credit: 0 };
    acc.questions++;
    acc.answers += q.answers.length;
    acc.possible += Math.max(q.eligible, q.answers.length);
    acc.credit += q.answers.reduce((s, a) => s + a.credit, 0);
    by.set(q.topic, acc);
  }
  const order = (t: Topic | null) => (t === null ? TOPICS.length : TOPICS.indexOf(t));
  return [...by.entries()]
    .map(([topic, a]) => {
      const mastery = a.possible > 0 ? a.credit / a.possible : 0;
      return { topic, ...a, mastery, missed: mastery < DEBRIEF.missedBelow };
    })
    .sort((x, y) => x.mastery - y.mastery || order(x.topic) - order(y.topic));
}

// ---------------------------------------------------------------- post-mortem timeline

export type TimelineKind = 'injected' | 'announcement' | 'incident' | 'symptom' | 'alert' | 'ack' | 'action' | 'refused' | 'diagnosis' | 'detected' | 'recovered';

export interface TimelineEntry {
  /** Simulated second (tick) it happened at. */
  readonly tick: number;
  readonly kind: TimelineKind;
  /** The incident it belongs to (incident, symptom, detected, recovered), else null. */
  readonly incident: number | null;
  /** Cause (incident, announcement), severity (alert), action type (action, ack, refused), how (detected), found causes (diagnosis). */
  readonly detail: string;
  /** Actions: who and what exactly. */
  readonly playerId?: string;
  readonly action?: SimAction;
  /** Symptom: which signal showed it first. */
  readonly signal?: 'errors' | 'latency' | 'budget';
  /** Injected: the teacher's fault (what, to whom, at what round time). */
  readonly fault?: TeacherFault;
}

export interface Slo {
  /** Share of requests that must be good, 0..1. */
  readonly availability: number;
  readonly latencyMs: number;
}

export function sloOf(card: ScenarioCard | undefined): Slo {
  return { availability: card?.setup.sloAvailability ?? DEFAULTS.sloAvailability, latencyMs: card?.setup.sloLatencyMs ?? DEFAULTS.sloLatencyMs };
}

/**
 * The first sample after `fromTick` (and up to `untilTick`) where users were hurt: the error rate
 * above what the SLO allows, p95 above the latency SLO, or the error budget burning faster than the
 * simulation calls healthy (DISPLAY.healthyBurn × the even pace that spends it over the round,
 * measured over the last DISPLAY.healthWindowSec). A sample at tick t describes the second ending at t.
 */
export function firstSymptom(history: readonly Sample[], slo: Slo, durationTicks: number, fromTick: number, untilTick = Number.POSITIVE_INFINITY): { tick: number; signal: 'errors' | 'latency' | 'budget' } | null {
  let j = 0;
  for (let i = 0; i < history.length; i++) {
    const s = history[i]!;
    if (s.tick <= fromTick) continue;
    if (s.tick > untilTick) break;
    if (s.errorRate > 1 - slo.availability) return { tick: s.tick, signal: 'errors' };
    if (s.p95 > slo.latencyMs) return { tick: s.tick, signal: 'latency' };
    while (j < i - 1 && history[j + 1]!.tick <= s.tick - DISPLAY.healthWindowSec) j++;
    const before = history[Math.min(j, i - 1)];
    if (before && before.tick < s.tick) {
      const burn = ((before.budget - s.budget) / (s.tick - before.tick)) * durationTicks;
      if (burn > DISPLAY.healthyBurn) return { tick: s.tick, signal: 'budget' };
    }
  }
  return null;
}

const KIND_ORDER: readonly TimelineKind[] = ['injected', 'announcement', 'incident', 'symptom', 'alert', 'ack', 'action', 'refused', 'diagnosis', 'detected', 'recovered'];

/**
 * Every step of a team's round in time order: the teacher's injected faults, incidents, first symptoms, alerts, acknowledgements,
 * actions, detection, recovery. Incident times come from the report (recovery = the start of the
 * healthy stretch that confirmed it). `history` defaults to the stored 10-tick samples; the
 * results page passes per-tick samples from a replay (replaySamples) so the first symptom is exact.
 */
export function postMortem(team: Pick<ScenarioTeamResultDoc, 'events' | 'log' | 'history' | 'report'>, slo: Slo, durationTicks: number, history: readonly Sample[] = team.history): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const refused = new Map<string, number>();
  const detectedBy = new Map<number, string>();
  for (const e of team.events) {
    switch (e.type) {
      case 'announcement':
        out.push({ tick: e.tick, kind: 'announcement', incident: null, detail: e.cause });
        break;
      case 'incident-detected':
        detectedBy.set(e.incident, e.by);
        break;
      case 'alert-fired':
        out.push({ tick: e.tick, kind: 'alert', incident: null, detail: e.severity });
        break;
      case 'diagnostic':
        out.push({ tick: e.tick, kind: 'diagnosis', incident: null, detail: e.findings.map((f) => f.cause).join(',') });
        break;
      case 'action-refused': {
        const key = `${e.tick}:${e.action}`;
        refused.set(key, (refused.get(key) ?? 0) + 1);
        break;
      }
      default:
        break;
    }
  }
  for (const inc of team.report.incidents) {
    const start = inc.startedAt / TICK_SECONDS;
    out.push({ tick: start, kind: 'incident', incident: inc.id, detail: inc.cause });
    const until = inc.recoveredAt === null ? undefined : inc.recoveredAt / TICK_SECONDS;
    const symptom = firstSymptom(history, slo, durationTicks, start, until);
    if (symptom) out.push({ tick: symptom.tick, kind: 'symptom', incident: inc.id, detail: symptom.signal, signal: symptom.signal });
    if (inc.detectedAt !== null) out.push({ tick: inc.detectedAt / TICK_SECONDS, kind: 'detected', incident: inc.id, detail: detectedBy.get(inc.id) ?? '' });
    if (inc.recoveredAt !== null) out.push({ tick: inc.recoveredAt / TICK_SECONDS, kind: 'recovered', incident: inc.id, detail: '' });
  }
  for (const a of team.log) {
    if (isTeacherFault(a)) {
      const inc = team.report.incidents.find((i) => i.startedAt / TICK_SECONDS === a.tick && i.cause === a.event.type);
      out.push({ tick: a.tick, kind: 'injected', incident: inc?.id ?? null, detail: a.fault, fault: a });
      continue;
    }
    const key = `${a.tick}:${a.action.type}`;
    const n = refused.get(key) ?? 0;
    if (n > 0) refused.set(key, n - 1);
    const kind: TimelineKind = n > 0 ? 'refused' : a.action.type === 'ack' ? 'ack' : 'action';
    out.push({ tick: a.tick, kind, incident: null, detail: a.action.type, playerId: a.playerId, action: a.action });
  }
  return out
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.tick - y.e.tick || KIND_ORDER.indexOf(x.e.kind) - KIND_ORDER.indexOf(y.e.kind) || x.i - y.i)
    .map((x) => x.e);
}

// ---------------------------------------------------------------- what helped, what hurt

export interface ReplayInput {
  readonly card: ScenarioCard;
  readonly seed: number;
  readonly credits: number;
  readonly durationTicks: number;
  /** Where the round stopped (endedAtTick; the duration if it ran out). */
  readonly endTick: number;
  /** The team's log: players' actions and the teacher's faults. */
  readonly log: readonly LogEntry[];
}

/** A team's replay inputs from the results document, or null when its card is unknown to this build. */
export function replayInputOf(s: ScenarioResult, team: Pick<ScenarioTeamResultDoc, 'credits' | 'log'>): ReplayInput | null {
  const card = getScenario(s.cardId);
  if (!card) return null;
  return { card, seed: s.seed, credits: team.credits, durationTicks: s.durationTicks, endTick: s.endedAtTick ?? s.durationTicks, log: team.log };
}

export interface ActionImpact {
  readonly index: number;
  readonly entry: LoggedAction;
  /** The team's score with every logged action but this one. */
  readonly scoreWithout: number;
  /** score − scoreWithout: > 0 the action helped, < 0 it hurt. */
  readonly delta: number;
  readonly verdict: 'helped' | 'hurt' | 'neutral';
}

/** Indices of the players' actions in a log (the teacher's faults are never replayed away). */
export function playerActionIndices(log: readonly LogEntry[]): number[] {
  const out: number[] = [];
  log.forEach((e, i) => {
    if (!isTeacherFault(e)) out.push(i);
  });
  return out;
}

export function baseScore(input: ReplayInput): number {
  return replayTeam(input.card, input.seed, input.credits, input.durationTicks, input.log, input.endTick).score;
}

/** Replays the round without log entry `index` (a player's action) and compares the score with `base` (the full log's). */
export function actionImpact(input: ReplayInput, base: number, index: number): ActionImpact {
  const entry = input.log[index];
  if (!entry || isTeacherFault(entry)) throw new Error(`log entry ${index} is not a player's action`);
  const without = input.log.filter((_, i) => i !== index);
  const scoreWithout = replayTeam(input.card, input.seed, input.credits, input.durationTicks, without, input.endTick).score;
  const delta = base - scoreWithout;
  const verdict = delta > DEBRIEF.neutralPoints ? 'helped' : delta < -DEBRIEF.neutralPoints ? 'hurt' : 'neutral';
  return { index, entry, scoreWithout, delta, verdict };
}

/** Every analysed action's impact (the first `max` players' actions of the log), plus how many were left out. */
export function actionImpacts(input: ReplayInput, max: number = DEBRIEF.maxActionsReplayed): { base: number; impacts: ActionImpact[]; notAnalysed: number } {
  const base = baseScore(input);
  const indices = playerActionIndices(input.log);
  const n = Math.min(max, indices.length);
  const impacts: ActionImpact[] = [];
  for (let i = 0; i < n; i++) impacts.push(actionImpact(input, base, indices[i]!));
  return { base, impacts, notAnalysed: indices.length - n };
}

// ---------------------------------------------------------------- replay, tick by tick

export interface Replayer {
  /** Current tick (0 = before the first step). */
  readonly tick: () => number;
  readonly endTick: number;
  /** Moves to `tick` (clamped to the round): forward by stepping, backward by replaying from the start. */
  seek(tick: number): SimSummary;
  summary(): SimSummary;
  /** The run itself (read only: its state at the current tick). */
  run(): SimRun;
}

/** A team's run rebuilt from its log, steppable and rewindable, for side-by-side viewing. */
export function createReplayer(input: ReplayInput): Replayer {
  const endTick = Math.min(input.endTick, input.durationTicks);
  let run = createRun(input.card, input.seed, { credits: input.credits, durationTicks: input.durationTicks });
  let k = 0;
  const batch: SimAction[] = [];
  const reset = () => {
    run = createRun(input.card, input.seed, { credits: input.credits, durationTicks: input.durationTicks });
    k = 0;
  };
  return {
    tick: () => run.tick,
    endTick,
    seek(target) {
      const to = Math.max(0, Math.min(endTick, Math.round(target)));
      if (to < run.tick) reset();
      while (run.tick < to) {
        k = feedLog(run, input.log, k, batch);
        stepRun(run, batch);
      }
      return summarize(run);
    },
    summary: () => summarize(run),
    run: () => run,
  };
}

/** The team's curves at every `every` ticks, from a replay (the stored history has one sample per 10 ticks). */
export function replaySamples(input: ReplayInput, every = 1): Sample[] {
  const r = createReplayer(input);
  const out: Sample[] = [];
  for (let t = every; t <= r.endTick; t += every) {
    r.seek(t);
    const m = r.run().metrics;
    out.push({ tick: t, p95: Math.round(m.p95), errorRate: m.errorRate, budget: m.budgetRemaining, availability: m.availability, throughput: Math.round(m.throughput) });
  }
  return out;
}
