// GET /metrics in the Prometheus text format, for a scraper on the private network. The
// reverse proxy should not expose it publicly (deploy/nginx.conf refuses it from outside).
import express, { type Router } from 'express';
import type { Registry } from 'prom-client';

export function createMetricsRouter(registry: Registry): Router {
  const router = express.Router();
  router.get('/metrics', async (_req, res, next) => {
    try {
      const body = await registry.metrics();
      res.set('Content-Type', registry.contentType).set('Cache-Control', 'no-store').send(body);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
