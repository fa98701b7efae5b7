// The third-party payments API, called by a share of the requests that got this far: latency L,
// error rate e; calls slower than the client timeout fail after holding a worker that long.
// The circuit breaker (when switched on) opens when too many calls in its window failed, then
// refuses calls at once ("circuit open": failed, but fast) and later lets probes through.
import * as K from '../constants.ts';
import type { SimRun } from '../types.ts';
import { DOWNSTREAM_BLEND } from './database.ts';
import type { FlowTick } from './tick.ts';

const BREAKER = K.BREAKER;
const PAYMENTS = K.PAYMENTS;

/** Payments calls of this tick's survivors: failures and breaker refusals into `outcome`. */
export function payments(run: SimRun, f: FlowTick, outcome: { depFailN: number; openN: number }): void {
  const t = f.t;
  const calls = f.survivors * run.card.traffic.paymentShare;
  const depTimeout = run.depLatencyMs >= PAYMENTS.timeoutMs;
  const callFail = depTimeout ? 1 : run.depErrorRate;
  const callHold = depTimeout ? PAYMENTS.timeoutMs : run.depLatencyMs;
  let passShare = 1;
  if (run.breakerOn) {
    if (run.breaker === 'open' && t >= run.breakerUntil) run.breaker = 'half-open';
    passShare = run.breaker === 'closed' ? 1 : run.breaker === 'open' ? 0 : BREAKER.probeShare;
  }
  const passed = calls * passShare;
  const depFailN = passed * callFail;
  const openN = calls - passed;
  if (run.breakerOn) breaker(run, t, passed, depFailN, callFail);
  run.payHoldMs += (passShare * callHold - run.payHoldMs) * DOWNSTREAM_BLEND;
  f.callFail = callFail;
  outcome.depFailN = depFailN;
  outcome.openN = openN;
}

/** The breaker's state machine over its window of calls and errors per second. */
function breaker(run: SimRun, t: number, passed: number, depFailN: number, callFail: number): void {
  const bs = t % BREAKER.windowSec;
  run.breakerCalls[bs] = passed;
  run.breakerErrors[bs] = depFailN;
  if (run.breaker === 'half-open') {
    if (passed > 0) {
      run.breaker = callFail < BREAKER.errorThreshold ? 'closed' : 'open';
      if (run.breaker === 'open') run.breakerUntil = t + BREAKER.openSec;
      else { run.breakerCalls.fill(0); run.breakerErrors.fill(0); }
    }
  } else if (run.breaker === 'closed') {
    let cs = 0, es = 0;
    for (let k = 0; k < BREAKER.windowSec; k++) { cs += run.breakerCalls[k]!; es += run.breakerErrors[k]!; }
    if (cs >= BREAKER.minCalls && es / cs >= BREAKER.errorThreshold) {
      run.breaker = 'open';
      run.breakerUntil = t + BREAKER.openSec;
    }
  }
}
