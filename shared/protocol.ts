// Every message on the wire, declared once. Clients send intents; the server answers with
// acknowledgements, refusals and per-player results, and syncs the room state (server/rooms/schema.ts).
// Each client→server message is validated here with zod before any rule sees it.
import { z } from 'zod';
import { GAME } from './constants.ts';
import { FAULT_PARAM_NAMES } from './rules/fault-catalog.ts';
import { NICKNAME_MODES } from './rules/nicknames.ts';

export const PROTOCOL_VERSION = 1;
export const ROOM_NAME = 'classroom';

// ---------- client → server ----------

const seq = z.number().int().min(0).max(1_000_000);

// ---------- ids and tokens: their real shapes ----------
// Everything a message or a join can name is checked against the exact shape the server hands
// out before any rule looks it up, so "__proto__", "constructor" or a 2 MB string never reach a
// lookup. The server makes these (server/tokens.ts: base64url of random bytes).

/** Random bytes in a player id: 6 bytes → 8 base64url characters. */
export const PLAYER_ID_BYTES = 6;
export const PLAYER_ID_PATTERN = /^[A-Za-z0-9_-]{8}$/;
/** Host and seat tokens: 24 random bytes → 32 base64url characters (shorter or longer ones can only be wrong). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
/** A join code (the room id): GAME.codeLength characters of GAME.codeAlphabet. */
export const GAME_CODE_PATTERN = new RegExp(`^[${GAME.codeAlphabet}]{${GAME.codeLength}}$`);

export const playerIdSchema = z.string().regex(PLAYER_ID_PATTERN, 'is not a player of this game');
const token = z.string().regex(TOKEN_PATTERN, 'is not a token');
const playerId = playerIdSchema;

/**
 * An answer as the phone gives it: every index is a position in the synced `question.options`
 * (the order this game shows them in, shuffled from the game's seed). The rules record it by the
 * options' identity (shared/rules/questions.ts `recordAnswer`); anything sent back to a phone about
 * its own answer goes through `shownAnswer`, so it names the same buttons the phone showed.
 */
export const answerPayload = z.discriminatedUnion('kind', [
  /** single choice, true/false (0 = true, 1 = false), poll: the position tapped */
  z.object({ kind: z.literal('choice'), index: z.number().int().min(0).max(7) }).strict(),
  /** multiple select: the positions picked */
  z.object({ kind: z.literal('multi'), indices: z.array(z.number().int().min(0).max(7)).max(8) }).strict(),
  /** ordering: the shown positions, in the order the player put them */
  z.object({ kind: z.literal('order'), order: z.array(z.number().int().min(0).max(7)).min(1).max(8) }).strict(),
  /**
   * numeric estimate, between the question's min and max. There is no start value: the phone shows
   * the slider with no value chosen and sends nothing until the player moves it or types a number
   * (its Send button says so), so an untouched slider never answers, and no answer sits at the
   * slider's midpoint (`npm run content -- --lint` checks the bank and sets for it).
   */
  z.object({ kind: z.literal('numeric'), value: z.number().finite() }).strict(),
]);
export type AnswerPayload = z.infer<typeof answerPayload>;

/** A fault's id (shared/rules/faults.ts FAULTS: lowercase words and dashes); the rules say whether it is known. */
const faultId = z.string().regex(/^[a-z][a-z-]{0,31}$/, 'is not a fault name');
/** Every team, or one team's number (the rules check it against the game's teams). */
const faultTarget = z.union([z.literal('all'), z.number().int().min(0).max(GAME.maxTeams - 1)]);
/** A fault's parameters: only the names faults take, each a number or a short word; the rules check ranges per fault. */
const faultParams = z
  .object(Object.fromEntries(FAULT_PARAM_NAMES.map((k) => [k, z.union([z.number().finite(), z.string().max(16)]).optional()])) as Record<(typeof FAULT_PARAM_NAMES)[number], z.ZodOptional<z.ZodUnion<[z.ZodNumber, z.ZodString]>>>)
  .strict();
/**
 * A reading of a phone's own clock (ms since 1970, `Date.now()` on the phone): any finite
 * number from 0 to the year 2286. Readings are claims; the server checks them, never trusts them.
 */
const phoneClock = z.number().finite().min(0).max(1e13);

export const clientMessages = {
  /** A player answers the open question `seq`; `tapAt` is when the tap left the phone, by its clock. */
  answer: z.object({ seq, answer: answerPayload, tapAt: phoneClock.optional() }).strict(),
  /** A phone's reply to a clock ping: its number and the phone's clock when it answered. */
  'clock:pong': z.object({ n: z.number().int().min(0).max(2 ** 31), at: phoneClock }).strict(),
  /** Host: the "Under the hood" view opened or closed; while open, this host gets the game's network measurements. */
  'host:under-the-hood': z.object({ open: z.boolean() }).strict(),
  /** Host: start the game from the lobby. */
  'host:start': z.object({}).strict(),
  /** Host: go on from a reveal or a leaderboard. */
  'host:next': z.object({}).strict(),
  'host:pause': z.object({}).strict(),
  'host:resume': z.object({}).strict(),
  /** Host: close the open question now (no one is scored for missing it). */
  'host:skip': z.object({}).strict(),
  'host:extend': z.object({ ms: z.number().int().min(1000).max(GAME.maxExtendMs) }).strict(),
  'host:end-round': z.object({}).strict(),
  'host:end-game': z.object({}).strict(),
  'host:lock': z.object({ locked: z.boolean() }).strict(),
  'host:kick': z.object({ playerId, ban: z.boolean().default(true) }).strict(),
  'host:move': z.object({ playerId, team: z.number().int().min(0).max(GAME.maxTeams - 1) }).strict(),
  /** Host: game settings; `nicknames` and `holdNames` apply to the nicknames of players who join from now on. */
  'host:settings': z
    .object({ speedScoring: z.boolean().optional(), sound: z.boolean().optional(), nicknames: z.enum(NICKNAME_MODES).optional(), holdNames: z.boolean().optional() })
    .strict(),
  /** Host: give a player another nickname (the teacher's choice; the player's phone is told). */
  'host:rename': z.object({ playerId, name: z.string().max(200) }).strict(),
  /** Host: accept a nickname held for approval, or reject it (the player then gets a generated one). */
  'host:review-name': z.object({ playerId, accept: z.boolean() }).strict(),
  /**
   * Host: a player's accommodations: their questions stay open `extraTime` times as long for them,
   * and with `noSpeed` their right answers earn full points whatever the time. Only the teacher's
   * roster and the player's own phone (its clock) ever learn them.
   */
  'host:accommodate': z.object({ playerId, extraTime: z.union(GAME.extraTimeFactors.map((f) => z.literal(f))), noSpeed: z.boolean() }).strict(),
  /** A player in a generated-nickname game asks for another name (in the lobby, a few times). */
  'name:reroll': z.object({}).strict(),
  /** Host: inject a fault into the scenario round (a game day), for every team or one; applies at the next tick. */
  'host:inject': z.object({ fault: faultId, target: faultTarget.default('all'), params: faultParams.default({}) }).strict(),
  /** A player's action in a scenario round; the simulation's own validation checks its fields. */
  'scenario:action': z.object({ action: z.object({ type: z.string().max(32) }).passthrough() }).strict(),
} as const;
export type ClientMessageType = keyof typeof clientMessages;
export type ClientMessage<T extends ClientMessageType> = z.infer<(typeof clientMessages)[T]>;
export const HOST_MESSAGES = Object.keys(clientMessages).filter((t) => t.startsWith('host:')) as ClientMessageType[];

export function isClientMessageType(type: unknown): type is ClientMessageType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(clientMessages, type);
}

// ---------- join options ----------

export const playerJoinOptions = z
  .object({
    name: z.string().max(200).optional(),
    /** A seat token from an earlier join in this game (reload, new tab, server restart). */
    seat: token.optional(),
    lang: z.enum(['es', 'en']).optional(),
  })
  .strip();
export const hostJoinOptions = z.object({ hostToken: token }).strip();

// ---------- server → client ----------

/** Why something was refused: a stable code the client translates, and an English reason for logs and tools. */
export type RefusalCode =
  | 'bad_message'
  | 'unknown_message'
  | 'not_host'
  | 'host_cannot_answer'
  | 'not_a_player'
  | 'wrong_phase'
  | 'no_such_question'
  | 'too_late'
  | 'already_answered'
  | 'bad_answer'
  | 'no_such_player'
  | 'no_such_team'
  | 'paused'
  | 'rate_limited'
  | 'too_large'
  | 'bad_action'
  | 'not_your_role'
  | 'not_enough_credits'
  | 'bad_name'
  | 'name_taken'
  | 'name_banned'
  | 'game_full'
  | 'unknown_fault'
  | 'out_of_range'
  | 'too_many_faults'
  | 'fault_running'
  | 'name_offensive'
  | 'name_reserved'
  | 'names_generated'
  | 'no_rerolls';

export interface Refusal {
  readonly code: RefusalCode;
  readonly reason: string;
}

/** A player's own answer to question `seq`, as they sent it (indices of the options as shown). */
export interface PlayerAnswer {
  seq: number;
  answer: AnswerPayload;
}

export interface PlayerStanding {
  score: number;
  rank: number;
  players: number;
  teamRank: number;
}

/** A player's result for question `seq`: `answer` is null when they did not answer. */
export interface PlayerResult extends PlayerStanding {
  seq: number;
  credit: number;
  correct: boolean;
  points: number;
  streak: number;
  answer: AnswerPayload | null;
}

/** One player as the teacher's roster shows it. */
export interface RosterRow {
  id: string;
  name: string;
  team: number;
  score: number;
  connected: boolean;
  /** The nickname waits for the teacher's approval: screens other than the roster do not show it. */
  held: boolean;
  /** Accommodations (host:accommodate): extra time factor (1 = none) and no speed points. */
  extraTime: number;
  noSpeed: boolean;
}

/** A player's own nickname, as their phone shows it. */
export interface NicknameInfo {
  name: string;
  /** Waiting for the teacher's approval (the projector does not show it yet). */
  held: boolean;
  /** How many more generated nicknames the player may ask for (0 when the name was typed). */
  rerollsLeft: number;
}

/**
 * Host only, once a second while its "Under the hood" view is open: this game's network as the
 * server measured it (server/rooms/net/). Times in ms, null where nothing was measured yet.
 */
export interface UnderTheHoodReport {
  /** Phones connected now. */
  readonly phones: number;
  /** Round trips, one per phone (its smallest recent one); `histogram` counts phones per LINK.rttBucketsMs bar, plus one for the rest. */
  readonly rtt: { readonly measured: number; readonly medianMs: number | null; readonly maxMs: number | null; readonly histogram: readonly number[] };
  /** The farthest phones, farthest first (at most 5), with what speed scoring takes off their answers. */
  readonly farthest: readonly { readonly name: string; readonly rttMs: number; readonly correctionMs: number }[];
  /** To phones over the last second (patches and messages); `patchBytes`: the last state patch a phone got. */
  readonly traffic: { readonly messagesPerSecond: number; readonly bytesPerSecond: number; readonly bytesPerSecondPerPhone: number; readonly patchBytes: number | null };
  /** Phones that came back after their connection dropped, how long they were away, and how many are away now. */
  readonly reconnections: { readonly count: number; readonly medianMs: number | null; readonly maxMs: number | null; readonly away: number };
  /** The server: its processes (several share rooms through Redis) and the games they run. */
  readonly server: { readonly processes: number; readonly rooms: number; readonly redis: boolean };
  /** How far each phone's clock is from the server's; `histogram` counts phones per LINK.clockBucketsMs bar (either way), plus one for the rest. */
  readonly clocks: { readonly measured: number; readonly medianOffsetMs: number | null; readonly spreadMs: number | null; readonly histogram: readonly number[] };
  /** Answers whose speed was corrected for their phone's distance, the median correction, and reported tap times that could not be true. */
  readonly speed: { readonly corrected: number; readonly medianCorrectionMs: number | null; readonly impossibleTaps: number; readonly medianTapFlightMs: number | null };
}

export interface ServerMessages {
  /** To a phone: answer at once with 'clock:pong' (the server measures the round trip and reads the phone's clock). */
  'clock:ping': { n: number };
  'host:under-the-hood': UnderTheHoodReport;
  /** A scenario action was queued; it applies at the next tick. */
  'action-ack': { type: string; cost: number };
  /**
   * Sent once on join and again after a seat is reclaimed. `answer`: this player's answer to the
   * open question or to the one being revealed; `result`: their result while a reveal is showing
   * (a phone that reloads shows what it answered and how it did, not the buttons again).
   */
  welcome: {
    playerId: string;
    seat: string;
    name: string;
    team: number;
    score: number;
    streak: number;
    serverNow: number;
    protocol: number;
    answer: PlayerAnswer | null;
    result: PlayerResult | null;
    /** This player's nickname status (`name` above is the same name). */
    nickname: NicknameInfo;
    /** This player's question clock runs this many times the class's (1 unless the teacher gave extra time). */
    extraTime: number;
  };
  /** Host only: a fault was injected (its parameters as applied); it applies at `tick` (round time `roundMs`) to the target. */
  'host:injected': { fault: string; target: 'all' | number; tick: number; roundMs: number; params: Record<string, number | string> };
  /** This player's nickname changed: a re-roll, the teacher renamed them or reviewed it. */
  nickname: NicknameInfo;
  /** The teacher changed this player's extra time: only their own phone is told. */
  'extra-time': { extraTime: number };
  /** Host only, on join. */
  'host:welcome': { serverNow: number; protocol: number; joinUrl: string };
  /**
   * Host only: the roster. `full` replaces it (on join, after a reveal); otherwise the rows are
   * added or updated and `removed` ids dropped. A message rather than synced state: a roster in
   * the state made every phone's join and every patch cost more with each player already there.
   */
  'host:roster': { full: boolean; players: RosterRow[]; removed: string[] };
  /**
   * Host only: whether the server can save the game (false while its disk is full or its database
   * cannot be written: the game goes on, but a restart would lose what was not saved). Sent when it
   * changes, and on the teacher's join while it is false.
   */
  'host:storage': { writable: boolean };
  /** Answer accepted. */
  ack: { seq: number };
  /** Something the client sent was refused; nothing changed. */
  refused: { type: string } & Refusal;
  /** After each reveal, to each player: their own result. */
  result: PlayerResult;
  /**
   * A player's total and ranks after points that come outside a reveal: a scenario round's report
   * (its points go to every member) and the podium. The phone's score always equals the server's.
   */
  standing: PlayerStanding;
  /** The teacher moved this player to another team. */
  moved: { team: number };
  /** The seat was taken over by another tab or device. */
  'seat-taken': Record<string, never>;
  /** Removed by the teacher. */
  kicked: Record<string, never>;
  /** An attempt's room, on join: the attempt and its deadline (the times in ms since the epoch). */
  'homework:welcome': { attemptId: string; name: string; attempt: number; deadline: number; finishBy: number; serverNow: number; protocol: number };
}
export type ServerMessageType = keyof ServerMessages;

/** Phases of a game, in the order they normally occur. */
export const PHASES = ['lobby', 'round-intro', 'question', 'reveal', 'leaderboard', 'scenario', 'scenario-report', 'podium'] as const;
export type Phase = (typeof PHASES)[number];

// ---------- homework: self-paced attempts (shared/rules/homework.ts, docs/homework.md) ----------

/** The room a student plays an attempt in; created by the server only, one per attempt. */
export const HOMEWORK_ROOM_NAME = 'homework';
/** Assignment and attempt ids: 9 random bytes → 12 base64url characters (server/store newId). */
export const HOMEWORK_ID_PATTERN = /^[A-Za-z0-9_-]{12}$/;
export const homeworkIdSchema = z.string().regex(HOMEWORK_ID_PATTERN, 'is not a homework id');

/** What an attempt's room understands: a player's two messages, and the student's "go on". */
export const homeworkClientMessages = {
  answer: clientMessages.answer,
  'scenario:action': clientMessages['scenario:action'],
  /** Starts the attempt, or goes on from a round's title card, a reveal, a round's summary or a scenario report. */
  'homework:next': z.object({}).strict(),
} as const;
export type HomeworkMessageType = keyof typeof homeworkClientMessages;
export type HomeworkMessage<T extends HomeworkMessageType> = z.infer<(typeof homeworkClientMessages)[T]>;

export function isHomeworkMessageType(type: unknown): type is HomeworkMessageType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(homeworkClientMessages, type);
}

/** Joining an attempt's room: its attempt token (from POST …/attempts, kept in the browser). */
export const attemptJoinOptions = z.object({ attempt: token }).strip();

/** POST /api/games/:code/homework (host token): `deadline` in ms since the epoch (the teacher's browser converts its local time). */
export const createAssignmentBody = z.object({ deadline: z.number().int().min(0), speedScoring: z.boolean().optional() }).strict();
/** PATCH /api/homework/:id (teacher token): a new deadline; one in the past closes the assignment to new starts now. */
export const updateAssignmentBody = z.object({ deadline: z.number().int().min(0) }).strict();
/** POST /api/homework/:id/attempts: a nickname; `previous` is the token of this browser's finished attempt under that nickname (a replay). */
export const startAttemptBody = z.object({ name: z.string().max(200), previous: token.optional(), lang: z.enum(['es', 'en']).optional() }).strict();
/** POST /api/homework/:id/attempts/resume: the attempt token this browser kept. */
export const resumeAttemptBody = z.object({ attempt: token }).strict();

/** Why a homework request was refused: a stable code the pages translate, beside the English `error`. */
export type HomeworkRefusalCode =
  | 'bad_request'
  | 'not_found'
  | 'deadline_passed'
  | 'attempt_closed'
  | 'unknown_attempt'
  | 'bad_name'
  | 'name_offensive'
  | 'name_reserved'
  | 'name_taken'
  | 'too_many_attempts'
  | 'busy';

export interface HomeworkRefusal {
  readonly error: string;
  readonly reason: HomeworkRefusalCode;
}

/** GET /api/homework/:id: what the student's page shows before starting. */
export interface AssignmentInfo {
  readonly id: string;
  readonly title: string;
  readonly lang: 'es' | 'en';
  /** ms since the epoch: no new attempt after it; attempts started before may go on until `finishBy`. */
  readonly deadline: number;
  readonly finishBy: number;
  readonly open: boolean;
  readonly speedScoring: boolean;
  readonly rounds: readonly { readonly kind: 'quiz' | 'scenario'; readonly title: string; readonly questions: number }[];
  readonly serverNow: number;
}

/** POST …/attempts (201) and …/attempts/resume (200): where to play. `attemptToken` only when it is new. */
export interface AttemptTicket {
  readonly attemptId: string;
  readonly attemptToken?: string;
  /** The room to join with `joinById(roomId, { attempt })`; null when the attempt is over (nothing to join). */
  readonly roomId: string | null;
  readonly name: string;
  /** 1 for a student's first attempt, 2… for replays. */
  readonly attempt: number;
  readonly status: AttemptStatus;
  readonly score: number;
}

/** playing: can go on; finished: played to the end; closed: ended by the server when its time after the deadline ran out. */
export type AttemptStatus = 'playing' | 'finished' | 'closed';

export { JOIN_ERROR, CLOSE } from './codes.ts';
