// Builds the whole server: Express (pages, HTTP API, health) and Colyseus (rooms) on one port.
// Presence and the matchmaking driver are in memory by default, Redis when REDIS_URL is set.
import './pm2-io.ts';
import http from 'node:http';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import compression from 'compression';
import type express from 'express';
import { LocalDriver, LocalPresence, matchMaker, Server, type Presence } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { Encoder } from '@colyseus/schema';
import { HOMEWORK_ROOM_NAME, ROOM_NAME } from '../shared/protocol.ts';
import { loadBank } from './content/load-bank.ts';
import { loadNameFilter } from './content/load-names.ts';
import { createPlanner } from './content/planner.ts';
import { createGameCodes } from './codes.ts';
import type { Config } from './config.ts';
import { createGamesRouter } from './http/games.ts';
import { createResultsRouter } from './http/results.ts';
import { createHealthRouter } from './http/health.ts';
import { createStaticRouter } from './http/static.ts';
import { createSetsRouter } from './http/sets.ts';
import { createHomeworkRouter } from './http/homework.ts';
import { HomeworkRoom, liveAttempts } from './rooms/HomeworkRoom.ts';
import { openStore, type Store } from './store/index.ts';
import type { Logger } from './log.ts';
import { ClassroomRoom, liveClassrooms, type RestoreGameOptions } from './rooms/ClassroomRoom.ts';
import { setRoomServices } from './rooms/context.ts';
import { trackRooms } from './rooms/instrument.ts';
import { failingRooms } from './rooms/health.ts';
import { createStorageHealth } from './store/health.ts';
import { createMetrics, type LiveRooms, type ServerMetrics } from './metrics.ts';
import { createMetricsRouter } from './http/metrics.ts';
import { ADMIN_FAILURES_PER_MINUTE, createAdminRouter } from './http/admin.ts';
import { requestLog } from './http/request-log.ts';
import { failureLimit, onlyMethods, rateLimit } from './http/rate-limit.ts';
import { installFrontDoor } from './http/front-door.ts';
import { createJoinGuard } from './http/join-limits.ts';
import { clientIp, compileTrust } from './http/client-ip.ts';
import { createOriginPolicy, createSecurityHeaders } from './http/security-headers.ts';
import { MESSAGE_LIMITS } from './rooms/message-guard.ts';

export const VERSION = '0.1.0';

function colyseusLogger(log: Logger) {
  const c = log.child({ component: 'colyseus' });
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? (a.stack ?? a.message) : JSON.stringify(a))).join(' ').slice(0, 4000);
  return {
    trace: (...a: unknown[]) => c.trace(text(a)),
    debug: (...a: unknown[]) => c.debug(text(a)),
    info: (...a: unknown[]) => c.info(text(a)),
    warn: (...a: unknown[]) => c.warn(text(a)),
    error: (...a: unknown[]) => c.error(text(a)),
  };
}

/** Games idle for longer than this are not brought back after a restart. */
const RESTORE_WITHIN_MS = 12 * 3600_000;

// Colyseus 0.18.17 reads the global `WebSocket.OPEN` when a dropped client reconnects; Node 20
// has no global WebSocket, so every SDK reconnection died with a ReferenceError. Lend it the
// `ws` package's class (the one Colyseus itself runs on; the SDK picks the same one).
if (!('WebSocket' in globalThis)) {
  (globalThis as Record<string, unknown>).WebSocket = (createRequire(import.meta.url)('ws') as { WebSocket: unknown }).WebSocket;
}

export interface GameServer {
  readonly gameServer: Server;
  readonly store: Store;
  readonly httpServer: http.Server;
  readonly metrics: ServerMetrics;
  listen(): Promise<number>;
  /** Stops taking new games; rooms keep running until shutdown(). */
  drain(): void;
  /** Recreates the games a previous process left unfinished (from their checkpoints). */
  restoreGames(): Promise<string[]>;
  /** Stops taking games, lets each room reach a checkpoint (bounded by DRAIN_TIMEOUT_MS), writes it, and closes. */
  drainAndClose(): Promise<void>;
  shutdown(): Promise<void>;
}

async function presenceAndDriver(config: Config): Promise<{ presence: Presence; driver: matchMaker.MatchMakerDriver }> {
  if (!config.redisUrl) return { presence: new LocalPresence(), driver: new LocalDriver() };
  const { RedisPresence } = await import('@colyseus/redis-presence');
  const { RedisDriver } = await import('@colyseus/redis-driver');
  return { presence: new RedisPresence(config.redisUrl), driver: new RedisDriver(config.redisUrl) };
}

/**
 * The schema encoder's starting buffer. The teacher's first full state in a room of thousands
 * (the roster) passes the 16 KB default, and each overflow re-encodes with a bigger buffer.
 */
const ENCODER_BUFFER_BYTES = 256 * 1024;

export async function createGameServer(config: Config, log: Logger): Promise<GameServer> {
  Encoder.BUFFER_SIZE = ENCODER_BUFFER_BYTES;
  const bank = loadBank();
  let liveRooms: LiveRooms = { rooms: () => [] };
  const metrics = createMetrics({ live: { rooms: () => liveRooms.rooms() } });
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'uptime-arena.sqlite'),
    onConnectionError: (err) => log.warn({ err: err.message }, 'a database connection was closed by the server; the next query opens a new one'),
  });
  const planner = createPlanner(bank, store.sets);
  const { presence, driver } = await presenceAndDriver(config);
  const httpServer = http.createServer();
  const trust = compileTrust(config.trustProxy);
  const origins = createOriginPolicy({ allowedOrigins: config.allowedOrigins, trust });
  // Game sockets go to this server, or to PUBLIC_ADDRESS (host[:port][/path]) when it is set.
  const headers = createSecurityHeaders({ socketHosts: config.publicAddress ? [config.publicAddress.split('/')[0]!] : [] });
  // CORS: only for the origins the deployment names, never with credentials (Colyseus would echo
  // any Origin with Access-Control-Allow-Credentials on every response).
  matchMaker.controller.DEFAULT_CORS_HEADERS = {} as typeof matchMaker.controller.DEFAULT_CORS_HEADERS;
  matchMaker.controller.getCorsHeaders = (h: Headers) => origins.corsHeaders(h.get('origin'));
  const startedAt = Date.now();
  let draining = false;
  // A code is taken while a room has it, and for good once any game was saved under it.
  const codes = createGameCodes(presence, async (code) => (await matchMaker.query({ roomId: code })).length > 0 || (await store.games.exists(code)));
  const storage = createStorageHealth(log, { onFailure: metrics.storageFailed, probe: () => store.probeWrite() });
  metrics.watchStorage(storage);
  const names = loadNameFilter();
  setRoomServices({ config, log, metrics, store, codes, presence, storage, names });
  // Rooms are made by this server only (POST /api/games, restores); the matchmaker's HTTP routes
  // may only seat a client in a room by its code or bring a dropped one back (CONTRACT.md).
  matchMaker.controller.exposedMethods = ['joinById', 'reconnect'];

  const gameServer = new Server({
    transport: new WebSocketTransport({
      server: httpServer,
      pingInterval: config.pingIntervalMs,
      pingMaxRetries: 2,
      // Above the rooms' own 4 KB, so they can refuse a big message in words (message-guard.ts).
      maxPayload: MESSAGE_LIMITS.transportMaxBytes,
      // A game socket opens only from this server's pages (or the origins it names).
      verifyClient: (info: { req: http.IncomingMessage }, done: (ok: boolean, code?: number, message?: string) => void) =>
        origins.allows(info.req) ? done(true) : done(false, 403, 'Game connections open only from the game pages of this server.'),
    }),
    presence,
    driver,
    publicAddress: config.publicAddress,
    greet: false,
    gracefullyShutdown: false,
    // Colyseus's own messages (an unexpected room error, a driver problem) as JSON lines too.
    logger: colyseusLogger(log),
    express: (app: express.Application) => {
      app.disable('x-powered-by');
      app.set('trust proxy', trust);
      app.use(requestLog({ log, observe: metrics.http }));
      app.use(compression());
      app.use(createMetricsRouter(metrics.registry));
      app.use('/admin', createAdminRouter(config.adminToken, headers.adminPolicy, failureLimit({ presence, name: 'admin', limit: ADMIN_FAILURES_PER_MINUTE })));
      const limit = (name: string) => rateLimit({ presence, name, limit: config.rateLimitPerMinute, log, onLimited: metrics.rateLimited });
      app.post('/api/games', limit('games'));
      app.post('/api/games/:code/homework', limit('homework'));
      // Students start and resume attempts: a class doing its homework from the school's network is one address.
      app.post(['/api/homework/:id/attempts', '/api/homework/:id/attempts/resume'], rateLimit({ presence, name: 'attempts', limit: config.attemptsPerMinute, log, onLimited: metrics.rateLimited }));
      app.use('/api/sets', onlyMethods(['POST', 'PUT'], limit('sets')));
      app.use(
        createHealthRouter({
          isDraining: () => draining,
          roomCount: () => matchMaker.stats.local.roomCount,
          version: VERSION,
          startedAt,
          failingRooms,
          storageWritable: storage.writable,
        }),
      );
      app.use('/api/games', createResultsRouter(store, presence));
      app.use(
        '/api/games',
        createGamesRouter({ codes, log, planner, isDraining: () => draining, canSave: storage.writable, publicUrl: config.publicUrl, port: config.port, randomSeed: () => randomInt(2 ** 31) }),
      );
      app.use('/api/sets', createSetsRouter(store, { log, storage }));
      app.use(
        '/api',
        createHomeworkRouter({
          store,
          codes,
          presence,
          log,
          names,
          isDraining: () => draining,
          publicUrl: config.publicUrl,
          port: config.port,
          timing: { questionMsOverride: config.questionMs, roundIntroMs: config.roundIntroMs, scenarioTickMs: config.scenarioTickMs, scenarioTicksOverride: config.scenarioTicks },
        }),
      );
      app.use(createStaticRouter(config.clientDir, headers.pagePolicy));
      app.use('/api', (_req, res) => {
        res.status(404).json({ error: 'There is no such API endpoint.' });
      });
      app.use((err: Error & { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
        const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
        if (status === 500) log.error({ err }, 'request failed');
        const message = err.type === 'entity.parse.failed' ? 'The request body is not valid JSON.' : err.type === 'entity.too.large' ? 'The request body is too large.' : status === 500 ? 'Something went wrong on the server.' : err.message;
        res.status(status).json({ error: message });
      });
    },
  });
  liveRooms = trackRooms(gameServer.define(ROOM_NAME, ClassroomRoom), metrics);
  gameServer.define(HOMEWORK_ROOM_NAME, HomeworkRoom);

  return {
    gameServer,
    store,
    httpServer,
    metrics,
    async listen() {
      // A class joining at once is a burst of connections; while the loop is busy for a moment
      // they wait in the kernel's accept queue. Node's default (511) overflowed at 3,000 phones.
      await gameServer.listen(config.port, config.host, 4096);
      const joins = createJoinGuard(presence, { perGame: config.joinLimitPerGame, perAddress: config.joinLimitPerAddress, failures: config.joinFailuresPerMinute }, log);
      installFrontDoor(httpServer, { headers, origins, clientIp: (req) => clientIp(req, trust), joins, onRefused: metrics.matchmakeRefused });
      const address = httpServer.address();
      return typeof address === 'object' && address ? address.port : config.port;
    },
    drain() {
      draining = true;
    },
    async restoreGames() {
      const restored: string[] = [];
      const games = await store.games.listResumable({ updatedSince: Date.now() - RESTORE_WITHIN_MS });
      for (const g of games) {
        if (matchMaker.getLocalRoomById(g.code)) continue;
        // One process restores each game, even when several start at once on one Redis.
        const lock = `ua:restore:${g.code}`;
        if ((await presence.incr(lock)) !== 1) continue;
        await presence.expire(lock, 60);
        await codes.claimExact(g.code);
        try {
          const options: RestoreGameOptions = { restore: g.code, grant: await codes.grant(g.code) };
          await matchMaker.createRoom(ROOM_NAME, options);
          restored.push(g.code);
        } catch (err) {
          log.error({ err, code: g.code }, 'could not restore a game');
        }
      }
      if (restored.length) log.info({ games: restored.length }, 'games restored after a restart');
      return restored;
    },
    async drainAndClose() {
      draining = true;
      await Promise.all(liveClassrooms().map((room) => room.drainForShutdown(config.drainTimeoutMs)));
      await Promise.all(liveAttempts().map((room) => room.close()));
      await gameServer.gracefullyShutdown(false);
      await store.close();
    },
    async shutdown() {
      draining = true;
      await Promise.all(liveAttempts().map((room) => room.close()));
      await gameServer.gracefullyShutdown(false);
      await store.close();
    },
  };
}
