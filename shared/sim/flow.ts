// The request flow of one tick, stage by stage (each in shared/sim/stages/, named after the part
// of the service it models):
//   traffic (users, bots, retries due) → edge (WAF, CDN, rate limiter) → balancer → instances
//   (zones A/B) → cache → database → payments → what users got → latency → clients retry
//   failures → cost → totals and dashboards.
// All flows are aggregate counts for this second; the stages pass them on in one reused object
// (stages/tick.ts), so a step allocates nothing.
import * as K from './constants.ts';
import { balance } from './stages/balancer.ts';
import { chargeRunningCost } from './stages/cost.ts';
import { databaseStage } from './stages/database.ts';
import { edge } from './stages/edge.ts';
import { serveQueues, serviceTimes } from './stages/instances.ts';
import { latency } from './stages/latency.ts';
import { dashboards } from './stages/monitoring.ts';
import { payments } from './stages/payments.ts';
import { F } from './stages/tick.ts';
import { goodUsers, users } from './stages/users.ts';
import { offeredLoad, scheduleRetries } from './stages/traffic.ts';
import type { SimRun } from './types.ts';

const CLIENT = K.CLIENT;
const DT = K.TICK_SECONDS;

/** What the database and payments stages report back for this tick (reused). */
const downstream = { appErr: 0, dbFailN: 0, dbUtil: 0, readFail0: 0, readFail1: 0, dbDown: 0, dbOverload: 0, depFailN: 0, openN: 0, payStuck: 0, payRandom: 0 };

export function flow(run: SimRun, t: number): void {
  const m = run.metrics;
  const fb = m.failedBy;
  const f = F;
  f.t = t;
  f.slot = t % CLIENT.retryRing;
  offeredLoad(run, f);
  // m.failed / failedBy may already hold requests lost in crashes this tick
  f.failed = m.failed;
  m.failed = 0;
  f.shed = 0; f.served = 0; f.good = 0;

  edge(run, f);
  f.failedEdge = f.failed;
  serviceTimes(run, f);
  balance(run, f);
  serveQueues(run, f);
  f.pCommon = f.admittedEdge > 1e-9 ? Math.min(1, (f.failed - f.failedEdge) / f.admittedEdge) : f.failed > f.failedEdge ? 1 : 0;

  // downstream: a bad release's errors, cache → database, payments (with the breaker)
  const d = downstream;
  databaseStage(run, f, d);
  payments(run, f, d);
  f.originOk = f.survivors - d.depFailN - d.openN + f.statDone;
  f.failed += d.appErr + d.dbFailN + d.depFailN + d.openN;
  fb.error += d.appErr; fb.database += d.dbFailN; fb.dependency += d.depFailN; fb.circuitOpen += d.openN;
  f.served += f.originOk;

  // what this tick's real users get, retries included
  users(run, f, 1 - (1 - d.dbDown) * (1 - d.payStuck), 1 - (1 - d.dbOverload) * (1 - d.payRandom));
  const originGood = latency(run, f);
  f.good += originGood;
  goodUsers(f, originGood);
  scheduleRetries(run, f);
  chargeRunningCost(run, f);
  record(run, f);
  dashboards(run, f, d);
}

/** The tick's totals and metrics. */
function record(run: SimRun, f: typeof F): void {
  const m = run.metrics;
  const tot = run.totals;
  const { arrived, fresh, retries, served, good, failed, shed } = f;
  const usersServed = f.usersServed, usersLost = f.usersLost, usersShed = f.usersShed, usersGood = f.usersGood;
  tot.arrived += arrived; tot.fresh += fresh; tot.retries += retries; tot.served += served; tot.good += good;
  tot.failed += failed; tot.shed += shed;
  tot.legitFresh += f.legitFresh;
  tot.usersServed += usersServed; tot.usersLost += usersLost; tot.usersShed += usersShed; tot.usersGood += usersGood;
  m.arrived = arrived; m.fresh = fresh; m.retries = retries; m.served = served; m.good = good; m.failed = failed; m.shed = shed;
  m.usersServed = usersServed; m.usersLost = usersLost; m.usersShed = usersShed; m.usersGood = usersGood;
  m.queued = f.qTotal;
  m.throughput = served / DT; m.goodput = good / DT;
  m.errorRate = served + failed > 0 ? failed / (served + failed) : 0;
  const answered = tot.usersServed + tot.usersLost + tot.usersShed;
  m.availability = answered > 0 ? tot.usersServed / answered : 1;
  m.spend = run.spend;
  m.credits = run.credits;
  m.cacheHitRatio = run.cacheHit;
  m.instancesUp = f.upCount;
}
