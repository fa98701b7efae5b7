// Entry point: `npm start` builds the client and runs this.
import { loadConfig, type Config } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { createGameServer, type GameServer } from './app.ts';
import { describeStartupFailure } from './startup.ts';
import { lanAddress, studentAddress } from './http/urls.ts';

// A write past the process's file-size limit fails (the store reports it: server/store/health.ts)
// instead of killing the process.
process.on('SIGXFSZ', () => undefined);

async function start(): Promise<{ config: Config; log: Logger; server: GameServer; port: number }> {
  let config: Config | undefined;
  let log: Logger | undefined;
  try {
    config = loadConfig();
    log = createLogger(config.logLevel);
    const server = await createGameServer(config, log);
    const port = await server.listen();
    await server.restoreGames();
    return { config, log, server, port };
  } catch (err) {
    // In words, without a stack, and with an exit status that says whether a restart can help.
    const failure = describeStartupFailure(err, config);
    log?.fatal({ code: (err as { code?: unknown })?.code }, failure.message);
    process.stderr.write(`\n  Uptime Arena could not start.\n  ${failure.message}\n\n`);
    process.exit(failure.exitCode);
  }
}
const { config, log, server, port } = await start();
const students = studentAddress({ publicUrl: config.publicUrl, port, host: config.host, lan: lanAddress() });
log.info({ port, host: config.host, studentUrl: students.url, publicAddress: config.publicAddress ?? null }, 'Uptime Arena is listening');
if (config.redisUrl && !config.publicAddress) {
  log.warn('REDIS_URL is set without PUBLIC_ADDRESS: a phone plays on the process that served its page, so games held by another process cannot be joined through this one. Give each process its own PUBLIC_ADDRESS (docs/deploy.md).');
}
process.stdout.write(
  `\n  Uptime Arena is running.\n  Teacher (projector): http://localhost:${port}/host\n` +
    (students.url
      ? `  Students join at:    ${students.url}\n\n`
      : students.why === 'loopback-only'
        ? `  Students: HOST=${config.host} listens on this computer only; phones cannot reach it.\n  Start with HOST=0.0.0.0 (the default), or set PUBLIC_URL to the address phones should open.\n\n`
        : `  Students: this computer has no network address phones can reach. Connect it to the\n  classroom Wi-Fi and restart, or set PUBLIC_URL to the address phones should open.\n\n`),
);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down: no new games; letting running games reach a checkpoint');
  await server.drainAndClose();
  log.info('all games saved; bye');
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
process.on('uncaughtException', (err) => log.fatal({ err }, 'uncaught exception'));
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
