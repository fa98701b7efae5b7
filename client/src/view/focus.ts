// Which team the ops center's focused view shows: the one the teacher picked, else the team in
// the most trouble (rotating among several in trouble), else each team in turn. Every choice is
// kept for a while so the class can read it. Pure: the caller passes the time.

export const FOCUS = {
  /** A team keeps the focus at least this long (ms), unless the teacher picks another. */
  dwellMs: 8_000,
  /** Among several teams in trouble, or when none is, the focus moves on after this long (ms). */
  rotateMs: 14_000,
  /** Recent availability below this is trouble. */
  troubleBelow: 0.99,
} as const;

export interface TeamSignal {
  team: number;
  /** Recent availability, 0..1. */
  recent: number;
  lives: number;
  /** An incident is showing on the team's monitoring. */
  incident: boolean;
}

export interface Focus {
  team: number;
  /** When it got the focus (ms, the caller's clock). */
  since: number;
  /** The teacher picked it: it stays until the teacher lets go. */
  pinned: boolean;
}

const inTrouble = (s: TeamSignal) => s.incident || s.recent < FOCUS.troubleBelow;
const severity = (s: TeamSignal) => (1 - s.recent) * 100 + (s.incident ? 1 : 0) - s.lives * 0.01;

export function nextFocus(current: Focus, teams: readonly TeamSignal[], now: number): Focus {
  if (teams.length === 0) return current;
  const known = teams.some((s) => s.team === current.team);
  if (!known) return { team: teams[0]!.team, since: now, pinned: false };
  if (current.pinned) return current;
  const held = now - current.since;
  if (held < FOCUS.dwellMs) return current;
  const troubled = teams.filter(inTrouble).sort((a, b) => severity(b) - severity(a) || a.team - b.team);
  const here = teams.find((s) => s.team === current.team)!;
  if (troubled.length > 0) {
    if (inTrouble(here) && (held < FOCUS.rotateMs || troubled.length === 1)) return current;
    const other = troubled.find((s) => s.team !== current.team);
    return other ? { team: other.team, since: now, pinned: false } : current;
  }
  if (held < FOCUS.rotateMs) return current;
  const order = [...teams].sort((a, b) => a.team - b.team);
  const next = order[(order.findIndex((s) => s.team === current.team) + 1) % order.length]!;
  return { team: next.team, since: now, pinned: false };
}
