// What the service costs to run: instances, database nodes, the CDN, and traffic at the origin.
import * as K from '../constants.ts';
import type { SimRun } from '../types.ts';
import type { FlowTick } from './tick.ts';

const COST = K.COST;
const DT = K.TICK_SECONDS;

/** Infrastructure $ per simulated second. */
export function infraPerSec(instances: number, replicas: number, cdn: boolean): number {
  return instances * COST.instancePerSec + COST.primaryPerSec + replicas * COST.replicaPerSec + (cdn ? COST.cdnPerSec : 0);
}

/** Adds this tick's running cost to run.spend (a dead "pet" server that was noticed is not billed). */
export function chargeRunningCost(run: SimRun, f: FlowTick): void {
  const insts = run.instances;
  const n = insts.length;
  let running = 0;
  for (let i = 0; i < n; i++) if (!(insts[i]!.state === 'dead' && insts[i]!.detected && !run.selfHealing)) running++;
  let reps = 0;
  for (const r of run.replicas) if (r.up) reps++;
  run.spend += (infraPerSec(running, reps, run.cdnOn) + (COST.originPer1k * f.admitted) / 1000) * DT;
}
