// Join codes: 6 characters from an alphabet without look-alikes. A code is claimed atomically
// through the presence (in memory, or Redis when processes share one), so two games on two
// processes never get the same code; the claim expires on its own if a process dies, and a code
// that any game was ever saved under is never claimed again (isTaken asks the store).
//
// Creation grants: a room accepts create options only from this server. Whoever creates a room
// (POST /api/games, or the restore after a restart) first takes a one-time grant for its code,
// kept in the presence as a hash for GRANT_SECONDS; the room redeems it in onCreate. Nothing an
// HTTP caller can send is a grant, so the matchmaker's generic routes cannot make a game.
import { randomInt } from 'node:crypto';
import type { Presence } from '@colyseus/core';
import { GAME } from '../shared/constants.ts';
import { newToken, sha256, tokensEqual } from './tokens.ts';

const CLAIM_SECONDS = 24 * 3600;
/** How long a creation grant waits to be redeemed (a room on another process included). */
const GRANT_SECONDS = 120;
const key = (code: string) => `ua:code:${code}`;
const grantKey = (code: string) => `ua:grant:${code}`;

export interface GameCodes {
  claim(): Promise<string>;
  /** Claims a specific code (resuming a stored game); false if it is in use. */
  claimExact(code: string): Promise<boolean>;
  release(code: string): Promise<void>;
  /** A one-time grant to create the room of `code`, for the room's create options. */
  grant(code: string): Promise<string>;
  /** True once for the grant issued for `code` (then it is spent). */
  redeem(code: string, grant: string): Promise<boolean>;
}

export function randomCode(): string {
  let code = '';
  for (let i = 0; i < GAME.codeLength; i++) code += GAME.codeAlphabet[randomInt(GAME.codeAlphabet.length)];
  return code;
}

export function createGameCodes(presence: Presence, isTaken: (code: string) => Promise<boolean> = async () => false): GameCodes {
  async function claimExact(code: string): Promise<boolean> {
    const n = await presence.incr(key(code));
    if (n !== 1) return false;
    await presence.expire(key(code), CLAIM_SECONDS);
    if (await isTaken(code)) return false;
    return true;
  }
  return {
    claimExact,
    async claim() {
      for (let attempt = 0; attempt < 50; attempt++) {
        const code = randomCode();
        if (await claimExact(code)) return code;
      }
      throw new Error('Could not find a free join code after 50 attempts.');
    },
    async release(code) {
      await presence.del(key(code));
    },
    async grant(code) {
      const grant = newToken();
      await presence.setex(grantKey(code), sha256(grant), GRANT_SECONDS);
      return grant;
    },
    async redeem(code, grant) {
      const stored = await presence.get(grantKey(code));
      if (typeof stored !== 'string' || !tokensEqual(sha256(grant), stored)) return false;
      await presence.del(grantKey(code));
      return true;
    },
  };
}
