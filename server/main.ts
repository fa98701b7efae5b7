// Entry point: `npm start` builds the client and runs this.
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { createGameServer } from './app.ts';
import { lanAddress } from './http/urls.ts';

const config = loadConfig();
const log = createLogger(config.logLevel);
const server = await createGameServer(config, log);
const port = await server.listen();
await server.restoreGames();
const lan = lanAddress();
log.info({ port, host: config.host }, 'Uptime Arena is listening');
process.stdout.write(
  `\n  Uptime Arena is running.\n  Teacher (projector): http://localhost:${port}/host\n  Students join at:    http://${lan ?? 'localhost'}:${port}/\n\n`,
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
