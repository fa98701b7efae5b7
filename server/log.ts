// Structured JSON logs (pino). Secrets never reach a log line: tokens are redacted by path.
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'uptime-arena' },
    redact: { paths: ['hostToken', 'editToken', 'seat', '*.hostToken', '*.editToken', '*.seat', 'req.headers.authorization', 'req.headers["x-edit-token"]'], censor: '[redacted]' },
  });
}
export type { Logger };
