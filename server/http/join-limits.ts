// Per-address limits on seating requests (POST /matchmake/joinById|reconnect/<code>), counted
// through the presence so they hold across every process sharing it (Redis): joins into one game,
// joins in all, and failed joins (a code that is no game, a locked game). Fixed one-minute windows,
// one hash per window and counter, fields = addresses (or address + code), as rate-limit.ts does.
// The defaults (config.ts JOIN_DEFAULTS) let a school behind one NAT join and reload freely; a
// script that tries codes or floods one game is told, readably, to wait. If the presence is down
// a join is let through (and logged): a class must not be locked out by a cache outage.
import type { Presence } from '@colyseus/core';
import type { Logger } from '../log.ts';

export const JOIN_WINDOW_SECONDS = 60;

export interface JoinLimits {
  readonly perGame: number;
  readonly perAddress: number;
  readonly failures: number;
}

export type JoinVerdict = { ok: true } | { ok: false; limit: 'failures' | 'game' | 'address'; error: string; retryAfter: number };

export interface JoinGuard {
  /** Counts a seating request and says whether it may go on. */
  admit(ip: string, code: string): Promise<JoinVerdict>;
  /** Counts a seating request that failed. */
  failed(ip: string): Promise<void>;
}

export function createJoinGuard(presence: Presence, limits: JoinLimits, log?: Logger, now: () => number = Date.now): JoinGuard {
  const window = () => Math.floor(now() / 1000 / JOIN_WINDOW_SECONDS);
  const retryAfter = (w: number) => Math.max(1, Math.ceil((w + 1) * JOIN_WINDOW_SECONDS - now() / 1000));
  const ttl = JOIN_WINDOW_SECONDS * 2;
  const count = async (key: string, field: string, by: number) => Number(await presence.hincrbyex(key, field, by, ttl));
  return {
    async admit(ip, code) {
      const w = window();
      try {
        if ((await count(`ua:jl:fail:${w}`, ip, 0)) >= limits.failures) {
          return { ok: false, limit: 'failures', retryAfter: retryAfter(w), error: `Too many join attempts with wrong game codes from this network. Check the code on the big screen and try again in ${retryAfter(w)} seconds.` };
        }
        if ((await count(`ua:jl:game:${w}`, `${ip} ${code}`, 1)) > limits.perGame) {
          return { ok: false, limit: 'game', retryAfter: retryAfter(w), error: `Too many joins into this game from this network (at most ${limits.perGame} a minute). Try again in ${retryAfter(w)} seconds.` };
        }
        if ((await count(`ua:jl:all:${w}`, ip, 1)) > limits.perAddress) {
          return { ok: false, limit: 'address', retryAfter: retryAfter(w), error: `Too many joins from this network (at most ${limits.perAddress} a minute). Try again in ${retryAfter(w)} seconds.` };
        }
      } catch (err) {
        log?.warn({ err }, 'join limits unavailable; join let through');
      }
      return { ok: true };
    },
    async failed(ip) {
      try {
        await count(`ua:jl:fail:${window()}`, ip, 1);
      } catch (err) {
        log?.warn({ err }, 'join limits unavailable; failure not counted');
      }
    },
  };
}
