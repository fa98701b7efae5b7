// The post-mortem chart: p95 latency, error rate and error budget of one team over the round (three
// stacked panels sharing the time axis, the SLO dashed), with a vertical marker per timeline entry
// (a glyph and a colour per kind, a tooltip with the time and what happened). The list beside it
// is the accessible reading of the same timeline.
import type { Sample } from '../../../shared/rules/scenario.ts';
import type { Slo, TimelineEntry } from '../../../shared/rules/debrief.ts';
import { t } from '../i18n.ts';
import { KIND_COLOR, KIND_GLYPH, simTime } from './format.ts';

const NS = 'http://www.w3.org/2000/svg';
const W = 960;
const LEFT = 64;
const RIGHT = 16;
const MARK_ROWS = 3;
const MARK_ROW_H = 16;
const TOP = MARK_ROWS * MARK_ROW_H + 6;
const PANEL_H = 78;
const GAP = 12;
const AXIS_H = 22;

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

interface Panel {
  readonly label: string;
  readonly value: (s: Sample) => number;
  readonly max: number;
  readonly slo: number | null;
  readonly format: (v: number) => string;
  readonly color: string;
}

export function timelineChart(history: readonly Sample[], entries: readonly TimelineEntry[], o: { slo: Slo; endTick: number; label: string; describe: (e: TimelineEntry) => string }): SVGSVGElement {
  const end = Math.max(1, o.endTick);
  const x = (tick: number) => LEFT + ((W - LEFT - RIGHT) * Math.min(end, Math.max(0, tick))) / end;
  const maxP95 = history.reduce((m, s) => Math.max(m, s.p95), 0);
  const maxErr = history.reduce((m, s) => Math.max(m, s.errorRate), 0);
  const panels: Panel[] = [
    { label: t('results.curves.latency'), value: (s) => s.p95, max: Math.max(o.slo.latencyMs * 1.5, maxP95 * 1.05), slo: o.slo.latencyMs, format: (v) => `${Math.round(v)} ms`, color: '#5dade2' },
    { label: t('results.curves.errors'), value: (s) => s.errorRate, max: Math.max((1 - o.slo.availability) * 3, maxErr * 1.05), slo: 1 - o.slo.availability, format: (v) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)} %`, color: '#ff6b6b' },
    { label: t('results.curves.budget'), value: (s) => s.budget, max: 1, slo: null, format: (v) => `${Math.round(v * 100)} %`, color: '#f1c40f' },
  ];
  const height = TOP + panels.length * (PANEL_H + GAP) + AXIS_H;
  const root = svg('svg', { viewBox: `0 0 ${W} ${height}`, class: 'chart', role: 'img', 'aria-label': o.label });

  panels.forEach((p, i) => {
    const y0 = TOP + i * (PANEL_H + GAP);
    const y = (v: number) => y0 + PANEL_H - (PANEL_H * Math.min(p.max, Math.max(0, v))) / p.max;
    root.append(svg('rect', { x: LEFT, y: y0, width: W - LEFT - RIGHT, height: PANEL_H, class: 'panel' }));
    root.append(svg('text', { x: LEFT + 6, y: y0 + 14, class: 'panel-label' }, p.label));
    root.append(svg('text', { x: LEFT - 6, y: y0 + 10, class: 'axis-label', 'text-anchor': 'end' }, p.format(p.max)));
    root.append(svg('text', { x: LEFT - 6, y: y0 + PANEL_H, class: 'axis-label', 'text-anchor': 'end' }, p.format(0)));
    if (p.slo !== null) {
      root.append(svg('line', { x1: LEFT, x2: W - RIGHT, y1: y(p.slo), y2: y(p.slo), class: 'slo' }));
      root.append(svg('text', { x: W - RIGHT - 4, y: y(p.slo) - 3, class: 'axis-label', 'text-anchor': 'end' }, `${t('results.curves.slo')} ${p.format(p.slo)}`));
    }
    if (history.length > 0) {
      const d = [`M${x(0).toFixed(1)},${y(p.value(history[0]!)).toFixed(1)}`, ...history.map((s) => `L${x(s.tick).toFixed(1)},${y(p.value(s)).toFixed(1)}`)].join('');
      root.append(svg('path', { d, class: 'curve', stroke: p.color }));
    }
  });

  // time axis: a label every few simulated minutes
  const axisY = TOP + panels.length * (PANEL_H + GAP) + 4;
  const stepMin = Math.max(1, Math.ceil(end / 60 / 10));
  for (let m = 0; m * 60 <= end; m += stepMin) {
    root.append(svg('text', { x: x(m * 60), y: axisY + 12, class: 'axis-label', 'text-anchor': 'middle' }, `${m}:00`));
  }

  // markers: glyphs staggered over a few rows where they would overlap
  const lastX = new Array<number>(MARK_ROWS).fill(-Infinity);
  const bottom = TOP + panels.length * (PANEL_H + GAP) - GAP;
  for (const e of entries) {
    const px = x(e.tick);
    let row = lastX.findIndex((lx) => px - lx >= 13);
    if (row < 0) row = MARK_ROWS - 1;
    lastX[row] = px;
    const g = svg('g', { class: `marker kind-${e.kind}` });
    g.append(svg('title', {}, `${simTime(e.tick)} · ${t(`results.kinds.${e.kind}`)}${o.describe(e) ? `: ${o.describe(e)}` : ''}`));
    g.append(svg('line', { x1: px, x2: px, y1: row * MARK_ROW_H + MARK_ROW_H, y2: bottom, stroke: KIND_COLOR[e.kind], class: 'marker-line' }));
    g.append(svg('text', { x: px, y: row * MARK_ROW_H + MARK_ROW_H - 3, fill: KIND_COLOR[e.kind], class: 'glyph', 'text-anchor': 'middle' }, KIND_GLYPH[e.kind]));
    root.append(g);
  }
  return root;
}
