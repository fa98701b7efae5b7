// The database: a primary and read replicas, each an M/M/c queue over its connection pool.
// Reads split over the primary's spare capacity and the replicas; above capacity the excess
// fails after the pool timeout. A node that is down but whose host answers (a crashed process, a
// failover under way) refuses connections at once; a node the network cannot reach (its zone is
// down, or a partition) makes calls hang for the pool timeout, holding the app's workers. Replicas lag when writes outpace what they apply; in a partition
// zone B reaches only its own replicas. Also the failover in progress, finishing here.
import * as K from '../constants.ts';
import type { Emit } from '../events.ts';
import { endFault } from '../timeline.ts';
import { erlangC } from '../queueing.ts';
import type { SimRun } from '../types.ts';
import { missQueries } from './cache.ts';
import type { FlowTick } from './tick.ts';

const DB = K.DB;
const DT = K.TICK_SECONDS;
/** Smoothing of downstream latency fed back into instance service time (share of the new value per tick). */
export const DOWNSTREAM_BLEND = 0.5;

interface DbOutcome {
  readFail0: number; readFail1: number; writeFail0: number; writeFail1: number;
  readMs0: number; readMs1: number; writeMs0: number; writeMs1: number; util: number;
  /** 1 when no node can be reached for reads / the primary for writes: a retry meets the same fault. */
  readDown0: number; readDown1: number; writeDown0: number; writeDown1: number;
}
const dbOut: DbOutcome = {
  readFail0: 0, readFail1: 0, writeFail0: 0, writeFail1: 0, readMs0: 0, readMs1: 0, writeMs0: 0, writeMs1: 0, util: 0,
  readDown0: 0, readDown1: 0, writeDown0: 0, writeDown1: 0,
};
const nodeOut = [0, 0, 0];
const poolOut = [0, 0, 0, 0, 0, 0, 0];
const zoneA = [0, 0, 0, 0, 0, 0, 0];
const zoneB = [0, 0, 0, 0, 0, 0, 0];

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

/** One read pool (primary if reachable + replicas) serving reads rq and writes wu (in units).
 * res: [readFail, writeFail, readMs, writeMs, util, readDown, writeDown]. */
function pool(run: SimRun, t: number, rq: number, wu: number, withPrimary: boolean, replicaZone: number, res: number[]): void {
  let repUnits = 0;
  // cut off from the primary, a replica stops receiving changes: past the lag bound it refuses reads
  // rather than serve stale data (consistency chosen over availability, as CAP says one must choose)
  const stale = !withPrimary && run.partitionSince >= 0 && t - run.partitionSince > DB.maxLagSec;
  for (const r of run.replicas) {
    if (!r.up || run.zoneDown[r.zone] || r.readyAt > t || run.lagSec > DB.maxLagSec || stale) continue;
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
  // no node to answer: refused at once if the host is there, else the call hangs until the pool gives up
  const cutOff = !withPrimary || run.zoneDown[run.primaryZone] || (!run.primaryUp && run.primaryStalled && run.failoverUntil < 0);
  const downMs = cutOff ? DB.poolTimeoutMs : DB.refusedMs;
  let readFail = 1, readMs: number = downMs;
  if (!primaryOk) writeMs = downMs;
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
  res[5] = readCap > 0 ? 0 : 1; res[6] = primaryOk ? 0 : 1;
}

/** Reads rq0/rq1 (query units from zones A/B) and writes wu0/wu1 through the pools each zone can reach. */
function database(run: SimRun, t: number, rq0: number, rq1: number, wu0: number, wu1: number): DbOutcome {
  const o = dbOut;
  if (!run.partition) {
    pool(run, t, rq0 + rq1, wu0 + wu1, true, -1, poolOut);
    o.readFail0 = o.readFail1 = poolOut[0]!; o.writeFail0 = o.writeFail1 = poolOut[1]!;
    o.readMs0 = o.readMs1 = poolOut[2]!; o.writeMs0 = o.writeMs1 = poolOut[3]!; o.util = poolOut[4]!;
    o.readDown0 = o.readDown1 = poolOut[5]!; o.writeDown0 = o.writeDown1 = poolOut[6]!;
    return o;
  }
  const p = run.primaryZone;
  pool(run, t, p === 0 ? rq0 : rq1, p === 0 ? wu0 : wu1, true, p, poolOut);
  const a = zoneA;
  for (let k = 0; k < 7; k++) a[k] = poolOut[k]!;
  pool(run, t, p === 0 ? rq1 : rq0, 0, false, 1 - p, poolOut);
  const b = zoneB;
  for (let k = 0; k < 7; k++) b[k] = poolOut[k]!;
  b[1] = 1; b[3] = DB.poolTimeoutMs; b[6] = 1; // the cut-off side cannot reach the primary
  const z0 = p === 0 ? a : b, z1 = p === 0 ? b : a;
  o.readFail0 = z0[0]!; o.writeFail0 = z0[1]!; o.readMs0 = z0[2]!; o.writeMs0 = z0[3]!;
  o.readFail1 = z1[0]!; o.writeFail1 = z1[1]!; o.readMs1 = z1[2]!; o.writeMs1 = z1[3]!;
  o.util = Math.max(a[4]!, b[4]!);
  o.readDown0 = z0[5]!; o.writeDown0 = z0[6]!; o.readDown1 = z1[5]!; o.writeDown1 = z1[6]!;
  return o;
}

/**
 * The dynamic requests the instances finished call the cache and the database: the database's
 * latencies feed next tick's service time, its failures go to `outcome` (app errors from a bad
 * release first, then database errors); replicas fall behind when writes outpace them.
 */
export function databaseStage(run: SimRun, f: FlowTick, outcome: { appErr: number; dbFailN: number; dbUtil: number; readFail0: number; readFail1: number; dbDown: number; dbOverload: number }): void {
  const tr = run.card.traffic;
  const readShare = 1 - tr.writeShare;
  const h = run.cacheHit;
  const dynDone0 = f.dynDone0, dynDone1 = f.dynDone1;
  const errRate = run.deployBad * run.deployErrorRate;
  const missQ = missQueries(run, readShare);
  const db = database(run, f.t, dynDone0 * missQ, dynDone1 * missQ, dynDone0 * tr.writeShare * DB.writeUnits, dynDone1 * tr.writeShare * DB.writeUnits);
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
  f.survivors = dynDone - appErr - dbFailN;
  const writes = dynDone * tr.writeShare;
  if (run.replicas.length > 0) run.lagSec = Math.max(0, run.lagSec + (writes / (DB.replicaApplyWps * run.applyFactor * DT) - 1) * DT);
  else run.lagSec = 0;
  outcome.appErr = appErr;
  outcome.dbFailN = dbFailN;
  outcome.dbUtil = db.util;
  outcome.readFail0 = db.readFail0;
  outcome.readFail1 = db.readFail1;
  // per dynamic request: failing because a node cannot be reached (a retry fails too), or because it is overloaded
  const down0 = readShare * (1 - h) * db.readDown0 + tr.writeShare * db.writeDown0;
  const down1 = readShare * (1 - h) * db.readDown1 + tr.writeShare * db.writeDown1;
  const w0 = dynDone > 0 ? dynDone0 / dynDone : 0.5;
  outcome.dbDown = w0 * down0 + (1 - w0) * down1;
  outcome.dbOverload = Math.max(0, w0 * dbFail0 + (1 - w0) * dbFail1 - outcome.dbDown);
}

/** A failover whose time is up: promote the best replica (the other zone's first), or come back from the backup. A planned
 * switchover keeps the old primary as a replica; after a failure it is gone (replace it with add-replica). */
export function failoverProgress(run: SimRun, t: number, emit: Emit): void {
  if (!(run.failoverUntil >= 0 && t >= run.failoverUntil)) return;
  let best = -1;
  for (let k = 0; k < run.replicas.length; k++) {
    const r = run.replicas[k]!;
    if (r.up && !run.zoneDown[r.zone] && r.readyAt <= t && (best < 0 || (r.zone !== run.primaryZone && run.replicas[best]!.zone === run.primaryZone))) best = k;
  }
  const oldZone = run.primaryZone;
  if (best >= 0) {
    run.primaryZone = run.replicas[best]!.zone;
    run.replicas.splice(best, 1);
    // a planned switchover keeps the old primary: it rewinds and rejoins as a replica
    if (run.failoverPlanned) run.replicas.push({ zone: oldZone, up: true, readyAt: t + Math.round(DB.rejoinSec / DT) });
  } else if (run.zoneDown[run.primaryZone]) run.primaryZone = (1 - run.primaryZone) as 0 | 1;
  run.primaryUp = true;
  run.primaryStalled = false;
  run.failoverUntil = -1;
  run.failoverPlanned = false;
  run.lagSec = 0;
  endFault(run, 'db-primary-failure', t);
  emit({ type: 'action-effective', tick: t, action: 'failover' });
}
