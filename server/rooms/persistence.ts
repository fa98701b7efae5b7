// Writes a game's progress to the store: a checkpoint (the whole GameModel plus the hashed seat
// tokens) and, when questions or rounds ended, the results document. Writes of every room of the
// process go through one queue, one write per turn of the event loop: SQLite writes block, and
// 100 rooms reaching a reveal together used to write back to back while sockets waited (event-loop
// stalls of half a second). A write serializes the game when its turn comes (so it saves the
// newest state), and asking again while one is still queued joins that write.
import { normalizeName, type GameModel } from '../../shared/rules/game.ts';
import { dict, own, toDict } from '../../shared/rules/dict.ts';
import { buildResults } from '../../shared/rules/results.ts';
import { CheckpointOwnerError, RawJson, type Store } from '../store/index.ts';
import type { StorageHealth } from '../store/health.ts';
import type { Logger } from '../log.ts';

export const SNAPSHOT_VERSION = 1;

export interface GameSnapshot {
  readonly v: number;
  readonly model: GameModel;
  /** [sha256(seat token), player id] */
  readonly seats: readonly (readonly [string, string])[];
}

/**
 * A model read back from a checkpoint (JSON) with its id-keyed collections rebuilt as
 * prototype-free dictionaries, as the rules create them (shared/rules/dict.ts): JSON.parse gives
 * plain objects, on which a message naming "__proto__" or "toString" would find a member.
 */
export function reviveModel(model: GameModel): GameModel {
  model.players = toDict(model.players);
  // Rebuilt under today's normalizeName: a checkpoint written before names folded look-alikes
  // keyed "José" as "josé", and a newcomer "Jose" must find it taken.
  const nameIndex = dict<string>();
  for (const id of model.order) {
    const p = own(model.players, id);
    const key = p && normalizeName(p.name);
    if (key !== undefined && own(nameIndex, key) === undefined) nameIndex[key] = id;
  }
  model.nameIndex = nameIndex;
  model.banned = (model.banned ?? []).map(normalizeName);
  model.accommodations = toDict(model.accommodations);
  if (model.current) (model.current as { answers: unknown }).answers = toDict(model.current.answers);
  return model;
}

export function statusOf(g: GameModel): 'lobby' | 'playing' | 'finished' {
  return g.phase === 'lobby' ? 'lobby' : g.phase === 'podium' ? 'finished' : 'playing';
}

/** Debounce for checkpoints of small changes (a wave of joins, a move), in ms. */
const SOON_MS = 5000;

/** The process-wide write queue: each task runs after the previous one, in a later event-loop turn (homework attempts write through it too). */
let queue: Promise<void> = Promise.resolve();
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
export function enqueue(task: () => Promise<void>): Promise<void> {
  queue = queue.then(nextTurn).then(task);
  return queue;
}

export class Checkpointer {
  private chain: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  /** A write queued and not started yet: later requests join it. */
  private queued: { withResults: boolean } | null = null;
  saved = 0;
  /** A results write failed and waits for the next checkpoint. */
  private pendingResults = false;

  constructor(
    private readonly store: Store,
    private readonly code: string,
    private readonly hostTokenHash: string,
    private readonly log: Logger,
    private readonly snapshot: () => GameSnapshot,
    /** Told of every write's outcome (a full disk stops new games, server/store/health.ts); optional in tests. */
    private readonly storage?: StorageHealth,
  ) {}

  /**
   * Saves soon (queued behind other rooms' writes); resolves when this game's state is saved. The
   * results document is rewritten only when `withResults` (a question or a round ended, the game
   * ended): it holds every answer, so rebuilding it for every join of a big room would be wasted work.
   */
  now(withResults = true): Promise<void> {
    if (this.closed) return this.chain;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.queued) {
      this.queued.withResults ||= withResults;
      return this.chain;
    }
    const request = { withResults: withResults || this.pendingResults };
    this.pendingResults = false;
    this.queued = request;
    this.chain = enqueue(async () => {
      this.queued = null;
      try {
        const snapshot = this.snapshot();
        const snap = new RawJson(JSON.stringify(snapshot));
        const results = request.withResults ? new RawJson(JSON.stringify(buildResults(snapshot.model))) : null;
        await this.store.games.saveCheckpoint(this.code, this.hostTokenHash, snap, statusOf(snapshot.model), { planId: snapshot.model.planId });
        if (results) await this.store.games.saveResult(this.code, 'results', results);
        this.saved++;
        this.storage?.written();
      } catch (err) {
        if (err instanceof CheckpointOwnerError || !this.storage) {
          this.log.error({ err, code: this.code }, 'checkpoint failed');
          return;
        }
        // The store cannot take writes (full disk, read-only file, database gone): try again soon,
        // with the newest state; the first write that succeeds clears the alarm.
        this.storage.failed(err, `checkpoint of ${this.code}`);
        if (request.withResults) this.pendingResults = true;
        this.soon();
      }
    });
    return this.chain;
  }

  /** Writes within SOON_MS, coalescing bursts (a wave of joins). */
  soon(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.now(false);
    }, SOON_MS);
  }

  /** Final write, then no more: used when the process shuts down or the room is disposed. */
  async close(): Promise<void> {
    if (this.closed) return this.chain;
    await this.now();
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
