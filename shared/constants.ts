// Tunables of the game rules, in one place, with units. The server may override the
// timers (config.ts) so tests and rehearsals run fast; the rules never read a clock.
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
  /** Numeric answers: full credit within ± tolerance, falling linearly to 0 at ± (1 + this) × tolerance. */
  numericFalloff: 2,
  /** Numeric histogram buckets in the reveal. */
  numericBuckets: 10,
} as const;

/** Reconnection window for a dropped phone, in seconds (the server may raise it). */
export const RECONNECT_SECONDS = 60;
