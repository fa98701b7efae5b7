import { describe, expect, it } from 'vitest';
import { FOCUS, nextFocus, type Focus, type TeamSignal } from '../../client/src/view/focus.ts';

const healthy = (team: number): TeamSignal => ({ team, recent: 1, lives: 5, incident: false });
const teams = (...overrides: Partial<TeamSignal>[]) => overrides.map((o, team) => ({ ...healthy(team), ...o }));

describe('which team the ops center focuses', () => {
  it('keeps a choice for a while so the class can read it', () => {
    const f: Focus = { team: 0, since: 0, pinned: false };
    const all = teams({}, { recent: 0.5, incident: true });
    expect(nextFocus(f, all, FOCUS.dwellMs - 1)).toBe(f);
    expect(nextFocus(f, all, FOCUS.dwellMs).team).toBe(1);
  });
  it('goes to the team in the most trouble', () => {
    const all = teams({}, { recent: 0.97 }, { recent: 0.4, incident: true, lives: 1 }, { incident: true });
    expect(nextFocus({ team: 0, since: 0, pinned: false }, all, 60_000)).toEqual({ team: 2, since: 60_000, pinned: false });
  });
  it('stays on a team in trouble, then moves on to another one in trouble', () => {
    const all = teams({ recent: 0.5, incident: true }, { recent: 0.9 });
    const f: Focus = { team: 0, since: 0, pinned: false };
    expect(nextFocus(f, all, FOCUS.rotateMs - 1)).toBe(f);
    expect(nextFocus(f, all, FOCUS.rotateMs).team).toBe(1);
    expect(nextFocus(f, teams({ recent: 0.5, incident: true }, {}), FOCUS.rotateMs * 3)).toBe(f);
  });
  it('leaves a recovered team for the one in trouble as soon as the dwell is over', () => {
    const f: Focus = { team: 0, since: 0, pinned: false };
    expect(nextFocus(f, teams({}, {}, { recent: 0.8 }), FOCUS.dwellMs).team).toBe(2);
  });
  it('shows each team in turn when none is in trouble', () => {
    let f: Focus = { team: 0, since: 0, pinned: false };
    const all = teams({}, {}, {});
    const seen = [];
    for (let now = FOCUS.rotateMs; now <= FOCUS.rotateMs * 3; now += FOCUS.rotateMs) {
      f = nextFocus(f, all, now);
      seen.push(f.team);
    }
    expect(seen).toEqual([1, 2, 0]);
  });
  it('keeps the team the teacher picked, whatever happens elsewhere', () => {
    const f: Focus = { team: 1, since: 0, pinned: true };
    expect(nextFocus(f, teams({ recent: 0.1, incident: true }, {}), 10 * 60_000)).toBe(f);
  });
  it('falls back to the first team when the focused one is gone', () => {
    expect(nextFocus({ team: 7, since: 0, pinned: true }, teams({}, {}), 1)).toEqual({ team: 0, since: 1, pinned: false });
  });
});
