// One game = one room, whose id is the join code. The room translates: it authenticates joins
// (host token, seat token, nickname), validates every message against shared/protocol.ts,
// feeds intents and timer expiries to the pure rules (shared/rules/game.ts) and mirrors the
// model into the synced state. It never decides a rule itself.
import { Room, ServerError, type Client, type Deferred } from '@colyseus/core';
import { StateView } from '@colyseus/schema';
import { z } from 'zod';
import { GAME, SCENARIO } from '../../shared/constants.ts';
import {
  CLOSE,
  clientMessages,
  GAME_CODE_PATTERN,
  JOIN_ERROR,
  hostJoinOptions,
  PLAYER_ID_BYTES,
  playerJoinOptions,
  PROTOCOL_VERSION,
  TOKEN_PATTERN,
  type ClientMessageType,
  type RefusalCode,
  type ServerMessages,
} from '../../shared/protocol.ts';
import * as rules from '../../shared/rules/game.ts';
import { injectFault } from '../../shared/rules/faults.ts';
import type { GameModel, QuestionRecord } from '../../shared/rules/game.ts';
import { own } from '../../shared/rules/dict.ts';
import { NICKNAME_MODES, type NicknameMode } from '../../shared/rules/nicknames.ts';
import type { GameSetup } from '../content/planner.ts';
import { newToken, sha256, tokensEqual } from '../tokens.ts';
import { roomServices } from './context.ts';
import { refuse, reply, replySafe } from './replies.ts';
import { Checkpointer, reviveModel, SNAPSHOT_VERSION, type GameSnapshot } from './persistence.ts';
import { BeatHealth } from './health.ts';
import { guardMessages, MESSAGE_LIMITS } from './message-guard.ts';
import { logRoomException } from './exceptions.ts';
import { createScenarioState, syncRoles, syncScenarioLive, syncScenarioReports, syncScenarioStart } from './scenario-sync.ts';
import { createState, syncCounts, syncEverything, syncReveal, syncState, syncTop } from './sync.ts';
import { fullRoster, RosterOutbox } from './roster.ts';
import type { GameState } from './schema.ts';
import { NetWatch } from './net/under-the-hood.ts';

/** A scenario round is checkpointed every this many ticks (10 real seconds at the live pace), besides its start and end. */
const CHECKPOINT_EVERY_TICKS = 10 * SCENARIO.ticksPerSecond;

/**
 * What the HTTP layer hands a new room: everything resolved (plan and questions), JSON-safe, and
 * the one-time grant for its code (server/codes.ts) that proves the options come from this server.
 */
export interface CreateGameOptions {
  readonly grant: string;
  readonly code: string;
  readonly hostTokenHash: string;
  readonly lang: 'es' | 'en';
  readonly teams: number;
  readonly seed: number;
  readonly setup: GameSetup;
  readonly nicknames?: NicknameMode;
  readonly holdNames?: boolean;
}

type Seat = { kind: 'host' } | { kind: 'player'; playerId: string };
type GameClient = Client<{ userData: Seat }>;

/** What restoreGames() hands a room to bring a saved game back (with its grant). */
export interface RestoreGameOptions {
  readonly grant: string;
  readonly restore: string;
}

const grant = z.string().regex(TOKEN_PATTERN);
const restoreOptions = z.object({ grant, restore: z.string().regex(GAME_CODE_PATTERN) }).strict();

const createOptions = z.object({
  grant,
  code: z.string().regex(GAME_CODE_PATTERN),
  hostTokenHash: z.string().length(64),
  lang: z.enum(['es', 'en']),
  teams: z.number().int().min(GAME.minTeams).max(GAME.maxTeams),
  seed: z.number().int(),
  setup: z.custom<GameSetup>((v) => typeof v === 'object' && v !== null && 'plan' in v && 'questions' in v),
  nicknames: z.enum(NICKNAME_MODES).optional(),
  holdNames: z.boolean().optional(),
});

/** The rooms of this process, for a graceful shutdown. */
const live = new Set<ClassroomRoom>();
export function liveClassrooms(): ClassroomRoom[] {
  return [...live];
}

/** Results go out in slices of this many players, yielding between slices, so acks keep flowing. */
const RESULT_SLICE = 250;

export class ClassroomRoom extends Room<{ state: GameState }> {
  /**
   * Sockets, not players: the player cap is the rules' (GAME.maxPlayers, refused with "This game
   * is full."). Colyseus counts reserved seats and the slots held for dropped phones too, and locks
   * the room at this number; a full class has some of each in flight (reloads join while the old
   * socket's slot is still held), so the socket cap leaves 10 % on top, plus teacher tabs.
   */
  override maxClients = Math.ceil(GAME.maxPlayers * 1.1) + 10;
  /** A backstop only: message-guard.ts refuses (in words) and closes at MESSAGE_LIMITS.perSecond first. */
  override maxMessagesPerSecond = 2 * MESSAGE_LIMITS.perSecond;
  override autoDispose = false;
  /** Seconds between a seat reservation and the socket: generous for slow school Wi-Fi. */
  override seatReservationTimeout = 30;
  private checkpoints!: Checkpointer;
  private draining = false;

  private game!: GameModel;
  private hostTokenHash = '';
  private readonly hostView = new StateView();
  /** One view per team, shared by all its phones (one encoding per team, not per phone). */
  private readonly teamViews: StateView[] = [];
  /** sha256(seat token) → player id */
  private readonly seats = new Map<string, string>();
  private readonly clientsByPlayer = new Map<string, GameClient>();
  /** A dropped phone's held connection slot (allowReconnection), by player, until it returns or expires. */
  private readonly heldSlots = new Map<string, Deferred<Client>>();
  /** Player and team ranks at the last reveal, for phones that come back while it shows. */
  private revealStandings: rules.Standings | null = null;
  /** The teacher's roster changes, sent with the patches. */
  private readonly roster = new RosterOutbox();
  /** This game's network, measured: pings, traffic, reconnections, the "Under the hood" feed (net/). */
  private readonly net = new NetWatch({
    sendPing: (client, n) => reply(client as GameClient, 'clock:ping', { n }),
    sendReport: (client, report) => reply(client as GameClient, 'host:under-the-hood', report),
    nameOf: (id) => this.game.players[id]?.name,
    phones: () => this.game.connectedCount,
    redis: roomServices().config.redisUrl !== undefined,
  });
  private emptySince: number | null = null;
  private storageOff: () => void = () => undefined;
  /** The room's one timer period (ms), how many beats a scenario tick and a patch take, and the beat count. */
  private beatMs = 100;
  private beatsPerScenarioTick = 1;
  private beatsPerPatch = 1;
  private beats = 0;
  private lastBeatAt = 0;
  private readonly health = new BeatHealth(
    () => this.roomId,
    () => roomServices().log,
    () => roomServices().metrics.beatFailed(),
  );

  override async onCreate(raw: unknown): Promise<void> {
    const services = roomServices();
    guardMessages(this, (client, code, reason) => refuse(client as GameClient, 'message', code, reason));
    // Only this server makes rooms: the options must carry the grant it took for their code.
    const restore = restoreOptions.safeParse(raw);
    const create = restore.success ? undefined : createOptions.safeParse(raw);
    const code = restore.data?.restore ?? create?.data?.code;
    const granted = restore.data?.grant ?? create?.data?.grant;
    if (!code || !granted || !(await services.codes.redeem(code, granted))) {
      throw new ServerError(JOIN_ERROR.bad_request, 'Games are created on the teacher\'s page (POST /api/games), not through the matchmaker.');
    }
    if (restore.success) await this.restore(restore.data.restore);
    else {
      // A code that any game was saved under belongs to that game for good.
      if (await services.store.games.exists(code)) throw new ServerError(JOIN_ERROR.bad_request, `The code ${code} is already used by another game.`);
      this.create(create!.data!);
    }
    live.add(this);
    this.checkpoints = new Checkpointer(services.store, this.game.code, this.hostTokenHash, services.log, () => ({ v: SNAPSHOT_VERSION, model: this.game, seats: [...this.seats] }), services.storage);
    // The teacher's page shows a banner while the store cannot save (a full disk, say).
    this.storageOff = services.storage.onChange((writable) => {
      for (const client of this.hostClients()) replySafe(client, 'host:storage', { writable });
    });
    this.setState(createState());
    this.state.scenario = createScenarioState(this.game.teamCount);
    this.hostView.add(this.state.counts);
    this.state.scenario.details.forEach((d, team) => {
      const view = new StateView();
      view.add(d);
      this.teamViews[team] = view;
    });
    syncEverything(this.state, this.game);
    // One timer drives the room: every beat advances the game's timers, steps the scenario
    // simulation when one of its ticks is due and sends a patch when one is due. Separate timers
    // for the clock, the simulation and the patches would each wake the process on their own,
    // and on a small server those wakeups cost more than the work they do.
    const { tickMs, scenarioTickMs, patchRateMs } = services.config;
    this.beatMs = Math.min(tickMs, scenarioTickMs, patchRateMs);
    this.setSimulationInterval(() => this.beat(), this.beatMs);
    this.setPatchRate(null);
    this.schedulePatches();

    for (const type of Object.keys(clientMessages) as ClientMessageType[]) {
      this.onMessage(type, (client: GameClient, payload: unknown) => this.handle(client, type, payload));
    }
    this.onMessage('*', (client: GameClient, type: unknown) => {
      roomServices().metrics.messageIn('unknown');
      refuse(client, String(type).slice(0, 40), 'unknown_message', 'This game does not understand that message.');
    });
    void this.checkpoints.now();
  }

  private create(options: z.infer<typeof createOptions>): void {
    const services = roomServices();
    this.roomId = options.code;
    this.hostTokenHash = options.hostTokenHash;
    this.game = rules.createGame({
      code: options.code,
      lang: options.lang,
      plan: options.setup.plan,
      teamCount: options.teams,
      seed: options.seed,
      questions: options.setup.questions,
      speedScoring: options.setup.speedScoring,
      nicknames: options.nicknames,
      holdNames: options.holdNames,
      questionMsOverride: services.config.questionMs,
      roundIntroMs: services.config.roundIntroMs,
      scenarioTickMs: services.config.scenarioTickMs,
      scenarioTicksOverride: services.config.scenarioTicks,
    });
  }

  /** Reloads a game from its last checkpoint after a restart; players come back with their seat tokens. */
  private async restore(code: string): Promise<void> {
    const services = roomServices();
    const cp = await services.store.games.loadCheckpoint<GameSnapshot>(code);
    if (!cp || cp.snapshot?.v !== SNAPSHOT_VERSION) throw new Error(`No checkpoint to restore for game ${code}.`);
    this.roomId = code;
    this.hostTokenHash = cp.hostTokenHash;
    this.game = reviveModel(cp.snapshot.model);
    for (const [hash, id] of cp.snapshot.seats) this.seats.set(hash, id);
    rules.resumeAfterRestart(this.game, Date.now());
    services.log.info({ code, phase: this.game.phase, players: this.game.order.length }, 'game restored from checkpoint');
  }

  override async onDispose(): Promise<void> {
    live.delete(this);
    this.health.dispose();
    this.storageOff();
    await this.checkpoints?.close();
  }

  /**
   * For a graceful shutdown: lets an open question run to its reveal (at most maxWaitMs), then
   * writes a final checkpoint. A scenario round is saved where it is and resumes from there.
   */
  async drainForShutdown(maxWaitMs: number): Promise<void> {
    this.draining = true;
    const deadline = Date.now() + maxWaitMs;
    while (this.game.phase === 'question' && !this.game.paused && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await this.checkpoints.close();
  }

  // ---------- joining ----------

  override onJoin(client: GameClient, options: unknown): void {
    const started = performance.now();
    const o = (options ?? {}) as Record<string, unknown>;
    if (o.hostToken !== undefined) {
      this.joinHost(client, options);
      roomServices().metrics.joined('host', performance.now() - started);
      return;
    }
    this.joinPlayer(client, options);
    roomServices().metrics.joined('player', performance.now() - started);
  }

  private joinPlayer(client: GameClient, options: unknown): void {
    const parsed = playerJoinOptions.safeParse(options ?? {});
    if (!parsed.success) throw new ServerError(JOIN_ERROR.bad_request, 'The join request is not valid: type a nickname and try again.');
    const { seat, name } = parsed.data;
    if (seat) {
      const playerId = this.seats.get(sha256(seat));
      if (playerId && own(this.game.players, playerId)) return this.bindPlayer(client, playerId, seat);
      if (name === undefined) throw new ServerError(JOIN_ERROR.seat, 'Your seat in this game was not found. Join again with your nickname.');
    }
    if (this.game.phase === 'podium') throw new ServerError(JOIN_ERROR.ended, 'This game has ended.');
    if (this.game.locked) throw new ServerError(JOIN_ERROR.locked, 'The teacher has locked this game: ask them to unlock it.');
    const playerId = this.newPlayerId();
    const added = rules.addPlayer(this.game, playerId, name, roomServices().names);
    if (!added.ok) throw new ServerError(joinErrorFor(added.code), added.reason);
    const token = newToken();
    this.seats.set(sha256(token), playerId);
    this.bindPlayer(client, playerId, token);
    this.checkpoints.soon();
  }

  private joinHost(client: GameClient, options: unknown): void {
    const parsed = hostJoinOptions.safeParse(options);
    if (!parsed.success || !tokensEqual(sha256(parsed.data.hostToken), this.hostTokenHash)) {
      throw new ServerError(JOIN_ERROR.bad_host, 'This teacher link is not valid for this game.');
    }
    client.userData = { kind: 'host' };
    client.view = this.hostView;
    this.net.hostJoined(client);
    this.state.hostConnected = true;
    reply(client, 'host:welcome', { serverNow: Date.now(), protocol: PROTOCOL_VERSION, joinUrl: '' });
    reply(client, 'host:roster', fullRoster(this.game));
    if (!roomServices().storage.writable()) reply(client, 'host:storage', { writable: false });
  }

  private newPlayerId(): string {
    let id = '';
    do id = newToken(PLAYER_ID_BYTES);
    while (own(this.game.players, id));
    return id;
  }

  private bindPlayer(client: GameClient, playerId: string, seat: string): void {
    const previous = this.clientsByPlayer.get(playerId);
    if (previous && previous !== client) {
      // A second tab or device took this seat: the newest one wins, the old one is told why.
      previous.userData = undefined;
      replySafe(previous, 'seat-taken', {});
      previous.leave(CLOSE.seatTaken, 'This seat was opened on another device.');
    }
    client.userData = { kind: 'player', playerId };
    // A reloaded page comes back with its seat token as a new join: free the slot still held for
    // its dropped socket now, rather than after reconnectSeconds. In a full room those held slots
    // would otherwise count against maxClients and lock the room to everyone else.
    this.heldSlots.get(playerId)?.reject(false);
    this.heldSlots.delete(playerId);
    this.clientsByPlayer.set(playerId, client);
    rules.setConnected(this.game, playerId, true);
    this.net.phoneConnected(playerId, client, Date.now());
    const p = this.game.players[playerId];
    if (!p) return;
    client.view = this.teamViews[p.team];
    if (this.game.phase === 'scenario') syncRoles(this.state.scenario, this.game);
    reply(client, 'welcome', {
      playerId,
      seat,
      name: p.name,
      team: p.team,
      score: p.score,
      streak: p.streak,
      serverNow: Date.now(),
      protocol: PROTOCOL_VERSION,
      answer: rules.playerAnswer(this.game, playerId),
      // (the reveal's standings, computed once: a class whose Wi-Fi blinks rejoins all at once)
      result: this.game.phase === 'reveal' ? rules.playerResultNow(this.game, playerId, (this.revealStandings ??= rules.standings(this.game))) : null,
      nickname: nicknameInfo(p),
      extraTime: rules.accommodationOf(this.game, playerId).extraTime,
    });
    this.changed(playerId);
  }

  override onDrop(client: GameClient): void {
    const seat = client.userData;
    if (!seat) return;
    // A reloaded page can rejoin with its seat token before the old socket's drop is noticed:
    // that seat lives on another socket already, so hold nothing for this one.
    if (seat.kind === 'player' && this.clientsByPlayer.get(seat.playerId) !== client) return;
    const seconds = seat.kind === 'host' ? roomServices().config.hostReconnectSeconds : roomServices().config.reconnectSeconds;
    if (seat.kind === 'host') {
      this.state.hostConnected = this.hostClients().length > 1;
      this.net.hostGone(client);
    } else this.setOffline(client, seat.playerId);
    // Refused when the socket dropped before its join completed, or while the room shuts down:
    // then the seat token is the way back, and there is nothing to wait for.
    if (this.draining) return;
    const held = this.allowReconnection(client, seconds);
    // (a plain rejected promise when the socket dropped before its join completed)
    if (seat.kind === 'player' && typeof (held as Partial<Deferred<Client>>).reject === 'function') {
      this.heldSlots.set(seat.playerId, held);
      const release = () => {
        if (this.heldSlots.get(seat.playerId) === held) this.heldSlots.delete(seat.playerId);
      };
      held.then(release, release);
    }
    Promise.resolve(held).catch(() => undefined);
  }

  override onReconnect(client: GameClient): void {
    const seat = client.userData;
    if (seat) roomServices().metrics.reconnected(seat.kind);
    if (seat?.kind === 'host') {
      this.state.hostConnected = true;
      this.net.hostJoined(client);
      return;
    }
    if (seat?.kind === 'player' && this.game.players[seat.playerId]) {
      const previous = this.clientsByPlayer.get(seat.playerId);
      if (previous && previous !== client) {
        // The seat was reclaimed by a new join meanwhile: this late reconnection loses.
        client.userData = undefined;
        client.leave(CLOSE.seatTaken);
        return;
      }
      this.clientsByPlayer.set(seat.playerId, client);
      rules.setConnected(this.game, seat.playerId, true);
      this.net.phoneConnected(seat.playerId, client, Date.now());
      this.changed(seat.playerId);
    }
  }

  override onLeave(client: GameClient): void {
    const seat = client.userData;
    if (seat?.kind === 'host') {
      this.state.hostConnected = this.hostClients().some((c) => c !== client);
      this.net.hostGone(client);
    } else if (seat?.kind === 'player') this.setOffline(client, seat.playerId);
  }

  private setOffline(client: GameClient, playerId: string): void {
    if (this.clientsByPlayer.get(playerId) !== client) return;
    this.clientsByPlayer.delete(playerId);
    rules.setConnected(this.game, playerId, false);
    this.net.phoneDropped(playerId, Date.now());
    this.changed(playerId);
  }

  private hostClients(): GameClient[] {
    return this.clients.filter((c) => (c as GameClient).userData?.kind === 'host') as GameClient[];
  }

  // ---------- messages ----------

  private handle(client: GameClient, type: ClientMessageType, payload: unknown): void {
    roomServices().metrics.messageIn(type);
    const seat = client.userData;
    if (!seat) return;
    const schema = clientMessages[type];
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // An id that cannot be a player's is, to the teacher, simply no such player.
      if (issue?.path[0] === 'playerId') refuse(client, type, 'no_such_player', 'There is no such player in this game.');
      else refuse(client, type, 'bad_message', `The "${type}" message is malformed: ${issue?.message ?? 'invalid'}.`);
      return;
    }
    const isHostMessage = type.startsWith('host:');
    if (isHostMessage && seat.kind !== 'host') {
      refuse(client, type, 'not_host', 'Only the teacher can do that.');
      return;
    }
    if (type === 'clock:pong') {
      if (seat.kind !== 'player') return refuse(client, type, 'not_a_player', 'Only phones answer clock pings.');
      const msg = parsed.data as z.infer<(typeof clientMessages)['clock:pong']>;
      this.net.links.pong(seat.playerId, msg.n, msg.at, Date.now());
      return;
    }
    if (type === 'host:under-the-hood') {
      this.net.view(client, (parsed.data as z.infer<(typeof clientMessages)['host:under-the-hood']>).open, Date.now());
      return;
    }
    if (type === 'scenario:action') {
      if (seat.kind !== 'player') {
        refuse(client, type, 'host_cannot_answer', 'The teacher cannot take actions in a scenario.');
        return;
      }
      const msg = parsed.data as z.infer<(typeof clientMessages)['scenario:action']>;
      const r = rules.submitScenarioAction(this.game, seat.playerId, msg.action);
      if (!r.ok) return refuse(client, type, r.code, r.reason);
      reply(client, 'action-ack', { type: msg.action.type, cost: r.value.cost });
      return;
    }
    if (type === 'host:inject') {
      const r = injectFault(this.game, parsed.data as z.infer<(typeof clientMessages)['host:inject']>);
      if (!r.ok) return refuse(client, type, r.code, r.reason);
      reply(client, 'host:injected', { fault: r.value.fault, target: r.value.target, tick: r.value.tick, roundMs: r.value.roundMs, params: { ...r.value.params } });
      this.checkpoints.soon();
      return;
    }
    if (type === 'name:reroll') {
      if (seat.kind !== 'player') {
        refuse(client, type, 'not_a_player', 'Only players have nicknames to change.');
        return;
      }
      const r = rules.rerollName(this.game, seat.playerId);
      if (!r.ok) return refuse(client, type, r.code, r.reason);
      this.afterNameChange(seat.playerId);
      return;
    }
    if (type === 'answer') {
      if (seat.kind !== 'player') {
        refuse(client, type, 'host_cannot_answer', 'The teacher cannot answer questions.');
        return;
      }
      const msg = parsed.data as z.infer<(typeof clientMessages)['answer']>;
      const before = this.game.phase;
      const r = rules.submitAnswer(this.game, seat.playerId, msg.seq, msg.answer, Date.now(), this.net.links.answerLink(seat.playerId, msg.tapAt));
      if (!r.ok) return refuse(client, type, r.code, r.reason);
      this.net.answered(seat.playerId, r.value);
      reply(client, 'ack', { seq: msg.seq });
      this.state.counts.answered = rules.answeredCount(this.game);
      if (before === 'question' && this.game.phase === 'reveal') this.afterReveal();
      return;
    }
    const r = this.hostCommand(type, parsed.data as Record<string, unknown>);
    if (!r.ok) refuse(client, type, r.code, r.reason);
  }

  private hostCommand(type: ClientMessageType, msg: Record<string, unknown>): rules.Result<unknown> {
    const now = Date.now();
    const g = this.game;
    const phaseBefore = g.phase;
    const historyBefore = g.history.length;
    let r: rules.Result<unknown>;
    switch (type) {
      case 'host:start':
        r = rules.startGame(g, now);
        break;
      case 'host:next':
        r = rules.next(g, now);
        break;
      case 'host:pause':
        r = rules.pause(g, now);
        break;
      case 'host:resume':
        r = rules.resume(g, now);
        break;
      case 'host:skip':
        r = rules.skip(g, now);
        break;
      case 'host:extend':
        r = rules.extend(g, msg.ms as number);
        break;
      case 'host:end-round':
        r = rules.endRound(g, now);
        break;
      case 'host:end-game':
        r = rules.endGame(g, now);
        break;
      case 'host:lock':
        g.locked = msg.locked as boolean;
        r = { ok: true, value: undefined };
        break;
      case 'host:kick': {
        const id = msg.playerId as string;
        r = rules.removePlayer(g, id, msg.ban as boolean);
        if (r.ok) this.evict(id);
        break;
      }
      case 'host:move': {
        const id = msg.playerId as string;
        r = rules.movePlayer(g, id, msg.team as number);
        const moved = this.clientsByPlayer.get(id);
        if (r.ok && moved) {
          moved.view = this.teamViews[msg.team as number];
          reply(moved, 'moved', { team: msg.team as number });
        }
        if (r.ok) this.changed(id);
        break;
      }
      case 'host:settings':
        if (typeof msg.speedScoring === 'boolean') g.settings.speedScoring = msg.speedScoring;
        if (typeof msg.sound === 'boolean') g.settings.sound = msg.sound;
        if (msg.nicknames === 'typed' || msg.nicknames === 'generated') g.settings.nicknames = msg.nicknames;
        if (typeof msg.holdNames === 'boolean') g.settings.holdNames = msg.holdNames;
        r = { ok: true, value: undefined };
        break;
      case 'host:rename':
        r = rules.renamePlayer(g, msg.playerId as string, msg.name);
        if (r.ok) this.afterNameChange(msg.playerId as string);
        break;
      case 'host:review-name':
        r = rules.reviewName(g, msg.playerId as string, msg.accept as boolean);
        if (r.ok) this.afterNameChange(msg.playerId as string);
        break;
      case 'host:accommodate': {
        const id = msg.playerId as string;
        r = rules.accommodate(g, id, { extraTime: msg.extraTime as number, noSpeed: msg.noSpeed as boolean });
        const phone = this.clientsByPlayer.get(id);
        // Only the teacher's roster and the student's own phone (its clock) learn it.
        if (r.ok && phone) reply(phone, 'extra-time', { extraTime: rules.accommodationOf(g, id).extraTime });
        if (r.ok) this.roster.changed(id);
        break;
      }
      case 'answer':
      case 'scenario:action':
      case 'host:inject':
      case 'clock:pong':
      case 'host:under-the-hood':
      case 'name:reroll':
        r = { ok: false, code: 'wrong_phase', reason: 'Not a host command.' };
        break;
      default: {
        const never: never = type;
        return never;
      }
    }
    if (g.history.length > historyBefore && !g.history.at(-1)?.skipped) this.afterReveal();
    else if (g.phase !== phaseBefore) this.afterPhaseChange();
    else this.changed();
    if (r.ok && g.phase === phaseBefore) this.checkpoints.soon();
    return r;
  }

  /** A nickname changed (re-roll, rename, review): the phone, the roster and the shared screens learn it. */
  private afterNameChange(playerId: string): void {
    const p = this.game.players[playerId];
    const phone = this.clientsByPlayer.get(playerId);
    if (p && phone) reply(phone, 'nickname', nicknameInfo(p));
    this.roster.changed(playerId);
    syncTop(this.state, this.game);
    if (this.game.phase === 'scenario') syncRoles(this.state.scenario, this.game);
    this.checkpoints.soon();
  }

  private evict(playerId: string): void {
    for (const [hash, id] of this.seats) if (id === playerId) this.seats.delete(hash);
    const client = this.clientsByPlayer.get(playerId);
    this.clientsByPlayer.delete(playerId);
    this.net.phoneRemoved(playerId);
    this.roster.changed(playerId);
    if (client) {
      client.userData = undefined;
      replySafe(client, 'kicked', {});
      client.leave(CLOSE.kicked, 'The teacher removed you from the game.');
    }
    this.changed();
  }

  // ---------- time and sync ----------

  /** One beat of the room; a beat that throws is counted, so health can tell a stuck room. */
  private beat(): void {
    try {
      this.beatOnce();
      this.health.ok();
    } catch (err) {
      this.health.failed(err, Date.now());
    }
  }

  private beatOnce(): void {
    const started = performance.now();
    if (this.lastBeatAt) roomServices().metrics.beatLag(Math.max(0, started - this.lastBeatAt - this.beatMs));
    this.lastBeatAt = started;
    this.beats++;
    this.advance();
    this.net.beat(Date.now());
    if (this.beats % this.beatsPerScenarioTick === 0) this.scenarioTick();
    if (this.beats % this.beatsPerPatch === 0) {
      this.broadcastPatch();
      this.sendRoster();
    }
    roomServices().metrics.tick(performance.now() - started);
  }

  /** The roster's changes since the last patch, to the teacher's page(s). */
  private sendRoster(): void {
    const message = this.roster.take(this.game);
    if (!message) return;
    for (const client of this.hostClients()) replySafe(client, 'host:roster', message);
    roomServices().metrics.messageOut('host:roster');
  }

  /**
   * Patches go out every patchRateMs, and during a scenario round at the simulation's sync pace
   * (the state changes only then), in whole beats.
   */
  private schedulePatches(): void {
    const { patchRateMs, scenarioTickMs } = roomServices().config;
    this.beatsPerScenarioTick = Math.max(1, Math.round(scenarioTickMs / this.beatMs));
    const patchMs = this.game.phase === 'scenario' ? Math.max(patchRateMs, scenarioTickMs * SCENARIO.syncEveryTicks) : patchRateMs;
    this.beatsPerPatch = Math.max(1, Math.round(patchMs / this.beatMs));
  }

  private advance(): void {
    const now = Date.now();
    // The teacher's page is away when a round would start: wait for them instead.
    if (this.game.phase === 'round-intro' && !this.state.hostConnected && !this.game.paused && this.game.timer.endsAt !== null && now >= this.game.timer.endsAt) {
      rules.pause(this.game, now);
      this.changed();
      return;
    }
    const before = this.game.phase;
    const historyBefore = this.game.history.length;
    if (rules.advanceTimers(this.game, now)) {
      if (this.game.history.length > historyBefore) this.afterReveal();
      else if (this.game.phase !== before) this.afterPhaseChange();
      else this.changed();
    }
    this.disposeWhenAbandoned(now);
  }

  private scenarioTick(): void {
    if (this.game.phase !== 'scenario' || this.game.paused) return;
    const started = performance.now();
    this.stepScenario();
    roomServices().metrics.scenarioTick(performance.now() - started);
  }

  private stepScenario(): void {
    const ended = rules.tickScenario(this.game, Date.now());
    const round = rules.currentScenario(this.game);
    if (ended) this.afterPhaseChange();
    else if (round && (round.teams[0]?.run.tick ?? 0) % CHECKPOINT_EVERY_TICKS === 0) void this.checkpoints.now(false);
    if (!ended && round) {
      // Each team syncs every syncEveryTicks ticks, the teams spread over those ticks.
      const phase = (round.teams[0]?.run.tick ?? 0) % SCENARIO.syncEveryTicks;
      syncScenarioLive(this.state.scenario, this.game, (team) => team % SCENARIO.syncEveryTicks === phase);
    }
  }

  private disposeWhenAbandoned(now: number): void {
    if (this.clients.length > 0) {
      this.emptySince = null;
      return;
    }
    this.emptySince ??= now;
    const idleMs = this.game.phase === 'podium' ? 5 * 60_000 : roomServices().config.hostReconnectSeconds * 1000 + 30 * 60_000;
    if (now - this.emptySince > idleMs) void this.disconnect();
  }

  /**
   * After a change to the model: with a player's id, one seat changed (joined, dropped, came back,
   * moved in the lobby), which touches only the host's counters and roster; a pass over every
   * team's scores on each of 3,000 joins would make the joins cost grow with the room.
   */
  private changed(playerId?: string): void {
    if (playerId) {
      syncCounts(this.state, this.game);
      this.roster.changed(playerId);
    } else {
      syncState(this.state, this.game);
    }
  }

  private afterPhaseChange(): void {
    this.revealStandings = null;
    void this.checkpoints.now();
    this.schedulePatches();
    syncState(this.state, this.game);
    if (this.game.phase === 'scenario') syncScenarioStart(this.state.scenario, this.game);
    if (this.game.phase === 'scenario-report') {
      syncScenarioLive(this.state.scenario, this.game);
      syncScenarioReports(this.state.scenario, this.game);
    }
    if (this.game.phase === 'leaderboard' || this.game.phase === 'podium' || this.game.phase === 'scenario-report') {
      syncTop(this.state, this.game);
      this.roster.changed();
    }
    // A scenario round's points reach every member outside a reveal: tell each phone its total.
    if (this.game.phase === 'scenario-report' || this.game.phase === 'podium') this.sendStandings();
  }

  private sendStandings(): void {
    const st = rules.standings(this.game);
    const items = [...this.clientsByPlayer].flatMap(([playerId, client]) => {
      const message = rules.playerStanding(this.game, playerId, st);
      return message ? [{ client, type: 'standing' as const, message }] : [];
    });
    void this.sendInSlices(items);
  }

  /** A question closed: show the reveal, tell each player their own result, refresh the standings. */
  private afterReveal(): void {
    const record = this.game.history.at(-1) as QuestionRecord;
    syncState(this.state, this.game);
    syncReveal(this.state, this.game, record);
    const st = rules.standings(this.game);
    this.revealStandings = st;
    syncTop(this.state, this.game, st.players.top);
    this.roster.changed();
    const resultOf = rules.resultsOf(this.game, record, st);
    const results = [...this.clientsByPlayer].flatMap(([playerId, client]) => {
      const message = resultOf(playerId);
      return message ? [{ client, type: 'result' as const, message }] : [];
    });
    void this.checkpoints.now();
    void this.sendInSlices(results);
  }

  /** Sends per-player messages a slice at a time, letting the event loop serve acks in between. */
  private async sendInSlices<T extends 'result' | 'standing'>(items: readonly { client: GameClient; type: T; message: ServerMessages[T] }[]): Promise<void> {
    for (let i = 0; i < items.length; i += RESULT_SLICE) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      for (const { client, type, message } of items.slice(i, i + RESULT_SLICE)) replySafe(client, type, message);
    }
    if (items[0]) roomServices().metrics.messageOut(items[0].type, items.length);
  }

  // ---------- replies ----------

  override onUncaughtException(error: Error, method: string): void {
    logRoomException(roomServices().log, this.roomId, error, method);
  }
}

function joinErrorFor(code: RefusalCode): number {
  switch (code) {
    case 'name_taken':
    case 'name_banned':
    case 'name_offensive':
    case 'name_reserved':
    case 'names_generated':
    case 'game_full':
    case 'bad_name':
      return JOIN_ERROR[code];
    default:
      return JOIN_ERROR.bad_request;
  }
}

function nicknameInfo(p: rules.PlayerModel): ServerMessages['nickname'] {
  return { name: p.name, held: p.held === true, rerollsLeft: rules.rerollsLeft(p) };
}
