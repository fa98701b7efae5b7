// The card audit: every card on several seeds with doing nothing, the recommended response as
// written and played 10 and 20 real seconds late, the card's harmful script, and generic
// strategies a class might try instead of thinking (everything on at the start, a panic button,
// restarts only, maximum scale). It checks the rules that keep the score honest:
//   - the recommended response beats doing nothing by at least 10 % of its score, on every seed,
//     and so does it played 10 real seconds late; 20 s late it still beats nothing;
//   - no generic strategy reaches the recommended score (on any seed);
//   - the harmful script scores below doing nothing (on every seed);
//   - users first: a strategy that leaves at most half as many users without a good answer as
//     doing nothing (and at least 2 points of the users fewer) scores above doing nothing, whatever
//     it cost; money separates responses that protect users about equally, it never ranks letting
//     users fail for free above serving them at a price;
//   - the recommended response is humanly playable: no action in the first 10 real seconds of
//     the round, none earlier than 10 real seconds after the first symptom a phone shows;
//   - every scripted action (recommended and harmful) is one a phone can send (a scale to N
//     stands for the phone's taps of one instance each).
// A calm card (no timeline: a game day, where the teacher injects the faults live) has nothing
// to respond to, so it is held to being calm instead: doing nothing meets the SLO and shows no
// symptom, it recommends nothing, no generic strategy beats doing nothing, and its harmful
// script still scores below it.
// `npm run sim -- --audit [--json]` prints it; tests/shared/sim/audit.test.ts runs it.
import { phoneCannotSend } from './actions.ts';
import { LIVE_TICKS_PER_SECOND } from './constants.ts';
import { createRun, stepRun } from './engine.ts';
import { gotShare, playToEnd, runReport, summarize } from './report.ts';
import type { ActionLogEntry, RunReport, ScenarioCard, SimAction } from './types.ts';

export const AUDIT = {
  seeds: [1, 2, 3, 4, 5],
  /** Real seconds a class needs to see a symptom, talk and tap. */
  humanSec: 10,
  /** The recommended response played this many real seconds late, too. */
  lateSec: [10, 20],
  /** Margin by which the recommended response (and it played 10 s late) must beat doing nothing: share of its score. */
  margin: 0.1,
  /** The panic button is pressed this many simulated seconds (30 real s) after the first symptom. */
  panicAfterSec: 60,
  /** Users first: a strategy leaving at most this share of nothing's users without a good answer… */
  usersFirstShare: 0.5,
  /** …and at least this share of all users fewer, must score above nothing. */
  usersFirstMin: 0.02,
} as const;

export const STRATEGIES = ['nothing', 'recommended', 'late10', 'late20', 'harmful', 'everything', 'panic', 'restarts', 'maxScale'] as const;
export type Strategy = (typeof STRATEGIES)[number];
const GENERIC: readonly Strategy[] = ['everything', 'panic', 'restarts', 'maxScale'];

export interface AuditRow {
  card: string;
  /** Score per strategy, one per seed (AUDIT.seeds order). */
  scores: Record<Strategy, number[]>;
  /** Availability (0..1) per strategy, mean over the seeds. */
  availability: Record<Strategy, number>;
  /** Share of users without a good answer (a slow one counts half, as in the score), one per seed. */
  missed: Record<Strategy, number[]>;
  /** Tick of the first symptom a phone shows when nothing is done (-1: none). */
  firstSymptomTick: number;
  /** Rules the card breaks (empty when it passes). */
  problems: string[];
}

export interface AuditResult {
  ticksPerSecond: number;
  seeds: readonly number[];
  rows: AuditRow[];
  ok: boolean;
}

const act = (tick: number, action: SimAction): ActionLogEntry => ({ tick, action });

/** The tick of the first timeline event (the fault), or the announcement of an announced one. */
function firstFault(card: ScenarioCard): number {
  let at = Infinity;
  for (const e of card.timeline) at = Math.min(at, e.at);
  return Number.isFinite(at) ? at : 0;
}

/** First tick at which a phone shows a symptom (an incident, an alert, a component not healthy, errors, slowness) with nothing done. */
export function firstSymptom(card: ScenarioCard, seed: number): number {
  const run = createRun(card, seed);
  while (run.tick < run.durationTicks) {
    const { metrics } = stepRun(run);
    const s = summarize(run);
    const unhealthy = Object.values(s.components).some((c) => c.health !== 'ok');
    if (s.incident || s.alerts.length > 0 || unhealthy || metrics.errorRate >= 0.01 || metrics.p95 > run.sloLatencyMs) return run.tick;
  }
  return -1;
}

function shift(log: readonly ActionLogEntry[], ticks: number): ActionLogEntry[] {
  return log.map((e) => ({ tick: e.tick + ticks, action: e.action }));
}

/**
 * The action script of a strategy on a card, at the given live pace. Generic reactions (panic,
 * restarts) come after the first symptom a phone shows (`symptom`, by default found by playing
 * the card with nothing done on seed 1), as a class would press them.
 */
export function strategyLog(card: ScenarioCard, strategy: Strategy, tps = LIVE_TICKS_PER_SECOND, symptom = firstSymptom(card, 1)): ActionLogEntry[] {
  const fault = symptom >= 0 ? symptom : firstFault(card);
  const human = Math.round(AUDIT.humanSec * tps);
  switch (strategy) {
    case 'nothing':
      return [];
    case 'recommended':
      return [...card.recommended];
    case 'late10':
      return shift(card.recommended, Math.round(AUDIT.lateSec[0] * tps));
    case 'late20':
      return shift(card.recommended, Math.round(AUDIT.lateSec[1] * tps));
    case 'harmful':
      return [...card.harmful];
    case 'everything':
      // every protection switched on as soon as a class can tap, whatever the card
      return [
        act(human, { type: 'autoscale', on: true }),
        act(human, { type: 'circuit-breaker', on: true }),
        act(human, { type: 'block-abuse', on: true }),
        act(human, { type: 'cdn', on: true }),
        act(human, { type: 'add-replica' }),
        act(human, { type: 'warm-cache' }),
      ];
    case 'panic': {
      const t = fault + AUDIT.panicAfterSec;
      return [
        act(t, { type: 'rollback' }),
        act(t, { type: 'restart', zone: 'a' }),
        act(t, { type: 'restart', zone: 'b' }),
        act(t, { type: 'autoscale', on: true }),
        act(t, { type: 'circuit-breaker', on: true }),
        act(t, { type: 'warm-cache' }),
        act(t, { type: 'add-replica' }),
        act(t, { type: 'block-abuse', on: true }),
      ];
    }
    case 'restarts': {
      // restart the worst instance of each zone after the fault, three times, 30 real seconds apart
      const out: ActionLogEntry[] = [];
      for (let k = 0; k < 3; k++) {
        const t = fault + human + k * Math.round(30 * tps);
        out.push(act(t, { type: 'restart', zone: 'a' }), act(t, { type: 'restart', zone: 'b' }));
      }
      return out;
    }
    case 'maxScale':
      return [act(human, { type: 'scale', zone: 'a', count: 10 }), act(human, { type: 'scale', zone: 'b', count: 10 })];
    default: {
      const never: never = strategy;
      return never;
    }
  }
}

function play(card: ScenarioCard, seed: number, log: readonly ActionLogEntry[]): RunReport {
  return runReport(playToEnd(createRun(card, seed), log));
}

/** Audits one card: plays every strategy on every seed and lists the rules it breaks. */
export function auditCard(card: ScenarioCard, seeds: readonly number[] = AUDIT.seeds, tps = LIVE_TICKS_PER_SECOND): AuditRow {
  const scores = {} as Record<Strategy, number[]>;
  const availability = {} as Record<Strategy, number>;
  const missed = {} as Record<Strategy, number[]>;
  let calmSlo: boolean[] = [];
  const symptom = firstSymptom(card, seeds[0] ?? 1);
  for (const s of STRATEGIES) {
    const log = strategyLog(card, s, tps, symptom);
    const reports = seeds.map((seed) => play(card, seed, log));
    scores[s] = reports.map((r) => r.score);
    availability[s] = reports.reduce((sum, r) => sum + r.availability, 0) / reports.length;
    missed[s] = reports.map(missedShare);
    if (s === 'nothing') calmSlo = reports.map((r) => r.sloMet);
  }
  if (card.timeline.length === 0) {
    return { card: card.id, scores, availability, missed, firstSymptomTick: symptom, problems: [...calmProblems(card, seeds, scores, calmSlo, symptom), ...scriptProblems(card)] };
  }
  const problems: string[] = [];
  seeds.forEach((seed, i) => {
    const none = scores.nothing[i]!, rec = scores.recommended[i]!;
    const need = none + AUDIT.margin * Math.abs(rec);
    if (rec < need) problems.push(`seed ${seed}: recommended ${rec} does not beat nothing ${none} by ${AUDIT.margin * 100} % of its score`);
    if (scores.late10[i]! < need) problems.push(`seed ${seed}: recommended 10 s late ${scores.late10[i]} does not beat nothing ${none} by ${AUDIT.margin * 100} %`);
    if (scores.late20[i]! <= none) problems.push(`seed ${seed}: recommended 20 s late ${scores.late20[i]} does not beat nothing ${none}`);
    if (scores.harmful[i]! >= none) problems.push(`seed ${seed}: harmful ${scores.harmful[i]} is not below nothing ${none}`);
    for (const g of GENERIC) if (scores[g][i]! >= rec) problems.push(`seed ${seed}: ${g} ${scores[g][i]} reaches recommended ${rec}`);
  });
  problems.push(...usersFirstProblems(seeds, scores, missed), ...scriptProblems(card));
  const human = Math.round(AUDIT.humanSec * tps);
  const symptoms = seeds.map((seed) => firstSymptom(card, seed));
  for (const e of card.recommended) {
    // before the first symptom an action is preparation (the card tells why); after it, a reaction
    if (e.tick < human) problems.push(`recommended ${e.action.type} at tick ${e.tick}: within the first ${AUDIT.humanSec} real s of the round`);
    seeds.forEach((seed, i) => {
      const at = symptoms[i]!;
      if (at >= 0 && e.tick >= at && e.tick < at + human) problems.push(`seed ${seed}: recommended ${e.action.type} at tick ${e.tick}: earlier than ${AUDIT.humanSec} real s after the first symptom (tick ${at})`);
    });
  }
  return { card: card.id, scores, availability, missed, firstSymptomTick: symptom, problems };
}

/** Share of users without a good answer: lost or refused in full, a slow answer half, as the score counts them. */
export function missedShare(r: RunReport): number {
  return 1 - gotShare(r.goodShare, r.availability);
}

/** Users first (see the top of this file): no strategy that clearly served more users ranks below doing nothing. */
export function usersFirstProblems(seeds: readonly number[], scores: Record<Strategy, number[]>, missed: Record<Strategy, number[]>): string[] {
  const problems: string[] = [];
  seeds.forEach((seed, i) => {
    const none = missed.nothing[i]!;
    for (const s of STRATEGIES) {
      const m = missed[s][i]!;
      if (s === 'nothing' || m > none * AUDIT.usersFirstShare || none - m < AUDIT.usersFirstMin) continue;
      if (scores[s][i]! <= scores.nothing[i]!) problems.push(`seed ${seed}: ${s} leaves ${pct(m)} of users without a good answer (nothing: ${pct(none)}) but scores ${scores[s][i]}, not above nothing ${scores.nothing[i]}`);
    }
  });
  return problems;
}

/** Scripted actions a phone cannot send (a rate limit off its list, an autoscaling target it does not offer). */
function scriptProblems(card: ScenarioCard): string[] {
  const problems: string[] = [];
  for (const [name, log] of [['recommended', card.recommended], ['harmful', card.harmful]] as const) {
    for (const e of log) {
      const why = phoneCannotSend(e.action);
      if (why) problems.push(`${name} ${e.action.type} at tick ${e.tick}: ${why}`);
    }
  }
  return problems;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/** The rules of a calm card (see the top of this file). */
function calmProblems(card: ScenarioCard, seeds: readonly number[], scores: Record<Strategy, number[]>, sloMet: readonly boolean[], symptom: number): string[] {
  const problems: string[] = [];
  if (card.recommended.length > 0) problems.push('a calm card has nothing to respond to: it recommends no action');
  if (symptom >= 0) problems.push(`calm card: with nothing done a phone shows a symptom at tick ${symptom}`);
  seeds.forEach((seed, i) => {
    const none = scores.nothing[i]!;
    if (!sloMet[i]) problems.push(`seed ${seed}: calm card, and doing nothing misses the SLO`);
    if (scores.harmful[i]! >= none) problems.push(`seed ${seed}: harmful ${scores.harmful[i]} is not below nothing ${none}`);
    for (const g of GENERIC) if (scores[g][i]! > none) problems.push(`seed ${seed}: ${g} ${scores[g][i]} beats doing nothing ${none} on a calm card`);
  });
  return problems;
}

export function audit(cards: readonly ScenarioCard[], seeds: readonly number[] = AUDIT.seeds, tps = LIVE_TICKS_PER_SECOND): AuditResult {
  const rows = cards.map((c) => auditCard(c, seeds, tps));
  return { ticksPerSecond: tps, seeds, rows, ok: rows.every((r) => r.problems.length === 0) };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** The audit as a table people read: mean score per strategy (min–max over the seeds), then each card's problems. */
export function auditTable(result: AuditResult): string {
  const head = ['card', ...STRATEGIES];
  const lines: string[][] = [head];
  for (const r of result.rows) {
    lines.push([r.card, ...STRATEGIES.map((s) => String(Math.round(mean(r.scores[s]))))]);
    lines.push(['  availability %', ...STRATEGIES.map((s) => (r.availability[s] * 100).toFixed(1))]);
  }
  const widths = head.map((_, k) => Math.max(...lines.map((l) => l[k]!.length)));
  const out = lines.map((l) => l.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  '));
  out.push('', `mean score over seeds ${result.seeds.join(', ')}; live pace ${result.ticksPerSecond} ticks per real second`);
  for (const r of result.rows) for (const p of r.problems) out.push(`FAIL ${r.card}: ${p}`);
  out.push(result.ok ? 'every card keeps the rules' : `${result.rows.filter((r) => r.problems.length > 0).length} card(s) break a rule`);
  return out.join('\n');
}
