// The game as plain data and pure transitions: lobby → (round-intro → (question → reveal)* →
// leaderboard)* → podium. Every function takes the server's `now` (ms) as an argument and never
// reads a clock; refusals come back as values. The room owns one GameModel, feeds it intents and
// timer expiries, and mirrors it into the synced schema. The model is JSON-serializable, so it is
// also the checkpoint written to the store.
import type { Lang } from '../i18n-types.ts';
import type { Question } from '../content/schema.ts';
import type { AnswerPayload, Phase, PlayerAnswer, PlayerResult, PlayerStanding, Refusal } from '../protocol.ts';
import type { PlanSpec } from './plans.ts';
import { GAME, SCENARIO, SCORING } from '../constants.ts';
import { answerCredit, scoreAnswer, teamScore } from './scoring.ts';
import { answerTiming, NO_LINK, type AnswerLink, type AnswerTiming } from './latency.ts';
import { dict, own } from './dict.ts';
import { recordAnswer, showOrder, shownAnswer, type RecordedAnswer } from './questions.ts';
import * as scenario from './scenario.ts';
import type { ScenarioRound } from './scenario.ts';

export interface PlayerModel {
  readonly id: string;
  name: string;
  team: number;
  score: number;
  streak: number;
  connected: boolean;
  /** Sequence number of the question the player joined during (late joiners), or -1. */
  joinedAtSeq: number;
}

export interface RoundModel {
  readonly spec: PlanSpec['rounds'][number];
  readonly questions: readonly Question[];
}

export interface OpenQuestion {
  readonly seq: number;
  readonly round: number;
  readonly index: number;
  readonly limitMs: number;
  openedAt: number;
  /** The order options or items are shown in: shown[position] = identity (written index); see questions.ts. */
  readonly shown: readonly number[];
  /** Answers by identity, not by the position tapped. */
  readonly answers: Record<string, { readonly answer: RecordedAnswer; readonly elapsedMs: number }>;
  /** How many entries `answers` has (kept, not counted: rooms of thousands ask after every answer). */
  answeredCount: number;
}

export interface AnswerRecord {
  readonly playerId: string;
  /** By identity (see questions.ts). */
  readonly answer: RecordedAnswer;
  readonly elapsedMs: number;
  readonly credit: number;
  readonly points: number;
}

export interface QuestionRecord {
  readonly seq: number;
  readonly round: number;
  readonly index: number;
  readonly questionId: string;
  readonly type: Question['type'];
  /** shown[position] = identity; [] for a question recorded before its options were shuffled (position = identity). */
  readonly shown: readonly number[];
  /** Counts per option identity (choice types), per item put in its right place (order), per bucket (numeric). */
  readonly distribution: readonly number[];
  readonly answered: number;
  readonly eligible: number;
  readonly skipped: boolean;
  readonly answers: readonly AnswerRecord[];
}

export interface Timer {
  /** Server time at which the phase ends, or null when it waits for the teacher or is paused. */
  endsAt: number | null;
  /** Time left when paused. */
  remainingMs: number | null;
  durationMs: number;
}

export interface GameSettings {
  speedScoring: boolean;
  sound: boolean;
}

/**
 * The model's shape. 2: choice options shuffled, every answer recorded by identity. 1 (a checkpoint
 * without `modelVersion`): choice options in written order, ordering answers recorded by shown position.
 */
export const MODEL_VERSION = 2;

export interface GameModel {
  modelVersion: number;
  readonly code: string;
  readonly lang: Lang;
  readonly planId: string;
  readonly planTitle: PlanSpec['title'];
  readonly teamCount: number;
  readonly rounds: readonly RoundModel[];
  settings: GameSettings;
  phase: Phase;
  paused: boolean;
  locked: boolean;
  roundIndex: number;
  questionIndex: number;
  timer: Timer;
  nextSeq: number;
  current: OpenQuestion | null;
  players: Record<string, PlayerModel>;
  /** Player ids in join order. */
  order: string[];
  /** Players connected now, and normalized nickname → player id: kept up to date so that a join or an
   *  answer in a room of thousands costs O(1), not a pass over every player. */
  connectedCount: number;
  nameIndex: Record<string, string>;
  /** Players per team (kept up to date like the counts above). */
  teamSizes: number[];
  /** Normalized nicknames the teacher removed. */
  banned: string[];
  history: QuestionRecord[];
  /** Question time override for tests and rehearsals (ms), or null. */
  readonly questionMsOverride: number | null;
  readonly roundIntroMs: number;
  readonly seed: number;
  /** Scenario rounds played so far; the last one is current in 'scenario' and 'scenario-report'. */
  scenarios: ScenarioRound[];
  /** Real time per simulation tick (ms), and a round length override for tests (ticks). */
  readonly scenarioTickMs: number;
  readonly scenarioTicksOverride: number | null;
}

export interface CreateGameInput {
  readonly code: string;
  readonly lang: Lang;
  readonly plan: PlanSpec;
  readonly teamCount: number;
  readonly seed: number;
  /** Questions for each round of the plan, already picked. */
  readonly questions: readonly (readonly Question[])[];
  readonly questionMsOverride?: number | null;
  readonly roundIntroMs?: number;
  readonly speedScoring?: boolean;
  readonly scenarioTickMs?: number;
  readonly scenarioTicksOverride?: number | null;
  /** One team of one: a student playing alone (a homework attempt, shared/rules/homework.ts). */
  readonly solo?: boolean;
}

export function createGame(input: CreateGameInput): GameModel {
  return {
    modelVersion: MODEL_VERSION,
    code: input.code,
    lang: input.lang,
    planId: input.plan.id,
    planTitle: input.plan.title,
    teamCount: input.solo ? 1 : Math.min(GAME.maxTeams, Math.max(GAME.minTeams, input.teamCount)),
    rounds: input.plan.rounds.map((spec, i) => ({ spec, questions: input.questions[i] ?? [] })),
    settings: { speedScoring: input.speedScoring ?? true, sound: true },
    phase: 'lobby',
    paused: false,
    locked: false,
    roundIndex: 0,
    questionIndex: 0,
    timer: { endsAt: null, remainingMs: null, durationMs: 0 },
    nextSeq: 1,
    current: null,
    players: dict(),
    order: [],
    connectedCount: 0,
    nameIndex: dict(),
    teamSizes: new Array<number>(input.solo ? 1 : input.teamCount).fill(0),
    banned: [],
    history: [],
    questionMsOverride: input.questionMsOverride ?? null,
    roundIntroMs: input.roundIntroMs ?? GAME.roundIntroMs,
    seed: input.seed,
    scenarios: [],
    scenarioTickMs: input.scenarioTickMs ?? 1000 / SCENARIO.ticksPerSecond,
    scenarioTicksOverride: input.scenarioTicksOverride ?? null,
  };
}

export type Result<T = void> = { ok: true; value: T } | ({ ok: false } & Refusal);
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const refuse = (code: Refusal['code'], reason: string): { ok: false } & Refusal => ({ ok: false, code, reason });

// ---------- players ----------

export function normalizeName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** A nickname a person can read, or a refusal saying why not. */
export function validateName(raw: unknown): Result<string> {
  if (typeof raw !== 'string') return refuse('bad_name', 'Type a nickname.');
  const name = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (name.length === 0) return refuse('bad_name', 'Type a nickname.');
  if ([...name].length > GAME.nameMaxChars) return refuse('bad_name', `Nicknames have at most ${GAME.nameMaxChars} characters.`);
  if (/[\p{C}<>]/u.test(name)) return refuse('bad_name', 'Nicknames may use letters, digits, spaces and punctuation only.');
  return ok(name);
}

/** Players per team, counted (for a model checkpointed before it kept teamSizes). */
function countTeamSizes(g: GameModel): number[] {
  const sizes = new Array<number>(g.teamCount).fill(0);
  for (const id of g.order) {
    const p = g.players[id];
    if (p) sizes[p.team] = (sizes[p.team] ?? 0) + 1;
  }
  return sizes;
}

/** The team a newcomer joins: the smallest, ties to the lowest number. */
export function smallestTeam(g: GameModel): number {
  const sizes = g.teamSizes;
  let best = 0;
  for (let t = 1; t < sizes.length; t++) if ((sizes[t] ?? 0) < (sizes[best] ?? 0)) best = t;
  return best;
}

export function teamMembers(g: GameModel, team: number): PlayerModel[] {
  const out: PlayerModel[] = [];
  for (const id of g.order) {
    const p = g.players[id];
    if (p && p.team === team) out.push(p);
  }
  return out;
}

export function isNameTaken(g: GameModel, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(g.nameIndex, normalizeName(name));
}

/**
 * Adds a player to the smallest team. Late joiners (after the lobby) start with their team's
 * current average score, so their arrival neither lowers nor raises the team's score.
 */
export function addPlayer(g: GameModel, id: string, rawName: unknown): Result<PlayerModel> {
  const name = validateName(rawName);
  if (!name.ok) return name;
  if (g.banned.includes(normalizeName(name.value))) return refuse('name_banned', 'The teacher removed this nickname from the game.');
  if (isNameTaken(g, name.value)) return refuse('name_taken', 'That nickname is taken in this game: pick another.');
  if (g.order.length >= GAME.maxPlayers) return refuse('game_full', 'This game is full.');
  const team = smallestTeam(g);
  const late = g.phase !== 'lobby';
  const startScore = late ? teamScore(teamMembers(g, team).map((p) => p.score)) : 0;
  const player: PlayerModel = { id, name: name.value, team, score: startScore, streak: 0, connected: true, joinedAtSeq: late ? g.nextSeq - 1 : -1 };
  g.players[id] = player;
  g.order.push(id);
  g.nameIndex[normalizeName(player.name)] = id;
  g.connectedCount++;
  g.teamSizes[team] = (g.teamSizes[team] ?? 0) + 1;
  const s = currentScenario(g);
  if (s && g.phase === 'scenario') scenario.addToScenario(s, id, teamMembers(g, team).map((p) => p.id));
  return ok(player);
}

export function setConnected(g: GameModel, id: string, connected: boolean): void {
  const p = g.players[id];
  if (!p || p.connected === connected) return;
  p.connected = connected;
  g.connectedCount += connected ? 1 : -1;
}

export function removePlayer(g: GameModel, id: string, ban: boolean): Result<PlayerModel> {
  const p = own(g.players, id);
  if (!p) return refuse('no_such_player', 'There is no such player in this game.');
  delete g.players[id];
  g.order = g.order.filter((x) => x !== id);
  delete g.nameIndex[normalizeName(p.name)];
  if (p.connected) g.connectedCount--;
  g.teamSizes[p.team] = (g.teamSizes[p.team] ?? 1) - 1;
  if (ban) g.banned.push(normalizeName(p.name));
  return ok(p);
}

export function movePlayer(g: GameModel, id: string, team: number): Result<PlayerModel> {
  const p = own(g.players, id);
  if (!p) return refuse('no_such_player', 'There is no such player in this game.');
  if (team < 0 || team >= g.teamCount) return refuse('no_such_team', `This game has teams 1 to ${g.teamCount}.`);
  if (g.phase !== 'lobby') return refuse('wrong_phase', 'Players can change teams only in the lobby.');
  g.teamSizes[p.team] = (g.teamSizes[p.team] ?? 1) - 1;
  g.teamSizes[team] = (g.teamSizes[team] ?? 0) + 1;
  p.team = team;
  return ok(p);
}

// ---------- flow ----------

export function currentRound(g: GameModel): RoundModel | undefined {
  return g.rounds[g.roundIndex];
}

export function currentQuestion(g: GameModel): Question | undefined {
  return currentRound(g)?.questions[g.questionIndex];
}

function setTimer(g: GameModel, now: number, durationMs: number | null): void {
  if (durationMs === null) {
    g.timer = { endsAt: null, remainingMs: null, durationMs: 0 };
  } else if (g.paused) {
    g.timer = { endsAt: null, remainingMs: durationMs, durationMs };
  } else {
    g.timer = { endsAt: now + durationMs, remainingMs: null, durationMs };
  }
}

function questionLimitMs(g: GameModel, q: Question): number {
  if (g.questionMsOverride !== null) return g.questionMsOverride;
  const spec = currentRound(g)?.spec;
  const sec = q.timeLimitSec ?? (spec?.kind === 'quiz' ? spec.timeLimitSec : undefined);
  return sec !== undefined ? sec * 1000 : GAME.questionMs;
}

export function startGame(g: GameModel, now: number): Result {
  if (g.phase !== 'lobby') return refuse('wrong_phase', 'The game has already started.');
  if (g.rounds.length === 0 || g.rounds.every((r) => r.spec.kind === 'quiz' && r.questions.length === 0)) return refuse('wrong_phase', 'This game plan has no questions.');
  enterRound(g, 0, now);
  return ok(undefined);
}

function enterRound(g: GameModel, round: number, now: number): void {
  g.roundIndex = round;
  g.questionIndex = 0;
  g.current = null;
  g.phase = 'round-intro';
  setTimer(g, now, g.roundIntroMs);
}

function openQuestion(g: GameModel, now: number): void {
  const q = currentQuestion(g);
  if (!q) {
    toLeaderboard(g, now);
    return;
  }
  const limitMs = questionLimitMs(g, q);
  const shown = showOrder(q, { seed: g.seed, round: g.roundIndex, index: g.questionIndex });
  g.current = { seq: g.nextSeq++, round: g.roundIndex, index: g.questionIndex, limitMs, openedAt: now, shown, answers: dict(), answeredCount: 0 };
  g.phase = 'question';
  setTimer(g, now, limitMs);
}

function toLeaderboard(g: GameModel, now: number): void {
  g.current = null;
  g.phase = 'leaderboard';
  setTimer(g, now, null);
}

function toPodium(g: GameModel, now: number): void {
  g.current = null;
  g.phase = 'podium';
  g.paused = false;
  setTimer(g, now, null);
}

/** Players who can answer the open question: everyone connected who is in the game. */
function eligibleCount(g: GameModel): number {
  return g.connectedCount;
}

export function answeredCount(g: GameModel): number {
  return g.current?.answeredCount ?? 0;
}

/**
 * A player's answer to the open question, arriving at `now`. `link` is what the room measured of
 * the phone's network (latency.ts): speed counts from when the question reached the phone.
 */
export function submitAnswer(g: GameModel, playerId: string, seq: number, answer: AnswerPayload, now: number, link: AnswerLink = NO_LINK): Result<AnswerTiming> {
  const p = g.players[playerId];
  if (!p) return refuse('not_a_player', 'Only players in this game can answer.');
  const open = g.current;
  if (g.phase !== 'question' || !open) return refuse('wrong_phase', 'No question is open right now.');
  if (seq !== open.seq) return refuse('no_such_question', 'That question is no longer open.');
  if (g.paused) return refuse('paused', 'The game is paused.');
  if (g.timer.endsAt !== null && now > g.timer.endsAt) return refuse('too_late', 'Time is up for this question.');
  if (open.answers[playerId]) return refuse('already_answered', 'You have already answered this question.');
  const q = currentQuestion(g);
  const recorded = q ? recordAnswer(q, answer, open.shown) : null;
  if (!q || !recorded || answerCredit(q, recorded) === null) return refuse('bad_answer', 'That answer does not fit this question.');
  const timing = answerTiming(open.openedAt, now, link);
  open.answers[playerId] = { answer: recorded, elapsedMs: timing.elapsedMs };
  open.answeredCount++;
  if (answeredCount(g) >= eligibleCount(g)) closeQuestion(g, now, false);
  return ok(timing);
}

function distributionOf(q: Question, records: readonly AnswerRecord[]): number[] {
  switch (q.type) {
    case 'single':
    case 'poll':
    case 'multi':
    case 'truefalse': {
      const n = q.type === 'truefalse' ? 2 : q.options.length;
      const counts = new Array<number>(n).fill(0);
      for (const r of records) {
        const picked = r.answer.kind === 'choice' ? [r.answer.index] : r.answer.kind === 'multi' ? r.answer.indices : [];
        for (const i of picked) if (i < n) counts[i] = (counts[i] ?? 0) + 1;
      }
      return counts;
    }
    case 'order': {
      // How many players put each item (in its correct order) in its right place.
      const counts = new Array<number>(q.items.length).fill(0);
      for (const r of records) {
        if (r.answer.kind !== 'order') continue;
        r.answer.order.forEach((item, k) => {
          if (item === k) counts[k] = (counts[k] ?? 0) + 1;
        });
      }
      return counts;
    }
    case 'numeric': {
      const buckets = new Array<number>(SCORING.numericBuckets).fill(0);
      const width = (q.max - q.min) / SCORING.numericBuckets;
      for (const r of records) {
        if (r.answer.kind !== 'numeric') continue;
        const b = Math.min(SCORING.numericBuckets - 1, Math.max(0, Math.floor((r.answer.value - q.min) / width)));
        buckets[b] = (buckets[b] ?? 0) + 1;
      }
      return buckets;
    }
    default: {
      const never: never = q;
      return never;
    }
  }
}

/** Scores the open question and shows the reveal; `skipped` closes it without scoring anyone. */
function closeQuestion(g: GameModel, now: number, skipped: boolean): QuestionRecord | null {
  const open = g.current;
  const q = currentQuestion(g);
  if (!open || !q) return null;
  const records: AnswerRecord[] = [];
  const eligible = eligibleCount(g);
  for (const id of g.order) {
    const p = g.players[id];
    const a = open.answers[id];
    if (!p) continue;
    if (!a) {
      if (!skipped && q.type !== 'poll') p.streak = 0;
      continue;
    }
    const credit = answerCredit(q, a.answer) ?? 0;
    const s = skipped
      ? { points: 0, streak: p.streak }
      : scoreAnswer({ credit, elapsedMs: a.elapsedMs, limitMs: open.limitMs, streakBefore: p.streak, speedScoring: g.settings.speedScoring, scored: q.type !== 'poll' });
    p.score += s.points;
    p.streak = s.streak;
    records.push({ playerId: id, answer: a.answer, elapsedMs: a.elapsedMs, credit, points: s.points });
  }
  const record: QuestionRecord = {
    seq: open.seq,
    round: open.round,
    index: open.index,
    questionId: q.id,
    type: q.type,
    shown: open.shown,
    distribution: distributionOf(q, records),
    answered: records.length,
    eligible,
    skipped,
    answers: records,
  };
  g.history.push(record);
  g.phase = 'reveal';
  setTimer(g, now, null);
  return record;
}

/** Advances timed phases whose time is up. Returns true when something changed. */
export function advanceTimers(g: GameModel, now: number): boolean {
  if (g.paused || g.timer.endsAt === null || now < g.timer.endsAt) return false;
  if (g.phase === 'round-intro') {
    beginRound(g, now);
    return true;
  }
  if (g.phase === 'question') {
    closeQuestion(g, now, false);
    return true;
  }
  return false;
}

function beginRound(g: GameModel, now: number): void {
  if (currentRound(g)?.spec.kind === 'scenario') beginScenario(g, now);
  else openQuestion(g, now);
}

/** The teacher's "Next": from a reveal to the next question or the leaderboard; from the leaderboard to the next round or the podium. */
export function next(g: GameModel, now: number): Result {
  if (g.phase === 'reveal') {
    const round = currentRound(g);
    g.questionIndex++;
    g.current = null;
    if (round && g.questionIndex < round.questions.length) openQuestion(g, now);
    else toLeaderboard(g, now);
    return ok(undefined);
  }
  if (g.phase === 'leaderboard') {
    if (g.roundIndex + 1 < g.rounds.length) enterRound(g, g.roundIndex + 1, now);
    else toPodium(g, now);
    return ok(undefined);
  }
  if (g.phase === 'round-intro') {
    beginRound(g, now);
    return ok(undefined);
  }
  if (g.phase === 'scenario-report') {
    if (g.roundIndex + 1 < g.rounds.length) enterRound(g, g.roundIndex + 1, now);
    else toPodium(g, now);
    return ok(undefined);
  }
  return refuse('wrong_phase', g.phase === 'question' ? 'A question is open: skip it or wait for the timer.' : 'There is nothing to go on to.');
}

export function skip(g: GameModel, now: number): Result {
  // A skip aimed at the last question can arrive after the round moved on: never let it end a scenario.
  if (g.phase === 'scenario') return refuse('wrong_phase', 'A scenario round is running: use "End round" to stop it.');
  if (g.phase === 'question') {
    closeQuestion(g, now, true);
    return next(g, now);
  }
  // Standings and reports wait for "Next": a second click on Skip must not jump past them.
  if (g.phase === 'round-intro' || g.phase === 'reveal') return next(g, now);
  return refuse('wrong_phase', 'There is nothing to skip.');
}

export function pause(g: GameModel, now: number): Result {
  if (g.paused) return refuse('wrong_phase', 'The game is already paused.');
  if (g.phase === 'lobby' || g.phase === 'podium') return refuse('wrong_phase', 'There is nothing running to pause.');
  g.paused = true;
  if (g.timer.endsAt !== null) {
    g.timer = { ...g.timer, endsAt: null, remainingMs: Math.max(0, g.timer.endsAt - now) };
  }
  return ok(undefined);
}

export function resume(g: GameModel, now: number): Result {
  if (!g.paused) return refuse('wrong_phase', 'The game is not paused.');
  g.paused = false;
  if (g.timer.remainingMs !== null) {
    const elapsedBefore = g.timer.durationMs - g.timer.remainingMs;
    g.timer = { ...g.timer, endsAt: now + g.timer.remainingMs, remainingMs: null };
    // Answer times count only unpaused time: move the opening instant forward by the pause.
    if (g.current) g.current.openedAt = now - elapsedBefore;
  }
  return ok(undefined);
}

export function extend(g: GameModel, ms: number): Result {
  if (g.phase !== 'question') return refuse('wrong_phase', 'Only an open question can get more time.');
  const t = g.timer;
  g.timer = {
    endsAt: t.endsAt !== null ? t.endsAt + ms : null,
    remainingMs: t.remainingMs !== null ? t.remainingMs + ms : null,
    durationMs: t.durationMs + ms,
  };
  if (g.current) (g.current as { limitMs: number }).limitMs += ms;
  return ok(undefined);
}

export function endRound(g: GameModel, now: number): Result {
  if (g.phase === 'scenario') {
    finishCurrentScenario(g, now);
    return ok(undefined);
  }
  if (g.phase === 'round-intro' && currentRound(g)?.spec.kind === 'scenario') {
    toLeaderboard(g, now);
    return ok(undefined);
  }
  if (g.phase === 'question') closeQuestion(g, now, false);
  if (g.phase === 'question' || g.phase === 'reveal' || g.phase === 'round-intro') {
    toLeaderboard(g, now);
    return ok(undefined);
  }
  return refuse('wrong_phase', 'No round is running.');
}

export function endGame(g: GameModel, now: number): Result {
  if (g.phase === 'podium') return refuse('wrong_phase', 'The game has already ended.');
  if (g.phase === 'question') closeQuestion(g, now, false);
  if (g.phase === 'scenario') finishCurrentScenario(g, now);
  toPodium(g, now);
  return ok(undefined);
}

// ---------- restart ----------

/**
 * Brings a game loaded from a checkpoint back to life after a server restart: nobody is
 * connected yet, the question that was open is asked again from the start (its answers are
 * lost), and anything timed waits, paused, for the teacher to resume.
 */
export function resumeAfterRestart(g: GameModel, now: number): void {
  upgradeAnswers(g);
  for (const id of g.order) {
    const p = g.players[id];
    if (p) p.connected = false;
  }
  g.connectedCount = 0;
  g.teamSizes = countTeamSizes(g);
  if (g.phase === 'lobby' || g.phase === 'podium') return;
  const wasPaused = g.paused;
  g.paused = false;
  if (g.phase === 'question') {
    g.current = null;
    openQuestion(g, now);
  } else if (g.phase === 'round-intro') {
    setTimer(g, now, g.roundIntroMs);
  } else if (g.phase === 'scenario') {
    const s = currentScenario(g);
    const tick = s ? Math.max(...s.teams.map((t) => t.run.tick)) : 0;
    for (const t of s?.teams ?? []) t.pending = [];
    setTimer(g, now, Math.max(0, (s?.durationTicks ?? 0) - tick) * g.scenarioTickMs);
  }
  if (g.timer.endsAt !== null || wasPaused || g.phase === 'question') pause(g, now);
}

/** A version-1 checkpoint's ordering answers (shown positions) as identities; its choice answers already are. */
function upgradeAnswers(g: GameModel): void {
  if ((g.modelVersion ?? 1) >= MODEL_VERSION) return;
  const byIdentity = <T extends { answer: RecordedAnswer }>(a: T, shown: readonly number[]): T =>
    a.answer.kind === 'order' ? { ...a, answer: { kind: 'order', order: a.answer.order.map((p) => shown[p] ?? p) } } : a;
  g.history = g.history.map((rec) => (rec.type === 'order' ? { ...rec, answers: rec.answers.map((a) => byIdentity(a, rec.shown)) } : rec));
  const open = g.current;
  if (open && currentQuestion(g)?.type === 'order') {
    for (const [id, a] of Object.entries(open.answers)) open.answers[id] = byIdentity(a, open.shown);
  }
  g.modelVersion = MODEL_VERSION;
}

// ---------- scenario rounds ----------

export function currentScenario(g: GameModel): ScenarioRound | null {
  const s = g.scenarios.at(-1);
  return s && s.round === g.roundIndex && (g.phase === 'scenario' || g.phase === 'scenario-report') ? s : null;
}

/** Mean quiz points per member of each team in round `round` (null if it was not a quiz round). */
function quizMeans(g: GameModel, round: number): (number | null)[] {
  const teams = Array.from({ length: g.teamCount }, () => null as number | null);
  if (g.rounds[round]?.spec.kind !== 'quiz') return teams;
  const points = new Map<string, number>();
  for (const rec of g.history) if (rec.round === round) for (const a of rec.answers) points.set(a.playerId, (points.get(a.playerId) ?? 0) + a.points);
  return teams.map((_, team) => {
    const members = teamMembers(g, team);
    return members.length === 0 ? null : members.reduce((sum, p) => sum + (points.get(p.id) ?? 0), 0) / members.length;
  });
}

function beginScenario(g: GameModel, now: number): void {
  const spec = currentRound(g)?.spec;
  if (spec?.kind !== 'scenario') return;
  const means = quizMeans(g, g.roundIndex - 1);
  const s = scenario.startScenario({
    round: g.roundIndex,
    cardId: spec.scenarioId,
    gameSeed: g.seed,
    members: Array.from({ length: g.teamCount }, (_, team) => teamMembers(g, team).map((p) => p.id)),
    credits: means.map((m) => scenario.creditsFromQuiz(m)),
    durationTicks: g.scenarioTicksOverride,
  });
  if (!s) {
    toLeaderboard(g, now);
    return;
  }
  g.scenarios.push(s);
  g.current = null;
  g.phase = 'scenario';
  setTimer(g, now, s.durationTicks * g.scenarioTickMs);
}

/** One live tick of the scenario round (the room calls it every scenarioTickMs). True when the round just ended. */
export function tickScenario(g: GameModel, now: number): boolean {
  const s = currentScenario(g);
  if (!s || g.phase !== 'scenario' || g.paused) return false;
  if (!scenario.stepScenario(s)) return false;
  finishCurrentScenario(g, now);
  return true;
}

function finishCurrentScenario(g: GameModel, now: number): void {
  const s = currentScenario(g);
  if (!s) return;
  scenario.finishScenario(
    s,
    () => teamStandings(g).map((r) => r.rank),
    (team, points) => {
      for (const p of teamMembers(g, team)) p.score += points;
    },
  );
  g.phase = 'scenario-report';
  g.paused = false;
  setTimer(g, now, null);
}

export function submitScenarioAction(g: GameModel, playerId: string, action: unknown): Result<{ cost: number }> {
  const p = g.players[playerId];
  if (!p) return refuse('not_a_player', 'Only players in this game can act.');
  const s = currentScenario(g);
  if (!s || g.phase !== 'scenario') return refuse('wrong_phase', 'No scenario round is running.');
  if (g.paused) return refuse('paused', 'The game is paused.');
  if (!s.roles[playerId]) scenario.addToScenario(s, playerId, teamMembers(g, p.team).map((m) => m.id));
  const r = scenario.submitAction(s, playerId, p.team, action);
  if (r.ok) return ok({ cost: r.cost });
  return refuse(r.code === 'not_enough_credits' ? 'not_enough_credits' : r.code === 'role' ? 'not_your_role' : r.code === 'wrong_phase' || r.code === 'run_over' ? 'wrong_phase' : r.code === 'not_a_player' ? 'not_a_player' : 'bad_action', r.reason);
}

// ---------- standings ----------

export interface TeamStanding {
  readonly team: number;
  readonly score: number;
  readonly members: number;
  readonly rank: number;
}

export function teamStandings(g: GameModel): TeamStanding[] {
  // One pass over the players (this runs after every change in rooms of thousands).
  const sums = new Array<number>(g.teamCount).fill(0);
  const counts = new Array<number>(g.teamCount).fill(0);
  for (const id of g.order) {
    const p = g.players[id];
    if (!p) continue;
    sums[p.team] = (sums[p.team] ?? 0) + p.score;
    counts[p.team] = (counts[p.team] ?? 0) + 1;
  }
  const rows = sums.map((sum, team) => {
    const n = counts[team] ?? 0;
    return { team, score: n === 0 ? 0 : Math.round(sum / n), members: n };
  });
  const sorted = [...rows].sort((a, b) => b.score - a.score || a.team - b.team);
  return rows.map((r) => ({ ...r, rank: rankOf(sorted.map((x) => x.score), r.score) }));
}

/** 1-based competition rank ("1224"): ties share a rank. `sortedDesc` must be sorted high to low. */
function rankOf(sortedDesc: readonly number[], score: number): number {
  let lo = 0;
  let hi = sortedDesc.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sortedDesc[mid] ?? 0) > score) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** Ranks of every player (by total score) and the top N, computed once per reveal. */
export function playerRanks(g: GameModel, top: number = SCORING.topPlayers): { rankOf: (id: string) => number; top: PlayerModel[] } {
  const players = g.order.map((id) => g.players[id]).filter((p): p is PlayerModel => p !== undefined);
  const sorted = [...players].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
  const scores = sorted.map((p) => p.score);
  return {
    rankOf: (id) => {
      const p = g.players[id];
      return p ? rankOf(scores, p.score) : 0;
    },
    top: sorted.slice(0, top),
  };
}

// ---------- what a player is told about themselves ----------

/** Player and team ranks, computed once for a message to every player (a reveal, a round's end). */
export interface Standings {
  readonly players: ReturnType<typeof playerRanks>;
  readonly teams: readonly TeamStanding[];
}

export function standings(g: GameModel): Standings {
  return { players: playerRanks(g), teams: teamStandings(g) };
}

/** A player's total and ranks (after a scenario round's points, at the podium). */
export function playerStanding(g: GameModel, playerId: string, st: Standings = standings(g)): PlayerStanding | null {
  const p = g.players[playerId];
  if (!p) return null;
  return { score: p.score, rank: st.players.rankOf(playerId), players: g.order.length, teamRank: st.teams[p.team]?.rank ?? 0 };
}

/**
 * Results for a closed question, player by player: what they answered, its credit and points, and
 * where they stand. One lookup table per question, so a reveal to thousands stays linear.
 */
export function resultsOf(g: GameModel, record: QuestionRecord, st: Standings = standings(g)): (playerId: string) => PlayerResult | null {
  const byPlayer = new Map(record.answers.map((a) => [a.playerId, a]));
  const q = g.rounds[record.round]?.questions[record.index];
  return (playerId) => {
    const standing = playerStanding(g, playerId, st);
    const p = g.players[playerId];
    if (!standing || !p) return null;
    const a = byPlayer.get(playerId);
    return { ...standing, seq: record.seq, credit: a?.credit ?? 0, correct: (a?.credit ?? 0) >= 1, points: a?.points ?? 0, streak: p.streak, answer: a ? (q ? shownAnswer(q, a.answer, record.shown) : a.answer) : null };
  };
}

/**
 * A player's own answer to the open question, or to the one whose reveal is showing: a phone that
 * comes back mid-question shows the answer it gave instead of offering the buttons again.
 */
export function playerAnswer(g: GameModel, playerId: string): PlayerAnswer | null {
  if (g.phase === 'question' && g.current) {
    const a = own(g.current.answers, playerId);
    const q = currentQuestion(g);
    return a && q ? { seq: g.current.seq, answer: shownAnswer(q, a.answer, g.current.shown) } : null;
  }
  const last = g.history.at(-1);
  if (g.phase === 'reveal' && last) {
    const a = last.answers.find((x) => x.playerId === playerId);
    const q = g.rounds[last.round]?.questions[last.index];
    return a && q ? { seq: last.seq, answer: shownAnswer(q, a.answer, last.shown) } : null;
  }
  return null;
}

/** While a reveal is showing, the result of a player who (re)joins; otherwise null. */
export function playerResultNow(g: GameModel, playerId: string, st?: Standings): PlayerResult | null {
  const last = g.history.at(-1);
  return g.phase === 'reveal' && last ? resultsOf(g, last, st)(playerId) : null;
}
