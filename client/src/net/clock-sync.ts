// The phone's half of the clock exchange: answer each of the server's clock pings at once with
// this phone's clock, and stamp each answer with the moment the tap left. The server measures the
// round trip itself and reads the phone's clock offset from the fastest exchange (Cristian's
// algorithm); it takes the round trip off speed scoring, so a phone far from the server is not
// slower for it. The stamps are claims the server checks, never trusts (shared/rules/latency.ts).
import { on, send, type GameRoom } from './connection.ts';

/** This phone's clock (ms since 1970): the time its owner sees, set however the phone sets it. */
export function phoneClock(): number {
  return Date.now();
}

/** Answers the room's clock pings; call once per joined room, right after joining. */
export function answerClockPings(room: GameRoom): void {
  on(room, 'clock:ping', ({ n }) => send(room, 'clock:pong', { n, at: phoneClock() }));
}
