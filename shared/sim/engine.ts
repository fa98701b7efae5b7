// The simulation step: one tick (TICK_SECONDS of service time). Pure and deterministic: all
// randomness comes from the sfc32 state inside the run. stepRun MUTATES the run in place (one
// allocation-light pass); the run stays plain JSON data, so JSON.parse(JSON.stringify(run))
// continues identically. Where each part lives:
//   timeline.ts  faults starting and ending        controls.ts  the team's actions taking effect
//   fleet.ts     instances, autoscaler, controller flow.ts      the request flow (stages/*.ts)
//   stages/monitoring.ts  SLO windows, alerts, incidents; dashboards
import * as K from './constants.ts';
import { applyAction, applyPending } from './controls.ts';
import type { Emit } from './events.ts';
import { autoscale, fleetLifecycle, reconcile } from './fleet.ts';
import { flow } from './flow.ts';
import { warmCache } from './stages/cache.ts';
import { failoverProgress } from './stages/database.ts';
import { warmCdn } from './stages/edge.ts';
import { monitor } from './stages/monitoring.ts';
import { runTimeline } from './timeline.ts';
import type { SimAction, SimEvent, SimRun, StepResult } from './types.ts';

export { createRun } from './run.ts';

const AUTOSCALE = K.AUTOSCALE;
const EMPTY: readonly SimEvent[] = Object.freeze([]);
const NO_ACTIONS: readonly SimAction[] = Object.freeze([]);

/** Events of the step in progress (steps are synchronous, so one sink serves every run). */
let sink: SimEvent[] | null = null;
const emit: Emit = (e) => {
  (sink ??= []).push(e);
};

/**
 * Advances the run by one tick with the team's `actions` (validated here too; refused ones
 * become 'action-refused' events). Mutates `run`; returns the tick's metrics (the run's own
 * object, overwritten next tick) and events. A finished run returns without stepping.
 */
export function stepRun(run: SimRun, actions: readonly SimAction[] = NO_ACTIONS): StepResult {
  if (run.tick >= run.durationTicks) return { tick: run.tick, metrics: run.metrics, events: EMPTY };
  const t = run.tick;
  sink = null;
  const m = run.metrics;
  const fb = m.failedBy;
  m.failed = 0;
  fb.edge = fb.noHealthy = fb.overflow = fb.timeout = fb.error = fb.database = fb.dependency = fb.circuitOpen = 0;

  runTimeline(run, t, emit);
  applyPending(run, t, emit);
  for (let i = 0; i < actions.length; i++) applyAction(run, actions[i]!, t, emit);
  // state that moves by itself: instances, a release rolling, a failover finishing, caches warming
  fleetLifecycle(run, t, emit);
  failoverProgress(run, t, emit);
  warmCache(run);
  warmCdn(run);
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
