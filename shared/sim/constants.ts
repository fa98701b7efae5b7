// Every tunable of the simulation, with its unit and the reason for its value.
// One tick is one simulated second; live play runs at LIVE_TICKS_PER_SECOND ticks per real
// second (2: game time runs twice as fast as the clock), so a 4-minute round covers 8 minutes of
// service and a class's 10–20 real seconds to see, talk and tap are 20–40 simulated seconds.
// Delays and windows below are in simulated seconds (= ticks); docs/simulation.md gives the
// sources and says what is compressed for the game.

/** Simulated seconds per tick. */
export const TICK_SECONDS = 1;
/**
 * The human pace: ticks per real second of live play (the room steps at 1000/this ms). Slow enough
 * that a symptom on a phone leaves a class 10–20 real seconds to react before the lesson is lost,
 * fast enough that a fault, the reaction and the recovery fit a 4-minute round.
 */
export const LIVE_TICKS_PER_SECOND = 2;

export const DEFAULTS = {
  /** Credits a team has to spend on actions when the caller gives none. */
  credits: 100,
  /** SLO: share of user requests that must be good (served, within latencyMs). Looser than a real 99.9 %
   * because a round squeezes a month's incidents into 8 minutes (compressed for the game). */
  sloAvailability: 0.99,
  /** SLO latency threshold, ms. */
  sloLatencyMs: 500,
  /** Client retries per request after the first attempt (AWS SDK default standard mode: 2). */
  maxRetries: 2,
} as const;

export const APP = {
  /** Concurrent requests one instance works on (worker threads / event-loop concurrency). */
  workers: 8,
  /** CPU and local work per request, ms, before any downstream call. */
  serviceMs: 40,
  /** Launch to ready (image pull + process start + readiness probe), s. */
  bootSec: 30,
  /** Restart of one instance (process restart + readiness), s. */
  restartSec: 15,
  maxPerZone: 10,
  /** Bound of an instance's queue, in seconds of its capacity; beyond it requests are refused (503).
   * Below the client timeout, so what waits is still answered in time (AWS Builders' Library: bounded queues). */
  queueMaxSec: 2,
  /** Memory share at which GC pressure starts to eat capacity; at 1 the instance is OOM-killed. */
  leakThrottleAt: 0.7,
  /** Capacity lost at 100 % memory through GC thrash (share). */
  leakMaxSlowdown: 0.8,
} as const;

export const CLIENT = {
  /** Client (browser/SDK) timeout, ms: a response later than this is a failure even if the server finished it. */
  timeoutMs: 3000,
  /** Exponential backoff base, s; retry k waits uniformly in [1, base·2^(k-1)+1] s (full jitter, AWS). */
  backoffBaseSec: 1,
  /** Ring buffer length for scheduled retries, s; must exceed the longest backoff. */
  retryRing: 16,
} as const;

export const HEALTH_CHECK = {
  /** Probe interval, s (Kubernetes periodSeconds defaults to 10; AWS ALB 30; a tight setup uses 5). */
  intervalSec: 5,
  /** Consecutive failed probes before the target is taken out of rotation. */
  unhealthyThreshold: 3,
} as const;

export const EDGE = {
  /** Latency of a response served by the CDN, ms. */
  cdnHitMs: 15,
  /** Edge + load-balancer hop added to every origin response, ms. */
  hopMs: 5,
  /** CDN hit ratio on cacheable (static) traffic when warm. */
  cdnHitRatio: 0.95,
  /** CDN warm-up time constant after it is switched on, s. */
  cdnWarmTauSec: 20,
  /** Share of bot traffic a blocking rule (WAF: IP reputation, rate-based rules) stops. */
  blockBotShare: 0.97,
  /** Share of real users it wrongly blocks: shared addresses (school networks, mobile carriers' NAT) look abusive too. */
  blockFalsePositive: 0.02,
  /** Token-bucket burst, in seconds of the configured rate. */
  rateLimitBurstSec: 2,
} as const;

export const CACHE = {
  hitMs: 1,
  /** Hit ratio of a warm cache on read requests. */
  maxHitRatio: 0.92,
  /** Warm-up time constant from organic traffic: h(t) = h_max·(1 − e^(−t/τ)), s. Compressed for the game: a large
   * cache refilled by traffic alone takes hours (Facebook, "Scaling Memcache at Facebook", cold cluster warmup). */
  warmTauSec: 600,
  /** Hit ratio reached by the warm-cache action (preloading hot keys), as a share of h_max. */
  warmedShare: 0.9,
} as const;

export const DB = {
  /** Database queries per read request on a cache miss (a page is several queries). */
  queriesPerRead: 8,
  /** Capacity cost of one write, in read-query units (WAL, indexes, fsync). */
  writeUnits: 3,
  primaryUnitsPerSec: 4000,
  replicaUnitsPerSec: 3000,
  /** Connection pool size per database node: the c of its M/M/c queue. */
  connections: 16,
  queryMs: 3,
  /** Pool wait before a query gives up, ms: what a call to a node the network cannot reach costs. */
  poolTimeoutMs: 1000,
  /** A call to a node that is down but whose host answers (connection refused), ms. */
  refusedMs: 5,
  maxReplicas: 4,
  /** Writes per second one replica can apply; lag grows when the primary writes faster. */
  replicaApplyWps: 400,
  /** Replicas lagging more than this are taken out of the read pool, s. */
  maxLagSec: 5,
  /** The primary failed: detect it and promote a replica, s (Patroni/repmgr ~30 s; RDS Multi-AZ 60–120 s). */
  promoteSec: 30,
  /** Planned switchover of a healthy primary to a replica: writes are refused meanwhile, s (Patroni: seconds). */
  switchoverSec: 10,
  /** After a switchover the old primary rejoins as a replica (rewind and catch up), s. */
  rejoinSec: 60,
  /** The primary failed and there is no replica: restore the latest backup and replay the log, s.
   * Compressed for the game: tens of minutes to hours on a real database. */
  restoreSec: 600,
  /** Create a replica from a snapshot and catch up, s. Compressed for the game: 10–60 min on a real database. */
  addReplicaSec: 180,
} as const;

export const PAYMENTS = {
  baseMs: 150,
  /** Client timeout on the payments call, ms: a slower call fails, after holding a worker this long. */
  timeoutMs: 2000,
} as const;

/**
 * Circuit breaker on the payments call, Hystrix's defaults: it opens when at least 20 calls in a
 * rolling 10 s window failed 50 % or more; open, it fails calls at once; after a 5 s sleep window
 * it is half-open and lets ONE trial call through: success closes it, failure opens it again.
 */
export const BREAKER = {
  /** A call through the breaker fails after this long (Hystrix's execution timeout default), ms. */
  callTimeoutMs: 1000,
  windowSec: 10,
  minCalls: 20,
  errorThreshold: 0.5,
  /** Sleep window, s. */
  openSec: 5,
} as const;

/** Horizontal autoscaler (Kubernetes HPA: desired = ceil(current × metric / target), 15 s sync). */
export const AUTOSCALE = {
  periodSec: 15,
  /** Time constant of the utilization average it acts on, s. */
  smoothingSec: 30,
  /** Scale-down only if no recommendation in this window was higher (HPA's default downscale stabilization window). */
  downStabilizationSec: 300,
  minTotal: 2,
  /** Utilization within ±tolerance of the target does nothing (HPA: 10 %). */
  tolerance: 0.1,
} as const;

/** Multi-window burn-rate alerts (Google SRE Workbook, "Alerting on SLOs", table 5-8); windows compressed for the game
 * (the workbook's 1 h / 5 min and 6 h / 30 min, 60–72× shorter). */
export const ALERTS = {
  page: { longSec: 60, shortSec: 5, burn: 14.4 },
  ticket: { longSec: 300, shortSec: 30, burn: 6 },
} as const;

export const DISPLAY = {
  /** Time constant of the utilization shown on screens, s. */
  utilSmoothingSec: 3,
  /** Window for incident impact / recovery checks, s. */
  healthWindowSec: 10,
  /** Healthy = bad share in the window at most this multiple of the error budget rate (1 − SLO). */
  healthyBurn: 2,
  /** An incident counts as recovered after this many healthy seconds in a row. */
  recoveredAfterSec: 10,
  /** Component shown degraded above this utilization. */
  degradedUtil: 0.85,
  /** Window of the recent availability screens show beside the round's total (the ticket alert's short window), s. */
  recentWindowSec: 30,
} as const;

/**
 * Error-budget "lives" on the screens: a life is lost each time the share of the round's error
 * budget spent passes one of these marks. The first three are the budget itself (a quarter, a
 * half, all of it: the SLO is then missed); the last two are the overdraft (3× and 10× the
 * budget), so a team at 97.6 % (2.4× at a 99 % SLO) still differs from one at 36 % (64×).
 */
export const LIVES = { spentMarks: [0.25, 0.5, 1, 3, 10] } as const;
/** Lives a team starts a round with. */
export const LIVES_MAX = LIVES.spentMarks.length;

/** Running cost in dollars per simulated second. */
export const COST = {
  instancePerSec: 0.01,
  primaryPerSec: 0.02,
  replicaPerSec: 0.015,
  cdnPerSec: 0.004,
  /** Egress/compute per 1000 requests handled at the origin (the CDN is cheaper per request). */
  originPer1k: 0.001,
} as const;

/**
 * The round's score, as a senior SRE would rank responses: users served well and the error budget
 * kept dominate; spend separates responses that protect users about equally; fast detection earns
 * a little. Reliability is counted in nines of the users' bad share, so every nine is worth the
 * same: a team at 36 % earns almost nothing next to one at 99 %.
 */
export const SCORE = {
  /** Points for reliability at (SLO nines + 1) nines of good users (99.9 % for a 99 % SLO), scaled by nines below. */
  reliability: 600,
  /** What a slow answer (served, over the latency SLO) is worth to the reliability part, against a good one. */
  slowAnswer: 0.5,
  /** Points for the share of the round's error budget left at the end (0 when spent: the SLO was missed). */
  budget: 300,
  /**
   * Points per doubling of the bill over the starting setup's (halving it earns as much, while the
   * error budget holds): half a nine of reliability. A round is an incident, not a year: paying
   * twice as much for a few minutes to keep users served is a good trade, so money weighs less
   * than users, and a tenfold bill (what each extra nine is said to cost) is worth about 1.7 nines.
   */
  spend: 100,
  /** Bonus per incident acknowledged (its alert acked, or found by a diagnostic), scaled down linearly to 0 at detectAfterSec. */
  detect: 10,
  detectAfterSec: 120,
} as const;

/** Latency histogram for the end-of-run percentiles: log-spaced bucket edges, ms. */
export const HISTOGRAM = { minMs: 1, maxMs: 60_000, buckets: 48 } as const;
