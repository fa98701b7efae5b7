// The only reader of process.env. Every setting has a default that runs the embedded
// single-process game (in-memory presence, SQLite under ./data) on port 2567.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIO } from '../shared/constants.ts';
import { RATE_LIMIT } from './http/rate-limit.ts';

/**
 * The checkout (where package.json is), found by walking up from this module: it runs from
 * server/config.ts under tsx and from dist/server/main.js once built.
 */
export const ROOT_DIR = findRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

/**
 * Join limits per client address and minute. A school is one address behind its NAT: a class of
 * 40 joining, then every phone reloading twice, is 120 seatings into one game; ten classes
 * starting at once stay under the overall limit. A typo'd code is a failure: 30 a minute let a
 * room of students mistype freely, while guessing one of 100 live games takes ~200 days.
 */
export const JOIN_DEFAULTS = { perGame: 150, perAddress: 600, failures: 30 } as const;

export interface Config {
  readonly port: number;
  readonly host: string;
  /**
   * `host[:port][/path]` at which phones reach this very process, for several processes behind
   * Redis (the seat reservation names it and the SDK opens its WebSocket there). Unset by
   * default: then a phone opens the game's WebSocket at the host it loaded the page from.
   */
  readonly publicAddress: string | undefined;
  /** The URL phones open (join links, the QR code, the address printed at start), when set. */
  readonly publicUrl: string | undefined;
  readonly redisUrl: string | undefined;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly clientDir: string;
  /** Seconds a dropped phone keeps its connection-level seat (the seat token works longer). */
  readonly reconnectSeconds: number;
  /** Seconds a dropped host page keeps the game waiting for it. */
  readonly hostReconnectSeconds: number;
  /** Overrides every question's time limit, in ms (tests, rehearsals); null = the content's own. */
  readonly questionMs: number | null;
  readonly roundIntroMs: number;
  /** Real time per scenario tick (ms; default 500: the simulation's human pace of 2 ticks per second), and a round length override in ticks (tests, rehearsals). */
  readonly scenarioTickMs: number;
  readonly scenarioTicks: number | null;
  /** On SIGTERM, how long a room may take to reach a checkpoint (an open question to its reveal), in ms. */
  readonly drainTimeoutMs: number;
  /** Room timer resolution and state patch interval, in ms. */
  readonly tickMs: number;
  readonly patchRateMs: number;
  /**
   * How often the server pings every socket, in ms; a socket that misses two pings in a row is
   * closed (its seat is then held for reconnectSeconds). 10 s notices a phone gone within 20–30 s
   * and tolerates a phone or a school network that stalls for a few seconds, at a third of the
   * wakeups of the transport's 3 s default.
   */
  readonly pingIntervalMs: number;
  readonly logLevel: string;
  readonly adminToken: string | undefined;
  /** Creations (POST /api/games, POST/PUT /api/sets) allowed per client IP per minute, per route. */
  readonly rateLimitPerMinute: number;
  /**
   * Which peers may tell the client's address in X-Forwarded-For (Express's `trust proxy`):
   * `loopback` (the default: a proxy on this machine), a comma-separated list of addresses or
   * CIDRs, a hop count, `true` (everyone: only behind a proxy that overwrites the header) or `false`.
   */
  readonly trustProxy: boolean | number | string;
  /** Seating requests (joinById, reconnect) per client address per minute: into one game, and in all. */
  readonly joinLimitPerGame: number;
  readonly joinLimitPerAddress: number;
  /** Seating requests that fail (no such game, locked…) per client address per minute before joins pause. */
  readonly joinFailuresPerMinute: number;
  /**
   * Origins (scheme://host[:port]) whose pages may call the API and open game sockets besides the
   * page's own: PUBLIC_URL's origin and ALLOWED_ORIGINS (comma-separated).
   */
  readonly allowedOrigins: readonly string[];
  /** Homework attempts started or resumed per client IP per minute (a class at school is one address). */
  readonly attemptsPerMinute: number;
}

function int(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${key} must be a number from ${min} to ${max} (got "${raw}")`);
  return Math.round(n);
}

function publicAddress(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new Error(`PUBLIC_ADDRESS is host[:port][/path] without a scheme, e.g. arena.example.org/p1 (got "${raw}")`);
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/.test(value) && !/^\[[0-9a-fA-F:.]+\](:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/.test(value)) {
    throw new Error(`PUBLIC_ADDRESS must look like host[:port][/path], e.g. arena.example.org/p1 or 192.168.1.20:2567 (got "${raw}")`);
  }
  return value.replace(/\/+$/, '');
}

function publicUrl(raw: string | undefined): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be a full URL such as https://arena.example.org (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PUBLIC_URL must start with http:// or https:// (got "${raw}")`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function trustProxy(raw: string | undefined): boolean | number | string {
  const v = (raw ?? '').trim();
  if (v === '') return 'loopback';
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

function origins(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = [];
  for (const [key, raw] of [['PUBLIC_URL', env.PUBLIC_URL], ...(env.ALLOWED_ORIGINS ?? '').split(',').map((o) => ['ALLOWED_ORIGINS', o] as const)] as const) {
    const v = (raw ?? '').trim();
    if (v === '') continue;
    let origin: string;
    try {
      origin = new URL(v).origin;
    } catch {
      throw new Error(`${key} must hold URLs such as https://arena.example.org (got "${v}")`);
    }
    if (origin === 'null') throw new Error(`${key} must hold http or https URLs (got "${v}")`);
    out.push(origin);
  }
  return [...new Set(out)];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env, 'PORT', 2567, 0, 65535);
  const questionSeconds = env.QUESTION_SECONDS ? int(env, 'QUESTION_SECONDS', 20, 1, 600) : null;
  return {
    port,
    host: env.HOST || '0.0.0.0',
    publicAddress: publicAddress(env.PUBLIC_ADDRESS),
    publicUrl: publicUrl(env.PUBLIC_URL),
    redisUrl: env.REDIS_URL || undefined,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || path.join(ROOT_DIR, 'data')),
    clientDir: path.resolve(env.CLIENT_DIR || path.join(ROOT_DIR, 'dist', 'client')),
    reconnectSeconds: int(env, 'RECONNECT_SECONDS', 60, 1, 3600),
    hostReconnectSeconds: int(env, 'HOST_RECONNECT_SECONDS', 300, 1, 3600),
    questionMs: questionSeconds === null ? null : questionSeconds * 1000,
    roundIntroMs: int(env, 'ROUND_INTRO_MS', 4000, 0, 60_000),
    // the simulation's human pace (SCENARIO.ticksPerSecond); tests and rehearsals step faster
    scenarioTickMs: int(env, 'SCENARIO_TICK_MS', Math.round(1000 / SCENARIO.ticksPerSecond), 1, 1000),
    drainTimeoutMs: int(env, 'DRAIN_TIMEOUT_MS', 30_000, 0, 600_000),
    scenarioTicks: env.SCENARIO_TICKS ? int(env, 'SCENARIO_TICKS', 480, 10, 100_000) : null,
    tickMs: int(env, 'TICK_MS', 100, 10, 1000),
    patchRateMs: int(env, 'PATCH_RATE_MS', 200, 16, 1000),
    pingIntervalMs: int(env, 'PING_INTERVAL_MS', 10_000, 1000, 60_000),
    logLevel: env.LOG_LEVEL || 'info',
    adminToken: env.ADMIN_TOKEN || undefined,
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', RATE_LIMIT.perWindow, 1, 100_000),
    trustProxy: trustProxy(env.TRUST_PROXY),
    joinLimitPerGame: int(env, 'JOIN_LIMIT_PER_GAME', JOIN_DEFAULTS.perGame, 1, 1_000_000),
    joinLimitPerAddress: int(env, 'JOIN_LIMIT_PER_ADDRESS', JOIN_DEFAULTS.perAddress, 1, 1_000_000),
    joinFailuresPerMinute: int(env, 'JOIN_FAILURES_PER_MINUTE', JOIN_DEFAULTS.failures, 1, 1_000_000),
    allowedOrigins: origins(env),
    attemptsPerMinute: int(env, 'HOMEWORK_ATTEMPTS_PER_MINUTE', 120, 1, 100_000),
  };
}
