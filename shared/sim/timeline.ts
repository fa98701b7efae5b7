// The card's timeline: faults and load changes start (each opens an incident) and, when they
// have a duration, end; faults injected from outside the card (injectFault) run the same way.
// Also how an incident's fault is marked ended when the team fixed it.
import * as K from './constants.ts';
import type { Emit } from './events.ts';
import { crash } from './fleet.ts';
import type { EventType, Incident, IncidentComponent, ScenarioEvent, SimRun, TimelineEntry } from './types.ts';
import { curveFactor, spikeFactor } from './stages/traffic.ts';
import { nextFloat } from './rng.ts';

const DT = K.TICK_SECONDS;
const PAYMENTS = K.PAYMENTS;

export function startIncident(run: SimRun, t: number, cause: EventType, component: IncidentComponent, endsAt: number, emit: Emit): Incident {
  const inc: Incident = { id: run.incidents.length + 1, cause, component, startedAt: t, detectedAt: -1, impactedAt: -1, recoveredAt: -1, faultEndedAt: -1, endsAt, diagnosed: false, acknowledgedAt: -1 };
  run.incidents.push(inc);
  emit({ type: 'incident-started', tick: t, incident: inc.id, cause, component });
  return inc;
}

/** Marks the open incidents of `cause` as fixed at tick t. */
export function endFault(run: SimRun, cause: EventType, t: number): void {
  for (const inc of run.incidents) if (inc.cause === cause && inc.faultEndedAt < 0) inc.faultEndedAt = t;
}

/**
 * The one entry point for a fault from outside the card (a teacher's game day): `event` becomes a
 * timeline entry of this run at its current tick, so the next stepRun starts it exactly as it
 * starts a card's entry (an incident, the same effects, an end after its duration). Replays call
 * it at the same tick before the same step, so they stay byte-identical. A traffic spike also
 * joins the run's spikes and the expected user requests the error budget is measured against.
 */
export function injectFault(run: SimRun, event: ScenarioEvent): void {
  if (run.tick >= run.durationTicks) return;
  (run.injected ??= []).push({ at: run.tick * DT, event });
  if (event.type !== 'traffic-spike') return;
  const before = run.spikes.slice();
  run.spikes.push(run.tick, event.rampSec, event.duration, event.factor);
  const tr = run.card.traffic;
  for (let t = run.tick; t < run.durationTicks; t++) {
    run.expectedFresh += tr.baseRps * curveFactor(tr.curve, t * DT) * (spikeFactor(run.spikes, t) - spikeFactor(before, t)) * DT;
  }
}

/** Starts what the timeline schedules at tick t, announces planned ones, ends what has run its duration. */
export function runTimeline(run: SimRun, t: number, emit: Emit): void {
  const tl = run.card.timeline;
  for (let i = 0; i < tl.length; i++) {
    const entry = tl[i]!;
    const at = Math.round(entry.at / DT);
    if (entry.announce && at - Math.round(entry.announce / DT) === t) emit({ type: 'announcement', tick: t, cause: entry.event.type, at });
    if (at === t) startEvent(run, entry.event, t, emit);
  }
  const injected = run.injected;
  if (injected) for (let i = 0; i < injected.length; i++) if (Math.round(injected[i]!.at / DT) === t) startEvent(run, injected[i]!.event, t, emit);
  // faults that grow: a dependency degrading toward its target latency
  if (run.depRampMs !== 0) {
    run.depLatencyMs = run.depRampMs > 0 ? Math.min(run.depTargetMs, run.depLatencyMs + run.depRampMs) : Math.max(run.depTargetMs, run.depLatencyMs + run.depRampMs);
    if (run.depLatencyMs === run.depTargetMs) run.depRampMs = 0;
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
      run.primaryStalled = ev.stalled ?? false;
      break;
    case 'replication-lag':
      startIncident(run, t, ev.type, 'db', ends(ev.duration), emit);
      run.applyFactor = ev.applyFactor;
      break;
    case 'dependency':
      startIncident(run, t, ev.type, 'payments', ends(ev.duration), emit);
      run.depTargetMs = ev.latencyMs;
      run.depRampMs = ev.rampSec ? (ev.latencyMs - run.depLatencyMs) / Math.round(ev.rampSec / DT) : 0;
      if (run.depRampMs === 0) run.depLatencyMs = ev.latencyMs;
      run.depErrorRate = ev.errorRate;
      break;
    case 'partition':
      startIncident(run, t, ev.type, 'lb', ends(ev.duration), emit);
      run.partition = true;
      run.partitionSince = t;
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
      run.configErrorShare = Math.max(0, Math.min(1, ev.share ?? 1));
      run.deployed = true;
      break;
    default: {
      const never: never = ev;
      return never;
    }
  }
}

function endEvent(run: SimRun, inc: Incident, t: number): void {
  const started = (e: TimelineEntry) => e.event.type === inc.cause && Math.round(e.at / DT) === inc.startedAt;
  const ev = (run.card.timeline.find(started) ?? run.injected?.find(started))?.event;
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
      if (run.failoverUntil < 0) {
        run.primaryUp = true;
        run.primaryStalled = false;
      }
      break;
    case 'replication-lag':
      run.applyFactor = 1;
      break;
    case 'dependency':
      run.depLatencyMs = run.depTargetMs = PAYMENTS.baseMs;
      run.depRampMs = 0;
      run.depErrorRate = 0;
      break;
    case 'partition':
      run.partition = false;
      run.partitionSince = -1;
      break;
    default:
      break;
  }
}

