// The simulation's data: scenario cards, actions, the run state (plain JSON-safe data,
// so a server can checkpoint it), per-tick metrics, events and the end-of-run report.
// The simulation stands alone: it imports nothing from the game's content or rules.

/** A text in the game's two languages. */
export interface Localized {
  es?: string;
  en?: string;
}

export type Zone = 'a' | 'b';
export const ZONES = ['a', 'b'] as const;

/** Who owns an action on the team: the phones split the controls by role. */
export const ROLES = ['edge', 'compute', 'data', 'observability'] as const;
export type Role = (typeof ROLES)[number];

export type SimAction =
  | { type: 'cdn'; on: boolean }
  | { type: 'rate-limit'; rps: number } // 0 switches the limiter off
  | { type: 'block-abuse'; on: boolean }
  | { type: 'lb-policy'; policy: 'round-robin' | 'least-connections' }
  | { type: 'scale'; zone: Zone; count: number }
  | { type: 'restart'; zone: Zone; instance?: number }
  | { type: 'autoscale'; on: boolean; target?: number }
  | { type: 'rollback' }
  | { type: 'drain'; zone: Zone; on: boolean }
  | { type: 'warm-cache' }
  | { type: 'add-replica' }
  | { type: 'failover' }
  | { type: 'circuit-breaker'; on: boolean }
  | { type: 'ack'; alert?: number }
  | { type: 'diagnose' };
export type ActionType = SimAction['type'];

export interface ActionLogEntry {
  tick: number;
  action: SimAction;
}

/** Faults and load changes a card schedules. Durations are simulated seconds; no duration = until fixed. */
export type ScenarioEvent =
  | { type: 'instance-crash'; zone: Zone; count?: number }
  | { type: 'zone-outage'; zone: Zone; duration?: number }
  | { type: 'traffic-spike'; factor: number; rampSec: number; duration: number }
  | { type: 'bot-flood'; rps: number; duration?: number }
  | { type: 'memory-leak'; perSec: number }
  | { type: 'bad-deploy'; errorRate: number; latencyFactor: number; rolloutSec: number }
  /** The primary stops: crashed (connections refused at once) or, with `stalled`, hung (calls wait for the pool timeout). */
  | { type: 'db-primary-failure'; duration?: number; stalled?: boolean }
  | { type: 'replication-lag'; applyFactor: number; duration?: number }
  /** The payments API slows to latencyMs (over rampSec: a degradation that grows) and/or fails errorRate of calls. */
  | { type: 'dependency'; latencyMs: number; errorRate: number; duration?: number; rampSec?: number }
  | { type: 'partition'; duration?: number }
  | { type: 'cache-flush' }
  /** A broken hop: `share` of the requests through it fail (default all; a bad upstream entry fails some, and a retry may pass). */
  | { type: 'config-error'; hop: 'edge' | 'lb'; share?: number };
export type EventType = ScenarioEvent['type'];

export interface TimelineEntry {
  /** Simulated seconds from the start of the round. */
  at: number;
  event: ScenarioEvent;
  /** Seconds of warning before it happens (planned maintenance); emits an 'announcement' event. */
  announce?: number;
}

export interface ScenarioCard {
  id: string;
  /** The talk's topic the card teaches: an id of the game's topic list (shared/content/topics.ts; tests check it). */
  topic: string;
  title: Localized;
  description: Localized;
  /** What the card teaches, one or two sentences. */
  concept: Localized;
  durationTicks: number;
  traffic: {
    /** User requests per second at curve factor 1. */
    baseRps: number;
    /** Piecewise-linear factor over time: [simulated second, factor] pairs, ascending. */
    curve: readonly (readonly [number, number])[];
    /** Share of requests that are static assets the CDN can serve. */
    staticShare: number;
    /** Share of dynamic requests that write. */
    writeShare: number;
    /** Share of dynamic requests that call the payments API. */
    paymentShare: number;
    /** Standard deviation of the multiplicative noise. */
    noise: number;
  };
  setup: {
    zoneA: number;
    zoneB: number;
    cdn: boolean;
    replicas: number;
    /** A controller replaces instances health checks found dead (Kubernetes ReplicaSet, AWS ASG). */
    selfHealing: boolean;
    autoscale?: boolean;
    lbPolicy?: 'round-robin' | 'least-connections';
    maxRetries?: number;
    /** Instance queue bound, seconds of capacity (default APP.queueMaxSec). Longer than the client timeout = wasted work. */
    queueMaxSec?: number;
    sloAvailability?: number;
    sloLatencyMs?: number;
  };
  timeline: readonly TimelineEntry[];
  /** The response a good team plays, in the format `npm run sim -- --actions` reads. */
  recommended: readonly ActionLogEntry[];
  /** An obviously harmful response, for tests and the debrief. */
  harmful: readonly ActionLogEntry[];
}

export type InstanceState = 'booting' | 'up' | 'draining' | 'restarting' | 'dead';

export interface Instance {
  id: number;
  zone: 0 | 1;
  state: InstanceState;
  /** Tick at which booting/restarting ends. */
  readyAt: number;
  /** Tick at which health checks take a dead instance out of rotation. */
  detectAt: number;
  /** Health checks have noticed it is dead. */
  detected: boolean;
  /** Requests waiting (fluid). */
  queue: number;
  /** Memory in use, share of the limit (memory leak). */
  mem: number;
  /** Smoothed utilization, for screens and least-connections. */
  util: number;
}

export interface Incident {
  id: number;
  cause: EventType;
  component: IncidentComponent;
  startedAt: number;
  detectedAt: number; // -1 = not yet
  impactedAt: number; // -1 = not yet
  recoveredAt: number; // -1 = not yet
  faultEndedAt: number; // -1 = still active
  /** Tick its scheduled end comes (duration), -1 = none. */
  endsAt: number;
  /** A diagnostic has revealed its root cause (screens may then name it). */
  diagnosed: boolean;
  /** Tick someone acknowledged its alert or a diagnostic found it (the score's detection bonus), -1 = not yet. */
  acknowledgedAt: number;
}

export interface Alert {
  id: number;
  severity: 'page' | 'ticket';
  firedAt: number;
  ackedAt: number; // -1 = not acknowledged
  resolvedAt: number; // -1 = firing
}

export interface PendingAction {
  dueAt: number;
  action: SimAction;
}

export const COMPONENTS = ['edge', 'lb', 'zoneA', 'zoneB', 'cache', 'db', 'payments'] as const;
export type ComponentId = (typeof COMPONENTS)[number];
/** Where an incident's root cause sits: a component, or the application fleet as a whole. */
export type IncidentComponent = ComponentId | 'app';
export type Health = 'ok' | 'degraded' | 'down';

/** Why requests failed this tick (counts). */
export interface FailedBy {
  edge: number; // a bad hop (certificate / configuration)
  noHealthy: number; // no instance in rotation, or a dead one still in it
  overflow: number; // queue bound reached (503)
  timeout: number; // answered later than the client waited
  error: number; // application errors (bad deploy)
  database: number;
  dependency: number; // payments failed or timed out
  circuitOpen: number; // refused fast by the breaker
}

/** One tick's numbers. stepRun mutates one object per run in place: copy it to keep it. */
export interface TickMetrics {
  tick: number;
  /** Attempts that arrived this tick (fresh + retries), and their split. */
  arrived: number;
  fresh: number;
  retries: number;
  served: number;
  good: number;
  failed: number;
  shed: number;
  /** Requests waiting in queues at the end of the tick. */
  queued: number;
  /**
   * What real users got this tick (bots left out): each user request ends once, served (by the
   * CDN or the origin, perhaps after retries), lost (its last attempt failed) or refused at the
   * edge (rate-limited 429, or blocked by mistake 403). Good: served within the latency SLO.
   */
  usersServed: number;
  usersLost: number;
  usersShed: number;
  usersGood: number;
  failedBy: FailedBy;
  /** Served per second, good per second. */
  throughput: number;
  goodput: number;
  /** failed / (served + failed) this tick: attempts that failed, as the load balancer's logs count them (retries included). */
  errorRate: number;
  p50: number;
  p95: number;
  p99: number;
  /** Users served / users answered (served + lost + refused) since the start: what users got. */
  availability: number;
  /** Share of the round's error budget left, 0..1. */
  budgetRemaining: number;
  /** Burn rate over the page alert's long window (1 = spending the budget exactly over the round). */
  burnRate: number;
  spend: number;
  credits: number;
  utilization: Record<ComponentId, number>;
  health: Record<ComponentId, Health>;
  cacheHitRatio: number;
  instancesUp: number;
}

/** The whole state of one run: plain data, JSON round-trips exactly. */
export interface SimRun {
  v: 1;
  card: ScenarioCard;
  seed: number;
  tick: number;
  durationTicks: number;
  rng: [number, number, number, number];
  noise: number;
  credits: number;
  creditsSpent: number;
  spend: number;
  baselineSpendPerSec: number;
  expectedFresh: number;
  sloAvailability: number;
  sloLatencyMs: number;
  maxRetries: number;
  queueMaxSec: number;

  // configuration the team controls
  cdnOn: boolean;
  cdnWarm: number; // 0..1
  rateLimitRps: number; // 0 = off
  tokens: number;
  blockOn: boolean;
  blockSignatureRps: number; // bot traffic the blocking rule was written against (rps seen when it took effect)
  lbPolicy: 'round-robin' | 'least-connections';
  autoscaleOn: boolean;
  autoscaleTarget: number;
  autoscaleMin: number; // the autoscaler's floor: AUTOSCALE.minTotal, or what the team scaled to while it was on
  breakerOn: boolean;
  drained: [boolean, boolean];
  desired: [number, number];
  selfHealing: boolean;

  instances: Instance[];
  nextInstanceId: number;
  autoscaleUtil: number; // the autoscaler's averaged utilization of ready instances; -1 before the first sample
  autoscaleHistory: number[]; // recommendations inside the stabilization window, [tick, total] pairs flattened

  // faults
  zoneDown: [boolean, boolean];
  partition: boolean;
  partitionSince: number; // tick the partition began, -1 = none
  spikes: number[]; // flattened [startTick, rampSec, duration, factor]
  botRps: number;
  leakPerSec: number;
  deployBad: number; // share of the fleet on the bad version, 0..1
  deployTarget: number; // where the rollout/rollback is heading
  deployStep: number; // change per tick
  deployErrorRate: number;
  deployLatencyFactor: number;
  deployed: boolean; // a release went out this round (rollback is possible)
  configError: '' | 'edge' | 'lb';
  configErrorShare: number; // share of requests the broken hop fails
  depLatencyMs: number;
  depTargetMs: number; // where a degrading dependency's latency is heading
  depRampMs: number; // its change per tick (0 = none)
  depErrorRate: number;

  // cache and database
  cacheHit: number;
  primaryUp: boolean;
  primaryStalled: boolean; // the down primary hangs calls instead of refusing them
  primaryZone: 0 | 1;
  failoverUntil: number; // -1 = no failover in progress
  failoverPlanned: boolean; // the failover in progress switches over a healthy primary
  replicas: { zone: 0 | 1; up: boolean; readyAt: number }[];
  lagSec: number;
  applyFactor: number;
  dbReadMs: [number, number]; // per zone: time per read query (incl. wait), smoothed
  dbWriteMs: [number, number];
  dbUtil: number;
  payHoldMs: number; // last tick's time a payments call held a worker
  breaker: 'closed' | 'open' | 'half-open';
  breakerUntil: number;
  breakerCalls: number[]; // ring of calls per second
  breakerErrors: number[];

  // retries: ring per generation (1..maxRetries), slots = CLIENT.retryRing
  retryRing: number[][];

  // monitoring
  ringTotal: number[]; // per-tick attempts answered (served + failed), ring of ALERTS.ticket.longSec
  ringBad: number[];
  ringFailed: number[]; // per-tick failed attempts, same ring
  /** [answered, failed] over DISPLAY.recentWindowSec: the recent availability. */
  recent: [number, number];
  windowSums: number[]; // [total, bad] for each window in WINDOWS order
  healthySince: number; // -1 = unhealthy now
  windowsAt: number; // ticks recorded in the rings
  alerts: Alert[];
  nextAlertId: number;
  incidents: Incident[];
  /**
   * Faults started from outside the card (injectFault: a teacher's game day), as timeline entries
   * the step treats like the card's own. Absent until the first one.
   */
  injected?: TimelineEntry[];
  pending: PendingAction[];
  smoothedUtil: number[]; // per component
  histogram: number[];

  totals: {
    // attempts (fresh and retries, bots included)
    arrived: number; fresh: number; retries: number; served: number; good: number; failed: number; shed: number;
    // real users: fresh requests, and how they ended; bad = lost + refused + served too slowly
    legitFresh: number; usersServed: number; usersLost: number; usersShed: number; usersGood: number; bad: number;
    actionsApplied: number; actionsRefused: number;
  };
  metrics: TickMetrics;
}

export type SimEvent =
  | { type: 'incident-started'; tick: number; incident: number; cause: EventType; component: IncidentComponent }
  | { type: 'incident-detected'; tick: number; incident: number; by: 'action' | 'ack' | 'diagnostic' }
  | { type: 'incident-recovered'; tick: number; incident: number }
  | { type: 'alert-fired'; tick: number; alert: number; severity: 'page' | 'ticket' }
  | { type: 'alert-resolved'; tick: number; alert: number }
  | { type: 'action-applied'; tick: number; action: ActionType; cost: number; effectiveAt: number }
  | { type: 'action-effective'; tick: number; action: ActionType }
  | { type: 'action-refused'; tick: number; action: string; code: RefusalCode; reason: string }
  | { type: 'diagnostic'; tick: number; findings: { incident: number; cause: EventType; component: IncidentComponent }[] }
  | { type: 'instance-removed'; tick: number; instance: number; zone: Zone; reason: 'health-check' }
  | { type: 'instance-crashed'; tick: number; instance: number; zone: Zone; reason: 'crash' | 'oom' | 'zone' }
  | { type: 'instance-ready'; tick: number; instance: number; zone: Zone }
  | { type: 'deploy'; tick: number }
  | { type: 'announcement'; tick: number; cause: EventType; at: number };

export type RefusalCode = 'unknown_action' | 'bad_params' | 'out_of_range' | 'not_enough_credits' | 'not_applicable' | 'run_over';
export type ValidationResult = { ok: true } | { ok: false; code: RefusalCode; reason: string };

export interface StepResult {
  tick: number;
  metrics: TickMetrics;
  events: readonly SimEvent[];
}

export interface IncidentReport {
  id: number;
  cause: EventType;
  component: IncidentComponent;
  startedAt: number;
  detectedAt: number | null;
  recoveredAt: number | null;
  /** Simulated seconds from start to detection / recovery; null = never. */
  timeToDetect: number | null;
  timeToRecover: number | null;
}

export interface RunReport {
  scenario: string;
  seed: number;
  ticks: number;
  simSeconds: number;
  availability: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
  p99LatencyMs: number;
  cost: number;
  score: number;
  /** The score's parts: reliability (nines of good users), error budget left, spend (extra over the starting setup's), detection. */
  scoreParts: { reliability: number; budget: number; spend: number; detection: number };
  /** Share of users answered well (served within the latency SLO): the SLI. */
  goodShare: number;
  sloMet: boolean;
  errorBudgetRemaining: number;
  /** Attempts (fresh requests and retries, bots included), as the service's logs count them. */
  requests: { arrived: number; served: number; failed: number; shed: number; queued: number; fresh: number; retries: number; good: number };
  /** Real users' requests and how they ended (served, lost after the last retry, refused at the edge; good = served in time). */
  users: { fresh: number; served: number; lost: number; refused: number; good: number };
  creditsSpent: number;
  creditsLeft: number;
  actions: { applied: number; refused: number };
  alertsFired: number;
  incidents: IncidentReport[];
}

export interface RunOptions {
  credits?: number;
  durationTicks?: number;
}
