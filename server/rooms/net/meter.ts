// What one game sends, and how its phones come and go: running counters, a few additions per
// frame, read only while the teacher's "Under the hood" view is open.
// Every frame a room sends (state patches, messages) goes through its client's raw(), so
// counting there sees exactly what went onto the sockets, framing aside.
import type { Client } from '@colyseus/core';
import { Protocol } from '@colyseus/core';
import { LINK } from '../../../shared/constants.ts';

const METERED = Symbol('ua.metered');

interface Counts {
  frames: number;
  bytes: number;
}

type Bytes = { byteLength?: number; length?: number; [index: number]: number };

export class GameTraffic {
  /** To phones and to teacher pages, since the room was made. */
  readonly phones: Counts = { frames: 0, bytes: 0 };
  readonly hosts: Counts = { frames: 0, bytes: 0 };
  /** The last state patch with changes a phone got (bytes), or null before the first. */
  lastPatchBytes: number | null = null;

  /** Counts what goes to `client` from now on (once per client object; a reconnection is a new one). */
  meter(client: Client, kind: 'host' | 'player'): void {
    const c = client as unknown as { [METERED]?: true; raw?: (data: Bytes, ...rest: unknown[]) => unknown };
    if (c[METERED] || typeof c.raw !== 'function') return;
    c[METERED] = true;
    const raw = c.raw;
    const into = kind === 'host' ? this.hosts : this.phones;
    c.raw = (data: Bytes, ...rest: unknown[]) => {
      const bytes = data.byteLength ?? data.length ?? 0;
      into.frames++;
      into.bytes += bytes;
      // (a 1-byte patch carries no change)
      if (kind === 'player' && bytes > 1 && data[0] === Protocol.ROOM_STATE_PATCH) this.lastPatchBytes = bytes;
      return raw.call(client, data, ...rest);
    };
  }
}

/** Phones whose connection dropped, and how long each took to come back. */
export class Reconnections {
  private readonly awaySince = new Map<string, number>();
  /** Comebacks so far, and the most recent durations (ms). */
  count = 0;
  readonly durations: number[] = [];

  dropped(playerId: string, now: number): void {
    if (!this.awaySince.has(playerId)) this.awaySince.set(playerId, now);
  }

  /** The phone is connected again (the SDK reconnected, or its page rejoined with its seat). */
  back(playerId: string, now: number): void {
    const since = this.awaySince.get(playerId);
    if (since === undefined) return;
    this.awaySince.delete(playerId);
    this.count++;
    this.durations.push(Math.max(0, now - since));
    if (this.durations.length > LINK.historyKept) this.durations.shift();
  }

  /** The phone left for good (its slot expired, or it was removed). */
  gone(playerId: string): void {
    this.awaySince.delete(playerId);
  }

  get away(): number {
    return this.awaySince.size;
  }
}
