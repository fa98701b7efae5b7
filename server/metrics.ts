// Prometheus metrics for one process (prom-client, its own Registry so tests can build several).
// Rooms report through the RoomMetrics hook (server/rooms/context.ts); HTTP through
// httpObserved(); patch sizes through server/rooms/instrument.ts. Label values are bounded:
// message types come from shared/protocol.ts (anything else is counted as "unknown").
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { clientMessages } from '../shared/protocol.ts';
import type { RoomMetrics } from './rooms/context.ts';
import { failingRooms } from './rooms/health.ts';

/** Histogram buckets, in the unit of each metric's name. */
export const BUCKETS = {
  tickSeconds: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
  beatLagSeconds: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  /** Fine around the 5 ms a scenario tick must stay under (bench:room reads its p99 from these). */
  scenarioTickSeconds: [0.00025, 0.0005, 0.001, 0.0015, 0.002, 0.003, 0.004, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1],
  patchBytes: [16, 64, 256, 1024, 4096, 16384, 65536, 262144],
  patchSeconds: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  joinSeconds: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  httpSeconds: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 2.5],
} as const;

/** prom-client's timer-sampled event-loop delay series (see createMetrics). */
const SAMPLED_LAG = /^ua_nodejs_eventloop_lag_(min|max|mean|stddev|p50|p90|p99)_seconds$/;

const KNOWN_IN = new Set<string>([...Object.keys(clientMessages), 'unknown']);

export interface ServerMetrics extends RoomMetrics {
  readonly registry: Registry;
  /** Called by instrument.ts after each broadcast that had changes. */
  patch(kind: 'shared' | 'view', bytes: number): void;
  patchDuration(ms: number): void;
  http(method: string, route: string, status: number, ms: number): void;
  rateLimited(route: string): void;
  /** A matchmaking request refused before it reached the matchmaker, by reason (route, size, …). */
  matchmakeRefused(reason: string): void;
  /** A store write failed (server/store/health.ts). */
  storageFailed(): void;
  /** Reports ua_storage_writable from this health. */
  watchStorage(health: { writable(): boolean }): void;
}

/** What a scrape reads from the live rooms of this process (see instrument.ts). */
export interface LiveRooms {
  rooms(): Iterable<{ readonly clients: ArrayLike<{ userData?: unknown }> }>;
}

export function createMetrics(opts: { defaultMetrics?: boolean; live?: LiveRooms } = {}): ServerMetrics {
  const live = opts.live;
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'uptime-arena' });
  if (opts.defaultMetrics !== false) {
    // prom-client's event-loop delay percentiles come from a timer firing every
    // eventLoopMonitoringPrecision ms, and Node records the whole interval between two firings:
    // at its default (10 ms) the timer wakes an idle server 100 times a second (~1 % of a core
    // here), and at a cheap period every percentile reads that period plus the lag. Those series
    // are left out; ua_room_beat_lag_seconds measures the delay from the rooms' own timer instead
    // (no extra wakeups), and ua_nodejs_eventloop_lag_seconds (taken at scrape) stays.
    const defaults = new Registry();
    collectDefaultMetrics({ register: defaults, prefix: 'ua_', eventLoopMonitoringPrecision: 10_000 });
    for (const { name } of defaults.getMetricsAsArray()) {
      const metric = defaults.getSingleMetric(name);
      if (metric && !SAMPLED_LAG.test(name)) registry.registerMetric(metric);
    }
  }

  new Gauge({
    name: 'ua_rooms',
    help: 'Game rooms open in this process.',
    registers: [registry],
    collect() {
      this.set(live ? [...live.rooms()].length : 0);
    },
  });
  new Gauge({
    name: 'ua_clients',
    help: 'Clients connected to rooms of this process, by kind (host, player, or pending before its seat is bound).',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const counts: Record<string, number> = { host: 0, player: 0, pending: 0 };
      for (const room of live?.rooms() ?? []) {
        for (let i = 0; i < room.clients.length; i++) {
          const kind = (room.clients[i]?.userData as { kind?: string } | undefined)?.kind;
          counts[kind === 'host' || kind === 'player' ? kind : 'pending']! += 1;
        }
      }
      for (const [kind, n] of Object.entries(counts)) this.set({ kind }, n);
    },
  });
  const messagesIn = new Counter({ name: 'ua_messages_in_total', help: 'Messages received from clients, by type.', labelNames: ['type'], registers: [registry] });
  const messagesOut = new Counter({ name: 'ua_messages_out_total', help: 'Messages sent to clients, by type.', labelNames: ['type'], registers: [registry] });
  const refused = new Counter({ name: 'ua_messages_refused_total', help: 'Client messages refused, by type and refusal code.', labelNames: ['type', 'code'], registers: [registry] });
  const joins = new Histogram({ name: 'ua_join_seconds', help: 'Time the room spends admitting a client (onJoin), by kind.', labelNames: ['kind'], buckets: [...BUCKETS.joinSeconds], registers: [registry] });
  const reconnects = new Counter({ name: 'ua_reconnects_total', help: 'Clients that came back to their seat after a drop, by kind.', labelNames: ['kind'], registers: [registry] });
  const ticks = new Histogram({ name: 'ua_room_tick_seconds', help: 'Duration of one beat of a room: its timers, a scenario tick and a patch when due.', buckets: [...BUCKETS.tickSeconds], registers: [registry] });
  const beatLag = new Histogram({ name: 'ua_room_beat_lag_seconds', help: "How late each room's beat ran past its due time: the event loop's delay as the rooms feel it.", buckets: [...BUCKETS.beatLagSeconds], registers: [registry] });
  const beatFailures = new Counter({ name: 'ua_room_beat_failures_total', help: 'Beats of a room that threw (a room failing beat after beat is stuck; /healthz then answers 503).', registers: [registry] });
  new Gauge({
    name: 'ua_rooms_failing',
    help: 'Rooms of this process whose beats keep failing.',
    registers: [registry],
    collect() {
      this.set(failingRooms().length);
    },
  });
  const scenarioTicks = new Histogram({ name: 'ua_scenario_tick_seconds', help: 'Duration of one scenario tick: every team of a room stepped and synced into the state.', buckets: [...BUCKETS.scenarioTickSeconds], registers: [registry] });
  const patchBytes = new Histogram({ name: 'ua_state_patch_bytes', help: 'Encoded state patch size per broadcast: shared = sent to every client, view = extra per filtered view (the host).', labelNames: ['kind'], buckets: [...BUCKETS.patchBytes], registers: [registry] });
  const patchSeconds = new Histogram({ name: 'ua_state_patch_seconds', help: 'Time to encode and send one state patch to every client of a room.', buckets: [...BUCKETS.patchSeconds], registers: [registry] });
  const httpRequests = new Counter({ name: 'ua_http_requests_total', help: 'HTTP requests, by method, route and status.', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const httpSeconds = new Histogram({ name: 'ua_http_request_seconds', help: 'HTTP request duration, by route.', labelNames: ['route'], buckets: [...BUCKETS.httpSeconds], registers: [registry] });
  const limited = new Counter({ name: 'ua_rate_limited_total', help: 'HTTP requests refused with 429, by route.', labelNames: ['route'], registers: [registry] });
  const storageFailures = new Counter({ name: 'ua_storage_write_failures_total', help: 'Store writes that failed (checkpoints, sets): a full disk, a read-only file, a database gone.', registers: [registry] });
  let storage: { writable(): boolean } | undefined;
  new Gauge({
    name: 'ua_storage_writable',
    help: '1 while the store takes writes, 0 while they fail (then /readyz is 503 and new games are refused).',
    registers: [registry],
    collect() {
      this.set(storage?.writable() === false ? 0 : 1);
    },
  });
  const matchmakeRefused = new Counter({ name: 'ua_matchmake_refused_total', help: 'Matchmaking requests refused before the matchmaker, by reason.', labelNames: ['reason'], registers: [registry] });

  return {
    registry,
    messageIn: (type) => messagesIn.inc({ type: KNOWN_IN.has(type) ? type : 'unknown' }),
    messageOut: (type, count = 1) => messagesOut.inc({ type }, count),
    refused: (type, code) => refused.inc({ type: KNOWN_IN.has(type) ? type : 'unknown', code }),
    joined: (kind, ms) => joins.observe({ kind }, ms / 1000),
    reconnected: (kind) => reconnects.inc({ kind }),
    tick: (ms) => ticks.observe(ms / 1000),
    scenarioTick: (ms) => scenarioTicks.observe(ms / 1000),
    beatLag: (ms) => beatLag.observe(ms / 1000),
    beatFailed: () => beatFailures.inc(),
    patch: (kind, bytes) => patchBytes.observe({ kind }, bytes),
    patchDuration: (ms) => patchSeconds.observe(ms / 1000),
    http: (method, route, status, ms) => {
      httpRequests.inc({ method, route, status: String(status) });
      httpSeconds.observe({ route }, ms / 1000);
    },
    rateLimited: (route) => limited.inc({ route }),
    matchmakeRefused: (reason) => matchmakeRefused.inc({ reason }),
    storageFailed: () => storageFailures.inc(),
    watchStorage: (health) => {
      storage = health;
    },
  };
}
