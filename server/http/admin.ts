// The Colyseus monitor (rooms, clients, state inspector) under /admin, for the operator only.
// On only when ADMIN_TOKEN is set; the token is accepted as `Authorization: Bearer <token>` or
// as the password of HTTP basic auth (any user name), so a browser can open it directly.
// Without ADMIN_TOKEN every /admin path answers 404, as if it did not exist.
import express, { type Router } from 'express';
import { monitor } from '@colyseus/monitor';
import { tokensEqual } from '../tokens.ts';
import type { FailureLimit } from './rate-limit.ts';

export function adminToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.split(' ', 2) as [string, string | undefined];
  if (!value) return undefined;
  if (/^bearer$/i.test(scheme)) return value.trim();
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

/** Wrong admin tokens allowed per address per minute; then it waits for the next minute. */
export const ADMIN_FAILURES_PER_MINUTE = 10;

export function createAdminRouter(token: string | undefined, csp = '', failures?: FailureLimit): Router {
  const router = express.Router();
  // The monitor's page injects its styles and loads Google's icon font: a policy of its own.
  if (csp) router.use((_req, res, next) => {
    res.set('Content-Security-Policy', csp);
    next();
  });
  if (!token) {
    router.use((_req, res) => {
      res.status(404).json({ error: 'There is no such page.' });
    });
    return router;
  }
  router.use(async (req, res, next) => {
    const ip = req.ip ?? 'unknown';
    const wait = (await failures?.wait(ip)) ?? 0;
    if (wait > 0) {
      res.status(429).set('Retry-After', String(wait)).set('Cache-Control', 'no-store').json({ error: `Too many wrong admin tokens from this address. Try again in ${wait} seconds.` });
      return;
    }
    const given = adminToken(req.get('authorization'));
    if (given !== undefined && tokensEqual(given, token)) {
      next();
      return;
    }
    // A browser's first visit carries no token yet: only a wrong one counts.
    if (given !== undefined) await failures?.failed(ip);
    res.status(401).set('WWW-Authenticate', 'Basic realm="Uptime Arena admin", charset="UTF-8"').set('Cache-Control', 'no-store').json({ error: 'The admin token is missing or wrong.' });
  });
  router.use(monitor() as unknown as express.RequestHandler);
  return router;
}
