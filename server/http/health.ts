// Liveness and readiness. /healthz answers while the process can serve; /readyz only while it
// accepts new games (503 once draining for a shutdown).
import express, { type Router } from 'express';

export interface HealthDeps {
  readonly isDraining: () => boolean;
  readonly roomCount: () => number;
  readonly version: string;
  readonly startedAt: number;
}

export function createHealthRouter(deps: HealthDeps): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({
      status: 'ok',
      version: deps.version,
      uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
      rooms: deps.roomCount(),
      draining: deps.isDraining(),
    });
  });
  router.get('/readyz', (_req, res) => {
    const draining = deps.isDraining();
    res.set('Cache-Control', 'no-store').status(draining ? 503 : 200).json({ status: draining ? 'draining' : 'ready' });
  });
  return router;
}
