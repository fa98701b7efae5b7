// The first thing every WebSocket message of a room meets: a message over MESSAGE_LIMITS.maxBytes
// or over MESSAGE_LIMITS.perSecond from one client is refused in words ("refused" with a reason
// the page shows), then the socket is closed with a code and that reason. Colyseus alone would
// close it with a bare code (the transport's frame cap, or maxMessagesPerSecond's 4002).
//
// Colyseus 0.18.17 hands each socket's messages to the room's private `_onMessage(client, buffer)`
// (bound when the client joins); the guard wraps it on the room instance. tests/security/
// messages.test.ts performs both attacks, so an upgrade that moves this hook is caught.
import type { Client, Room } from '@colyseus/core';
import { CLOSE } from '../../shared/codes.ts';

export const MESSAGE_LIMITS = {
  /** Largest message a client may send, bytes (an answer or an action is well under 200). */
  maxBytes: 4096,
  /** Messages one client may send per second (a tap is one). */
  perSecond: 30,
  /** The transport's frame cap, bytes: above it the socket closes without a word (ws: 1009). */
  transportMaxBytes: 64 * 1024,
} as const;

type Refuse = (client: Client, code: 'too_large' | 'rate_limited', reason: string) => void;

interface Count {
  windowStart: number;
  count: number;
}

export function guardMessages(room: Room, refuse: Refuse, now: () => number = Date.now): void {
  const r = room as unknown as { _onMessage?: (client: Client, buffer: Buffer) => void };
  const inner = r._onMessage;
  if (typeof inner !== 'function') throw new Error('Colyseus no longer has Room._onMessage: update server/rooms/message-guard.ts');
  const counts = new WeakMap<Client, Count>();
  const closed = new WeakSet<Client>();
  const close = (client: Client, code: 'too_large' | 'rate_limited', closeCode: number, reason: string) => {
    if (closed.has(client)) return;
    closed.add(client);
    refuse(client, code, reason);
    client.leave(closeCode, reason);
  };
  r._onMessage = function (this: unknown, client: Client, buffer: Buffer) {
    if (closed.has(client)) return;
    if (buffer && buffer.byteLength > MESSAGE_LIMITS.maxBytes) {
      close(client, 'too_large', CLOSE.tooLarge, `Messages are at most ${MESSAGE_LIMITS.maxBytes} bytes; this one had ${buffer.byteLength}. Reload the page to continue.`);
      return;
    }
    const t = now();
    const c = counts.get(client);
    if (!c || t - c.windowStart >= 1000) counts.set(client, { windowStart: t, count: 1 });
    else if (++c.count > MESSAGE_LIMITS.perSecond) {
      close(client, 'rate_limited', CLOSE.flood, `Too many messages: at most ${MESSAGE_LIMITS.perSecond} a second. Reload the page to continue.`);
      return;
    }
    inner.call(this, client, buffer);
  };
}
