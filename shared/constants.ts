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
  /** Generated-only games: how many other nicknames a player may ask for, in the lobby. */
  nameRerolls: 3,
  /**
   * Extra time a teacher can give one student: their question stays open this many times as long
   * for them (and is scored on that clock). Capped at 2 so the class never waits more than one
   * more question length.
   */
  extraTimeFactors: [1, 1.5, 2],
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

/**
 * The phones' links, measured by the server (server/rooms/net/): round trips from the WebSocket
 * pings the transport already sends (PING_INTERVAL_MS) and from a few clock pings of the game's
 * own, which also read each phone's clock. Speed scoring takes a phone's round trip off its
 * answer time (shared/rules/latency.ts); the teacher's "Under the hood" view shows them.
 */
export const LINK = {
  /** A phone's first clock ping goes out this long after it joins or comes back (its page is busy then), in ms. */
  firstPingAfterMs: 1_500,
  /** Clock pings after the first one, each burstEveryMs after the previous reply, as NTP's initial burst (spread out: a page still loading answers late). */
  burstPings: 3,
  burstEveryMs: 1_500,
  /** Then one clock ping per phone this often, in ms: two a minute. */
  pingEveryMs: 30_000,
  /** A clock ping unanswered this long is given up (the next one replaces it), in ms. */
  pingTimeoutMs: 10_000,
  /** Round trips kept per phone (both kinds of ping): the smallest counts, as NTP and Cristian's algorithm keep the fastest exchange. */
  roundTripsKept: 8,
  /** Clock readings kept per phone: the one with the smallest round trip gives the offset. */
  clockSamplesKept: 4,
  /** Speed scoring never takes off more than this round trip, in ms: a client that fakes a far-away phone gains at most this. */
  maxCorrectionMs: 2_000,
  /** Upper bounds of the round-trip histogram's bars, in ms (a last bar holds the rest). */
  rttBucketsMs: [10, 20, 50, 100, 200, 500, 1000],
  /** Upper bounds of the clock-offset histogram's bars (how far off, either way), in ms. */
  clockBucketsMs: [10, 100, 1000, 60_000],
  /** The view's report goes out this often while it is open, in ms; the count of processes and rooms is refreshed at most this often. */
  reportEveryMs: 1_000,
  clusterEveryMs: 5_000,
  /** Reconnection times and answer corrections kept per game for the view's medians. */
  historyKept: 200,
} as const;
