// The ops center, designed for 8 teams first: a header (the scenario, the one clock), a compact
// tile per team (live rank, name, lives, availability now, the health of each component as
// colour + symbol, the current incident in words) and a focused view of one team (its service
// map with named components and traffic, recent and round availability, the incident, the feed).
// Tile and focus contents are laid out in local coordinates. Pure.
import type { Measure } from '../../../view/fit.ts';
import { READ_MIN, item, type Box, type TextItem } from './text.ts';

export const OPS = {
  title: { x: 24, y: 6, width: 1400, height: 84 },
  clock: { x: 1440, y: 2, width: 456, height: 92 },
  tiles: { x: 16, y: 100, width: 1180, height: 966 },
  focus: { x: 1212, y: 100, width: 692, height: 966 },
  gap: 14,
  /** A tile's size for 8 teams, the design size the contents scale from. */
  tileW: 583,
  tileH: 231,
} as const;

export const COMPONENT_ORDER = ['edge', 'lb', 'zoneA', 'zoneB', 'cache', 'db', 'payments'] as const;

/** Team i's tile. */
export function tileBoxes(n: number): Box[] {
  const { tiles, gap } = OPS;
  const cols = n <= 2 ? 1 : 2;
  const rows = Math.ceil(n / cols);
  const width = (tiles.width - gap * (cols - 1)) / cols;
  const height = Math.min(OPS.tileH * 1.6, (tiles.height - gap * (rows - 1)) / rows);
  return Array.from({ length: n }, (_, i) => ({ x: tiles.x + (i % cols) * (width + gap), y: tiles.y + Math.floor(i / cols) * (height + gap), width, height }));
}

export interface TileInput {
  rank: string;
  name: string;
  now: string;
  incident: string;
}

export interface TileLayout {
  /** Scale of the contents against the 8-team design (1 for 8 teams; larger tiles for fewer). */
  k: number;
  rank: TextItem;
  name: TextItem;
  now: TextItem;
  incident: TextItem;
  /** Where the lives' hearts start (left, vertical centre) and each heart's size. */
  hearts: { x: number; y: number; size: number; step: number };
  /** One box per component, in COMPONENT_ORDER. */
  chips: Box[];
}

/**
 * The incident as the tile can hold it: the whole sentence if it fits two lines, else its
 * headline (the part before a colon), which the focused view completes.
 */
export function tileIncident(measure: Measure, text: string, box: Box, size: number): TextItem {
  const whole = item(measure, text, box, { size, maxLines: 2 });
  if (whole.fit.fits) return whole;
  const colon = text.indexOf(':');
  return colon > 0 ? item(measure, text.slice(0, colon), box, { size, maxLines: 2 }) : whole;
}

export function layoutTile(measure: Measure, box: Box, input: TileInput, livesMax: number): TileLayout {
  const k = Math.max(1, Math.min(1.5, box.width / OPS.tileW, box.height / OPS.tileH));
  const pad = 14 * k;
  const inner = box.width - pad * 2;
  const rowA = { y: 6 * k, h: 50 * k };
  const rowB = { y: rowA.y + rowA.h + 2 * k, h: 60 * k };
  const rowC = { y: rowB.y + rowB.h + 6 * k, h: box.height - (rowB.y + rowB.h + 6 * k) - 6 * k };
  const heartStep = 34 * k;
  const heartsW = heartStep * livesMax;
  const rank = item(measure, input.rank, { x: pad, y: rowA.y, width: 36 * k, height: rowA.h }, { size: READ_MIN * k, valign: 'middle', color: '#9fb3c8' });
  const nameX = pad + 36 * k + 50 * k;
  const name = item(measure, input.name, { x: nameX, y: rowA.y, width: box.width - pad - heartsW - 12 * k - nameX, height: rowA.h }, { size: 44 * k, valign: 'middle' });
  const chipW = 40 * k;
  const chipGap = 6 * k;
  const chipsW = COMPONENT_ORDER.length * chipW + (COMPONENT_ORDER.length - 1) * chipGap;
  const now = item(measure, input.now, { x: pad, y: rowB.y, width: inner - chipsW - 16 * k, height: rowB.h }, { size: 60 * k, valign: 'middle' });
  const chips = COMPONENT_ORDER.map((_, i) => ({ x: box.width - pad - chipsW + i * (chipW + chipGap), y: rowB.y + (rowB.h - chipW) / 2, width: chipW, height: chipW }));
  const incident = tileIncident(measure, input.incident, { x: pad, y: rowC.y, width: inner, height: rowC.h }, READ_MIN * k);
  return { k, rank, name, now, incident, hearts: { x: box.width - pad - heartsW + heartStep / 2, y: rowA.y + rowA.h / 2, size: 32 * k, step: heartStep }, chips };
}

export type MapNode = 'users' | (typeof COMPONENT_ORDER)[number];

export interface FocusInput {
  name: string;
  mode: string;
  labels: Record<MapNode, string>;
  /** Recent availability, the headline number ("Now 99.2 %"). */
  now: string;
  /** The round so far and the rest ("round 97.6 % · p95 312 ms · spend 54"). */
  detail: string;
  incident: string;
  feed: string[];
}

export interface FocusLayout {
  name: TextItem;
  mode: TextItem;
  /** Node centres and radius of the service map. */
  nodes: Record<MapNode, { x: number; y: number }>;
  r: number;
  labels: Record<MapNode, TextItem>;
  /** Each link's polyline, from its first node to its second (elbows run between the rows, never across a label). */
  links: Map<string, { x: number; y: number }[]>;
  now: TextItem;
  detail: TextItem;
  incident: TextItem | null;
  feed: TextItem[];
}

/** Links of the service map (traffic flows along them, top to bottom). */
export const LINKS: [MapNode, MapNode][] = [
  ['users', 'edge'], ['edge', 'lb'], ['lb', 'zoneA'], ['lb', 'zoneB'], ['zoneA', 'cache'], ['zoneB', 'cache'], ['cache', 'db'], ['zoneA', 'payments'], ['zoneB', 'payments'],
];

/** Paths a request takes through the map, for the traffic dots. */
export const PATHS: MapNode[][] = [
  ['users', 'edge', 'lb', 'zoneA', 'cache', 'db'],
  ['users', 'edge', 'lb', 'zoneB', 'cache', 'db'],
  ['users', 'edge', 'lb', 'zoneA', 'payments'],
  ['users', 'edge', 'lb', 'zoneB', 'payments'],
  ['users', 'edge', 'lb', 'zoneB', 'cache'],
  ['users', 'edge'],
];

/** The points a dot passes through along `path`. */
export function pathPoints(layout: Pick<FocusLayout, 'links' | 'nodes'>, path: readonly MapNode[]): { x: number; y: number }[] {
  const points = [layout.nodes[path[0]!]];
  for (let i = 1; i < path.length; i++) points.push(...(layout.links.get(`${path[i - 1]}>${path[i]}`) ?? [layout.nodes[path[i]!]]).slice(1));
  return points;
}

/** One line at the preferred size if it fits there, else wrapped (up to maxLines). */
function oneLineElseWrap(measure: Measure, text: string, box: Box, o: { size: number; bold?: boolean; maxLines: number; color?: string }): TextItem {
  const one = item(measure, text, box, { ...o, maxLines: 1 });
  return one.fit.fits ? one : item(measure, text, box, o);
}

export function layoutFocus(measure: Measure, box: Box, input: FocusInput): FocusLayout {
  const pad = 24;
  const inner = box.width - pad * 2;
  const name = item(measure, input.name, { x: pad + 52, y: 10, width: inner - 52 - 170, height: 64 }, { size: 52, valign: 'middle' });
  const mode = item(measure, input.mode, { x: box.width - pad - 170, y: 10, width: 170, height: 64 }, { align: 'right', valign: 'middle', bold: false, color: '#9fb3c8' });
  const r = 20;
  const pitch = 60;
  const top = 84 + r;
  const gap = 12;
  const col0 = pad + r;
  // the second column starts after the longest label of the first column's rows it shares
  const shared = Math.max(measure(input.labels.zoneA, READ_MIN, false), measure(input.labels.cache, READ_MIN, false));
  const col1 = Math.min(pad + inner / 2, col0 + r + gap + shared + 40 + r);
  const row = (i: number) => top + pitch * i;
  const nodes: FocusLayout['nodes'] = {
    users: { x: col0, y: row(0) },
    edge: { x: col0, y: row(1) },
    lb: { x: col0, y: row(2) },
    zoneA: { x: col0, y: row(3) },
    zoneB: { x: col1, y: row(3) },
    cache: { x: col0, y: row(4) },
    payments: { x: col1, y: row(4) },
    db: { x: col0, y: row(5) },
  };
  const labels = {} as FocusLayout['labels'];
  for (const id of Object.keys(nodes) as MapNode[]) {
    const n = nodes[id];
    const right = id === 'zoneA' || id === 'cache' ? col1 - r - gap : pad + inner;
    labels[id] = item(measure, input.labels[id], { x: n.x + r + gap, y: n.y - pitch / 2 + 4, width: right - (n.x + r + gap), height: pitch - 8 }, { bold: false, valign: 'middle', color: '#dfeaf7' });
  }
  const links = new Map<string, { x: number; y: number }[]>();
  for (const [a, b] of LINKS) {
    const p = nodes[a];
    const q = nodes[b];
    const between = p.y + pitch / 2;
    links.set(`${a}>${b}`, p.x === q.x ? [p, q] : [p, { x: p.x, y: between }, { x: q.x, y: between }, q]);
  }
  let y = row(5) + r + 18;
  const now = oneLineElseWrap(measure, input.now, { x: pad, y, width: inner, height: 120 }, { size: 52, maxLines: 2 });
  y += now.fit.height + 4;
  const detail = oneLineElseWrap(measure, input.detail, { x: pad, y, width: inner, height: 110 }, { size: READ_MIN, bold: false, maxLines: 2, color: '#cfe3ff' });
  y += detail.fit.height + 14;
  const incident = input.incident ? item(measure, input.incident, { x: pad, y, width: inner, height: 160 }, { maxLines: 3, color: '#ffb0a8' }) : null;
  if (incident) y += incident.fit.height + 14;
  const feed: TextItem[] = [];
  for (const line of input.feed) {
    const room = box.height - 12 - y;
    if (room < READ_MIN * 1.3) break;
    const f = oneLineElseWrap(measure, line, { x: pad, y, width: inner, height: Math.min(room, 110) }, { size: READ_MIN, bold: false, maxLines: 2, color: '#cfe3ff' });
    if (!f.fit.fits) break;
    feed.push(f);
    y += f.fit.height + 6;
  }
  return { name, mode, nodes, r, labels, links, now, detail, incident, feed };
}
