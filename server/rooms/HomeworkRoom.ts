// One homework attempt = one room, made by this server only (server/http/homework.ts, with a
// one-time grant) when a student starts or comes back, and closed when they have been away a few
// minutes: the attempt lives in the store, the room is where it is played. Its id is a join code
// claimed while it lives. Like the classroom room it translates and never decides: the attempt
// token opens it, every message is checked against shared/protocol.ts, and the student's intents,
// the timers and the scenario ticks go to the rules (shared/rules/game.ts through homework.ts),
// mirrored into the same synced state a phone reads in a live game.
import { Room, ServerError, type Client, type Deferred } from '@colyseus/core';
import { StateView } from '@colyseus/schema';
import { z } from 'zod';
import { SCENARIO } from '../../shared/constants.ts';
import { HOMEWORK } from '../../shared/constants.ts';
import {
  CLOSE,
  GAME_CODE_PATTERN,
  HOMEWORK_ID_PATTERN,
  JOIN_ERROR,
  attemptJoinOptions,
  homeworkClientMessages,
  PROTOCOL_VERSION,
  TOKEN_PATTERN,
  type AttemptStatus,
  type HomeworkMessageType,
  type RefusalCode,
  type ServerMessages,
} from '../../shared/protocol.ts';
import * as rules from '../../shared/rules/game.ts';
import * as hw from '../../shared/rules/homework.ts';
import type { GameModel, QuestionRecord } from '../../shared/rules/game.ts';
import { buildResults } from '../../shared/rules/results.ts';
import { RawJson } from '../store/index.ts';
import { sha256, tokensEqual } from '../tokens.ts';
import { roomServices } from './context.ts';
import { refuse, reply, replySafe } from './replies.ts';
import { enqueue, reviveModel, SNAPSHOT_VERSION, type GameSnapshot } from './persistence.ts';
import { createScenarioState, syncRoles, syncScenarioLive, syncScenarioReports, syncScenarioStart } from './scenario-sync.ts';
import { createState, syncEverything, syncReveal, syncState, syncTop } from './sync.ts';
import type { GameState } from './schema.ts';

/** What the HTTP layer hands a new attempt room: the attempt to load, and the grant for its code. */
export interface AttemptRoomOptions {
  readonly grant: string;
  readonly code: string;
  readonly attemptId: string;
}

const roomOptions = z
  .object({ grant: z.string().regex(TOKEN_PATTERN), code: z.string().regex(GAME_CODE_PATTERN), attemptId: z.string().regex(HOMEWORK_ID_PATTERN) })
  .strict();

/** The presence key naming the room an attempt is played in right now (any process's). */
export const attemptRoomKey = (attemptId: string) => `ua:hw:room:${attemptId}`;
/** How long that key outlives its last refresh, in seconds (a room refreshes it at every join). */
export const ATTEMPT_ROOM_KEY_SECONDS = 6 * 3600;
/** A scenario round is saved every this many ticks, besides its start and end. */
const CHECKPOINT_EVERY_TICKS = 100;
/** A finished attempt's room closes this soon after its student leaves, in ms. */
const CLOSE_AFTER_PODIUM_MS = 30_000;

type GameClient = Client<{ userData: { playerId: string } }>;

/** The attempt rooms of this process, for a graceful shutdown. */
const live = new Set<HomeworkRoom>();
export function liveAttempts(): HomeworkRoom[] {
  return [...live];
}

export class HomeworkRoom extends Room<{ state: GameState }> {
  /** The student's page, and a reload or a second tab on its way in. */
  override maxClients = 4;
  override maxMessagesPerSecond = 30;
  override autoDispose = false;
  override seatReservationTimeout = 30;

  private game!: GameModel;
  private attemptId = '';
  private assignmentId = '';
  private tokenHash = '';
  private attemptNo = 1;
  private deadline = 0;
  private closedByDeadline = false;
  private student: GameClient | null = null;
  private held: Deferred<Client> | null = null;
  private readonly teamView = new StateView();
  private emptySince: number | null = null;
  private beatMs = 100;
  private beatsPerScenarioTick = 1;
  private beats = 0;
  private saving: Promise<void> = Promise.resolve();
  private saveQueued: { withResults: boolean } | null = null;
  private closed = false;

  override async onCreate(raw: unknown): Promise<void> {
    const services = roomServices();
    const parsed = roomOptions.safeParse(raw);
    if (!parsed.success || !(await services.codes.redeem(parsed.data.code, parsed.data.grant))) {
      throw new ServerError(JOIN_ERROR.bad_request, 'Homework attempts are opened from their homework link, not through the matchmaker.');
    }
    const { code, attemptId } = parsed.data;
    const attempt = await services.store.homework.getAttempt<GameSnapshot>(attemptId);
    const assignment = attempt ? await services.store.homework.getAssignment(attempt.assignmentId) : undefined;
    if (!attempt || !assignment || attempt.snapshot?.v !== SNAPSHOT_VERSION) throw new ServerError(JOIN_ERROR.bad_request, 'This homework attempt was not found.');
    this.roomId = code;
    this.attemptId = attemptId;
    this.assignmentId = attempt.assignmentId;
    this.tokenHash = attempt.tokenHash;
    this.attemptNo = attempt.attemptNo;
    this.deadline = assignment.deadline;
    this.closedByDeadline = attempt.status === 'closed';
    this.game = reviveModel(attempt.snapshot.model);
    hw.reviveAttempt(this.game, Date.now());
    live.add(this);
    await services.presence.setex(attemptRoomKey(attemptId), code, ATTEMPT_ROOM_KEY_SECONDS);

    this.setState(createState());
    this.state.scenario = createScenarioState(this.game.teamCount);
    const details = this.state.scenario.details[0];
    if (details) this.teamView.add(details);
    syncEverything(this.state, this.game);
    const { tickMs, scenarioTickMs, patchRateMs } = services.config;
    this.beatMs = Math.min(tickMs, scenarioTickMs);
    this.beatsPerScenarioTick = Math.max(1, Math.round(scenarioTickMs / this.beatMs));
    this.setSimulationInterval(() => this.beat(), this.beatMs);
    this.setPatchRate(patchRateMs);

    for (const type of Object.keys(homeworkClientMessages) as HomeworkMessageType[]) {
      this.onMessage(type, (client: GameClient, payload: unknown) => this.handle(client, type, payload));
    }
    this.onMessage('*', (client: GameClient, type: unknown) => {
      services.metrics.messageIn('unknown');
      refuse(client, String(type).slice(0, 40), 'unknown_message', 'A homework attempt does not understand that message.');
    });
    services.log.info({ attemptId, assignmentId: this.assignmentId, code, phase: this.game.phase }, 'homework attempt opened');
  }

  override async onDispose(): Promise<void> {
    const services = roomServices();
    await this.close();
    live.delete(this);
    try {
      if ((await services.presence.get(attemptRoomKey(this.attemptId))) === this.roomId) await services.presence.del(attemptRoomKey(this.attemptId));
      await services.codes.release(this.roomId);
    } catch (err) {
      services.log.warn({ err, attemptId: this.attemptId }, 'homework room key not released');
    }
  }

  /** The last save, then no more (shutdown, disposal). */
  async close(): Promise<void> {
    if (this.closed) return this.saving;
    hw.studentAway(this.game, Date.now());
    await this.save(true);
    this.closed = true;
  }

  // ---------- joining ----------

  override async onJoin(client: GameClient, options: unknown): Promise<void> {
    const started = performance.now();
    const parsed = attemptJoinOptions.safeParse(options ?? {});
    if (!parsed.success) throw new ServerError(JOIN_ERROR.bad_request, 'This is a student\'s homework: open it from its homework link.');
    if (!tokensEqual(sha256(parsed.data.attempt), this.tokenHash)) throw new ServerError(JOIN_ERROR.seat, 'This homework attempt belongs to another browser.');
    const services = roomServices();
    // The teacher may have moved the deadline since the room opened.
    const assignment = await services.store.homework.getAssignment(this.assignmentId);
    if (assignment) this.deadline = assignment.deadline;
    const now = Date.now();
    if (hw.closeIfOverdue(this.game, this.deadline, now)) this.closedByDeadline = true;
    const previous = this.student;
    if (previous && previous !== client) {
      // A second tab or a reload took the attempt over: the newest one wins, the old one is told why.
      previous.userData = undefined;
      replySafe(previous, 'seat-taken', {});
      previous.leave(CLOSE.seatTaken, 'This homework was opened in another tab or device.');
    }
    this.held?.reject(false);
    this.held = null;
    this.student = client;
    const playerId = this.game.order[0]!;
    const p = this.game.players[playerId]!;
    client.userData = { playerId };
    client.view = this.teamView;
    hw.studentBack(this.game, now);
    if (this.game.phase === 'scenario') syncRoles(this.state.scenario, this.game);
    this.afterPhaseChange(false);
    await services.presence.setex(attemptRoomKey(this.attemptId), this.roomId, ATTEMPT_ROOM_KEY_SECONDS);
    reply(client, 'homework:welcome', { attemptId: this.attemptId, name: p.name, attempt: this.attemptNo, deadline: this.deadline, finishBy: hw.finishBy(this.deadline), serverNow: now, protocol: PROTOCOL_VERSION });
    reply(client, 'welcome', {
      playerId,
      seat: '',
      name: p.name,
      team: p.team,
      score: p.score,
      streak: p.streak,
      serverNow: now,
      protocol: PROTOCOL_VERSION,
      answer: rules.playerAnswer(this.game, playerId),
      result: rules.playerResultNow(this.game, playerId),
      // Alone, on their own time: the name they chose, nothing to approve or re-roll, no extra clock.
      nickname: { name: p.name, held: false, rerollsLeft: 0 },
      extraTime: 1,
    });
    services.metrics.joined('player', performance.now() - started);
  }

  override onDrop(client: GameClient): void {
    if (this.student !== client || this.closed) return;
    hw.studentAway(this.game, Date.now());
    syncState(this.state, this.game);
    const held = this.allowReconnection(client, roomServices().config.reconnectSeconds);
    if (typeof (held as Partial<Deferred<Client>>).reject === 'function') {
      this.held = held;
      const release = () => {
        if (this.held === held) this.held = null;
      };
      held.then(release, release);
    }
    Promise.resolve(held).catch(() => undefined);
  }

  override onReconnect(client: GameClient): void {
    roomServices().metrics.reconnected('player');
    if (this.student !== client) {
      client.userData = undefined;
      client.leave(CLOSE.seatTaken);
      return;
    }
    hw.studentBack(this.game, Date.now());
    syncState(this.state, this.game);
  }

  override onLeave(client: GameClient): void {
    if (this.student !== client) return;
    this.student = null;
    hw.studentAway(this.game, Date.now());
    syncState(this.state, this.game);
    void this.save(false);
  }

  // ---------- messages ----------

  private handle(client: GameClient, type: HomeworkMessageType, payload: unknown): void {
    roomServices().metrics.messageIn(type);
    const seat = client.userData;
    if (!seat || client !== this.student) return;
    const parsed = homeworkClientMessages[type].safeParse(payload ?? {});
    if (!parsed.success) {
      refuse(client, type, 'bad_message', `The "${type}" message is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
      return;
    }
    const now = Date.now();
    const g = this.game;
    const phaseBefore = g.phase;
    const historyBefore = g.history.length;
    switch (type) {
      case 'answer': {
        const msg = parsed.data as z.infer<(typeof homeworkClientMessages)['answer']>;
        const r = rules.submitAnswer(g, seat.playerId, msg.seq, msg.answer, now);
        if (!r.ok) return refuse(client, type, r.code, r.reason);
        reply(client, 'ack', { seq: msg.seq });
        break;
      }
      case 'scenario:action': {
        const msg = parsed.data as z.infer<(typeof homeworkClientMessages)['scenario:action']>;
        const r = rules.submitScenarioAction(g, seat.playerId, msg.action);
        if (!r.ok) return refuse(client, type, r.code, r.reason);
        reply(client, 'action-ack', { type: msg.action.type, cost: r.value.cost });
        return;
      }
      case 'homework:next': {
        const r = hw.studentNext(g, now);
        if (!r.ok) return refuse(client, type, r.code, r.reason);
        break;
      }
      default: {
        const never: never = type;
        return never;
      }
    }
    if (g.history.length > historyBefore) this.afterReveal();
    else if (g.phase !== phaseBefore) this.afterPhaseChange();
    else syncState(this.state, g);
  }

  // ---------- time and sync ----------

  private beat(): void {
    try {
      this.beatOnce();
    } catch (err) {
      roomServices().metrics.beatFailed();
      roomServices().log.error({ err, attemptId: this.attemptId }, 'homework room beat failed');
    }
  }

  private beatOnce(): void {
    const now = Date.now();
    this.beats++;
    const g = this.game;
    const phaseBefore = g.phase;
    const historyBefore = g.history.length;
    if (hw.closeIfOverdue(g, this.deadline, now)) {
      this.closedByDeadline = true;
    } else {
      rules.advanceTimers(g, now);
      if (this.beats % this.beatsPerScenarioTick === 0 && g.phase === 'scenario' && !g.paused) this.scenarioTick(now);
    }
    if (g.history.length > historyBefore && g.phase === 'reveal') this.afterReveal();
    else if (g.phase !== phaseBefore) this.afterPhaseChange();
    this.closeWhenAbandoned(now);
  }

  private scenarioTick(now: number): void {
    const started = performance.now();
    const ended = rules.tickScenario(this.game, now);
    const round = rules.currentScenario(this.game);
    const tick = round?.teams[0]?.run.tick ?? 0;
    if (!ended && round) {
      if (tick % SCENARIO.syncEveryTicks === 0) syncScenarioLive(this.state.scenario, this.game);
      if (tick % CHECKPOINT_EVERY_TICKS === 0) void this.save(false);
    }
    roomServices().metrics.scenarioTick(performance.now() - started);
  }

  private closeWhenAbandoned(now: number): void {
    if (this.clients.length > 0 || this.held) {
      this.emptySince = null;
      return;
    }
    this.emptySince ??= now;
    const idleMs = hw.attemptOver(this.game) ? CLOSE_AFTER_PODIUM_MS : HOMEWORK.idleCloseMs;
    if (now - this.emptySince > idleMs) void this.disconnect();
  }

  private afterPhaseChange(save = true): void {
    syncState(this.state, this.game);
    if (this.game.phase === 'scenario') {
      syncScenarioStart(this.state.scenario, this.game);
      syncScenarioLive(this.state.scenario, this.game);
    }
    if (this.game.phase === 'scenario-report') {
      syncScenarioLive(this.state.scenario, this.game);
      syncScenarioReports(this.state.scenario, this.game);
    }
    syncTop(this.state, this.game);
    // A scenario round's points come outside a reveal: the student's total, as a live phone is told.
    if (this.student && (this.game.phase === 'scenario-report' || this.game.phase === 'podium')) {
      const standing = rules.playerStanding(this.game, this.game.order[0]!);
      if (standing) replySafe(this.student, 'standing', standing);
    }
    if (save) void this.save(true);
  }

  /** The question closed: the reveal, and the student's own result. */
  private afterReveal(): void {
    const record = this.game.history.at(-1) as QuestionRecord;
    syncState(this.state, this.game);
    syncReveal(this.state, this.game, record);
    syncTop(this.state, this.game);
    const result = rules.resultsOf(this.game, record)(this.game.order[0]!);
    if (this.student && result) replySafe(this.student, 'result', result);
    void this.save(true);
  }

  // ---------- the store ----------

  private status(): AttemptStatus {
    if (!hw.attemptOver(this.game)) return 'playing';
    return this.closedByDeadline ? 'closed' : 'finished';
  }

  /**
   * Saves the attempt through the process's write queue (one write per event-loop turn, shared
   * with the games' checkpoints); a save asked for while one waits joins it. With `withResults`,
   * the attempt's results document too (after a question or a round, and at the end).
   */
  private save(withResults: boolean): Promise<void> {
    if (this.closed) return this.saving;
    if (this.saveQueued) {
      this.saveQueued.withResults ||= withResults;
      return this.saving;
    }
    const request = { withResults };
    this.saveQueued = request;
    const services = roomServices();
    this.saving = enqueue(async () => {
      this.saveQueued = null;
      try {
        const snapshot: GameSnapshot = { v: SNAPSHOT_VERSION, model: this.game, seats: [] };
        const p = this.game.players[this.game.order[0]!];
        await services.store.homework.saveAttempt(this.attemptId, {
          snapshot: new RawJson(JSON.stringify(snapshot)),
          status: this.status(),
          score: p?.score ?? 0,
          ...(request.withResults ? { results: new RawJson(JSON.stringify(buildResults(this.game))) } : {}),
        });
      } catch (err) {
        services.log.error({ err, attemptId: this.attemptId }, 'homework attempt not saved');
      }
    });
    return this.saving;
  }

  // ---------- replies ----------

  override onUncaughtException(error: Error, method: string): void {
    roomServices().log.error({ err: error, method, attemptId: this.attemptId }, 'homework room handler failed');
  }
}
