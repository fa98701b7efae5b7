// The lobby below the join panel (the DOM panel covers the top band, JOIN_BAND logical px): the
// plan's title, a column per team (two rows of them beyond four teams) filling with nicknames,
// and the player count at the bottom. Pure.
import type { Measure } from '../../../view/fit.ts';
import { READ_MIN, item, type Box, type TextItem } from './text.ts';

/** Height of the top band the join panel (code, address, QR) takes in the lobby, logical px. */
export const JOIN_BAND = 300;

export const LOBBY = {
  title: { x: 60, y: JOIN_BAND + 8, width: 1800, height: 60 },
  teams: { x: 40, y: JOIN_BAND + 84, width: 1840, height: 600 },
  count: { x: 60, y: 996, width: 1800, height: 76 },
  gap: 16,
  headerH: 64,
  lineH: Math.ceil(READ_MIN * 1.22),
} as const;

export function teamBoxes(n: number): Box[] {
  const { teams, gap } = LOBBY;
  const rows = n > 4 ? 2 : 1;
  const cols = Math.ceil(n / rows);
  const width = (teams.width - gap * (cols - 1)) / cols;
  const height = (teams.height - gap * (rows - 1)) / rows;
  return Array.from({ length: n }, (_, i) => ({ x: teams.x + (i % cols) * (width + gap), y: teams.y + Math.floor(i / cols) * (height + gap), width, height }));
}

export interface TeamColumn {
  box: Box;
  name: TextItem;
  /** How many nicknames the column shows (the last line says how many more when they do not all fit). */
  rows: number;
  nameBox(row: number): Box;
}

export function layoutTeams(measure: Measure, names: readonly string[]): TeamColumn[] {
  return teamBoxes(names.length).map((box, i) => {
    const pad = 16;
    const name = item(measure, names[i] ?? '', { x: box.x + 64, y: box.y + 8, width: box.width - 64 - pad, height: LOBBY.headerH - 8 }, { size: 44, valign: 'middle' });
    const rows = Math.max(1, Math.floor((box.height - LOBBY.headerH - pad) / LOBBY.lineH));
    return { box, name, rows, nameBox: (row: number) => ({ x: box.x + pad, y: box.y + LOBBY.headerH + row * LOBBY.lineH, width: box.width - pad * 2, height: LOBBY.lineH }) };
  });
}
