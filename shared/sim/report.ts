// Reading a run: the compact per-tick summary for screens, the end-of-run report, and
// replay (a run rebuilt from its card, seed and action log, for the debrief and "what if").
//
// What screens get (SimSummary; the room mirrors it into OpsSummaryState):
// - availability: the round's total so far; availabilityRecent: over the last
//   DISPLAY.recentWindowSec simulated seconds, so a team that recovered turns green again.
// - lives: 0..LIVES_MAX error-budget lives (LIVES.spentMarks: the budget, then the overdraft).
// - incident: the current incident as the team's monitoring sees it, a catalog key
//   (ops.incident.*) with parameters, or null (signal.ts).
// - ticks everywhere (incidents' startedAt, alerts' firedAt, the feed): screens turn them into
//   "12 s ago" with the live rate (ticksPerSecond), never into a simulated wall clock.
import { CLIENT, HISTOGRAM, SCORE, TICK_SECONDS } from './constants.ts';
import { createRun, stepRun } from './engine.ts';
import { incidentSignal, livesFor, recentAvailability, type IncidentSignal } from './signal.ts';
import type { ActionLogEntry, ComponentId, Health, RunOptions, RunReport, ScenarioCard, SimAction, SimRun, TickMetrics } from './types.ts';
import { COMPONENTS } from './types.ts';

/** The last tick's metrics (the run's own object: copy it to keep it). */
export function currentMetrics(run: SimRun): TickMetrics {
  return run.metrics;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r4 = (x: number) => Math.round(x * 10000) / 10000;

/** What a screen needs each tick: small, plain numbers (rounded), no nested state. */
export interface SimSummary {
  tick: number;
  simSec: number;
  /** Per component: health and smoothed utilization (0..1). */
  components: Record<ComponentId, { health: Health; util: number }>;
  throughput: number;
  goodput: number;
  errorRate: number;
  p50: number;
  p95: number;
  p99: number;
  /** Share of answered requests served, since the start of the round. */
  availability: number;
  /** The same over the last DISPLAY.recentWindowSec simulated seconds. */
  availabilityRecent: number;
  budgetRemaining: number;
  /** Error-budget lives left, 0..LIVES_MAX. */
  lives: number;
  burnRate: number;
  spend: number;
  credits: number;
  cacheHitRatio: number;
  /** The current incident as monitoring shows it (catalog key + parameters), or null. */
  incident: IncidentSignal | null;
  instances: { a: number; b: number; booting: number };
  /** Failure reasons this tick, requests. */
  failedBy: TickMetrics['failedBy'];
  shed: number;
  incidents: { id: number; startedAt: number; detected: boolean; recovered: boolean }[];
  alerts: { id: number; severity: 'page' | 'ticket'; firedAt: number; acked: boolean }[];
}

export function summarize(run: SimRun): SimSummary {
  const m = run.metrics;
  const components = {} as SimSummary['components'];
  for (const c of COMPONENTS) components[c] = { health: m.health[c], util: r2(m.utilization[c]) };
  let a = 0, b = 0, booting = 0;
  for (const i of run.instances) {
    if (i.state === 'up') i.zone === 0 ? a++ : b++;
    else if (i.state === 'booting' || i.state === 'restarting') booting++;
  }
  const fb = m.failedBy;
  return {
    tick: run.tick,
    simSec: run.tick * TICK_SECONDS,
    components,
    throughput: Math.round(m.throughput),
    goodput: Math.round(m.goodput),
    errorRate: r4(m.errorRate),
    p50: Math.round(m.p50),
    p95: Math.round(m.p95),
    p99: Math.round(m.p99),
    availability: r4(m.availability),
    availabilityRecent: r4(recentAvailability(run)),
    budgetRemaining: r3(m.budgetRemaining),
    lives: livesFor(budgetSpent(run)),
    burnRate: r2(m.burnRate),
    spend: r2(m.spend),
    credits: m.credits,
    cacheHitRatio: r2(m.cacheHitRatio),
    incident: incidentSignal(run),
    instances: { a, b, booting },
    failedBy: {
      edge: Math.round(fb.edge), noHealthy: Math.round(fb.noHealthy), overflow: Math.round(fb.overflow), timeout: Math.round(fb.timeout),
      error: Math.round(fb.error), database: Math.round(fb.database), dependency: Math.round(fb.dependency), circuitOpen: Math.round(fb.circuitOpen),
    },
    shed: Math.round(m.shed),
    incidents: run.incidents.filter((i) => i.recoveredAt < 0).map((i) => ({ id: i.id, startedAt: i.startedAt, detected: i.detectedAt >= 0, recovered: false })),
    alerts: run.alerts.filter((al) => al.resolvedAt < 0).map((al) => ({ id: al.id, severity: al.severity, firedAt: al.firedAt, acked: al.ackedAt >= 0 })),
  };
}

/** Share of the round's error budget spent so far (1 = all of it; above 1 = overdrawn). */
export function budgetSpent(run: SimRun): number {
  const budget = (1 - run.sloAvailability) * run.expectedFresh;
  return budget > 0 ? run.totals.bad / budget : 0;
}

/** Quantile of the run's latency histogram (geometric interpolation inside a bucket), ms. */
function histQuantile(hist: readonly number[], q: number): number {
  let total = 0;
  for (const v of hist) total += v;
  if (total <= 0) return 0;
  const logMin = Math.log(HISTOGRAM.minMs);
  const step = (Math.log(HISTOGRAM.maxMs) - logMin) / HISTOGRAM.buckets;
  let acc = 0;
  for (let k = 0; k < hist.length; k++) {
    const v = hist[k]!;
    if (acc + v >= q * total && v > 0) {
      if (k >= HISTOGRAM.buckets) return CLIENT.timeoutMs;
      const f = (q * total - acc) / v;
      return Math.exp(logMin + (k + f) * step);
    }
    acc += v;
  }
  return HISTOGRAM.maxMs;
}

/** Nines of a good share: −log10(bad share), bad share floored at 1e-6. */
const nines = (good: number): number => -Math.log10(Math.max(1e-6, 1 - good));

/** What users got, 0..1: a good answer counts whole, a slow one (served, over the latency SLO) SCORE.slowAnswer. */
export function gotShare(goodShare: number, servedShare: number): number {
  return goodShare + SCORE.slowAnswer * Math.max(0, servedShare - goodShare);
}

/**
 * The score (SCORE in constants.ts): reliability in nines of what users got (a good answer counts
 * whole, a slow one half: the user got the page, late), up to the SLO's nines + 1; the share of the
 * error budget left; the bill against the starting setup's, per doubling (savings count only as far
 * as the error budget was kept); fast detection (an alert acknowledged, a diagnostic).
 */
export function scoreOf(run: SimRun, goodShare: number, servedShare: number, budgetLeft: number, detectPts: number): { reliability: number; budget: number; spend: number; detection: number } {
  const top = nines(run.sloAvailability) + 1;
  const got = gotShare(goodShare, servedShare);
  const reliability = SCORE.reliability * Math.min(1, nines(got) / top);
  const baseline = run.baselineSpendPerSec * run.tick * TICK_SECONDS;
  const doublings = baseline > 0 && run.spend > 0 ? Math.log2(run.spend / baseline) : 0;
  // Each doubling of the bill costs SCORE.spend, in full once users get the SLO's nines and in
  // proportion to the nines they got below that: money separates responses that protect users
  // about equally, and never ranks a team that served far more users (at a price) below one that
  // let them fail for free. Saving money counts only as far as the error budget was kept: a cheap
  // outage earns nothing.
  const spendWeight = Math.min(1, nines(got) / nines(run.sloAvailability));
  const spend = doublings === 0 ? 0 : -SCORE.spend * doublings * (doublings > 0 ? spendWeight : budgetLeft);
  return { reliability, budget: SCORE.budget * budgetLeft, spend, detection: detectPts };
}

/** The end-of-run (or so-far) report. Times are simulated seconds. */
export function runReport(run: SimRun): RunReport {
  const tot = run.totals;
  const usersAnswered = tot.usersServed + tot.usersLost + tot.usersShed;
  const availability = usersAnswered > 0 ? tot.usersServed / usersAnswered : 1;
  const goodShare = usersAnswered > 0 ? Math.min(1, tot.usersGood / usersAnswered) : 1;
  const ticks = run.tick;
  let detectPts = 0;
  const incidents = run.incidents.map((inc) => {
    const ttd = inc.detectedAt >= 0 ? (inc.detectedAt - inc.startedAt) * TICK_SECONDS : null;
    const ttr = inc.recoveredAt >= 0 ? (inc.recoveredAt - inc.startedAt) * TICK_SECONDS : null;
    // the bonus goes to detection proper (an acknowledged alert, a diagnostic), not to any action that happened to follow
    if (inc.acknowledgedAt >= 0) detectPts += SCORE.detect * Math.max(0, 1 - ((inc.acknowledgedAt - inc.startedAt) * TICK_SECONDS) / SCORE.detectAfterSec);
    return {
      id: inc.id, cause: inc.cause, component: inc.component, startedAt: inc.startedAt * TICK_SECONDS,
      detectedAt: inc.detectedAt >= 0 ? inc.detectedAt * TICK_SECONDS : null,
      recoveredAt: inc.recoveredAt >= 0 ? inc.recoveredAt * TICK_SECONDS : null,
      timeToDetect: ttd, timeToRecover: ttr,
    };
  });
  const budgetLeft = Math.max(0, 1 - budgetSpent(run));
  const parts = scoreOf(run, goodShare, availability, budgetLeft, detectPts);
  const arrived = Math.round(tot.arrived), served = Math.round(tot.served), failed = Math.round(tot.failed), shed = Math.round(tot.shed);
  return {
    scenario: run.card.id,
    seed: run.seed,
    ticks,
    simSeconds: ticks * TICK_SECONDS,
    availability: r4(availability * 100) / 100,
    p50LatencyMs: Math.round(histQuantile(run.histogram, 0.5)),
    p95LatencyMs: Math.round(histQuantile(run.histogram, 0.95)),
    p99LatencyMs: Math.round(histQuantile(run.histogram, 0.99)),
    cost: r2(run.spend),
    score: Math.round(parts.reliability + parts.budget + parts.spend + parts.detection),
    scoreParts: { reliability: Math.round(parts.reliability), budget: Math.round(parts.budget), spend: Math.round(parts.spend), detection: Math.round(parts.detection) },
    goodShare: r4(goodShare),
    sloMet: goodShare >= run.sloAvailability,
    errorBudgetRemaining: r3(budgetLeft),
    // rounded to whole requests; queued absorbs the rounding so the identity stays exact
    requests: { arrived, served, failed, shed, queued: arrived - served - failed - shed, fresh: Math.round(tot.fresh), retries: Math.round(tot.retries), good: Math.round(tot.good) },
    users: { fresh: Math.round(tot.legitFresh), served: Math.round(tot.usersServed), lost: Math.round(tot.usersLost), refused: Math.round(tot.usersShed), good: Math.round(tot.usersGood) },
    creditsSpent: run.creditsSpent,
    creditsLeft: run.credits,
    actions: { applied: tot.actionsApplied, refused: tot.actionsRefused },
    alertsFired: run.alerts.length,
    incidents,
  };
}

/** Steps a run to its end, feeding each logged action at its tick; actions are taken in log order. */
export function playToEnd(run: SimRun, log: readonly ActionLogEntry[] = []): SimRun {
  const sorted = [...log].sort((x, y) => x.tick - y.tick);
  let k = 0;
  const batch: SimAction[] = [];
  while (run.tick < run.durationTicks) {
    batch.length = 0;
    while (k < sorted.length && sorted[k]!.tick <= run.tick) batch.push(sorted[k++]!.action);
    stepRun(run, batch);
  }
  return run;
}

/** Rebuilds a run from its inputs and returns its report: same inputs, same bytes. */
export function replay(card: ScenarioCard, seed: number, actionLog: readonly ActionLogEntry[], options: RunOptions = {}): RunReport {
  return runReport(playToEnd(createRun(card, seed, options), actionLog));
}
