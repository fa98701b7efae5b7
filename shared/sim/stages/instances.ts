// The application instances of zones A and B, as fluid M/M/c queues (c = APP.workers): capacity
// C = c·1000/S from the service time S (which downstream calls stretch: a slow database or
// dependency holds workers), a bounded queue (overflow → 503), latency = hop + S + backlog +
// M/M/c wait, and the share answered later than the client waits counted as timeouts.
import * as K from '../constants.ts';
import { erlangC } from '../queueing.ts';
import type { Instance, SimRun } from '../types.ts';
import { readMs } from './cache.ts';
import { B, type FlowTick } from './tick.ts';

const APP = K.APP;
const AUTOSCALE = K.AUTOSCALE;
const CLIENT = K.CLIENT;
const DISPLAY = K.DISPLAY;
const DT = K.TICK_SECONDS;
const EDGE = K.EDGE;
/** Static files cost this share of a dynamic request's CPU at the origin. */
const STATIC_COST = 0.5;
const UTIL_STEP = 1 - Math.exp(-DT / DISPLAY.utilSmoothingSec);
const AUTOSCALE_STEP = 1 - Math.exp(-DT / AUTOSCALE.smoothingSec);

/** Service time per request in each zone: app work (slowed by a bad release) + downstream calls, ms. */
export function serviceTimes(run: SimRun, f: FlowTick): void {
  const tr = run.card.traffic;
  const readShare = 1 - tr.writeShare;
  const latFactor = 1 + run.deployBad * (run.deployLatencyFactor - 1);
  const dynMs0 = APP.serviceMs * latFactor + readShare * readMs(run, 0) + tr.writeShare * run.dbWriteMs[0] + tr.paymentShare * run.payHoldMs;
  const dynMs1 = APP.serviceMs * latFactor + readShare * readMs(run, 1) + tr.writeShare * run.dbWriteMs[1] + tr.paymentShare * run.payHoldMs;
  f.svc0 = f.staticShare * APP.serviceMs * STATIC_COST + f.dynShare * dynMs0;
  f.svc1 = f.staticShare * APP.serviceMs * STATIC_COST + f.dynShare * dynMs1;
}

/** Requests an instance can finish this tick: its workers over the service time, less GC thrash near its memory limit. */
export function capacity(inst: Instance, svc: number): number {
  const slow = inst.mem > APP.leakThrottleAt ? 1 - (APP.leakMaxSlowdown * (inst.mem - APP.leakThrottleAt)) / (1 - APP.leakThrottleAt) : 1;
  return ((APP.workers * 1000) / svc) * slow * DT;
}

/**
 * Each instance takes its share of the admitted requests (B.inflow holds the balancer's weights),
 * queues what it cannot serve, refuses what overflows its bound, and serves the rest; those
 * served later than the client waits fail as timeouts (the server did the work in vain).
 */
export function serveQueues(run: SimRun, f: FlowTick): void {
  const fb = run.metrics.failedBy;
  const insts = run.instances;
  const n = insts.length;
  const inflow = B.inflow, cap = B.cap, base = B.base, pwA = B.pw, mA = B.m;
  const client = CLIENT.timeoutMs;
  const admitted = f.admitted, wsum = f.wsum, staticShare = f.staticShare, dynShare = f.dynShare;
  let failed = f.failed;
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
    // Waiting: the M/M/c wait (Erlang C) of a queue near saturation, or the backlog a fluid queue
    // carries while overloaded — two views of one queue, so the mean wait is the larger of the two,
    // not their sum: a backlog shifts every answer, the random tail adds only what the backlog
    // does not already cover. (Summing them pushed a full queue past the client timeout for good:
    // every transient overload became a permanent error plateau.)
    const r = Math.min(rho, 0.99);
    const pw0 = erlangC(APP.workers, r * APP.workers);
    const mw0 = 1000 / (c * (1 - r)); // mean wait of those who wait = 1/(cμ − λ), ms
    const backlogMs = (((q0 + q) / 2) * 1000) / c;
    const tailMs = pw0 > 0 ? mw0 - backlogMs / pw0 : 0;
    const pw = tailMs > 1 ? pw0 : 0;
    const mw = tailMs > 1 ? tailMs : 1;
    const b = EDGE.hopMs + (APP.workers * 1000 * DT) / c + backlogMs; // service time incl. leak slowdown
    // timed-out share: the client gave up although the server did the work (wasted work: with a
    // queue bound longer than the client timeout, the metastable failure of the retry storm)
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
  f.failed = failed;
  f.upCount = upCount; f.qTotal = qTotal; f.demand = demand; f.capUp = capUp;
  f.dynDone0 = dynDone0; f.dynDone1 = dynDone1; f.statDone = statDone;
  f.zUtil0 = zUtil0; f.zN0 = zN0; f.zUtil1 = zUtil1; f.zN1 = zN1; f.deadInRot = deadInRot; f.rotUp = rotUp;
  // the autoscaler's metric: demand over the capacity in rotation (CPU), averaged from the first sample on
  const util = capUp > 0 ? demand / capUp : Math.max(0, run.autoscaleUtil);
  run.autoscaleUtil = run.autoscaleUtil < 0 ? util : run.autoscaleUtil + (util - run.autoscaleUtil) * AUTOSCALE_STEP;
}
