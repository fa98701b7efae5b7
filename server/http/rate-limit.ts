// Per-client-IP limits on the HTTP calls that create things (games, question sets). Counting
// goes through the Colyseus presence: in memory for one process, Redis when processes share
// one, so a limit holds across every process behind the proxy. Fixed one-minute windows: one
// hash per window (field = IP), incremented with hincrbyex, which also sets the expiry.
// Over the limit → 429 with a readable JSON error and Retry-After. If the presence is down the
// request is let through (and logged): a classroom must not be locked out by a cache outage.
import type { Presence } from '@colyseus/core';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../log.ts';

export const RATE_LIMIT = {
  /** Length of a counting window, in seconds. */
  windowSeconds: 60,
  /** Default requests per window per IP, per limited route group. */
  perWindow: 30,
} as const;

export interface RateLimitOptions {
  readonly presence: Presence;
  /** Groups share nothing: 'games' and 'sets' count separately. */
  readonly name: string;
  readonly limit: number;
  readonly windowSeconds?: number;
  readonly log?: Logger;
  readonly onLimited?: (name: string) => void;
  /** Injectable clock for tests, ms since the epoch. */
  readonly now?: () => number;
}

export function rateLimit(opts: RateLimitOptions): RequestHandler {
  const windowSeconds = opts.windowSeconds ?? RATE_LIMIT.windowSeconds;
  const now = opts.now ?? Date.now;
  return async (req: Request, res: Response, next: NextFunction) => {
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const t = now();
    const window = Math.floor(t / 1000 / windowSeconds);
    let count: number;
    try {
      count = Number(await opts.presence.hincrbyex(`ua:rl:${opts.name}:${window}`, ip, 1, windowSeconds * 2));
    } catch (err) {
      opts.log?.warn({ err, limiter: opts.name }, 'rate limiter unavailable; request let through');
      next();
      return;
    }
    res.set('RateLimit-Limit', String(opts.limit));
    res.set('RateLimit-Remaining', String(Math.max(0, opts.limit - count)));
    if (count <= opts.limit) {
      next();
      return;
    }
    const retryAfter = Math.max(1, Math.ceil((window + 1) * windowSeconds - t / 1000));
    opts.onLimited?.(opts.name);
    (req.log ?? opts.log)?.warn({ limiter: opts.name, count }, 'rate limited');
    res
      .status(429)
      .set('Retry-After', String(retryAfter))
      .json({ error: `Too many requests from this address: at most ${opts.limit} per ${windowSeconds === 60 ? 'minute' : `${windowSeconds} seconds`}. Try again in ${retryAfter} seconds.` });
  };
}

export interface FailureLimit {
  /** Seconds this address must wait (its failures this window reached the limit), or 0. */
  wait(ip: string): Promise<number>;
  failed(ip: string): Promise<void>;
}

/**
 * Counts failures (a wrong admin token…) per address in fixed windows through the presence; once
 * `limit` are reached the address waits for the next window. Presence down: never blocks.
 */
export function failureLimit(opts: { presence: Presence; name: string; limit: number; windowSeconds?: number; now?: () => number }): FailureLimit {
  const windowSeconds = opts.windowSeconds ?? RATE_LIMIT.windowSeconds;
  const now = opts.now ?? Date.now;
  const window = () => Math.floor(now() / 1000 / windowSeconds);
  const key = (w: number) => `ua:fl:${opts.name}:${w}`;
  return {
    async wait(ip) {
      const w = window();
      try {
        const n = Number(await opts.presence.hincrbyex(key(w), ip, 0, windowSeconds * 2));
        return n >= opts.limit ? Math.max(1, Math.ceil((w + 1) * windowSeconds - now() / 1000)) : 0;
      } catch {
        return 0;
      }
    },
    async failed(ip) {
      try {
        await opts.presence.hincrbyex(key(window()), ip, 1, windowSeconds * 2);
      } catch {
        // not counted
      }
    },
  };
}

/** Applies `limiter` only to the given methods (e.g. POST and PUT on /api/sets). */
export function onlyMethods(methods: readonly string[], limiter: RequestHandler): RequestHandler {
  return (req, res, next) => (methods.includes(req.method) ? limiter(req, res, next) : next());
}
