// Every HTTP request meets this before Colyseus's router or Express. It sets the security
// headers of every response (security-headers.ts) and refuses changes (POST, PUT, DELETE) sent by
// pages of another site. It is also the one place that sees the matchmaker's routes (Colyseus answers /matchmake/* itself, ahead of any Express
// middleware). Only the routes of CONTRACT.md may seat anyone: POST /matchmake/joinById/<code>
// and /matchmake/reconnect/<code>. The generic create, join and joinOrCreate (and anything else
// under /matchmake) get a readable 404 here; rooms also refuse create options that do not carry
// the server's grant (server/codes.ts), and matchMaker.controller exposes only those two methods.
// Seating requests are counted per client address (join-limits.ts): too many into one game, in
// all, or failing (guessed codes) get a 429 with the seconds to wait.
import type http from 'node:http';
import { GAME } from '../../shared/constants.ts';
import { GAME_CODE_PATTERN } from '../../shared/protocol.ts';
import type { JoinGuard } from './join-limits.ts';
import type { OriginPolicy, SecurityHeaders } from './security-headers.ts';

type Listener = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Largest matchmaking request body: join options are a nickname or a token. */
export const MATCHMAKE_BODY_BYTES = 4096;

const SEATING = /^\/matchmake\/(joinById|reconnect)\/([^/?#]+)$/;
/** Methods that change something: a browser page of another site may not send them. */
const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json), 'Cache-Control': 'no-store', ...headers });
  res.end(json);
}

/** What a matchmaking request asks for, or why it may not go on. */
export function matchmakeRoute(method: string, path: string): { ok: true; method: 'joinById' | 'reconnect'; code: string } | { ok: false; status: number; error: string } {
  const m = SEATING.exec(path);
  if (!m) return { ok: false, status: 404, error: "Games are created on the teacher's page and joined with their code; this address does neither." };
  if (method !== 'POST') return { ok: false, status: 405, error: 'Joining a game is a POST request.' };
  let code: string;
  try {
    code = decodeURIComponent(m[2]!);
  } catch {
    code = '';
  }
  // The wording keeps "not found", which the pages translate as "no game has this code".
  if (!GAME_CODE_PATTERN.test(code)) return { ok: false, status: 404, error: `room "${code.slice(0, 12)}" not found: a game code has ${GAME.codeLength} letters and digits.` };
  return { ok: true, method: m[1] as 'joinById' | 'reconnect', code };
}

export interface FrontDoorDeps {
  /** Headers every response carries (helmet), set before anything answers. */
  readonly headers: SecurityHeaders;
  /** Which browser pages may change things here (POST, PUT, DELETE) besides the server's own. */
  readonly origins: OriginPolicy;
  /** The client's address (TRUST_PROXY decides whether a proxy's header counts). */
  readonly clientIp: (req: http.IncomingMessage) => string;
  readonly joins: JoinGuard;
  /** Called for each request refused here (a metric), by reason: route, size, failures, game, address, origin. */
  readonly onRefused?: (reason: string) => void;
}

/**
 * Puts the front door before the server's request listeners (Colyseus's router and Express).
 * Call after the server listens: Colyseus binds its listener then.
 */
export function installFrontDoor(server: http.Server, deps: FrontDoorDeps): void {
  const inner = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  const pass: Listener = (req, res) => {
    for (const l of inner) l.call(server, req, res);
  };
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => deps.headers.apply(req, res, () => enter(req, res)));
  const enter = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    if (CHANGES.has(req.method ?? '') && !deps.origins.allows(req)) {
      deps.onRefused?.('origin');
      sendJson(res, 403, { error: 'This server does not take requests from pages of another site.' });
      req.resume();
      return;
    }
    if (!path.startsWith('/matchmake/') && path !== '/matchmake') return pass(req, res);
    if (req.method === 'OPTIONS') return pass(req, res);
    const route = matchmakeRoute(req.method ?? 'GET', path);
    if (!route.ok) {
      deps.onRefused?.('route');
      sendJson(res, route.status, { error: route.error });
      req.resume();
      return;
    }
    const length = req.headers['content-length'];
    if (length === undefined || !(Number(length) <= MATCHMAKE_BODY_BYTES)) {
      deps.onRefused?.('size');
      sendJson(res, length === undefined ? 411 : 413, { error: length === undefined ? 'The join request needs a Content-Length.' : 'The join request is too large.' });
      req.resume();
      return;
    }
    const ip = deps.clientIp(req);
    void deps.joins.admit(ip, route.code).then((verdict) => {
      if (!verdict.ok) {
        deps.onRefused?.(verdict.limit);
        sendJson(res, 429, { error: verdict.error }, { 'Retry-After': String(verdict.retryAfter) });
        req.resume();
        return;
      }
      res.once('finish', () => {
        if (res.statusCode >= 400) void deps.joins.failed(ip);
      });
      pass(req, res);
    }).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'The join could not be handled. Try again.' });
    });
  };
}
