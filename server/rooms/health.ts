// Which rooms of this process are failing: a room whose beat (timers, simulation, patches)
// throws again and again is stuck, and so, usually, is the process (a polluted prototype breaks
// every room at once). /healthz and /readyz read this; the room reports each beat's outcome.
// A failure is logged with its stack once when it starts, then once per LOG_EVERY_MS with a
// count, so a room failing 10 times a second does not flood the log.
import type { Logger } from '../log.ts';

export const ROOM_HEALTH = {
  /** Consecutive failed beats after which a room counts as failing (2 s at the default 10 Hz). */
  failingAfterBeats: 20,
  /** While a room keeps failing, at most one log line per this many ms. */
  logEveryMs: 10_000,
} as const;

const failing = new Set<string>();

/** Codes of the rooms of this process whose beats keep failing. */
export function failingRooms(): string[] {
  return [...failing];
}

export class BeatHealth {
  private consecutive = 0;
  private lastLogAt = -Infinity;

  constructor(
    private readonly code: () => string,
    private readonly log: () => Logger,
    private readonly onFailure: () => void = () => undefined,
  ) {}

  ok(): void {
    if (this.consecutive === 0) return;
    if (this.consecutive >= ROOM_HEALTH.failingAfterBeats) this.log().warn({ code: this.code(), failedBeats: this.consecutive }, 'room recovered: its beats succeed again');
    this.consecutive = 0;
    failing.delete(this.code());
  }

  failed(err: unknown, now: number): void {
    this.consecutive++;
    this.onFailure();
    if (this.consecutive >= ROOM_HEALTH.failingAfterBeats) failing.add(this.code());
    if (this.consecutive === 1 || now - this.lastLogAt >= ROOM_HEALTH.logEveryMs) {
      this.lastLogAt = now;
      this.log().error({ err, code: this.code(), failedBeats: this.consecutive }, 'room beat failed');
    }
  }

  /** The room is gone: it no longer counts. */
  dispose(): void {
    failing.delete(this.code());
  }
}
