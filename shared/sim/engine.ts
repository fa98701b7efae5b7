// The simulation step: one tick (TICK_SECONDS of service time) of aggregate request flows
// through edge → load balancer → instances → cache/database/payments, with faults from the
// card's timeline and the team's actions. Pure and deterministic: all randomness comes from
// the sfc32 state inside the run. stepRun MUTATES the run in place (one allocation-light pass);
// the run stays plain JSON data, so JSON.parse(JSON.stringify(run)) continues identically.
import * as K from './constants.ts';
// read once into module locals: a hot loop then reads plain objects, not live import bindings
const ALERTS = K.ALERTS;
const APP = K.APP;
const AUTOSCALE = K.AUTOSCALE;
const BREAKER = K.BREAKER;
const CACHE = K.CACHE;
const CLIENT = K.CLIENT;
const COST = K.COST;
const DB = K.DB;
const DEFAULTS = K.DEFAULTS;
const DISPLAY = K.DISPLAY;
const EDGE = K.EDGE;
const HEALTH_CHECK = K.HEALTH_CHECK;
const HISTOGRAM = K.HISTOGRAM;
const PAYMENTS = K.PAYMENTS;
const TICK_SECONDS = K.TICK_SECONDS;
import { actionCost, validateAction } from './actions.ts';
import { erlangC } from './queueing.ts';
import { nextFloat, nextNormal, seedRng } from './rng.ts';
import type {
  ActionType, EventType, Incident, IncidentComponent, Instance, RunOptions, ScenarioCard, ScenarioEvent, SimAction, SimEvent, SimRun,
  StepResult, TickMetrics,
} from './types.ts';

const DT = TICK_SECONDS;
/** AR(1) coefficient of the traffic noise per tick: bursts last a few seconds. */
const NOISE_PHI = 0.9;
/** Static files cost this share of a dynamic request's CPU at the origin. */
const STATIC_COST = 0.5;
/** Smoothing of downstream latency fed back into instance service time (share of the new value per tick). */
const DOWNSTREAM_BLEND = 0.5;
const RING = ALERTS.ticket.longSec; // the longest window
/** Window lengths for rolling sums: page short/long, ticket short/long, health. */
const WINDOWS = [ALERTS.page.shortSec, ALERTS.page.longSec, ALERTS.ticket.shortSec, ALERTS.ticket.longSec, DISPLAY.healthWindowSec] as const;
const W_PAGE_SHORT = 0, W_PAGE_LONG = 1, W_TICKET_SHORT = 2, W_TICKET_LONG = 3, W_HEALTH = 4;
const CACHE_WARM_STEP = 1 - Math.exp(-DT / CACHE.warmTauSec);
const CDN_WARM_STEP = 1 - Math.exp(-DT / EDGE.cdnWarmTauSec);
const UTIL_STEP = 1 - Math.exp(-DT / DISPLAY.utilSmoothingSec);
const AUTOSCALE_STEP = 1 - Math.exp(-DT / AUTOSCALE.smoothingSec);
const HIST_LOG_MIN = Math.log(HISTOGRAM.minMs);
const HIST_STEP = (Math.log(HISTOGRAM.maxMs) - HIST_LOG_MIN) / HISTOGRAM.buckets;
const ROLLBACK_SEC = 20;
const RC_ZONE = ['a', 'b'] as const;
const C_EDGE = 0, C_LB = 1, C_ZA = 2, C_ZB = 3, C_CACHE = 4, C_DB = 5, C_PAY = 6;

/** Which actions count as a reaction to which fault, for time to detect. */
const RELEVANT: Readonly<Record<EventType, readonly ActionType[]>> = {
  'instance-crash': ['restart', 'scale', 'autoscale', 'drain', 'lb-policy'],
  'zone-outage': ['scale', 'drain', 'autoscale', 'failover', 'add-replica'],
  'traffic-spike': ['scale', 'autoscale', 'cdn', 'rate-limit', 'warm-cache', 'add-replica'],
  'bot-flood': ['block-abuse', 'rate-limit', 'scale', 'autoscale'],
  'memory-leak': ['restart', 'rollback', 'scale', 'lb-policy'],
  'bad-deploy': ['rollback'],
  'db-primary-failure': ['failover', 'add-replica', 'rate-limit'],
  'replication-lag': ['add-replica', 'rate-limit', 'failover', 'warm-cache'],
  dependency: ['circuit-breaker'],
  partition: ['drain', 'scale'],
  'cache-flush': ['warm-cache', 'add-replica', 'rate-limit'],
  'config-error': ['rollback'],
};

const EMPTY: readonly SimEvent[] = Object.freeze([]);
const NO_ACTIONS: readonly SimAction[] = Object.freeze([]);

function newMetrics(): TickMetrics {
  const byComponent = <T>(v: T) => ({ edge: v, lb: v, zoneA: v, zoneB: v, cache: v, db: v, payments: v });
  return {
    tick: 0, arrived: 0, fresh: 0, retries: 0, served: 0, good: 0, failed: 0, shed: 0, queued: 0,
    failedBy: { edge: 0, noHealthy: 0, overflow: 0, timeout: 0, error: 0, database: 0, dependency: 0, circuitOpen: 0 },
    throughput: 0, goodput: 0, errorRate: 0, p50: 0, p95: 0, p99: 0, availability: 1, budgetRemaining: 1, burnRate: 0,
    spend: 0, credits: 0, utilization: byComponent(0), health: byComponent('ok' as const), cacheHitRatio: 0, instancesUp: 0,
  };
}

function spikeFactor(spikes: readonly number[], t: number): number {
  let f = 1;
  for (let i = 0; i < spikes.length; i += 4) {
    const start = spikes[i]!, ramp = spikes[i + 1]!, dur = spikes[i + 2]!, k = spikes[i + 3]!;
    const x = t - start;
    if (x < 0 || x >= 2 * ramp + dur) continue;
    const up = ramp > 0 ? Math.min(1, x / ramp, (2 * ramp + dur - x) / ramp) : 1;
    f *= 1 + (k - 1) * up;
  }
  return f;
}

function curveFactor(curve: ScenarioCard['traffic']['curve'], simSec: number): number {
  if (curve.length === 0) return 1;
  const first = curve[0]!;
  if (simSec <= first[0]) return first[1];
  for (let i = 1; i < curve.length; i++) {
    const b = curve[i]!;
    if (simSec <= b[0]) {
      const a = curve[i - 1]!;
      return a[1] + ((b[1] - a[1]) * (simSec - a[0])) / (b[0] - a[0] || 1);
    }
  }
  return curve[curve.length - 1]![1];
}

/** Spikes a card schedules, flattened as the run stores them. */
function cardSpikes(card: ScenarioCard): number[] {
  const out: number[] = [];
  for (const e of card.timeline) if (e.event.type === 'traffic-spike') out.push(Math.round(e.at / DT), e.event.rampSec, e.event.duration, e.event.factor);
  return out;
}

function newInstance(run: SimRun, zone: 0 | 1, state: 'up' | 'booting', t: number): Instance {
  return {
    id: run.nextInstanceId++, zone, state, readyAt: state === 'up' ? t : t + Math.round(APP.bootSec / DT), detectAt: -1, detected: false,
    queue: 0, mem: 0.1 + 0.25 * nextFloat(run.rng), util: 0,
  };
}

function infraPerSec(instances: number, replicas: number, cdn: boolean): number {
  return instances * COST.instancePerSec + COST.primaryPerSec + replicas * COST.replicaPerSec + (cdn ? COST.cdnPerSec : 0);
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
    cdnOn: s.cdn, cdnWarm: s.cdn ? 1 : 0, rateLimitRps: 0, tokens: 0, blockOn: false, lbPolicy: s.lbPolicy ?? 'round-robin',
    autoscaleOn: s.autoscale ?? false, autoscaleTarget: 0.6, breakerOn: false, drained: [false, false],
    desired: [s.zoneA, s.zoneB], selfHealing: s.selfHealing,
    instances: [], nextInstanceId: 1, autoscaleUtil: 0, autoscaleHistory: [],
    zoneDown: [false, false], partition: false, spikes, botRps: 0, leakPerSec: 0,
    deployBad: 0, deployTarget: 0, deployStep: 0, deployErrorRate: 0, deployLatencyFactor: 1, deployed: false, configError: '',
    depLatencyMs: PAYMENTS.baseMs, depErrorRate: 0,
    cacheHit: CACHE.maxHitRatio, primaryUp: true, primaryZone: 0, failoverUntil: -1,
    replicas: [], lagSec: 0, applyFactor: 1, dbReadMs: [0, 0], dbWriteMs: [0, 0], dbUtil: 0, payHoldMs: PAYMENTS.baseMs,
    breaker: 'closed', breakerUntil: -1, breakerCalls: new Array<number>(BREAKER.windowSec).fill(0), breakerErrors: new Array<number>(BREAKER.windowSec).fill(0),
    retryRing: Array.from({ length: maxRetries }, () => new Array<number>(CLIENT.retryRing).fill(0)),
    ringTotal: new Array<number>(RING).fill(0), ringBad: new Array<number>(RING).fill(0), ringFailed: new Array<number>(RING).fill(0), recent: [0, 0], windowSums: new Array<number>(WINDOWS.length * 2).fill(0),
    healthySince: 0, windowsAt: 0, alerts: [], nextAlertId: 1, incidents: [], pending: [],
    smoothedUtil: new Array<number>(7).fill(0), histogram: new Array<number>(HISTOGRAM.buckets + 1).fill(0),
    totals: { arrived: 0, fresh: 0, retries: 0, served: 0, good: 0, goodLegit: 0, failed: 0, shed: 0, bad: 0, actionsApplied: 0, actionsRefused: 0 },
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

// ---------------------------------------------------------------- step

/** Scratch buffers reused across steps (never part of the run; no state survives a step in them). */
const scratch = {
  inflow: new Float64Array(64), cap: new Float64Array(64), served: new Float64Array(64), base: new Float64Array(64),
  pw: new Float64Array(64), m: new Float64Array(64),
};

/** Events of the step in progress (steps are synchronous, so one sink serves every run). */
let sink: SimEvent[] | null = null;
const emitTo = (e: SimEvent): void => {
  (sink ??= []).push(e);
};
type Emit = (e: SimEvent) => void;

/**
 * Advances the run by one tick with the team's `actions` (validated here too; refused ones
 * become 'action-refused' events). Mutates `run`; returns the tick's metrics (the run's own
 * object, overwritten next tick) and events. A finished run returns without stepping.
 */
export function stepRun(run: SimRun, actions: readonly SimAction[] = NO_ACTIONS): StepResult {
  if (run.tick >= run.durationTicks) return { tick: run.tick, metrics: run.metrics, events: EMPTY };
  const t = run.tick;
  sink = null;
  const emit = emitTo;
  const m = run.metrics;
  const fb = m.failedBy;
  m.failed = 0;
  fb.edge = fb.noHealthy = fb.overflow = fb.timeout = fb.error = fb.database = fb.dependency = fb.circuitOpen = 0;

  runTimeline(run, t, emit);
  applyPending(run, t, emit);
  for (let i = 0; i < actions.length; i++) applyAction(run, actions[i]!, t, emit);
  lifecycle(run, t, emit);
  if (run.autoscaleOn && t % AUTOSCALE.periodSec === 0) autoscale(run, t);
  reconcile(run, t);
  flow(run, t);
  monitor(run, t, emit);
  run.tick = t + 1;
  m.tick = run.tick;
  const events = sink ?? EMPTY;
  sink = null;
  return { tick: run.tick, metrics: m, events };
}

function startIncident(run: SimRun, t: number, cause: EventType, component: IncidentComponent, endsAt: number, emit: Emit): Incident {
  const inc: Incident = { id: run.incidents.length + 1, cause, component, startedAt: t, detectedAt: -1, impactedAt: -1, recoveredAt: -1, faultEndedAt: -1, endsAt, diagnosed: false };
  run.incidents.push(inc);
  emit({ type: 'incident-started', tick: t, incident: inc.id, cause, component });
  return inc;
}

function endFault(run: SimRun, cause: EventType, t: number): void {
  for (const inc of run.incidents) if (inc.cause === cause && inc.faultEndedAt < 0) inc.faultEndedAt = t;
}

function crash(run: SimRun, inst: Instance, t: number, reason: 'crash' | 'oom' | 'zone', emit: Emit): void {
  run.metrics.failedBy.noHealthy += inst.queue; // connections reset
  run.metrics.failed += inst.queue;
  inst.queue = 0;
  inst.state = 'dead';
  inst.detected = false;
  inst.util = 0;
  // the next probe lands somewhere in the interval; then `threshold` probes must fail
  inst.detectAt = t + HEALTH_CHECK.intervalSec * HEALTH_CHECK.unhealthyThreshold - Math.floor(nextFloat(run.rng) * HEALTH_CHECK.intervalSec);
  emit({ type: 'instance-crashed', tick: t, instance: inst.id, zone: RC_ZONE[inst.zone], reason });
}

function runTimeline(run: SimRun, t: number, emit: Emit): void {
  const tl = run.card.timeline;
  for (let i = 0; i < tl.length; i++) {
    const entry = tl[i]!;
    const at = Math.round(entry.at / DT);
    if (entry.announce && at - Math.round(entry.announce / DT) === t) emit({ type: 'announcement', tick: t, cause: entry.event.type, at });
    if (at === t) startEvent(run, entry.event, t, emit);
  }
  // scheduled ends
  for (const inc of run.incidents) {
    if (inc.endsAt !== t || inc.faultEndedAt >= 0) continue;
    inc.faultEndedAt = t;
    endEvent(run, inc, t);
  }
}

function startEvent(run: SimRun, ev: ScenarioEvent, t: number, emit: Emit): void {
  const ends = (d: number | undefined): number => (d === undefined ? -1 : t + Math.round(d / DT));
  switch (ev.type) {
    case 'instance-crash': {
      const z = ev.zone === 'a' ? 0 : 1;
      const inc = startIncident(run, t, ev.type, z === 0 ? 'zoneA' : 'zoneB', -1, emit);
      inc.faultEndedAt = t;
      let n = ev.count ?? 1;
      const ups = run.instances.filter((i) => i.zone === z && i.state === 'up');
      while (n-- > 0 && ups.length > 0) {
        const k = Math.floor(nextFloat(run.rng) * ups.length);
        crash(run, ups[k]!, t, 'crash', emit);
        ups.splice(k, 1);
      }
      break;
    }
    case 'zone-outage': {
      const z = ev.zone === 'a' ? 0 : 1;
      startIncident(run, t, ev.type, z === 0 ? 'zoneA' : 'zoneB', ends(ev.duration), emit);
      run.zoneDown[z] = true;
      for (const inst of run.instances) if (inst.zone === z && (inst.state === 'up' || inst.state === 'draining' || inst.state === 'restarting')) crash(run, inst, t, 'zone', emit);
      for (const r of run.replicas) if (r.zone === z) r.up = false;
      if (run.primaryZone === z) run.primaryUp = false;
      run.cacheHit *= 0.5; // half the cache nodes are gone
      break;
    }
    case 'traffic-spike':
      startIncident(run, t, ev.type, 'edge', t + 2 * ev.rampSec + ev.duration, emit);
      break;
    case 'bot-flood':
      startIncident(run, t, ev.type, 'edge', ends(ev.duration), emit);
      run.botRps += ev.rps;
      break;
    case 'memory-leak':
      startIncident(run, t, ev.type, 'app', -1, emit);
      run.leakPerSec = ev.perSec;
      run.deployed = true;
      emit({ type: 'deploy', tick: t });
      break;
    case 'bad-deploy':
      startIncident(run, t, ev.type, 'app', -1, emit);
      run.deployed = true;
      run.deployTarget = 1;
      run.deployStep = 1 / Math.max(1, ev.rolloutSec);
      run.deployErrorRate = ev.errorRate;
      run.deployLatencyFactor = ev.latencyFactor;
      emit({ type: 'deploy', tick: t });
      break;
    case 'db-primary-failure':
      startIncident(run, t, ev.type, 'db', ends(ev.duration), emit);
      run.primaryUp = false;
      break;
    case 'replication-lag':
      startIncident(run, t, ev.type, 'db', ends(ev.duration), emit);
      run.applyFactor = ev.applyFactor;
      break;
    case 'dependency':
      startIncident(run, t, ev.type, 'payments', ends(ev.duration), emit);
      run.depLatencyMs = ev.latencyMs;
      run.depErrorRate = ev.errorRate;
      break;
    case 'partition':
      startIncident(run, t, ev.type, 'lb', ends(ev.duration), emit);
      run.partition = true;
      break;
    case 'cache-flush': {
      const inc = startIncident(run, t, ev.type, 'cache', -1, emit);
      inc.faultEndedAt = t;
      run.cacheHit = 0;
      break;
    }
    case 'config-error':
      startIncident(run, t, ev.type, ev.hop, -1, emit);
      run.configError = ev.hop;
      run.deployed = true;
      break;
    default: {
      const never: never = ev;
      return never;
    }
  }
}

function endEvent(run: SimRun, inc: Incident, t: number): void {
  const ev = run.card.timeline.find((e) => e.event.type === inc.cause && Math.round(e.at / DT) === inc.startedAt)?.event;
  switch (inc.cause) {
    case 'zone-outage': {
      const z = inc.component === 'zoneA' ? 0 : 1;
      run.zoneDown[z] = false;
      for (const r of run.replicas) if (r.zone === z) { r.up = true; r.readyAt = t; }
      if (run.primaryZone === z && !run.primaryUp && run.failoverUntil < 0) run.primaryUp = true;
      break;
    }
    case 'bot-flood':
      if (ev?.type === 'bot-flood') run.botRps = Math.max(0, run.botRps - ev.rps);
      break;
    case 'db-primary-failure':
      if (run.failoverUntil < 0) run.primaryUp = true;
      break;
    case 'replication-lag':
      run.applyFactor = 1;
      break;
    case 'dependency':
      run.depLatencyMs = PAYMENTS.baseMs;
      run.depErrorRate = 0;
      break;
    case 'partition':
      run.partition = false;
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------- actions

function applyAction(run: SimRun, action: SimAction, t: number, emit: Emit): void {
  const v = validateAction(run, action);
  if (!v.ok) {
    run.totals.actionsRefused++;
    const type = typeof action === 'object' && action !== null && typeof (action as { type?: unknown }).type === 'string' ? (action as { type: string }).type : String(action);
    emit({ type: 'action-refused', tick: t, action: type.slice(0, 40), code: v.code, reason: v.reason });
    return;
  }
  const cost = actionCost(run, action);
  run.credits -= cost;
  run.creditsSpent += cost;
  run.totals.actionsApplied++;
  let effectiveAt = t;
  switch (action.type) {
    case 'scale':
      run.desired[action.zone === 'a' ? 0 : 1] = action.count;
      effectiveAt = t + Math.round(APP.bootSec / DT);
      break;
    case 'autoscale':
      run.autoscaleOn = action.on;
      if (action.target !== undefined) run.autoscaleTarget = action.target;
      run.autoscaleHistory.length = 0;
      break;
    case 'restart': {
      const z = action.zone === 'a' ? 0 : 1;
      let pick: Instance | undefined;
      for (const inst of run.instances) {
        if (inst.zone !== z || (inst.state !== 'up' && inst.state !== 'dead')) continue;
        if (action.instance !== undefined) {
          if (inst.id === action.instance) pick = inst;
          continue;
        }
        // the worst first: crashed, then the most memory, then the busiest
        const score = (i: Instance) => (i.state === 'dead' ? 10 : 0) + i.mem + i.util * 0.01;
        if (!pick || score(inst) > score(pick)) pick = inst;
      }
      if (pick) {
        run.metrics.failedBy.noHealthy += pick.queue;
        run.metrics.failed += pick.queue;
        pick.queue = 0;
        pick.state = 'restarting';
        pick.readyAt = t + Math.round(APP.restartSec / DT);
        pick.mem = 0.1 + 0.25 * nextFloat(run.rng);
        effectiveAt = pick.readyAt;
      }
      break;
    }
    case 'failover': {
      const has = run.replicas.some((r) => r.up && !run.zoneDown[r.zone] && r.readyAt <= t);
      run.failoverUntil = t + Math.round((has ? DB.promoteSec : DB.restoreSec) / DT);
      effectiveAt = run.failoverUntil;
      break;
    }
    case 'ack': {
      for (const al of run.alerts) {
        if (al.ackedAt >= 0 || (action.alert === undefined ? al.resolvedAt >= 0 : al.id !== action.alert)) continue;
        al.ackedAt = t;
        for (const inc of run.incidents) {
          if (inc.detectedAt < 0 && inc.recoveredAt < 0 && inc.startedAt <= al.firedAt) {
            inc.detectedAt = t;
            emit({ type: 'incident-detected', tick: t, incident: inc.id, by: 'ack' });
          }
        }
      }
      break;
    }
    default: {
      const delay = Math.round(ACTION_DELAY[action.type] / DT);
      effectiveAt = t + delay;
      run.pending.push({ dueAt: effectiveAt, action });
    }
  }
  emit({ type: 'action-applied', tick: t, action: action.type, cost, effectiveAt });
  if (action.type !== 'ack' && action.type !== 'diagnose') {
    for (const inc of run.incidents) {
      if (inc.detectedAt < 0 && inc.recoveredAt < 0 && RELEVANT[inc.cause].includes(action.type)) {
        inc.detectedAt = t;
        emit({ type: 'incident-detected', tick: t, incident: inc.id, by: 'action' });
      }
    }
  }
}

const ACTION_DELAY: Readonly<Record<ActionType, number>> = {
  cdn: 10, 'rate-limit': 5, 'block-abuse': 10, 'lb-policy': 5, scale: 0, restart: 0, autoscale: 0, rollback: 10, drain: 5,
  'warm-cache': 20, 'add-replica': DB.addReplicaSec, failover: DB.promoteSec, 'circuit-breaker': 5, ack: 0, diagnose: 10,
};

function applyPending(run: SimRun, t: number, emit: Emit): void {
  if (run.pending.length === 0) return;
  let keep = 0;
  for (let i = 0; i < run.pending.length; i++) {
    const p = run.pending[i]!;
    if (p.dueAt > t) {
      run.pending[keep++] = p;
      continue;
    }
    const a = p.action;
    switch (a.type) {
      case 'cdn':
        run.cdnOn = a.on;
        if (!a.on) run.cdnWarm = 0;
        break;
      case 'rate-limit':
        run.rateLimitRps = a.rps;
        run.tokens = a.rps * EDGE.rateLimitBurstSec;
        break;
      case 'block-abuse':
        run.blockOn = a.on;
        break;
      case 'lb-policy':
        run.lbPolicy = a.policy;
        break;
      case 'drain':
        run.drained[a.zone === 'a' ? 0 : 1] = a.on;
        break;
      case 'circuit-breaker':
        run.breakerOn = a.on;
        run.breaker = 'closed';
        run.breakerCalls.fill(0);
        run.breakerErrors.fill(0);
        break;
      case 'warm-cache':
        run.cacheHit = Math.max(run.cacheHit, CACHE.warmedShare * CACHE.maxHitRatio);
        break;
      case 'add-replica': {
        const nz = run.replicas.filter((r) => r.zone === 1).length <= run.replicas.filter((r) => r.zone === 0).length ? 1 : 0;
        const zone = (run.zoneDown[nz] ? 1 - nz : nz) as 0 | 1;
        run.replicas.push({ zone, up: true, readyAt: t });
        break;
      }
      case 'rollback':
        run.configError = '';
        endFault(run, 'config-error', t);
        if (run.leakPerSec > 0) {
          run.leakPerSec = 0;
          for (const inst of run.instances) inst.mem = Math.min(inst.mem, 0.35);
          endFault(run, 'memory-leak', t);
        }
        if (run.deployBad > 0 || run.deployTarget > 0) {
          run.deployTarget = 0;
          run.deployStep = 1 / ROLLBACK_SEC;
        }
        break;
      case 'diagnose': {
        const findings = [];
        for (const inc of run.incidents) {
          if (inc.recoveredAt >= 0 && inc.faultEndedAt >= 0) continue;
          findings.push({ incident: inc.id, cause: inc.cause, component: inc.component });
          inc.diagnosed = true;
          if (inc.detectedAt < 0) {
            inc.detectedAt = t;
            emit({ type: 'incident-detected', tick: t, incident: inc.id, by: 'diagnostic' });
          }
        }
        emit({ type: 'diagnostic', tick: t, findings });
        break;
      }
      default:
        break;
    }
    emit({ type: 'action-effective', tick: t, action: a.type });
  }
  run.pending.length = keep;
}

// ---------------------------------------------------------------- fleet, database and cache state

function lifecycle(run: SimRun, t: number, emit: Emit): void {
  const leak = run.leakPerSec * DT;
  for (let i = 0; i < run.instances.length; i++) {
    const inst = run.instances[i]!;
    switch (inst.state) {
      case 'booting':
      case 'restarting':
        if (t >= inst.readyAt) {
          if (run.zoneDown[inst.zone]) inst.readyAt = t + 1;
          else {
            inst.state = 'up';
            emit({ type: 'instance-ready', tick: t, instance: inst.id, zone: RC_ZONE[inst.zone] });
          }
        }
        break;
      case 'up':
        if (leak > 0) {
          inst.mem += leak;
          if (inst.mem >= 1) crash(run, inst, t, 'oom', emit);
        }
        break;
      case 'dead':
        if (!inst.detected && t >= inst.detectAt) {
          inst.detected = true;
          emit({ type: 'instance-removed', tick: t, instance: inst.id, zone: RC_ZONE[inst.zone], reason: 'health-check' });
          if (run.selfHealing) {
            run.instances.splice(i, 1);
            i--;
          }
        }
        break;
      case 'draining':
        if (inst.queue <= 1e-9) {
          run.instances.splice(i, 1);
          i--;
        }
        break;
    }
  }
  // deploy rollout / rollback
  if (run.deployBad !== run.deployTarget) {
    run.deployBad = run.deployTarget > run.deployBad ? Math.min(run.deployTarget, run.deployBad + run.deployStep) : Math.max(run.deployTarget, run.deployBad - run.deployStep);
    if (run.deployBad === 0 && run.deployTarget === 0) endFault(run, 'bad-deploy', t);
  }
  // database
  if (run.failoverUntil >= 0 && t >= run.failoverUntil) {
    let best = -1;
    for (let k = 0; k < run.replicas.length; k++) {
      const r = run.replicas[k]!;
      if (r.up && !run.zoneDown[r.zone] && r.readyAt <= t && (best < 0 || (r.zone !== run.primaryZone && run.replicas[best]!.zone === run.primaryZone))) best = k;
    }
    if (best >= 0) {
      run.primaryZone = run.replicas[best]!.zone;
      run.replicas.splice(best, 1);
    } else if (run.zoneDown[run.primaryZone]) run.primaryZone = (1 - run.primaryZone) as 0 | 1;
    run.primaryUp = true;
    run.failoverUntil = -1;
    run.lagSec = 0;
    endFault(run, 'db-primary-failure', t);
    emit({ type: 'action-effective', tick: t, action: 'failover' });
  }
  // caches warm up
  if (run.cacheHit < CACHE.maxHitRatio) run.cacheHit += (CACHE.maxHitRatio - run.cacheHit) * CACHE_WARM_STEP;
  if (run.cdnOn && run.cdnWarm < 1) run.cdnWarm += (1 - run.cdnWarm) * CDN_WARM_STEP;
}

/** Kubernetes-HPA-style: desired = ceil(current × utilization / target), with a scale-down stabilization window. */
function autoscale(run: SimRun, t: number): void {
  let current = 0;
  for (const inst of run.instances) if ((inst.state === 'up' || inst.state === 'booting') && !run.drained[inst.zone]) current++;
  const ratio = run.autoscaleUtil / run.autoscaleTarget;
  const zonesOpen = (run.drained[0] ? 0 : 1) + (run.drained[1] ? 0 : 1);
  if (zonesOpen === 0) return;
  const maxTotal = APP.maxPerZone * zonesOpen;
  let want = Math.abs(ratio - 1) <= AUTOSCALE.tolerance ? current : Math.ceil(Math.max(1, current) * ratio);
  want = Math.max(AUTOSCALE.minTotal, Math.min(maxTotal, want));
  const hist = run.autoscaleHistory;
  hist.push(t, want);
  while (hist.length > 0 && hist[0]! < t - AUTOSCALE.downStabilizationSec) hist.splice(0, 2);
  let stable = want;
  for (let i = 1; i < hist.length; i += 2) stable = Math.max(stable, hist[i]!);
  const total = run.desired[0] * (run.drained[0] ? 0 : 1) + run.desired[1] * (run.drained[1] ? 0 : 1);
  const target = want > total ? want : Math.min(total, stable);
  if (target === total) return;
  if (zonesOpen === 2) {
    run.desired[0] = Math.ceil(target / 2);
    run.desired[1] = Math.floor(target / 2);
  } else run.desired[run.drained[0] ? 1 : 0] = target;
}

/** The controller keeps each zone at its desired count: launches, or drains the surplus. */
function reconcile(run: SimRun, t: number): void {
  for (let z = 0 as 0 | 1; z < 2; z = (z + 1) as 0 | 1) {
    let count = 0;
    for (const inst of run.instances) if (inst.zone === z && inst.state !== 'draining') count++;
    const want = run.desired[z];
    while (count < want) {
      run.instances.push(newInstance(run, z, 'booting', t));
      count++;
    }
    if (count > want) {
      // shed the least useful first: booting, dead, restarting, then running (drained gracefully)
      for (const state of ['booting', 'dead', 'restarting', 'up'] as const) {
        for (let i = run.instances.length - 1; i >= 0 && count > want; i--) {
          const inst = run.instances[i]!;
          if (inst.zone !== z || inst.state !== state) continue;
          if (state === 'up') inst.state = 'draining';
          else {
            run.metrics.failed += inst.queue;
            run.metrics.failedBy.noHealthy += inst.queue;
            run.instances.splice(i, 1);
          }
          count--;
        }
      }
    }
    if (z === 1) break;
  }
}

// ---------------------------------------------------------------- the flow of requests

interface DbOutcome {
  readFail0: number; readFail1: number; writeFail0: number; writeFail1: number;
  readMs0: number; readMs1: number; writeMs0: number; writeMs1: number; util: number;
}
const dbOut: DbOutcome = { readFail0: 0, readFail1: 0, writeFail0: 0, writeFail1: 0, readMs0: 0, readMs1: 0, writeMs0: 0, writeMs1: 0, util: 0 };

/** One database node as M/M/c over its connection pool: [failShare, ms per unit of work incl. wait, utilization]. */
function node(load: number, units: number, out: number[]): void {
  const c = DB.connections;
  const svcMs = (c * 1000) / units;
  const rho = load / units;
  if (rho <= 0) {
    out[0] = 0; out[1] = svcMs; out[2] = 0;
    return;
  }
  if (rho >= 1) {
    out[0] = 1 - 1 / rho; out[1] = svcMs + DB.poolTimeoutMs; out[2] = 1;
    return;
  }
  const pw = erlangC(c, rho * c);
  const wqMs = (pw * 1000) / (units - load); // E[Wq] = C / (cμ − λ)
  out[0] = 0; out[1] = Math.min(svcMs + wqMs, svcMs + DB.poolTimeoutMs); out[2] = rho;
}
const nodeOut = [0, 0, 0];

/** One read pool (primary if reachable + replicas) serving reads rq and writes wu (in units). */
function pool(run: SimRun, t: number, rq: number, wu: number, withPrimary: boolean, replicaZone: number, res: number[]): void {
  // res: [readFail, writeFail, readMs, writeMs, util]
  let repUnits = 0;
  for (const r of run.replicas) {
    if (!r.up || run.zoneDown[r.zone] || r.readyAt > t || run.lagSec > DB.maxLagSec) continue;
    if (replicaZone >= 0 && r.zone !== replicaZone) continue;
    repUnits += DB.replicaUnitsPerSec;
  }
  let writeFail = 1, writeMs = 0, pFail = 1, pMs = 0, util = 0;
  let freeP = 0;
  const primaryOk = withPrimary && run.primaryUp && run.failoverUntil < 0 && !run.zoneDown[run.primaryZone];
  if (primaryOk) freeP = Math.max(0, DB.primaryUnitsPerSec - wu);
  const readCap = freeP + repUnits;
  const toPrimary = readCap > 0 ? (rq * freeP) / readCap : 0;
  if (primaryOk) {
    node(wu + toPrimary, DB.primaryUnitsPerSec, nodeOut);
    pFail = nodeOut[0]!; pMs = nodeOut[1]!; util = nodeOut[2]!;
    writeFail = pFail; writeMs = pMs * DB.writeUnits;
  }
  // an unreachable node: connections hang until the pool gives up, holding the app's worker
  let readFail = 1, readMs: number = DB.poolTimeoutMs;
  if (!primaryOk) writeMs = DB.poolTimeoutMs;
  if (readCap > 0) {
    const toRep = rq - toPrimary;
    let rFail = 0, rMs = 0;
    if (repUnits > 0) {
      node(toRep, repUnits, nodeOut);
      rFail = nodeOut[0]!; rMs = nodeOut[1]!; util = Math.max(util, nodeOut[2]!);
    }
    if (rq > 0) {
      const sp = toPrimary / rq;
      readFail = sp * pFail + (1 - sp) * rFail;
      readMs = sp * pMs + (1 - sp) * rMs;
    } else {
      readFail = 0;
      readMs = freeP > 0 ? (DB.connections * 1000) / DB.primaryUnitsPerSec : (DB.connections * 1000) / DB.replicaUnitsPerSec;
    }
  }
  res[0] = readFail; res[1] = writeFail; res[2] = readMs; res[3] = writeMs; res[4] = util;
}
const poolOut = [0, 0, 0, 0, 0];

function database(run: SimRun, t: number, rq0: number, rq1: number, wu0: number, wu1: number): DbOutcome {
  const o = dbOut;
  if (!run.partition) {
    pool(run, t, rq0 + rq1, wu0 + wu1, true, -1, poolOut);
    o.readFail0 = o.readFail1 = poolOut[0]!; o.writeFail0 = o.writeFail1 = poolOut[1]!;
    o.readMs0 = o.readMs1 = poolOut[2]!; o.writeMs0 = o.writeMs1 = poolOut[3]!; o.util = poolOut[4]!;
    return o;
  }
  const p = run.primaryZone;
  pool(run, t, p === 0 ? rq0 : rq1, p === 0 ? wu0 : wu1, true, p, poolOut);
  const a = [poolOut[0]!, poolOut[1]!, poolOut[2]!, poolOut[3]!, poolOut[4]!];
  pool(run, t, p === 0 ? rq1 : rq0, 0, false, 1 - p, poolOut);
  const b = [poolOut[0]!, 1, poolOut[2]!, DB.poolTimeoutMs, poolOut[4]!];
  const z0 = p === 0 ? a : b, z1 = p === 0 ? b : a;
  o.readFail0 = z0[0]!; o.writeFail0 = z0[1]!; o.readMs0 = z0[2]!; o.writeMs0 = z0[3]!;
  o.readFail1 = z1[0]!; o.writeFail1 = z1[1]!; o.readMs1 = z1[2]!; o.writeMs1 = z1[3]!;
  o.util = Math.max(a[4]!, b[4]!);
  return o;
}

function flow(run: SimRun, t: number): void {
  const m = run.metrics;
  const fb = m.failedBy;
  const tr = run.card.traffic;
  const ring = CLIENT.retryRing;
  const slot = t % ring;

  // --- offered load: the card's curve × spikes × AR(1) noise, plus bots, plus retries falling due
  run.noise = NOISE_PHI * run.noise + tr.noise * Math.sqrt(1 - NOISE_PHI * NOISE_PHI) * nextNormal(run.rng);
  const legitFresh = tr.baseRps * curveFactor(tr.curve, t * DT) * spikeFactor(run.spikes, t) * Math.max(0, 1 + run.noise) * DT;
  const bots = run.botRps * DT;
  const fresh = legitFresh + bots;
  let retries = 0;
  const R = run.maxRetries;
  const gens = scratch.pw; // reuse: arrivals per generation (0..R)
  gens[0] = fresh;
  for (let g = 1; g <= R; g++) {
    const r = run.retryRing[g - 1]!;
    gens[g] = r[slot]!;
    retries += r[slot]!;
    r[slot] = 0;
  }
  const arrived = fresh + retries;
  const legitShare = fresh > 0 ? legitFresh / fresh : 1;

  // m.failed / failedBy may already hold requests lost in crashes this tick
  let failed = m.failed;
  m.failed = 0;
  let shed = 0, served = 0, good = 0;

  // --- edge: bad hop, WAF block, CDN, rate limiter
  let admitted = 0, cdnServed = 0, originLegit = legitShare, staticShare = 0;
  if (run.configError === 'edge') {
    failed += arrived;
    fb.edge += arrived;
  } else {
    let legit = arrived * legitShare;
    let bot = arrived - legit;
    if (run.blockOn) {
      const bl = bot * EDGE.blockBotShare + legit * EDGE.blockFalsePositive;
      bot -= bot * EDGE.blockBotShare;
      legit -= legit * EDGE.blockFalsePositive;
      shed += bl;
    }
    // static assets come only with fresh page views; retries repeat failed origin calls
    const stat = Math.min(legit, legitFresh) * (1 - (run.blockOn ? EDGE.blockFalsePositive : 0)) * tr.staticShare;
    cdnServed = run.cdnOn ? stat * EDGE.cdnHitRatio * run.cdnWarm : 0;
    const toOrigin = legit + bot - cdnServed;
    admitted = toOrigin;
    if (run.rateLimitRps > 0) {
      run.tokens = Math.min(run.rateLimitRps * EDGE.rateLimitBurstSec, run.tokens + run.rateLimitRps * DT);
      admitted = Math.min(toOrigin, run.tokens);
      run.tokens -= admitted;
      shed += toOrigin - admitted;
    }
    originLegit = toOrigin > 0 ? (legit - cdnServed) / toOrigin : 1;
    staticShare = toOrigin > 0 ? (stat - cdnServed) / toOrigin : 0;
    served += cdnServed;
    good += cdnServed;
    if (run.configError === 'lb') {
      failed += admitted;
      fb.edge += admitted;
      admitted = 0;
    }
  }
  const dynShare = 1 - staticShare;

  // --- per-zone service time: app work (slowed by a bad release) + downstream calls (last tick's latencies)
  const h = run.cacheHit;
  const readShare = 1 - tr.writeShare;
  const latFactor = 1 + run.deployBad * (run.deployLatencyFactor - 1);
  const dynMs0 = APP.serviceMs * latFactor + readShare * (h * CACHE.hitMs + (1 - h) * DB.queriesPerRead * run.dbReadMs[0]) + tr.writeShare * run.dbWriteMs[0] + tr.paymentShare * run.payHoldMs;
  const dynMs1 = APP.serviceMs * latFactor + readShare * (h * CACHE.hitMs + (1 - h) * DB.queriesPerRead * run.dbReadMs[1]) + tr.writeShare * run.dbWriteMs[1] + tr.paymentShare * run.payHoldMs;
  const svc0 = staticShare * APP.serviceMs * STATIC_COST + dynShare * dynMs0;
  const svc1 = staticShare * APP.serviceMs * STATIC_COST + dynShare * dynMs1;

  // --- load balancer weights over what health checks believe is up
  const insts = run.instances;
  const n = insts.length;
  if (n > scratch.inflow.length) for (const k of Object.keys(scratch) as (keyof typeof scratch)[]) scratch[k] = new Float64Array(n * 2);
  const inflow = scratch.inflow, cap = scratch.cap;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    const inst = insts[i]!;
    const svc = inst.zone === 0 ? svc0 : svc1;
    const slow = inst.mem > APP.leakThrottleAt ? 1 - (APP.leakMaxSlowdown * (inst.mem - APP.leakThrottleAt)) / (1 - APP.leakThrottleAt) : 1;
    const c = ((APP.workers * 1000) / svc) * slow * DT;
    cap[i] = c;
    let w = 0;
    if (!run.drained[inst.zone]) {
      if (inst.state === 'up') w = run.lbPolicy === 'round-robin' ? 1 : c;
      // a dead instance still in rotation answers at once (connection refused): least-connections favours it
      else if (inst.state === 'dead' && !inst.detected) w = run.lbPolicy === 'round-robin' ? 1 : (APP.workers * 1000) / svc;
    }
    inflow[i] = w;
    wsum += w;
  }
  if (wsum <= 0 && admitted > 0) {
    failed += admitted;
    fb.noHealthy += admitted;
    admitted = 0;
  }

  // --- instances: fluid queue + M/M/c waiting
  const base = scratch.base, pwA = scratch.served, mA = scratch.m;
  const client = CLIENT.timeoutMs;
  let upCount = 0, qTotal = 0, demand = 0, capUp = 0;
  let dynDone0 = 0, dynDone1 = 0, statDone = 0;
  let zUtil0 = 0, zN0 = 0, zUtil1 = 0, zN1 = 0, deadInRot = 0, rotUp = 0;
  for (let i = 0; i < n; i++) {
    const inst = insts[i]!;
    const inn = wsum > 0 ? (admitted * inflow[i]!) / wsum : 0;
    inflow[i] = 0;
    base[i] = 0;
    if (inst.state === 'dead') {
      if (inn > 0) {
        failed += inn;
        fb.noHealthy += inn;
        deadInRot++;
      }
      continue;
    }
    if (inst.state !== 'up' && inst.state !== 'draining') continue;
    const c = cap[i]!;
    const q0 = inst.queue;
    const avail = q0 + inn;
    const out = Math.min(avail, c);
    let q = avail - out;
    const bound = c * run.queueMaxSec;
    if (q > bound) {
      failed += q - bound;
      fb.overflow += q - bound;
      q = bound;
    }
    inst.queue = q;
    qTotal += q;
    const rho = inn / c;
    // waiting: M/M/c below saturation (Erlang C), plus the backlog a fluid queue carries while overloaded
    const r = Math.min(rho, 0.99);
    const pw = erlangC(APP.workers, r * APP.workers);
    const mw = 1000 / (c * (1 - r)); // mean wait of those who wait = 1/(cμ − λ), ms
    const backlogMs = (((q0 + q) / 2) * 1000) / c;
    const b = EDGE.hopMs + (APP.workers * 1000 * DT) / c + backlogMs; // service time incl. leak slowdown
    // timed-out share: the client gave up although the server did the work (wasted work)
    const late = b >= client ? 1 : pw * Math.exp(-(client - b) / mw);
    const lateN = out * late;
    failed += lateN;
    fb.timeout += lateN;
    const done = out - lateN;
    base[i] = done;
    pwA[i] = pw;
    mA[i] = mw;
    inflow[i] = b; // reuse the buffer for base latency
    statDone += done * staticShare;
    const u = Math.min(1, out / c);
    inst.util += (u - inst.util) * UTIL_STEP;
    if (inst.zone === 0) {
      dynDone0 += done * dynShare;
      zUtil0 += inst.util; zN0++;
    } else {
      dynDone1 += done * dynShare;
      zUtil1 += inst.util; zN1++;
    }
    if (inst.state === 'up') {
      upCount++;
      if (!run.drained[inst.zone]) {
        rotUp++;
        demand += inn;
        capUp += c;
      }
    }
  }
  run.autoscaleUtil += ((capUp > 0 ? demand / capUp : run.autoscaleUtil) - run.autoscaleUtil) * AUTOSCALE_STEP;

  // --- downstream: bad release errors, cache → database, payments (with the breaker)
  const errRate = run.deployBad * run.deployErrorRate;
  const missQ = readShare * (1 - h) * DB.queriesPerRead;
  const db = database(run, t, dynDone0 * missQ, dynDone1 * missQ, dynDone0 * tr.writeShare * DB.writeUnits, dynDone1 * tr.writeShare * DB.writeUnits);
  run.dbReadMs[0] += (db.readMs0 - run.dbReadMs[0]) * DOWNSTREAM_BLEND;
  run.dbReadMs[1] += (db.readMs1 - run.dbReadMs[1]) * DOWNSTREAM_BLEND;
  run.dbWriteMs[0] += (db.writeMs0 - run.dbWriteMs[0]) * DOWNSTREAM_BLEND;
  run.dbWriteMs[1] += (db.writeMs1 - run.dbWriteMs[1]) * DOWNSTREAM_BLEND;
  run.dbUtil = db.util;
  const dbFail0 = readShare * (1 - h) * db.readFail0 + tr.writeShare * db.writeFail0;
  const dbFail1 = readShare * (1 - h) * db.readFail1 + tr.writeShare * db.writeFail1;
  const dynDone = dynDone0 + dynDone1;
  const appErr = dynDone * errRate;
  const dbFailN = (dynDone0 * dbFail0 + dynDone1 * dbFail1) * (1 - errRate);
  const survivors = dynDone - appErr - dbFailN;
  const writes = dynDone * tr.writeShare;
  if (run.replicas.length > 0) run.lagSec = Math.max(0, run.lagSec + (writes / (DB.replicaApplyWps * run.applyFactor * DT) - 1) * DT);
  else run.lagSec = 0;

  // payments
  const calls = survivors * tr.paymentShare;
  const depTimeout = run.depLatencyMs >= PAYMENTS.timeoutMs;
  const callFail = depTimeout ? 1 : run.depErrorRate;
  const callHold = depTimeout ? PAYMENTS.timeoutMs : run.depLatencyMs;
  let passShare = 1;
  if (run.breakerOn) {
    if (run.breaker === 'open' && t >= run.breakerUntil) run.breaker = 'half-open';
    passShare = run.breaker === 'closed' ? 1 : run.breaker === 'open' ? 0 : BREAKER.probeShare;
  }
  const passed = calls * passShare;
  const depFailN = passed * callFail;
  const openN = calls - passed;
  if (run.breakerOn) {
    const bs = t % BREAKER.windowSec;
    run.breakerCalls[bs] = passed;
    run.breakerErrors[bs] = depFailN;
    if (run.breaker === 'half-open') {
      if (passed > 0) {
        run.breaker = callFail < BREAKER.errorThreshold ? 'closed' : 'open';
        if (run.breaker === 'open') run.breakerUntil = t + BREAKER.openSec;
        else { run.breakerCalls.fill(0); run.breakerErrors.fill(0); }
      }
    } else if (run.breaker === 'closed') {
      let cs = 0, es = 0;
      for (let k = 0; k < BREAKER.windowSec; k++) { cs += run.breakerCalls[k]!; es += run.breakerErrors[k]!; }
      if (cs >= BREAKER.minCalls && es / cs >= BREAKER.errorThreshold) {
        run.breaker = 'open';
        run.breakerUntil = t + BREAKER.openSec;
      }
    }
  }
  run.payHoldMs += (passShare * callHold - run.payHoldMs) * DOWNSTREAM_BLEND;
  const originOk = survivors - depFailN - openN + statDone;
  failed += appErr + dbFailN + depFailN + openN;
  fb.error += appErr; fb.database += dbFailN; fb.dependency += depFailN; fb.circuitOpen += openN;
  served += originOk;

  // --- latency: CDN hits, and origin as (weighted) shift + exponential tail
  let W = 0, B = 0, P = 0, PM = 0;
  for (let i = 0; i < n; i++) {
    const w = base[i]!;
    if (w <= 0) continue;
    W += w; B += w * inflow[i]!; P += w * pwA[i]!; PM += w * pwA[i]! * mA[i]!;
  }
  let originGood = 0;
  const fe = served > 0 ? cdnServed / served : 0;
  if (W > 0) {
    B /= W;
    const Mw = P > 0 ? PM / P : 1;
    P /= W;
    // responses that made it are those within the client timeout: condition the tail on T ≤ timeout
    const inTime = B >= client ? 1 : 1 - P * Math.exp(-(client - B) / Mw);
    const x = run.sloLatencyMs - B;
    originGood = originOk * Math.min(1, (x <= 0 ? 0 : 1 - P * Math.exp(-x / Mw)) / inTime);
    m.p50 = pct(0.5, fe, B, P, Mw, inTime, client);
    m.p95 = pct(0.95, fe, B, P, Mw, inTime, client);
    m.p99 = pct(0.99, fe, B, P, Mw, inTime, client);
    histogram(run.histogram, cdnServed, originOk, B, P, Mw, inTime);
  } else {
    const e = cdnServed > 0 ? EDGE.cdnHitMs : 0;
    m.p50 = m.p95 = m.p99 = e;
    histogram(run.histogram, cdnServed, 0, 0, 0, 1, 1);
  }
  good += originGood;

  // --- clients retry failures with capped exponential backoff and full jitter (spread evenly here)
  if (failed > 0 && R > 0) {
    for (let g = 0; g < R; g++) {
      const share = arrived > 0 ? gens[g]! / arrived : g === 0 ? 1 : 0;
      const amount = failed * share;
      if (amount <= 0) continue;
      const span = Math.min(ring - 1, Math.round((CLIENT.backoffBaseSec * (1 << g)) / DT));
      const per = amount / span;
      const target = run.retryRing[g]!;
      for (let d = 1; d <= span; d++) target[(slot + d) % ring]! += per;
    }
  }

  // --- running cost
  let running = 0;
  for (let i = 0; i < n; i++) if (!(insts[i]!.state === 'dead' && insts[i]!.detected && !run.selfHealing)) running++;
  let reps = 0;
  for (const r of run.replicas) if (r.up) reps++;
  run.spend += (infraPerSec(running, reps, run.cdnOn) + (COST.originPer1k * admitted) / 1000) * DT;

  // --- totals and metrics
  const tot = run.totals;
  tot.arrived += arrived; tot.fresh += fresh; tot.retries += retries; tot.served += served; tot.good += good;
  tot.goodLegit += cdnServed + (good - cdnServed) * originLegit;
  tot.failed += failed; tot.shed += shed;
  m.arrived = arrived; m.fresh = fresh; m.retries = retries; m.served = served; m.good = good; m.failed = failed; m.shed = shed;
  m.queued = qTotal;
  m.throughput = served / DT; m.goodput = good / DT;
  m.errorRate = served + failed > 0 ? failed / (served + failed) : 0;
  m.availability = tot.served + tot.failed > 0 ? tot.served / (tot.served + tot.failed) : 1;
  m.spend = run.spend;
  m.credits = run.credits;
  m.cacheHitRatio = h;
  m.instancesUp = upCount;

  // --- component utilization (smoothed) and health
  const su = run.smoothedUtil;
  const edgeU = run.rateLimitRps > 0 ? Math.min(1, (admitted + shed) / (run.rateLimitRps * DT)) : 0;
  const lbU = rotUp + deadInRot > 0 ? deadInRot / (rotUp + deadInRot) : 0;
  const payU = run.breakerOn && run.breaker !== 'closed' ? 1 : Math.min(1, run.depLatencyMs / PAYMENTS.timeoutMs);
  su[C_EDGE]! += (edgeU - su[C_EDGE]!) * UTIL_STEP;
  su[C_LB]! += (lbU - su[C_LB]!) * UTIL_STEP;
  su[C_ZA]! += ((zN0 > 0 ? zUtil0 / zN0 : 0) - su[C_ZA]!) * UTIL_STEP;
  su[C_ZB]! += ((zN1 > 0 ? zUtil1 / zN1 : 0) - su[C_ZB]!) * UTIL_STEP;
  su[C_CACHE] = 1 - h / CACHE.maxHitRatio;
  su[C_DB]! += (db.util - su[C_DB]!) * UTIL_STEP;
  su[C_PAY]! += (payU - su[C_PAY]!) * UTIL_STEP;
  const U = m.utilization;
  U.edge = su[C_EDGE]!; U.lb = su[C_LB]!; U.zoneA = su[C_ZA]!; U.zoneB = su[C_ZB]!; U.cache = 1 - h / CACHE.maxHitRatio; U.db = su[C_DB]!; U.payments = su[C_PAY]!;
  const H = m.health;
  H.edge = run.configError === 'edge' ? 'down' : shed > 0.05 * arrived ? 'degraded' : 'ok';
  H.lb = run.configError === 'lb' || (rotUp === 0 && deadInRot === 0) || rotUp === 0 ? 'down' : deadInRot > 0 ? 'degraded' : 'ok';
  H.zoneA = zoneHealth(run, 0, zN0, U.zoneA);
  H.zoneB = zoneHealth(run, 1, zN1, U.zoneB);
  H.cache = h < 0.5 * CACHE.maxHitRatio ? 'degraded' : 'ok';
  const primaryOk = run.primaryUp && run.failoverUntil < 0 && !run.zoneDown[run.primaryZone];
  H.db = !primaryOk ? 'down' : U.db > DISPLAY.degradedUtil || run.lagSec > DB.maxLagSec || db.readFail0 > 0.01 || db.readFail1 > 0.01 || run.partition ? 'degraded' : 'ok';
  H.payments = (run.breakerOn && run.breaker === 'open') || callFail >= 0.5 ? 'down' : run.depLatencyMs > 2 * PAYMENTS.baseMs || callFail > 0.01 ? 'degraded' : 'ok';
}

function zoneHealth(run: SimRun, z: 0 | 1, upOrDraining: number, util: number): 'ok' | 'degraded' | 'down' {
  if (run.zoneDown[z] || upOrDraining === 0) return 'down';
  let notUp = 0;
  for (const inst of run.instances) if (inst.zone === z && inst.state !== 'up') notUp++;
  return util > DISPLAY.degradedUtil || notUp > 0 || run.drained[z] ? 'degraded' : 'ok';
}

/** The q-quantile of a tick's responses: a share fe answered by the CDN, the rest at B + Exp tail. */
function pct(q: number, fe: number, B: number, P: number, M: number, inTime: number, cap: number): number {
  if (q <= fe) return EDGE.cdnHitMs;
  const qo = ((q - fe) / (1 - fe)) * inTime;
  const tail = 1 - qo;
  const v = P > tail ? B + M * Math.log(P / tail) : B;
  return Math.min(v, cap);
}

function bucketOf(ms: number): number {
  if (ms <= HISTOGRAM.minMs) return 0;
  const k = Math.floor((Math.log(ms) - HIST_LOG_MIN) / HIST_STEP);
  return k >= HISTOGRAM.buckets ? HISTOGRAM.buckets : k;
}

/** Adds a tick's responses to the run's latency histogram (bucket k holds [e_k, e_k+1)). */
function histogram(hist: number[], cdn: number, origin: number, B: number, P: number, M: number, inTime: number): void {
  if (cdn > 0) hist[bucketOf(EDGE.cdnHitMs)]! += cdn;
  if (origin <= 0) return;
  // origin: a share (1 − P) answered at B without waiting, the rest B + Exp(M)
  let k = bucketOf(B);
  let prev = 1 - P;
  const scale = origin / inTime;
  let placed = Math.min(origin, scale * prev);
  hist[k]! += placed;
  while (k < HISTOGRAM.buckets && placed < origin) {
    const edge = Math.exp(HIST_LOG_MIN + (k + 1) * HIST_STEP);
    const cdf = edge <= B ? prev : 1 - P * Math.exp(-(edge - B) / M);
    const mass = Math.min(origin - placed, scale * (cdf - prev));
    hist[k]! += mass;
    placed += mass;
    prev = cdf;
    k++;
    if (1 - cdf < 1e-4) break;
  }
  hist[Math.min(k, HISTOGRAM.buckets)]! += origin - placed;
}

// ---------------------------------------------------------------- monitoring: SLO windows, alerts, incidents

function monitor(run: SimRun, t: number, emit: Emit): void {
  const m = run.metrics;
  const total = m.served + m.failed;
  const bad = m.failed + (m.served - m.good);
  run.totals.bad += bad;
  const slot = t % RING;
  const sums = run.windowSums;
  for (let w = 0; w < WINDOWS.length; w++) {
    const len = WINDOWS[w]!;
    if (t >= len) {
      const old = (t - len) % RING;
      sums[2 * w]! -= run.ringTotal[old]!;
      sums[2 * w + 1]! -= run.ringBad[old]!;
    }
  }
  // recent availability (served share of what was answered), for the screens
  const rw = DISPLAY.recentWindowSec;
  if (t >= rw) {
    const old = (t - rw) % RING;
    run.recent[0] -= run.ringTotal[old]!;
    run.recent[1] -= run.ringFailed[old]!;
  }
  run.recent[0] += total;
  run.recent[1] += m.failed;
  run.ringTotal[slot] = total;
  run.ringBad[slot] = bad;
  run.ringFailed[slot] = m.failed;
  for (let w = 0; w < WINDOWS.length; w++) {
    sums[2 * w]! += total;
    sums[2 * w + 1]! += bad;
  }
  run.windowsAt = t + 1;
  const budgetRate = 1 - run.sloAvailability;
  const burn = burnOf;
  burnSums = sums;
  burnBudget = budgetRate;
  m.burnRate = burn(W_PAGE_LONG);
  m.budgetRemaining = Math.max(0, 1 - run.totals.bad / (budgetRate * run.expectedFresh));

  // alerts: fire when both windows burn above the threshold; resolve when the short one drops below
  alertRule(run, t, 'page', burn(W_PAGE_LONG) >= ALERTS.page.burn && burn(W_PAGE_SHORT) >= ALERTS.page.burn, burn(W_PAGE_SHORT) < ALERTS.page.burn, emit);
  alertRule(run, t, 'ticket', burn(W_TICKET_LONG) >= ALERTS.ticket.burn && burn(W_TICKET_SHORT) >= ALERTS.ticket.burn, burn(W_TICKET_SHORT) < ALERTS.ticket.burn, emit);

  // incidents: impact and recovery read the health window
  const healthy = burn(W_HEALTH) <= DISPLAY.healthyBurn;
  if (healthy) {
    if (run.healthySince < 0) run.healthySince = t;
  } else run.healthySince = -1;
  const streak = run.healthySince >= 0 ? t - run.healthySince + 1 : 0;
  for (const inc of run.incidents) {
    if (inc.recoveredAt >= 0) continue;
    if (!healthy && inc.impactedAt < 0) inc.impactedAt = t;
    if (streak < DISPLAY.recoveredAfterSec) continue;
    let at = -1;
    if (inc.impactedAt >= 0 && run.healthySince > inc.impactedAt) at = run.healthySince;
    else if (inc.impactedAt < 0 && inc.faultEndedAt >= 0 && t - inc.faultEndedAt >= DISPLAY.recoveredAfterSec) at = Math.max(inc.faultEndedAt, run.healthySince);
    if (at >= 0) {
      inc.recoveredAt = at;
      emit({ type: 'incident-recovered', tick: t, incident: inc.id });
    }
  }
}

let burnSums: number[] = [];
let burnBudget = 1;
/** Burn rate over window w of the sums set by monitor(): bad share / (1 − SLO). */
function burnOf(w: number): number {
  const tot = burnSums[2 * w]!;
  return tot > 1e-9 ? burnSums[2 * w + 1]! / tot / burnBudget : 0;
}

function alertRule(run: SimRun, t: number, severity: 'page' | 'ticket', fire: boolean, clear: boolean, emit: Emit): void {
  let firing: number = -1;
  for (let i = 0; i < run.alerts.length; i++) if (run.alerts[i]!.severity === severity && run.alerts[i]!.resolvedAt < 0) firing = i;
  if (firing < 0 && fire) {
    const id = run.nextAlertId++;
    run.alerts.push({ id, severity, firedAt: t, ackedAt: -1, resolvedAt: -1 });
    emit({ type: 'alert-fired', tick: t, alert: id, severity });
  } else if (firing >= 0 && clear) {
    const al = run.alerts[firing]!;
    al.resolvedAt = t;
    emit({ type: 'alert-resolved', tick: t, alert: al.id });
  }
}
