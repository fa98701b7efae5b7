// The student's own question clock: the class's synced timer stretched by their extra time, the
// same deadline the server enforces (openedAt + limitMs × extraTime), paused or running.
import { describe, expect, it } from 'vitest';
import { ownTimeLeftMs } from '../../client/src/player/own-clock.ts';
import type { GameView } from '../../client/src/view/model.ts';

const NOW = 1_000_000;
/** A question opened 10 s ago with 30 s for the class: it ends at NOW + 20 s. */
const view = (over: Partial<GameView> = {}): GameView => ({ phase: 'question', paused: false, timerEndsAt: NOW + 20_000, timerRemainingMs: 0, timerDurationMs: 30_000, ...over }) as GameView;

describe('ownTimeLeftMs', () => {
  it.each([
    ['no extra time: the class clock', view(), 1, 0, 20_000],
    ['×1.5: 45 s from the opening', view(), 1.5, 0, 35_000],
    ['×2: 60 s from the opening', view(), 2, 0, 50_000],
    ['×2, with the phone 3 s behind the server', view(), 2, 3_000, 47_000],
    ['×2 once the class time is up (overtime)', view({ timerEndsAt: NOW - 5_000 }), 2, 0, 25_000],
    ['×2, past its own deadline', view({ timerEndsAt: NOW - 40_000 }), 2, 0, 0],
    ['×2, paused with 12 s left for the class', view({ paused: true, timerRemainingMs: 12_000, timerEndsAt: 0 }), 2, 0, 42_000],
    ['a scenario round ignores extra time', view({ phase: 'scenario' }), 2, 0, 20_000],
  ] as const)('%s', (_what, v, extraTime, offset, expected) => {
    expect(ownTimeLeftMs(v, offset, extraTime, NOW)).toBe(expected);
  });
});
