// The Colyseus monitor (rooms, clients, state inspector) under /admin, for the operator only.
// On only when ADMIN_TOKEN is set; the token is accepted as `Authorization: Bearer <token>` or
// as the password of HTTP basic auth (any user name), so a browser can open it directly.
// Without ADMIN_TOKEN every /admin path answers 404, as if it did not exist.
import express, { type Router } from 'express';
import { monitor } from '@colyseus/monitor';
import { tokensEqual } from '../tokens.ts';

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

export function createAdminRouter(token: string | undefined, csp = ''): Router {
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
  router.use((req, res, next) => {
    const given = adminToken(req.get('authorization'));
    if (given !== undefined && tokensEqual(given, token)) {
      next();
      return;
    }
    res.status(401).set('WWW-Authenticate', 'Basic realm="Uptime Arena admin", charset="UTF-8"').set('Cache-Control', 'no-store').json({ error: 'The admin token is missing or wrong.' });
  });
  router.use(monitor() as unknown as express.RequestHandler);
  return router;
}
