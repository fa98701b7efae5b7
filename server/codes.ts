// Join codes: 6 characters from an alphabet without look-alikes. A code is claimed atomically
// through the presence (in memory, or Redis when processes share one), so two games on two
// processes never get the same code; the claim expires on its own if a process dies.
import { randomInt } from 'node:crypto';
import type { Presence } from '@colyseus/core';
import { GAME } from '../shared/constants.ts';

const CLAIM_SECONDS = 24 * 3600;
const key = (code: string) => `ua:code:${code}`;

export interface GameCodes {
  claim(): Promise<string>;
  /** Claims a specific code (resuming a stored game); false if it is in use. */
  claimExact(code: string): Promise<boolean>;
  release(code: string): Promise<void>;
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
  };
}
