// What one tick's request flow carries from stage to stage: one reused object and reused
// buffers, so the hot path allocates nothing. Nothing in here survives a step: every stage
// reads what the stages before it wrote this tick, and the run keeps all state.

/** The flow of one tick, stage by stage (requests are counts in this tick). */
export const F = {
  t: 0,
  /** Slot of this second in the retry rings. */
  slot: 0,
  // offered load
  legitFresh: 0, fresh: 0, retries: 0, arrived: 0,
  /** Share of fresh arrivals that are real users (the rest: bots). */
  legitShare: 1,
  // outcomes so far (attempts: fresh requests and retries, bots included)
  failed: 0, shed: 0, served: 0, good: 0,
  /** Real users' attempts refused at the edge (blocked by mistake, or rate-limited). */
  shedLegit: 0,
  /** Fresh real users' requests blocked by the WAF by mistake, and their static files (before the CDN). */
  blockedFresh: 0, statLegit: 0,
  /** Share of attempts the rate limiter refused; attempts it let through; failures recorded once the edge was done. */
  limitShare: 0, admittedEdge: 0, failedEdge: 0,
  /** Share of admitted attempts that failed at the balancer or the instances (a retry may land elsewhere). */
  pCommon: 0,
  // what this tick's fresh real users get, counting their retries: served, lost (the last retry
  // failed), refused (429/403); good = served within the latency SLO (users.ts)
  usersServed: 0, usersLost: 0, usersShed: 0, usersGood: 0,
  // edge
  /** Requests the edge passed on to the load balancer. */
  admitted: 0, cdnServed: 0,
  /** Share of origin traffic from real users, and of static files. */
  originLegit: 1, staticShare: 0, dynShare: 1,
  // instances
  /** Service time per request by zone, ms (app work + downstream calls). */
  svc0: 0, svc1: 0,
  /** Sum of the load balancer's weights. */
  wsum: 0,
  upCount: 0, qTotal: 0, demand: 0, capUp: 0,
  /** Dynamic requests the instances finished in time, by zone, and static ones. */
  dynDone0: 0, dynDone1: 0, statDone: 0,
  zUtil0: 0, zN0: 0, zUtil1: 0, zN1: 0, deadInRot: 0, rotUp: 0,
  // downstream
  /** Dynamic requests that survived app and database errors (the payments stage's input). */
  survivors: 0,
  /** Served at the origin: survivors that passed payments, plus static files. */
  originOk: 0,
  /** Payments call failure probability this tick (timeout or error). */
  callFail: 0,
};
export type FlowTick = typeof F;

/** Per-instance buffers (grown when a run has more instances; never part of the run). */
export const B = {
  /** LB weight, then the instance's base latency (ms) once served. */
  inflow: new Float64Array(64),
  /** Capacity this tick, requests. */
  cap: new Float64Array(64),
  /** P(wait) of the instance's M/M/c queue. */
  pw: new Float64Array(64),
  /** Requests answered in time by the instance. */
  base: new Float64Array(64),
  /** Mean wait of those who wait, ms. */
  m: new Float64Array(64),
  /** Arrivals per retry generation this tick (0 = fresh; at most 4 retries). */
  gens: new Float64Array(8),
};

export function ensureBuffers(n: number): void {
  if (n <= B.inflow.length) return;
  B.inflow = new Float64Array(n * 2);
  B.cap = new Float64Array(n * 2);
  B.pw = new Float64Array(n * 2);
  B.base = new Float64Array(n * 2);
  B.m = new Float64Array(n * 2);
}
