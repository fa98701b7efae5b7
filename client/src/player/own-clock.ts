// The student's own question clock. The synced timer is the class's (every screen shares it);
// a student the teacher gave extra time (welcome.extraTime, the 'extra-time' message, told to
// their phone only) has `extraTime` times the question's time, counted from the same opening, as
// the server counts it (shared/rules/game.ts: openedAt + limitMs × extraTime). The synced timer
// ends at openedAt + limitMs and lasts limitMs, pauses and "+10 s" included, so the student's
// deadline is that end plus limitMs × (extraTime − 1).
import { timeLeftMs, type GameView } from '../view/model.ts';

/** Milliseconds left on this student's clock (the class's outside an open question or without extra time). */
export function ownTimeLeftMs(v: GameView, clockOffsetMs: number, extraTime: number, now = Date.now()): number {
  if (v.phase !== 'question' || !(extraTime > 1)) return timeLeftMs(v, clockOffsetMs, now);
  const more = v.timerDurationMs * (extraTime - 1);
  if (v.paused) return v.timerRemainingMs + more;
  if (!v.timerEndsAt) return 0;
  return Math.max(0, v.timerEndsAt + more - (now + clockOffsetMs));
}
