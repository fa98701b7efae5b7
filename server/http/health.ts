// Liveness and readiness. /healthz answers 200 while the process can serve, 503 when rooms of
// it keep failing (their beats throw: a restart resumes the games from their checkpoints);
// /readyz answers 200 only while it accepts new games (503 while draining, failing, or while the
// store cannot take writes: a full disk keeps running games going but takes no new ones).
import express, { type Router } from 'express';

export interface HealthDeps {
  readonly isDraining: () => boolean;
  readonly roomCount: () => number;
  readonly version: string;
  readonly startedAt: number;
  /** Codes of rooms whose beats keep failing (server/rooms/health.ts). */
  readonly failingRooms: () => readonly string[];
  /** False while the store cannot take writes (server/store/health.ts). */
  readonly storageWritable?: () => boolean;
}

export function createHealthRouter(deps: HealthDeps): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    const failing = deps.failingRooms().length;
    res.set('Cache-Control', 'no-store').status(failing > 0 ? 503 : 200).json({
      status: failing > 0 ? 'failing' : 'ok',
      version: deps.version,
      uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
      rooms: deps.roomCount(),
      draining: deps.isDraining(),
      failingRooms: failing,
      storage: deps.storageWritable?.() === false ? 'failing' : 'ok',
    });
  });
  router.get('/readyz', (_req, res) => {
    // Not ready while new games would be refused: draining, stuck rooms, or a store that cannot save.
    const status = deps.isDraining() ? 'draining' : deps.failingRooms().length > 0 ? 'failing' : deps.storageWritable?.() === false ? 'storage-failing' : 'ready';
    res.set('Cache-Control', 'no-store').status(status === 'ready' ? 200 : 503).json({ status });
  });
  return router;
}
