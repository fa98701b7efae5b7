// Monitoring: the dashboards (smoothed utilization and health per component), the SLO windows
// (burn rates over the page and ticket alerts' windows), multi-window burn-rate alerts, and the
// incidents' impact and recovery.
import * as K from '../constants.ts';
import type { Emit } from '../events.ts';
import type { SimRun } from '../types.ts';
import type { FlowTick } from './tick.ts';

const ALERTS = K.ALERTS;
const CACHE = K.CACHE;
const DB = K.DB;
const DISPLAY = K.DISPLAY;
const DT = K.TICK_SECONDS;
const PAYMENTS = K.PAYMENTS;
const UTIL_STEP = 1 - Math.exp(-DT / DISPLAY.utilSmoothingSec);
/** Ring length of the per-tick records: the longest window. */
export const RING = ALERTS.ticket.longSec;
/** Window lengths for rolling sums: page short/long, ticket short/long, health. */
export const WINDOWS = [ALERTS.page.shortSec, ALERTS.page.longSec, ALERTS.ticket.shortSec, ALERTS.ticket.longSec, DISPLAY.healthWindowSec] as const;
const W_PAGE_SHORT = 0, W_PAGE_LONG = 1, W_TICKET_SHORT = 2, W_TICKET_LONG = 3, W_HEALTH = 4;
const C_EDGE = 0, C_LB = 1, C_ZA = 2, C_ZB = 3, C_CACHE = 4, C_DB = 5, C_PAY = 6;

/** Utilization (smoothed) and health of every component, as the dashboards show them. */
export function dashboards(run: SimRun, f: FlowTick, db: { dbUtil: number; readFail0: number; readFail1: number }): void {
  const m = run.metrics;
  const h = run.cacheHit;
  const shed = f.shed, arrived = f.arrived, admitted = f.admitted;
  const su = run.smoothedUtil;
  const edgeU = run.rateLimitRps > 0 ? Math.min(1, (admitted + shed) / (run.rateLimitRps * DT)) : 0;
  const lbU = f.rotUp + f.deadInRot > 0 ? f.deadInRot / (f.rotUp + f.deadInRot) : 0;
  const payU = run.breakerOn && run.breaker !== 'closed' ? 1 : Math.min(1, run.depLatencyMs / PAYMENTS.timeoutMs);
  su[C_EDGE]! += (edgeU - su[C_EDGE]!) * UTIL_STEP;
  su[C_LB]! += (lbU - su[C_LB]!) * UTIL_STEP;
  su[C_ZA]! += ((f.zN0 > 0 ? f.zUtil0 / f.zN0 : 0) - su[C_ZA]!) * UTIL_STEP;
  su[C_ZB]! += ((f.zN1 > 0 ? f.zUtil1 / f.zN1 : 0) - su[C_ZB]!) * UTIL_STEP;
  su[C_CACHE] = 1 - h / CACHE.maxHitRatio;
  su[C_DB]! += (db.dbUtil - su[C_DB]!) * UTIL_STEP;
  su[C_PAY]! += (payU - su[C_PAY]!) * UTIL_STEP;
  const U = m.utilization;
  U.edge = su[C_EDGE]!; U.lb = su[C_LB]!; U.zoneA = su[C_ZA]!; U.zoneB = su[C_ZB]!; U.cache = 1 - h / CACHE.maxHitRatio; U.db = su[C_DB]!; U.payments = su[C_PAY]!;
  const H = m.health;
  const rotUp = f.rotUp, deadInRot = f.deadInRot;
  const allBroken = run.configErrorShare >= 1;
  H.edge = run.configError === 'edge' ? (allBroken ? 'down' : 'degraded') : shed > 0.05 * arrived ? 'degraded' : 'ok';
  H.lb = (run.configError === 'lb' && allBroken) || rotUp === 0 ? 'down' : run.configError === 'lb' || deadInRot > 0 ? 'degraded' : 'ok';
  H.zoneA = zoneHealth(run, 0, f.zN0, U.zoneA);
  H.zoneB = zoneHealth(run, 1, f.zN1, U.zoneB);
  H.cache = h < 0.5 * CACHE.maxHitRatio ? 'degraded' : 'ok';
  const primaryOk = run.primaryUp && run.failoverUntil < 0 && !run.zoneDown[run.primaryZone];
  H.db = !primaryOk ? 'down' : U.db > DISPLAY.degradedUtil || run.lagSec > DB.maxLagSec || db.readFail0 > 0.01 || db.readFail1 > 0.01 || run.partition ? 'degraded' : 'ok';
  const callFail = f.callFail;
  H.payments = (run.breakerOn && run.breaker === 'open') || callFail >= 0.5 ? 'down' : run.depLatencyMs > 2 * PAYMENTS.baseMs || callFail > 0.01 ? 'degraded' : 'ok';
}

function zoneHealth(run: SimRun, z: 0 | 1, upOrDraining: number, util: number): 'ok' | 'degraded' | 'down' {
  if (run.zoneDown[z]) return 'down';
  // a zone the team keeps empty on purpose is not failing
  if (upOrDraining === 0) return run.desired[z] === 0 && !run.instances.some((i) => i.zone === z) ? 'ok' : 'down';
  let notUp = 0;
  for (const inst of run.instances) if (inst.zone === z && inst.state !== 'up') notUp++;
  return util > DISPLAY.degradedUtil || notUp > 0 || run.drained[z] ? 'degraded' : 'ok';
}

// ---------------------------------------------------------------- SLO windows, alerts, incidents

/** Records the tick in the SLO windows, fires and resolves alerts, marks incidents impacted and recovered. */
export function monitor(run: SimRun, t: number, emit: Emit): void {
  const m = run.metrics;
  // the SLI is what real users got: answered users, and the bad ones (lost, refused, too slow)
  const failedUsers = m.usersLost + m.usersShed;
  const total = m.usersServed + failedUsers;
  const bad = failedUsers + Math.max(0, m.usersServed - m.usersGood);
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
  // recent availability (users served of those answered), for the screens
  const rw = DISPLAY.recentWindowSec;
  if (t >= rw) {
    const old = (t - rw) % RING;
    run.recent[0] -= run.ringTotal[old]!;
    run.recent[1] -= run.ringFailed[old]!;
  }
  run.recent[0] += total;
  run.recent[1] += failedUsers;
  run.ringTotal[slot] = total;
  run.ringBad[slot] = bad;
  run.ringFailed[slot] = failedUsers;
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
