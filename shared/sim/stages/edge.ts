// The edge: a broken edge hop fails everything; a WAF rule blocks abusive traffic (and a few real
// users); the CDN answers cached static files (warming up after it is switched on); a token-bucket
// rate limiter admits what it has tokens for, the rest is refused with 429.
import * as K from '../constants.ts';
import type { SimRun } from '../types.ts';
import type { FlowTick } from './tick.ts';

const DT = K.TICK_SECONDS;
const EDGE = K.EDGE;
const CDN_WARM_STEP = 1 - Math.exp(-DT / EDGE.cdnWarmTauSec);

export function edge(run: SimRun, f: FlowTick): void {
  const fb = run.metrics.failedBy;
  const arrived = f.arrived;
  f.admitted = 0;
  f.cdnServed = 0;
  f.originLegit = f.legitShare;
  f.staticShare = 0;
  if (run.configError === 'edge') {
    f.failed += arrived;
    fb.edge += arrived;
  } else {
    let legit = arrived * f.legitShare;
    let bot = arrived - legit;
    if (run.blockOn) {
      const bl = bot * EDGE.blockBotShare + legit * EDGE.blockFalsePositive;
      bot -= bot * EDGE.blockBotShare;
      legit -= legit * EDGE.blockFalsePositive;
      f.shed += bl;
    }
    // static assets come only with fresh page views; retries repeat failed origin calls
    const stat = Math.min(legit, f.legitFresh) * (1 - (run.blockOn ? EDGE.blockFalsePositive : 0)) * run.card.traffic.staticShare;
    const cdnServed = run.cdnOn ? stat * EDGE.cdnHitRatio * run.cdnWarm : 0;
    const toOrigin = legit + bot - cdnServed;
    let admitted = toOrigin;
    if (run.rateLimitRps > 0) {
      run.tokens = Math.min(run.rateLimitRps * EDGE.rateLimitBurstSec, run.tokens + run.rateLimitRps * DT);
      admitted = Math.min(toOrigin, run.tokens);
      run.tokens -= admitted;
      f.shed += toOrigin - admitted;
    }
    f.originLegit = toOrigin > 0 ? (legit - cdnServed) / toOrigin : 1;
    f.staticShare = toOrigin > 0 ? (stat - cdnServed) / toOrigin : 0;
    f.served += cdnServed;
    f.good += cdnServed;
    f.cdnServed = cdnServed;
    f.admitted = admitted;
  }
  f.dynShare = 1 - f.staticShare;
}

/** The CDN's hit ratio climbs after it is switched on (time constant EDGE.cdnWarmTauSec). */
export function warmCdn(run: SimRun): void {
  if (run.cdnOn && run.cdnWarm < 1) run.cdnWarm += (1 - run.cdnWarm) * CDN_WARM_STEP;
}
