// The teacher's roster, sent as host-only messages: which players changed since the last send
// (joined, left, reconnected, moved, scored), or everything after a reveal and on the teacher's
// join. The room flushes it at its patch pace.
import { accommodationOf, type GameModel, type PlayerModel } from '../../shared/rules/game.ts';
import type { RosterRow, ServerMessages } from '../../shared/protocol.ts';

type RosterMessage = ServerMessages['host:roster'];

function row(g: GameModel, p: PlayerModel): RosterRow {
  const acc = accommodationOf(g, p.id);
  return { id: p.id, name: p.name, team: p.team, score: p.score, connected: p.connected, held: p.held === true, extraTime: acc.extraTime, noSpeed: acc.noSpeed };
}

export function fullRoster(g: GameModel): RosterMessage {
  const players: RosterRow[] = [];
  for (const id of g.order) {
    const p = g.players[id];
    if (p) players.push(row(g, p));
  }
  return { full: true, players, removed: [] };
}

export class RosterOutbox {
  private readonly dirty = new Set<string>();
  private all = false;

  /** One player changed (or left); without an id, every player (a reveal changes all scores). */
  changed(playerId?: string): void {
    if (playerId === undefined) this.all = true;
    else if (!this.all) this.dirty.add(playerId);
  }

  /** What changed since the last call, as one message, or null when nothing did. */
  take(g: GameModel): RosterMessage | null {
    if (this.all) {
      this.all = false;
      this.dirty.clear();
      return fullRoster(g);
    }
    if (this.dirty.size === 0) return null;
    const players: RosterRow[] = [];
    const removed: string[] = [];
    for (const id of this.dirty) {
      const p = g.players[id];
      if (p) players.push(row(g, p));
      else removed.push(id);
    }
    this.dirty.clear();
    return { full: false, players, removed };
  }
}
