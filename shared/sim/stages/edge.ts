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
  f.shedLegit = 0;
  f.blockedFresh = 0;
  f.statLegit = 0;
  f.limitShare = 0;
  const broken = run.configError === 'edge' ? arrived * run.configErrorShare : 0;
  f.failed += broken;
  fb.edge += broken;
  if (broken < arrived) {
    let legit = (arrived - broken) * f.legitShare;
    let bot = arrived - broken - legit;
    if (run.blockOn) {
      // it stops the bots it was written against; bots that came later do not match it
      const caught = EDGE.blockBotShare * (run.botRps > 0 ? Math.min(1, run.blockSignatureRps / run.botRps) : 0);
      const bl = bot * caught + legit * EDGE.blockFalsePositive;
      bot -= bot * caught;
      f.shedLegit += legit * EDGE.blockFalsePositive;
      f.blockedFresh = f.legitFresh * EDGE.blockFalsePositive;
      legit -= legit * EDGE.blockFalsePositive;
      f.shed += bl;
    }
    // static assets come only with fresh page views; retries repeat failed origin calls
    const stat = Math.min(legit, f.legitFresh) * (1 - (run.blockOn ? EDGE.blockFalsePositive : 0)) * run.card.traffic.staticShare;
    const cdnServed = run.cdnOn ? stat * EDGE.cdnHitRatio * run.cdnWarm : 0;
    f.statLegit = stat;
    const toOrigin = legit + bot - cdnServed;
    let admitted = toOrigin;
    if (run.rateLimitRps > 0) {
      run.tokens = Math.min(run.rateLimitRps * EDGE.rateLimitBurstSec, run.tokens + run.rateLimitRps * DT);
      admitted = Math.min(toOrigin, run.tokens);
      run.tokens -= admitted;
      f.shed += toOrigin - admitted;
      f.limitShare = toOrigin > 0 ? (toOrigin - admitted) / toOrigin : 0;
    }
    f.originLegit = toOrigin > 0 ? (legit - cdnServed) / toOrigin : 1;
    f.shedLegit += (toOrigin - admitted) * f.originLegit;
    f.staticShare = toOrigin > 0 ? (stat - cdnServed) / toOrigin : 0;
    f.served += cdnServed;
    f.good += cdnServed;
    f.cdnServed = cdnServed;
    f.admitted = admitted;
  }
  f.dynShare = 1 - f.staticShare;
  f.admittedEdge = f.admitted;
}

/** The CDN's hit ratio climbs after it is switched on (time constant EDGE.cdnWarmTauSec). */
export function warmCdn(run: SimRun): void {
  if (run.cdnOn && run.cdnWarm < 1) run.cdnWarm += (1 - run.cdnWarm) * CDN_WARM_STEP;
}
