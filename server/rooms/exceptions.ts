// What a room's failed handler writes to the log. Colyseus hands onUncaughtException a wrapper
// whose fields hold the join options and the client: logged as they are, a refused join wrote a
// real host or seat token and a 2 KB stack at error level. A refusal (a ServerError thrown on
// purpose: wrong token, taken nickname, locked game) is a warn line with the code, the reason and
// the options reduced to what is safe to show; only a real failure logs a stack, and never options.
import { ServerError } from '@colyseus/core';
import type { Logger } from '../log.ts';

/** Join options as the log may show them: the nickname (cut short), and which secrets came, not their values. */
export function redactedOptions(options: unknown): Record<string, unknown> {
  if (options === null || typeof options !== 'object') return { options: typeof options };
  const o = options as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (typeof o.name === 'string') out.name = o.name.slice(0, 40);
  for (const key of Object.keys(o).slice(0, 20)) if (key !== 'name') out[key.slice(0, 40)] = '[redacted]';
  return out;
}

export function logRoomException(log: Logger, room: string, error: Error, method: string): void {
  const cause = (error as { cause?: unknown }).cause ?? error;
  const options = (error as { options?: unknown }).options;
  if (cause instanceof ServerError && (method === 'onJoin' || method === 'onAuth' || method === 'onCreate')) {
    log.warn({ code: room, method, refusal: cause.code, reason: cause.message, ...(options !== undefined ? { options: redactedOptions(options) } : {}) }, 'refused');
    return;
  }
  const e = cause instanceof Error ? cause : error;
  log.error({ code: room, method, err: { type: e.name, message: e.message, stack: e.stack } }, 'room handler failed');
}
