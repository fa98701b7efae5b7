// Latency as users experienced it: CDN hits at a fixed time, origin answers as a weighted shift B
// plus one exponential tail (share P waits, mean M), conditioned on arriving within the client
// timeout; and every real user who got no answer (lost after the last retry, or refused) counted
// at the client timeout: the user waited and got nothing, which is no better than a slow answer.
// Bots are left out. The tick's percentiles for the screens, the round's log histogram for the report.
import * as K from '../constants.ts';
import type { SimRun } from '../types.ts';
import { B, type FlowTick } from './tick.ts';

const CLIENT = K.CLIENT;
const EDGE = K.EDGE;
const HISTOGRAM = K.HISTOGRAM;
const HIST_LOG_MIN = Math.log(HISTOGRAM.minMs);
const HIST_STEP = (Math.log(HISTOGRAM.maxMs) - HIST_LOG_MIN) / HISTOGRAM.buckets;

/** Percentiles of this tick (into run.metrics) and the round's histogram; returns the origin answers (all traffic) within the latency SLO. */
export function latency(run: SimRun, f: FlowTick): number {
  const m = run.metrics;
  const insts = run.instances;
  const n = insts.length;
  const base = B.base, bl = B.inflow, pwA = B.pw, mA = B.m;
  const client = CLIENT.timeoutMs;
  const originOk = f.originOk, cdnServed = f.cdnServed;
  const servedUsers = f.usersServed;
  const originUsers = Math.max(0, servedUsers - cdnServed);
  const failedUsers = f.usersLost + f.usersShed;
  const answered = servedUsers + failedUsers;
  /** Share of this tick's users who got no answer. */
  const phi = answered > 0 ? failedUsers / answered : 0;
  let W = 0, Bw = 0, P = 0, PM = 0;
  for (let i = 0; i < n; i++) {
    const w = base[i]!;
    if (w <= 0) continue;
    W += w; Bw += w * bl[i]!; P += w * pwA[i]!; PM += w * pwA[i]! * mA[i]!;
  }
  let originGood = 0;
  const fe = servedUsers > 0 ? cdnServed / servedUsers : 0;
  if (W > 0) {
    Bw /= W;
    const Mw = P > 0 ? PM / P : 1;
    P /= W;
    // responses that made it are those within the client timeout: condition the tail on T ≤ timeout
    const inTime = Bw >= client ? 1 : 1 - P * Math.exp(-(client - Bw) / Mw);
    const x = run.sloLatencyMs - Bw;
    originGood = originOk * Math.min(1, (x <= 0 ? 0 : 1 - P * Math.exp(-x / Mw)) / inTime);
    m.p50 = pct(0.5, phi, fe, Bw, P, Mw, inTime, client);
    m.p95 = pct(0.95, phi, fe, Bw, P, Mw, inTime, client);
    m.p99 = pct(0.99, phi, fe, Bw, P, Mw, inTime, client);
    histogram(run.histogram, cdnServed, originUsers, Bw, P, Mw, inTime);
  } else {
    const e = answered <= 0 ? 0 : cdnServed > 0 ? EDGE.cdnHitMs : client;
    m.p50 = 0.5 > 1 - phi ? client : e;
    m.p95 = 0.95 > 1 - phi ? client : e;
    m.p99 = 0.99 > 1 - phi ? client : e;
    histogram(run.histogram, cdnServed, 0, 0, 0, 1, 1);
  }
  // users who got nothing: the overflow bucket, read back as the client timeout
  run.histogram[HISTOGRAM.buckets]! += failedUsers;
  return originGood;
}

/** The q-quantile of a tick's users: a share phi got nothing (client timeout); of the rest, fe answered by the CDN, the others at B + Exp tail. */
function pct(q: number, phi: number, fe: number, B: number, P: number, M: number, inTime: number, cap: number): number {
  if (q > 1 - phi) return cap;
  const qs = q / (1 - phi);
  if (qs <= fe) return EDGE.cdnHitMs;
  const qo = ((qs - fe) / (1 - fe)) * inTime;
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
