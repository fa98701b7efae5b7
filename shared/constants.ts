// Tunables of the game rules, in one place, with units. The server may override the
// timers (config.ts) so tests and rehearsals run fast; the rules never read a clock.
import { LIVE_TICKS_PER_SECOND } from './sim/constants.ts';

export const GAME = {
  /** Join code: 6 characters from an alphabet without look-alikes (0/O, 1/I/L). */
  codeLength: 6,
  codeAlphabet: 'ABCDEFGHJKMNPQRSTUVWXYZ23456789',
  minTeams: 2,
  maxTeams: 8,
  defaultTeams: 4,
  maxPlayers: 3000,
  nameMaxChars: 20,
  /** Default question time when neither the question nor the plan sets one, in ms. */
  questionMs: 20_000,
  /** The round title card before the first question of a round, in ms. */
  roundIntroMs: 4_000,
  /** Extra time the teacher adds with "+10 s", in ms. */
  extendMs: 10_000,
  maxExtendMs: 120_000,
} as const;

export const SCORING = {
  /** Points for a fully correct answer given at the very first instant. */
  maxPoints: 1000,
  /** With speed scoring, an answer given at the deadline keeps this share of maxPoints. */
  slowestShare: 0.5,
  /** Bonus per answer in an unbroken streak after the first, and its cap. */
  streakBonus: 100,
  maxStreakBonus: 500,
  /** How many top players the leaderboard and podium show. */
  topPlayers: 10,
  /**
   * Numeric answers: full credit within ± tolerance, falling linearly to 0 at ± (1 + this) ×
   * tolerance. The tolerance already absorbs rounding and reading the slider; an answer twice as
   * far off is a different answer, often the very misconception the question tests (99.9 % for
   * three 99.9 % services in series instead of 99.7 %), and must not earn half the credit, as it
   * did when credit reached 0 only at 3 × tolerance.
   */
  numericFalloff: 1,
  /** Numeric histogram buckets in the reveal. */
  numericBuckets: 10,
} as const;

/** Reconnection window for a dropped phone, in seconds (the server may raise it). */
export const RECONNECT_SECONDS = 60;

export const SCENARIO = {
  /** Live ticks per real second (the simulation's human pace): one tick steps each team's simulation once. */
  ticksPerSecond: LIVE_TICKS_PER_SECOND,
  /** Credits when no quiz round came before. */
  defaultCredits: 100,
  minCredits: 40,
  maxCredits: 160,
  /** A team earns one credit per this many quiz points (mean per member) in the previous round. */
  pointsPerCredit: 100,
  /** Game points per point of the simulation's score (0–~1000): a good round is worth ~3 questions. */
  pointsPerScore: 3,
  /** Feed items kept per team, and the debrief's sampling of the curves. */
  feedLength: 6,
  historyEveryTicks: 10,
  /**
   * Ticks between two syncs of the simulation into the room state, and so between two patches
   * of a scenario round: once a real second at the live pace, a dashboard's pace. Every patch is
   * one frame per phone, and those writes were the largest share of a room's CPU.
   */
  syncEveryTicks: LIVE_TICKS_PER_SECOND,
} as const;

/**
 * Homework (self-paced) assignments: the class's game, played by one student at a time before a
 * deadline the teacher sets (shared/rules/homework.ts, docs/homework.md).
 */
export const HOMEWORK = {
  /** The earliest and latest deadline a teacher can set, from now, in ms (a minute; 90 days). */
  minDeadlineMs: 60_000,
  maxDeadlineMs: 90 * 24 * 3600_000,
  /**
   * An attempt started before the deadline may go on for this long after it, in ms: the longest
   * built-in plan plays in about 30 minutes, so a student who starts at 23:59 can finish. Then the
   * server ends it (the podium), scoring what was played.
   */
  finishGraceMs: 60 * 60_000,
  /** Attempts per assignment, in all and from one client address (a school's NAT holds a few classes). */
  maxAttempts: 300,
  maxAttemptsPerAddress: 100,
  /** Attempts of one nickname: the first, and replays after finishing it (in the same browser). */
  maxAttemptsPerStudent: 3,
  /** An attempt's room with no student in it closes after this, in ms; the attempt waits in the store. */
  idleCloseMs: 3 * 60_000,
} as const;
