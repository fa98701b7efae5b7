// Whether this process can write to its store (SQLite file or PostgreSQL). A full disk, a
// read-only file or a database that went away shows up as failing writes: game checkpoints and
// saved sets. While writes fail, /readyz answers 503, new games and sets are refused with a
// reason a person can act on, the teacher's page shows a banner (rooms send `host:storage`),
// and ua_storage_writable is 0. Failed checkpoints are retried, and the store is probed with a
// one-row write every probeEveryMs, so the first write that succeeds again clears all of it (no
// restart needed once the disk has room). Logged once when writes start failing, then at most
// once a minute.
import type { Logger } from '../log.ts';

export const STORAGE_HEALTH = {
  /** While failing, at most one log line per this many ms. */
  logEveryMs: 60_000,
  /** While failing, how often the store is probed with a tiny write, ms. */
  probeEveryMs: 5_000,
} as const;

export type StorageListener = (writable: boolean) => void;

export interface StorageHealth {
  writable(): boolean;
  /** Why writes fail (a short code such as SQLITE_FULL or ENOSPC), while they do. */
  reason(): string | undefined;
  written(): void;
  failed(err: unknown, what: string): void;
  /** Called with the new state each time it changes; returns an unsubscribe function. */
  onChange(listener: StorageListener): () => void;
}

export interface StorageHealthOptions {
  readonly onFailure?: () => void;
  /** A tiny write to the store (Store.probeWrite), tried while writes fail. */
  readonly probe?: () => Promise<void>;
  readonly probeEveryMs?: number;
  readonly now?: () => number;
}

export function createStorageHealth(log: Logger, opts: StorageHealthOptions = {}): StorageHealth {
  const now = opts.now ?? Date.now;
  let failing: { since: number; reason: string; count: number; loggedAt: number } | null = null;
  let prober: ReturnType<typeof setInterval> | null = null;
  const listeners = new Set<StorageListener>();
  const emit = (w: boolean) => {
    if (w && prober) {
      clearInterval(prober);
      prober = null;
    }
    if (!w && opts.probe && !prober) {
      const probe = opts.probe;
      prober = setInterval(() => {
        probe().then(
          () => health.written(),
          (err: unknown) => health.failed(err, 'write probe'),
        );
      }, opts.probeEveryMs ?? STORAGE_HEALTH.probeEveryMs);
      prober.unref();
    }
    for (const l of listeners) l(w);
  };
  const health: StorageHealth = {
    writable: () => failing === null,
    reason: () => failing?.reason,
    written() {
      if (!failing) return;
      log.warn({ failedWrites: failing.count, seconds: Math.round((now() - failing.since) / 1000) }, 'storage writable again');
      failing = null;
      emit(true);
    },
    failed(err, what) {
      opts.onFailure?.();
      const e = err as { code?: unknown; message?: unknown };
      const reason = typeof e?.code === 'string' ? e.code : 'write failed';
      const t = now();
      if (!failing) {
        failing = { since: t, reason, count: 1, loggedAt: t };
        log.error({ err, what }, 'storage write failed: new games are refused until writes succeed again');
        emit(false);
        return;
      }
      failing.count++;
      failing.reason = reason;
      if (t - failing.loggedAt >= STORAGE_HEALTH.logEveryMs) {
        failing.loggedAt = t;
        log.error({ reason, what, failedWrites: failing.count }, 'storage writes still failing');
      }
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return health;
}
