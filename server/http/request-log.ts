// One structured log line and one metrics sample per HTTP request. Every request gets an id
// (a sane X-Request-Id from the proxy is kept, else a new one), echoed in the response header
// and on every line of `req.log`. Logged: method, path WITHOUT the query string, status, ms,
// and the game code when the URL or a created game carries one. Never logged: headers, bodies
// or query strings, which is where host, edit and seat tokens travel.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../log.ts';
import { GAME } from '../../shared/constants.ts';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const CODE_IN_PATH = new RegExp(`^/api/games/([${GAME.codeAlphabet}]{${GAME.codeLength}})(?:/|$)`, 'i');
const CODE_IN_MATCHMAKE = /^\/matchmake\/\w+\/([A-Za-z0-9_-]{1,32})$/;
/** Paths scraped or probed every few seconds: logged at debug, not info. */
const QUIET = new Set(['/healthz', '/readyz', '/metrics']);

declare module 'express-serve-static-core' {
  interface Request {
    id?: string;
    log?: Logger;
  }
}

/**
 * Every route label /metrics can carry: a fixed list, so no request can add a series. An
 * unknown path under /api is "/api/other"; any other path is "static" (GET/HEAD) or "other".
 * Each new route of the app gets a line here.
 */
const ROUTES: readonly (readonly [RegExp, string])[] = [
  [/^\/api\/games\/?$/, '/api/games'],
  [/^\/api\/games\/[^/]+\/(qr\.svg|join-url|results|answers\.csv|scenarios\.csv|downloads)$/, '/api/games/:id/$1'],
  [/^\/api\/sets\/?$/, '/api/sets'],
  [/^\/api\/sets\/(template\.csv|example\.json)$/, '/api/sets/$1'],
  [/^\/api\/sets\/[^/]+$/, '/api/sets/:id'],
  [/^\/api\/sets\/[^/]+\/(export\.csv|export\.json)$/, '/api/sets/:id/$1'],
  [/^\/api(\/|$)/, '/api/other'],
  [/^\/(healthz|readyz|metrics)$/, '/$1'],
  [/^\/admin(\/|$)/, '/admin'],
  [/^\/matchmake(\/|$)/, '/matchmake'],
  [/^\/$/, '/'],
  [/^\/host\/?$/, '/host'],
  [/^\/host\/(sets|results)\/?$/, '/host/$1'],
];

export const ROUTE_LABELS: readonly string[] = [
  '/api/games', ...['qr.svg', 'join-url', 'results', 'answers.csv', 'scenarios.csv', 'downloads'].map((r) => `/api/games/:id/${r}`),
  '/api/sets', '/api/sets/template.csv', '/api/sets/example.json', '/api/sets/:id', '/api/sets/:id/export.csv', '/api/sets/:id/export.json', '/api/other',
  '/healthz', '/readyz', '/metrics', '/admin', '/matchmake', '/', '/host', '/host/sets', '/host/results', 'static', 'other',
];

/** A label from ROUTE_LABELS for the request's path. */
export function routeLabel(method: string, path: string): string {
  for (const [re, label] of ROUTES) {
    const m = re.exec(path);
    if (m) return label.replace('$1', m[1] ?? '');
  }
  return method === 'GET' || method === 'HEAD' ? 'static' : 'other';
}

export function gameCodeOf(path: string): string | undefined {
  return (CODE_IN_PATH.exec(path)?.[1] ?? CODE_IN_MATCHMAKE.exec(path)?.[1])?.toUpperCase();
}

export interface RequestLogDeps {
  readonly log: Logger;
  readonly observe?: (method: string, route: string, status: number, ms: number) => void;
}

export function requestLog(deps: RequestLogDeps): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const given = req.get('x-request-id');
    const id = given && REQUEST_ID.test(given) ? given : randomUUID();
    const path = req.path;
    req.id = id;
    req.log = deps.log.child({ reqId: id });
    res.set('X-Request-Id', id);

    // A created game's code is in the JSON reply: pick just that field for the log line.
    let code = gameCodeOf(path);
    const json = res.json.bind(res);
    res.json = (body?: unknown) => {
      const c = (body as { code?: unknown } | null)?.code;
      if (code === undefined && typeof c === 'string' && c.length <= 16) code = c;
      return json(body);
    };

    res.on('finish', () => {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const status = res.statusCode;
      deps.observe?.(req.method, routeLabel(req.method, path), status, ms);
      const line = { reqId: id, method: req.method, path, status, ms, ...(code ? { code } : {}) };
      if (status >= 500) deps.log.error(line, 'request');
      else if (QUIET.has(path)) deps.log.debug(line, 'request');
      else deps.log.info(line, 'request');
    });
    next();
  };
}
