// A fresh run of a card: the whole state as plain JSON data (RNG inside), so a server can
// checkpoint it and JSON.parse(JSON.stringify(run)) continues identically.
import * as K from './constants.ts';
import { newInstance } from './fleet.ts';
import { seedRng } from './rng.ts';
import { infraPerSec } from './stages/cost.ts';
import { RING, WINDOWS } from './stages/monitoring.ts';
import { cardSpikes, curveFactor, spikeFactor } from './stages/traffic.ts';
import type { RunOptions, ScenarioCard, SimRun, TickMetrics } from './types.ts';

const BREAKER = K.BREAKER;
const CACHE = K.CACHE;
const CLIENT = K.CLIENT;
const COST = K.COST;
const DB = K.DB;
const DEFAULTS = K.DEFAULTS;
const DT = K.TICK_SECONDS;
const EDGE = K.EDGE;
const HISTOGRAM = K.HISTOGRAM;
const PAYMENTS = K.PAYMENTS;
const APP = K.APP;

export function newMetrics(): TickMetrics {
  const byComponent = <T>(v: T) => ({ edge: v, lb: v, zoneA: v, zoneB: v, cache: v, db: v, payments: v });
  return {
    tick: 0, arrived: 0, fresh: 0, retries: 0, served: 0, good: 0, failed: 0, shed: 0, queued: 0,
    usersServed: 0, usersLost: 0, usersShed: 0, usersGood: 0,
    failedBy: { edge: 0, noHealthy: 0, overflow: 0, timeout: 0, error: 0, database: 0, dependency: 0, circuitOpen: 0 },
    throughput: 0, goodput: 0, errorRate: 0, p50: 0, p95: 0, p99: 0, availability: 1, budgetRemaining: 1, burnRate: 0,
    spend: 0, credits: 0, utilization: byComponent(0), health: byComponent('ok' as const), cacheHitRatio: 0, instancesUp: 0,
  };
}

/** A fresh run of `card`. Same (card, seed, options) → the same run, byte for byte. */
export function createRun(card: ScenarioCard, seed: number, options: RunOptions = {}): SimRun {
  const durationTicks = Math.max(1, Math.floor(options.durationTicks ?? card.durationTicks));
  const s = card.setup;
  const maxRetries = Math.max(0, Math.min(4, s.maxRetries ?? DEFAULTS.maxRetries));
  const spikes = cardSpikes(card);
  let expectedFresh = 0;
  for (let t = 0; t < durationTicks; t++) expectedFresh += card.traffic.baseRps * curveFactor(card.traffic.curve, t * DT) * spikeFactor(spikes, t) * DT;
  const tr = card.traffic;
  const originShare = s.cdn ? 1 - tr.staticShare * EDGE.cdnHitRatio : 1;
  const run: SimRun = {
    v: 1, card, seed: seed >>> 0, tick: 0, durationTicks, rng: seedRng(seed), noise: 0,
    credits: Math.max(0, Math.floor(options.credits ?? DEFAULTS.credits)), creditsSpent: 0, spend: 0,
    baselineSpendPerSec: infraPerSec(s.zoneA + s.zoneB, s.replicas, s.cdn) + (COST.originPer1k * tr.baseRps * originShare) / 1000,
    expectedFresh,
    sloAvailability: s.sloAvailability ?? DEFAULTS.sloAvailability,
    sloLatencyMs: s.sloLatencyMs ?? DEFAULTS.sloLatencyMs,
    maxRetries,
    queueMaxSec: s.queueMaxSec ?? APP.queueMaxSec,
    cdnOn: s.cdn, cdnWarm: s.cdn ? 1 : 0, rateLimitRps: 0, tokens: 0, blockOn: false, blockSignatureRps: 0, lbPolicy: s.lbPolicy ?? 'round-robin',
    autoscaleOn: s.autoscale ?? false, autoscaleTarget: 0.6, autoscaleMin: K.AUTOSCALE.minTotal, breakerOn: false, drained: [false, false],
    desired: [s.zoneA, s.zoneB], selfHealing: s.selfHealing,
    instances: [], nextInstanceId: 1, autoscaleUtil: -1, autoscaleHistory: [],
    zoneDown: [false, false], partition: false, partitionSince: -1, spikes, botRps: 0, leakPerSec: 0,
    deployBad: 0, deployTarget: 0, deployStep: 0, deployErrorRate: 0, deployLatencyFactor: 1, deployed: false, configError: '', configErrorShare: 0,
    depLatencyMs: PAYMENTS.baseMs, depTargetMs: PAYMENTS.baseMs, depRampMs: 0, depErrorRate: 0,
    cacheHit: CACHE.maxHitRatio, primaryUp: true, primaryStalled: false, primaryZone: 0, failoverUntil: -1, failoverPlanned: false,
    replicas: [], lagSec: 0, applyFactor: 1, dbReadMs: [0, 0], dbWriteMs: [0, 0], dbUtil: 0, payHoldMs: PAYMENTS.baseMs,
    breaker: 'closed', breakerUntil: -1, breakerCalls: new Array<number>(BREAKER.windowSec).fill(0), breakerErrors: new Array<number>(BREAKER.windowSec).fill(0),
    retryRing: Array.from({ length: maxRetries }, () => new Array<number>(CLIENT.retryRing).fill(0)),
    ringTotal: new Array<number>(RING).fill(0), ringBad: new Array<number>(RING).fill(0), ringFailed: new Array<number>(RING).fill(0), recent: [0, 0], windowSums: new Array<number>(WINDOWS.length * 2).fill(0),
    healthySince: 0, windowsAt: 0, alerts: [], nextAlertId: 1, incidents: [], pending: [],
    smoothedUtil: new Array<number>(7).fill(0), histogram: new Array<number>(HISTOGRAM.buckets + 1).fill(0),
    totals: {
      arrived: 0, fresh: 0, retries: 0, served: 0, good: 0, failed: 0, shed: 0,
      legitFresh: 0, usersServed: 0, usersLost: 0, usersShed: 0, usersGood: 0, bad: 0, actionsApplied: 0, actionsRefused: 0,
    },
    metrics: newMetrics(),
  };
  for (let i = 0; i < s.zoneA; i++) run.instances.push(newInstance(run, 0, 'up', 0));
  for (let i = 0; i < s.zoneB; i++) run.instances.push(newInstance(run, 1, 'up', 0));
  for (let k = 0; k < s.replicas; k++) run.replicas.push({ zone: ((k + 1) % 2) as 0 | 1, up: true, readyAt: 0 });
  const queryMs = (DB.connections * 1000) / DB.primaryUnitsPerSec;
  run.dbReadMs = [queryMs, queryMs];
  run.dbWriteMs = [queryMs * DB.writeUnits, queryMs * DB.writeUnits];
  run.metrics.credits = run.credits;
  run.metrics.cacheHitRatio = run.cacheHit;
  return run;
}
