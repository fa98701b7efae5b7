// Latency-fair speed, from numbers the server measured. A phone far from the server sees each
// question later and its tap arrives later: counting from the question's opening to the answer's
// arrival charges it for both trips. The server measures each phone's round trip (pings; the
// smallest recent one, as NTP and Cristian's algorithm keep the fastest exchange) and takes it
// off: the question reached the phone about half a round trip after it went out, and the tap
// left about half a round trip before it arrived, so what counts is the time in between.
//
// What a phone says about itself (its clock, the moment it says it tapped) never lowers what
// counts: the server cannot check it, so a lying client could claim any instant. The claims are
// checked and shown (there is no global clock), never scored. The one thing a client can fake is
// a slower link, and only by delaying the WebSocket's own pongs too; the correction is capped.
// Pure: every time is a number passed in (server clock, ms).
import { LINK } from '../constants.ts';

/** One clock ping: the round trip and how far the phone's clock is ahead of the server's (ms). */
export interface ClockSample {
  readonly rttMs: number;
  readonly offsetMs: number;
}

/**
 * Cristian's algorithm: the server sent at `sentAt` and got the reply at `receivedAt` (its
 * clock); the phone read `phoneAt` on its own clock in between, best guessed at the midpoint.
 * The guess is off by at most half the round trip.
 */
export function clockSample(sentAt: number, receivedAt: number, phoneAt: number): ClockSample {
  const rttMs = Math.max(0, receivedAt - sentAt);
  return { rttMs, offsetMs: phoneAt - (sentAt + rttMs / 2) };
}

/** The sample with the smallest round trip (the least room for queueing delay), or null. */
export function fastest<T extends { readonly rttMs: number }>(samples: readonly T[]): T | null {
  let best: T | null = null;
  for (const s of samples) if (best === null || s.rttMs < best.rttMs) best = s;
  return best;
}

/** What the room measured about the phone that answered. */
export interface AnswerLink {
  /** The phone's smallest recent round trip (ms), or null before one was measured. */
  readonly rttMs: number | null;
  /** The tap instant the phone reported, on the server's clock (its own reading less its clock offset), or null. */
  readonly tapAt: number | null;
  /** How far off that conversion can be (half the round trip of the clock reading used), in ms. */
  readonly tapUncertaintyMs: number;
}

export const NO_LINK: AnswerLink = { rttMs: null, tapAt: null, tapUncertaintyMs: 0 };

export interface AnswerTiming {
  /** What speed scoring counts (ms): the measured time less the round trip, never below 0. */
  readonly elapsedMs: number;
  /** What the server saw: from the question's opening to the answer's arrival (ms). */
  readonly measuredMs: number;
  /** How much was taken off for the phone's distance (its round trip, capped; ms). */
  readonly correctionMs: number;
  /** The tap the phone reported: none, plausible, or impossible (before the question opened or after the answer arrived). */
  readonly tap: 'none' | 'plausible' | 'impossible';
  /** A plausible tap's trip to the server by the phone's corrected clock (ms): a one-way delay, which only synchronized clocks can measure. */
  readonly tapFlightMs: number | null;
}

/**
 * The time an answer counts for speed. Never more than the server measured, never less than the
 * measured time less one capped round trip (half for the question's way out, half for the tap's
 * way back), never below zero; answers after the deadline are refused before this (game.ts).
 */
export function answerTiming(openedAt: number, receivedAt: number, link: AnswerLink): AnswerTiming {
  const measuredMs = Math.max(0, receivedAt - openedAt);
  const rtt = link.rttMs !== null && Number.isFinite(link.rttMs) ? Math.max(0, link.rttMs) : 0;
  const correctionMs = Math.min(rtt, LINK.maxCorrectionMs, measuredMs);
  let tap: AnswerTiming['tap'] = 'none';
  let tapFlightMs: number | null = null;
  if (link.tapAt !== null && Number.isFinite(link.tapAt)) {
    const slack = Math.max(0, link.tapUncertaintyMs);
    const possible = link.tapAt >= openedAt - slack && link.tapAt <= receivedAt + slack;
    tap = possible ? 'plausible' : 'impossible';
    if (possible) tapFlightMs = Math.max(0, receivedAt - link.tapAt);
  }
  return { elapsedMs: measuredMs - correctionMs, measuredMs, correctionMs, tap, tapFlightMs };
}
