// The fleet of instances: boot, restart, memory leak and OOM kills, health-check detection of
// dead instances, a release rolling out or back; the autoscaler (Kubernetes HPA); and the
// controller that keeps each zone at its wanted count (ReplicaSet / auto scaling group).
import * as K from './constants.ts';
import type { Emit } from './events.ts';
import { nextFloat } from './rng.ts';
import { endFault } from './timeline.ts';
import type { Instance, SimRun } from './types.ts';

const APP = K.APP;
const AUTOSCALE = K.AUTOSCALE;
const DT = K.TICK_SECONDS;
const HEALTH_CHECK = K.HEALTH_CHECK;
const RC_ZONE = ['a', 'b'] as const;

export function newInstance(run: SimRun, zone: 0 | 1, state: 'up' | 'booting', t: number): Instance {
  return {
    id: run.nextInstanceId++, zone, state, readyAt: state === 'up' ? t : t + Math.round(APP.bootSec / DT), detectAt: -1, detected: false,
    queue: 0, mem: 0.1 + 0.25 * nextFloat(run.rng), util: 0,
  };
}

/** An instance dies: its queue is lost; health checks notice after `threshold` failed probes. */
export function crash(run: SimRun, inst: Instance, t: number, reason: 'crash' | 'oom' | 'zone', emit: Emit): void {
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

/** Instances boot, leak and die, get noticed by health checks; a release rolls out or back. */
export function fleetLifecycle(run: SimRun, t: number, emit: Emit): void {
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
}

/**
 * Kubernetes-HPA-style: desired = ceil(ready × utilization / target) — instances still booting
 * count as idle, so the autoscaler does not keep adding while they start (HPA's rule for unready
 * pods) — with a ±10 % tolerance and a scale-down stabilization window.
 */
export function autoscale(run: SimRun, t: number): void {
  if (run.autoscaleUtil < 0) return;
  let current = 0;
  for (const inst of run.instances) if (inst.state === 'up' && !run.drained[inst.zone]) current++;
  const ratio = run.autoscaleUtil / run.autoscaleTarget;
  const zonesOpen = (run.drained[0] ? 0 : 1) + (run.drained[1] ? 0 : 1);
  if (zonesOpen === 0) return;
  const maxTotal = APP.maxPerZone * zonesOpen;
  const total = run.desired[0] * (run.drained[0] ? 0 : 1) + run.desired[1] * (run.drained[1] ? 0 : 1);
  let want = Math.abs(ratio - 1) <= AUTOSCALE.tolerance ? total : Math.ceil(Math.max(1, current) * ratio);
  want = Math.max(run.autoscaleMin, Math.min(maxTotal, want));
  const hist = run.autoscaleHistory;
  hist.push(t, want);
  while (hist.length > 0 && hist[0]! < t - AUTOSCALE.downStabilizationSec) hist.splice(0, 2);
  let stable = want;
  for (let i = 1; i < hist.length; i += 2) stable = Math.max(stable, hist[i]!);
  const target = want > total ? want : Math.min(total, stable);
  if (target === total) return;
  if (zonesOpen === 2) {
    run.desired[0] = Math.ceil(target / 2);
    run.desired[1] = Math.floor(target / 2);
  } else run.desired[run.drained[0] ? 1 : 0] = target;
}

/** The controller keeps each zone at its desired count: launches, or drains the surplus. */
export function reconcile(run: SimRun, t: number): void {
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

