// What real users got this tick. Each fresh user request ends once — served (perhaps after
// retries), lost (its last retry failed too) or refused at the edge (429 from the rate limiter,
// 403 from a blocking rule by mistake) — and bots are left out. A user's retries are counted
// here, when the request arrives, from this tick's odds:
//   - a retry lands elsewhere: failures where a request landed (a dead instance still in rotation,
//     a full queue, a timeout) are independent from one attempt to the next;
//   - a retry meets the same fault: failures in what the request does (a write while the primary
//     is unreachable, a dependency that times out, an open circuit) fail every attempt, and a
//     faulty release fails its broken code path on every attempt that lands on the new version.
// So retries hide a dead instance from users but not a broken database, as in production.
import type { SimRun } from '../types.ts';
import type { FlowTick } from './tick.ts';


/** For a per-attempt chance a of refusal and b of failure over `tries` attempts: [P(refused), P(lost)]. */
function ends(a: number, b: number, tries: number, out: number[]): void {
  const lost = b ** tries;
  out[0] = b < 1 ? (a * (1 - lost)) / (1 - b) : 0;
  out[1] = lost;
}
const tmp = [0, 0];

/**
 * Fills f.usersServed/Lost/Shed for this tick's fresh real users, from what the stages recorded:
 * `down` is the share of dynamic requests that fail on every retry (an unreachable database node,
 * a timing-out dependency, an open circuit), `random` the share that fails at random (overload).
 */
export function users(run: SimRun, f: FlowTick, down: number, random: number): void {
  const tries = run.maxRetries + 1;
  const fresh = f.legitFresh;
  const refusedAtEdge = f.blockedFresh;
  const a = f.limitShare;
  // a broken hop's rule matches the same requests on every attempt: those users are doomed
  const route = run.configError !== '' ? run.configErrorShare : 0;
  const pc = f.pCommon;
  const toOrigin = Math.max(0, fresh - refusedAtEdge - f.cdnServed);
  const staticO = Math.min(toOrigin, Math.max(0, f.statLegit - f.cdnServed));
  const dynO = toOrigin - staticO;
  let lost = 0, refused = refusedAtEdge;
  // doomed by a broken route, whatever they ask for
  ends(a, 1 - a, tries, tmp);
  refused += toOrigin * route * tmp[0]!; lost += toOrigin * route * tmp[1]!;
  const okRoute = 1 - route;
  // static files from the origin: only where they landed can fail
  ends(a, (1 - a) * pc, tries, tmp);
  refused += okRoute * staticO * tmp[0]!; lost += okRoute * staticO * tmp[1]!;
  // dynamic: doomed by a lasting fault, or on the faulty release's broken path, or only unlucky
  const e = run.deployErrorRate, d = run.deployBad;
  const s = Math.min(1, down);
  const dyn = okRoute * dynO;
  const pi = 1 - (1 - pc) * (1 - Math.min(1, random));
  const pb = 1 - (1 - pi) * (1 - d);
  ends(a, 1 - a, tries, tmp);
  refused += dyn * s * tmp[0]!; lost += dyn * s * tmp[1]!;
  ends(a, (1 - a) * pb, tries, tmp);
  refused += dyn * (1 - s) * e * tmp[0]!; lost += dyn * (1 - s) * e * tmp[1]!;
  ends(a, (1 - a) * pi, tries, tmp);
  refused += dyn * (1 - s) * (1 - e) * tmp[0]!; lost += dyn * (1 - s) * (1 - e) * tmp[1]!;
  f.usersLost = lost;
  f.usersShed = refused;
  f.usersServed = Math.max(0, fresh - lost - refused);
}

/** Users served within the latency SLO: the CDN's hits, and the origin's in the share its answers made it in time. */
export function goodUsers(f: FlowTick, originGood: number): void {
  const originServedUsers = Math.max(0, f.usersServed - f.cdnServed);
  const share = f.originOk > 1e-9 ? Math.min(1, originGood / f.originOk) : originServedUsers > 0 ? 0 : 1;
  f.usersGood = Math.min(f.usersServed, f.cdnServed) + originServedUsers * share;
}

