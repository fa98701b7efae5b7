// Colyseus reports its room count and CCU through @pm2/io when that package can be imported
// (here it arrives with @colyseus/testing, a dev dependency). Importing @pm2/io initializes it
// with everything on: it wraps the HTTP server, watches every GC, samples the event loop and the
// heap on timers and installs its own uncaughtException handler — about half of an idle
// server's CPU, for a dashboard we do not use (/metrics is ours). @pm2/io returns whatever is
// registered under this global key instead of initializing, so outside PM2 we register a
// stand-in that accepts Colyseus's two metrics and does nothing.
const IO_KEY = Symbol.for('@pm2/io');
const underPm2 = process.env.pm_id !== undefined;
const registry = globalThis as unknown as Record<symbol, unknown>;
if (!underPm2 && !(IO_KEY in registry)) {
  registry[IO_KEY] = { metric: () => ({ set: () => {} }) };
}
