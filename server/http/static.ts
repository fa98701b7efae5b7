// The built client (Vite output): compressed, hashed assets cached for a year, pages never cached.
// `/` is the student page, `/host` the teacher's.
import path from 'node:path';
import fs from 'node:fs';
import express, { type Router } from 'express';

export function createStaticRouter(clientDir: string): Router {
  const router = express.Router();
  const page = (file: string) => (_req: express.Request, res: express.Response) => {
    const full = path.join(clientDir, file);
    if (!fs.existsSync(full)) {
      res.status(503).type('text/plain').send('The client is not built yet: run "npm run build" (npm start does it for you).');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(full);
  };
  router.get('/', page('index.html'));
  router.get(['/host', '/host/'], page('host.html'));
  router.use(
    '/assets',
    express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  router.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  return router;
}
