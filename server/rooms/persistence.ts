// Writes a game's progress to the store: a checkpoint (the whole GameModel plus the hashed seat
// tokens) and, when questions or rounds ended, the results document. Each write is serialized to
// JSON at the moment of the call (one pass, no copy), so a later mutation never leaks into an
// older checkpoint, and writes reach the store in call order.
import type { GameModel } from '../../shared/rules/game.ts';
import { buildResults } from '../../shared/rules/results.ts';
import { RawJson, type Store } from '../store/index.ts';
import type { Logger } from '../log.ts';

export const SNAPSHOT_VERSION = 1;

export interface GameSnapshot {
  readonly v: number;
  readonly model: GameModel;
  /** [sha256(seat token), player id] */
  readonly seats: readonly (readonly [string, string])[];
}

export function statusOf(g: GameModel): 'lobby' | 'playing' | 'finished' {
  return g.phase === 'lobby' ? 'lobby' : g.phase === 'podium' ? 'finished' : 'playing';
}

/** Debounce for checkpoints of small changes (a wave of joins, a move), in ms. */
const SOON_MS = 5000;

export class Checkpointer {
  private chain: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  saved = 0;

  constructor(
    private readonly store: Store,
    private readonly code: string,
    private readonly hostTokenHash: string,
    private readonly log: Logger,
    private readonly snapshot: () => GameSnapshot,
  ) {}

  /**
   * Writes now (queued behind earlier writes); resolves when this write is done. The results
   * document is rewritten only when `withResults` (a question or a round ended, the game ended):
   * it holds every answer, so rebuilding it for every join of a big room would be wasted work.
   */
  now(withResults = true): Promise<void> {
    if (this.closed) return this.chain;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const snapshot = this.snapshot();
    const status = statusOf(snapshot.model);
    const planId = snapshot.model.planId;
    const snap = new RawJson(JSON.stringify(snapshot));
    const results = withResults ? new RawJson(JSON.stringify(buildResults(snapshot.model))) : null;
    this.chain = this.chain.then(async () => {
      try {
        await this.store.games.saveCheckpoint(this.code, this.hostTokenHash, snap, status, { planId });
        if (results) await this.store.games.saveResult(this.code, 'results', results);
        this.saved++;
      } catch (err) {
        this.log.error({ err, code: this.code }, 'checkpoint failed');
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
  }
}
