// What a room sends one client: every reply once through here, so each is counted for /metrics,
// and a refusal always carries its code and a reason a person can read (shared/protocol.ts).
import type { Client } from '@colyseus/core';
import type { RefusalCode, ServerMessages } from '../../shared/protocol.ts';
import { roomServices } from './context.ts';

/** Sends `message` to one client and counts it. */
export function reply<T extends keyof ServerMessages>(client: Client, type: T, message: ServerMessages[T]): void {
  client.send(type, message);
  roomServices().metrics.messageOut(type);
}

/** Sends without failing: the socket may already be closing (refusals, goodbyes). */
export function replySafe<T extends keyof ServerMessages>(client: Client, type: T, message: ServerMessages[T]): void {
  try {
    client.send(type, message);
  } catch {
    // the socket may already be closing
  }
}

/** Refuses a client's message of `type`, in words, and counts the refusal. */
export function refuse(client: Client, type: string, code: RefusalCode, reason: string): void {
  roomServices().metrics.refused(type, code);
  replySafe(client, 'refused', { type, code, reason });
}
