// The team's controls taking effect: an accepted action is charged and either acts at once
// (scale, restart, autoscale, failover, ack) or waits its delay in run.pending (configuration
// propagating, a replica being built). A reaction relevant to an open incident detects it.
import { ACTIONS, actionCost, validateAction } from './actions.ts';
import * as K from './constants.ts';
import type { Emit } from './events.ts';
import { nextFloat } from './rng.ts';
import { endFault } from './timeline.ts';
import type { ActionType, EventType, Instance, SimAction, SimRun } from './types.ts';

const APP = K.APP;
const CACHE = K.CACHE;
const DB = K.DB;
const DT = K.TICK_SECONDS;
const EDGE = K.EDGE;
const ROLLBACK_SEC = 20;
const AUTOSCALE_MIN = K.AUTOSCALE.minTotal;

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

/** Validates and applies one action of the team (a refused one becomes an action-refused event). */
export function applyAction(run: SimRun, action: SimAction, t: number, emit: Emit): void {
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
      // with autoscaling on, a manual scale sets its floor (as raising an HPA's minReplicas does)
      if (run.autoscaleOn) run.autoscaleMin = run.desired[0] + run.desired[1];
      effectiveAt = t + Math.round(APP.bootSec / DT);
      break;
    case 'autoscale':
      run.autoscaleOn = action.on;
      if (action.target !== undefined) run.autoscaleTarget = action.target;
      // taking over: the count wanted now counts as a recommendation, so no scale-in before the stabilization window
      run.autoscaleHistory.length = 0;
      run.autoscaleMin = AUTOSCALE_MIN;
      if (action.on) run.autoscaleHistory.push(t, run.desired[0] * (run.drained[0] ? 0 : 1) + run.desired[1] * (run.drained[1] ? 0 : 1));
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
      // a healthy primary is switched over (planned: brief, it rejoins as a replica); a failed one
      // is replaced by promoting a replica, or, without one, by restoring the latest backup
      const has = run.replicas.some((r) => r.up && !run.zoneDown[r.zone] && r.readyAt <= t);
      run.failoverPlanned = primaryHealthy(run);
      const sec = run.failoverPlanned ? DB.switchoverSec : has ? DB.promoteSec : DB.restoreSec;
      run.failoverUntil = t + Math.round(sec / DT);
      effectiveAt = run.failoverUntil;
      break;
    }
    case 'ack': {
      for (const al of run.alerts) {
        if (al.ackedAt >= 0 || (action.alert === undefined ? al.resolvedAt >= 0 : al.id !== action.alert)) continue;
        al.ackedAt = t;
        for (const inc of run.incidents) {
          if (inc.recoveredAt >= 0 || inc.startedAt > al.firedAt) continue;
          if (inc.acknowledgedAt < 0) inc.acknowledgedAt = t;
          if (inc.detectedAt < 0) {
            inc.detectedAt = t;
            emit({ type: 'incident-detected', tick: t, incident: inc.id, by: 'ack' });
          }
        }
      }
      break;
    }
    default: {
      const delay = Math.round(ACTIONS[action.type].delaySec / DT);
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

/** The primary runs and its zone is up: a failover now is a planned switchover. */
export function primaryHealthy(run: SimRun): boolean {
  return run.primaryUp && !run.zoneDown[run.primaryZone];
}

/** Actions whose delay is over take effect. */
export function applyPending(run: SimRun, t: number, emit: Emit): void {
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
        // a blocking rule is written against the abusive traffic seen now (its addresses, its signature)
        run.blockOn = a.on;
        run.blockSignatureRps = a.on ? run.botRps : 0;
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
          if (inc.acknowledgedAt < 0) inc.acknowledgedAt = t;
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

