// What bench/load.ts and its bot workers say to each other over IPC, and the bots' tunables.
export const BOT = {
  /** Joins are spread uniformly over this window from the start, in ms. */
  joinSpreadMs: 10_000,
  /** Each phone answers at a uniformly random moment this long after seeing a question, in ms. */
  answerWindowMs: 5_000,
  /** Chance that a phone drops (sleeps/reloads) right after answering a question. */
  dropChancePerQuestion: 0.02,
  dropAfterAnswerMs: 200,
  /** A dropped phone comes back with its seat token after this long, in ms. */
  rejoinAfterMs: 1_500,
  /** The host presses 'host:next' this long after a reveal / a leaderboard appears, in ms. */
  hostRevealHoldMs: 2_000,
  hostLeaderboardHoldMs: 1_500,
  /** The host starts its game this long after the last planned join, in ms. */
  startAfterJoinsMs: 1_000,
  progressEveryMs: 5_000,
} as const;

export interface BotPlan {
  readonly code: string;
  readonly name: string;
  readonly joinAtMs: number;
}

export interface WorkerStart {
  readonly type: 'start';
  readonly url: string;
  readonly hosts: readonly { code: string; hostToken: string }[];
  readonly players: readonly BotPlan[];
  /** Wall-clock ms (Date.now()) at which joinAtMs counts from. */
  readonly startAt: number;
  readonly startGameAt: number;
}

export interface Counters {
  connected: number;
  joined: number;
  answers: number;
  acks: number;
  refusals: number;
  hostRefusals: number;
  drops: number;
  rejoins: number;
  /** Unexpected leaves (the SDK could not reconnect) that the phone recovered by joining again with its seat token, as the page does. */
  seatFallbacks: number;
  /** SDK-level reconnections that succeeded after a network drop. */
  reconnects: number;
  errors: number;
  scenarioActions: number;
  bytes: number;
}

export interface WorkerReport {
  readonly type: 'report';
  readonly joinMs: number[];
  readonly ackMs: number[];
  readonly counters: Counters;
  readonly errorSamples: string[];
  readonly refusalCodes: Record<string, number>;
}

export interface WorkerProgress {
  readonly type: 'progress';
  readonly counters: Counters;
  readonly acks: number;
}
