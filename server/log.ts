// Structured JSON logs (pino). Secrets never reach a log line: tokens are redacted by path.
import { pino, type DestinationStream, type Logger } from 'pino';

/** `destination` defaults to stdout; tests pass a stream to read the lines back. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'uptime-arena' },
    redact: {
      paths: [
        'hostToken', 'editToken', 'seat', 'token', 'adminToken', 'reconnectionToken',
        '*.hostToken', '*.editToken', '*.seat', '*.token', '*.adminToken', '*.reconnectionToken',
        'req.headers.authorization', 'req.headers["x-edit-token"]', 'headers.authorization', 'headers["x-edit-token"]',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
export type { Logger };
