// The third-party payments API, called by a share of the requests that got this far: latency L,
// error rate e; calls slower than the client timeout fail after holding a worker that long.
// The circuit breaker (when switched on, Hystrix's defaults) gives each call a 1-s timeout, and
// opens when at least 20 calls in its 10-s window failed (or timed out) half or more, then refuses calls at once ("circuit open": the payment fails,
// but fast, and frees the worker); after its 5-s sleep window it lets one trial call through.
import * as K from '../constants.ts';
import { nextFloat } from '../rng.ts';
import type { SimRun } from '../types.ts';
import { DOWNSTREAM_BLEND } from './database.ts';
import type { FlowTick } from './tick.ts';

const BREAKER = K.BREAKER;
const PAYMENTS = K.PAYMENTS;

/** Payments calls of this tick's survivors: failures and breaker refusals into `outcome`. */
export function payments(run: SimRun, f: FlowTick, outcome: { depFailN: number; openN: number; payStuck: number; payRandom: number }): void {
  const t = f.t;
  const calls = f.survivors * run.card.traffic.paymentShare;
  // behind a breaker the call has the breaker's own timeout (Hystrix: 1 s), and a timeout counts as a failure
  const timeoutMs = run.breakerOn ? Math.min(BREAKER.callTimeoutMs, PAYMENTS.timeoutMs) : PAYMENTS.timeoutMs;
  const depTimeout = run.depLatencyMs >= timeoutMs;
  const callFail = depTimeout ? 1 : run.depErrorRate;
  const callHold = depTimeout ? timeoutMs : run.depLatencyMs;
  let passed = calls;
  let depFailN = calls * callFail;
  if (run.breakerOn) {
    if (run.breaker === 'open' && t >= run.breakerUntil) run.breaker = 'half-open';
    if (run.breaker === 'open') {
      passed = 0;
      depFailN = 0;
    } else if (run.breaker === 'half-open') {
      // one trial call; the others fail fast meanwhile
      passed = Math.min(1, calls);
      if (passed > 0) {
        const ok = nextFloat(run.rng) >= callFail;
        depFailN = ok ? 0 : passed;
        run.breaker = ok ? 'closed' : 'open';
        if (ok) {
          run.breakerCalls.fill(0);
          run.breakerErrors.fill(0);
        } else run.breakerUntil = t + BREAKER.openSec;
      } else depFailN = 0;
    } else {
      closedWindow(run, t, passed, depFailN);
    }
  }
  const openN = calls - passed;
  const passShare = calls > 0 ? passed / calls : 1;
  run.payHoldMs += (passShare * callHold - run.payHoldMs) * DOWNSTREAM_BLEND;
  f.callFail = callFail;
  outcome.depFailN = depFailN;
  outcome.openN = openN;
  // per dynamic request: a timing-out dependency or an open circuit fails the retry too; random errors may not
  const share = run.card.traffic.paymentShare;
  outcome.payStuck = share * (depTimeout ? 1 : 1 - passShare);
  outcome.payRandom = share * (depTimeout ? 0 : passShare * run.depErrorRate);
}

/** A closed breaker counts calls and errors per second over its window and opens past the threshold. */
function closedWindow(run: SimRun, t: number, passed: number, depFailN: number): void {
  const bs = t % BREAKER.windowSec;
  run.breakerCalls[bs] = passed;
  run.breakerErrors[bs] = depFailN;
  let cs = 0, es = 0;
  for (let k = 0; k < BREAKER.windowSec; k++) { cs += run.breakerCalls[k]!; es += run.breakerErrors[k]!; }
  if (cs >= BREAKER.minCalls && es / cs >= BREAKER.errorThreshold) {
    run.breaker = 'open';
    run.breakerUntil = t + BREAKER.openSec;
  }
}
