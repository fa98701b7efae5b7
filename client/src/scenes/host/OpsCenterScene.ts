// The projector during a scenario round: an ops center with every team side by side. Each panel
// draws the team's service map with components coloured by health and marked by a symbol
// (✓ ! ✕: never colour alone), traffic as moving dots whose rate follows throughput (red share =
// error rate), the SLO gauges, the error budget as lives, spend, and the incident feed.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, H, W, textStyle } from './base.ts';
import { addShape } from './shapes.ts';
import { t } from '../../i18n.ts';
import { TEAM_COLORS, TEAM_SHAPES, hex } from '../../view/palette.ts';
import { COMPONENT_IDS, timeLeftMs, type GameView, type OpsSummaryView } from '../../view/model.ts';
import { formatTime } from '../../player/ops.ts';

type NodeId = (typeof COMPONENT_IDS)[number] | 'users';
/** Node positions inside a panel's map area, as fractions of its width and height. */
const LAYOUT: Record<NodeId, [number, number]> = {
  users: [0.06, 0.5],
  edge: [0.22, 0.5],
  lb: [0.38, 0.5],
  zoneA: [0.55, 0.22],
  zoneB: [0.55, 0.78],
  cache: [0.73, 0.32],
  db: [0.92, 0.5],
  payments: [0.78, 0.9],
};
const LINKS: [NodeId, NodeId][] = [
  ['users', 'edge'], ['edge', 'lb'], ['lb', 'zoneA'], ['lb', 'zoneB'], ['zoneA', 'cache'], ['zoneB', 'cache'], ['cache', 'db'], ['zoneA', 'payments'], ['zoneB', 'payments'],
];
const PATHS: NodeId[][] = [
  ['users', 'edge', 'lb', 'zoneA', 'cache', 'db'],
  ['users', 'edge', 'lb', 'zoneB', 'cache', 'db'],
  ['users', 'edge', 'lb', 'zoneA', 'payments'],
  ['users', 'edge', 'lb', 'zoneB', 'cache'],
  ['users', 'edge'],
];
const HEALTH_COLOR = [0x2ecc71, 0xf1c40f, 0xe74c3c];
const HEALTH_MARK = ['✓', '!', '✕'];
const MAX_DOTS = 36;
const LIVES = 5;

interface Panel {
  x: number;
  y: number;
  w: number;
  h: number;
  map: { x: number; y: number; w: number; h: number };
  nodes: Map<NodeId, { circle: Phaser.GameObjects.Arc; mark: Phaser.GameObjects.Text }>;
  gauges: Phaser.GameObjects.Text;
  lives: Phaser.GameObjects.Text;
  feed: Phaser.GameObjects.Text;
  spawnDebt: number;
  dots: number;
}

export class OpsCenterScene extends HostScene {
  private title!: Phaser.GameObjects.Text;
  private clock!: Phaser.GameObjects.Text;
  private concept!: Phaser.GameObjects.Text;
  private panels: Panel[] = [];
  private teamCount = 0;

  constructor() {
    super(SCENES.hostOpsCenter);
  }

  protected build(): void {
    this.panels = [];
    this.teamCount = 0;
    const g = this.add.graphics();
    g.fillStyle(0xffffff, 1).fillCircle(4, 4, 4);
    g.generateTexture('packet', 8, 8);
    g.destroy();
    this.title = this.add.text(40, 24, '', textStyle(40));
    this.concept = this.add.text(40, 76, '', textStyle(22, { color: '#9fb3c8', fontStyle: 'normal', wordWrap: { width: W - 700 } }));
    this.clock = this.add.text(W - 560, 30, '', textStyle(56)).setOrigin(1, 0);
  }

  private layout(n: number): void {
    this.panels.forEach((p) => p.nodes.forEach((node) => node.circle.destroy()));
    this.children.list.filter((o) => o.getData('panel')).forEach((o) => o.destroy());
    this.panels = [];
    const cols = n <= 2 ? n : n <= 4 ? 2 : 4;
    const rows = Math.ceil(n / cols);
    const top = 140;
    const gap = 16;
    const pw = (W - 40 - gap * (cols - 1)) / cols;
    const ph = (H - top - 20 - gap * (rows - 1)) / rows;
    const names = t('teams.names', { returnObjects: true }) as unknown as string[];
    for (let team = 0; team < n; team++) {
      const x = 20 + (team % cols) * (pw + gap);
      const y = top + Math.floor(team / cols) * (ph + gap);
      const color = hex(TEAM_COLORS[team] ?? '#888888');
      const tag = <T extends Phaser.GameObjects.GameObject>(o: T) => o.setData('panel', true);
      tag(this.add.rectangle(x, y, pw, ph, 0x17263d, 1).setOrigin(0).setStrokeStyle(3, color, 0.8));
      tag(addShape(this, x + 30, y + 30, TEAM_SHAPES[team] ?? 'circle', 16, color));
      const small = rows > 1 && cols > 2;
      tag(this.add.text(x + 56, y + 30, names[team] ?? `#${team + 1}`, textStyle(small ? 26 : 32)).setOrigin(0, 0.5));
      const lives = tag(this.add.text(x + pw - 16, y + 30, '', textStyle(small ? 24 : 30, { color: '#ff6b6b' })).setOrigin(1, 0.5));
      const map = { x: x + 20, y: y + 64, w: pw - 40, h: ph * (small ? 0.45 : 0.58) };
      const links = tag(this.add.graphics().lineStyle(3, 0x31476a, 1));
      const at = (id: NodeId) => ({ x: map.x + LAYOUT[id][0] * map.w, y: map.y + LAYOUT[id][1] * map.h });
      for (const [a, b] of LINKS) links.lineBetween(at(a).x, at(a).y, at(b).x, at(b).y);
      const r = Math.max(12, Math.min(26, map.h / 7));
      const nodes = new Map<NodeId, { circle: Phaser.GameObjects.Arc; mark: Phaser.GameObjects.Text }>();
      (Object.keys(LAYOUT) as NodeId[]).forEach((id) => {
        const p = at(id);
        const circle = tag(this.add.circle(p.x, p.y, r, id === 'users' ? 0x5c6bc0 : HEALTH_COLOR[0]!, 1).setStrokeStyle(2, 0x0f1b2d));
        const mark = tag(this.add.text(p.x, p.y, id === 'users' ? '' : HEALTH_MARK[0]!, textStyle(Math.round(r * 1.1), { color: '#0f1b2d' })).setOrigin(0.5));
        tag(this.add.text(p.x, p.y + r + 4, t(`ops.components.${id}`), textStyle(small ? 13 : 16, { fontStyle: 'normal', color: '#cfe3ff' })).setOrigin(0.5, 0));
        nodes.set(id, { circle, mark });
      });
      const gauges = tag(this.add.text(x + 20, map.y + map.h + 34, '', textStyle(small ? 22 : 30, { wordWrap: { width: pw - 40 } })));
      const feed = tag(this.add.text(x + 20, map.y + map.h + (small ? 76 : 90), '', textStyle(small ? 16 : 20, { fontStyle: 'normal', color: '#cfe3ff', wordWrap: { width: pw - 40 }, lineSpacing: 4 })));
      this.panels.push({ x, y, w: pw, h: ph, map, nodes, gauges, lives, feed, spawnDebt: 0, dots: 0 });
    }
    this.teamCount = n;
  }

  render(v: GameView): void {
    const ops = v.scenario.ops;
    if (ops.length !== this.teamCount) this.layout(ops.length);
    this.title.setText(v.scenario.title);
    this.concept.setText(v.scenario.description);
    ops.forEach((o, team) => this.renderPanel(this.panels[team], o));
  }

  private renderPanel(p: Panel | undefined, o: OpsSummaryView): void {
    if (!p) return;
    COMPONENT_IDS.forEach((id, i) => {
      const node = p.nodes.get(id);
      const h = o.health[i] ?? 0;
      if (!node) return;
      node.circle.setFillStyle(HEALTH_COLOR[h] ?? HEALTH_COLOR[0]!, 1);
      node.mark.setText(HEALTH_MARK[h] ?? '');
      if (h === 2 && !node.circle.getData('pulsing')) {
        node.circle.setData('pulsing', true);
        this.tweens.add({ targets: node.circle, scale: 1.25, yoyo: true, repeat: -1, duration: 450 });
      } else if (h !== 2 && node.circle.getData('pulsing')) {
        node.circle.setData('pulsing', false);
        this.tweens.killTweensOf(node.circle);
        node.circle.setScale(1);
      }
    });
    const alive = Math.ceil((o.budget / 100) * LIVES);
    p.lives.setText('♥'.repeat(alive) + '♡'.repeat(LIVES - alive));
    const avail = o.availability / 100;
    p.gauges.setText(`${t('ops.availability')} ${avail.toFixed(2)} %   ${t('ops.latency')} ${o.p95} ms   ${t('ops.spend')} ${o.spend}`);
    p.gauges.setColor(avail >= 99.5 ? '#2ecc71' : avail >= 98 ? '#f1c40f' : '#ff6b6b');
    p.feed.setText(
      o.feed
        .slice(-3)
        .reverse()
        .map((f) => `${formatTime(f.tick * 1000)}  ${feedText(f.kind, f.detail)}`)
        .join('\n'),
    );
    p.gauges.setData('rate', o.throughput);
    p.gauges.setData('errors', o.errorRate / 10_000);
  }

  override update(_time: number, delta: number): void {
    const v = this.ctx.view;
    if (!v || v.phase !== 'scenario') return;
    this.clock.setText(formatTime(timeLeftMs(v, this.ctx.clockOffset)));
    if (v.paused) return;
    for (const p of this.panels) {
      const rate = (p.gauges.getData('rate') as number | undefined) ?? 0;
      const errors = (p.gauges.getData('errors') as number | undefined) ?? 0;
      // about 2 dots per second at 100 req/s, up to ~25 per second at 5,000 req/s
      p.spawnDebt += (Math.min(25, Math.sqrt(rate) / 3) * delta) / 1000;
      while (p.spawnDebt >= 1 && p.dots < MAX_DOTS) {
        p.spawnDebt -= 1;
        this.spawnDot(p, Math.random() < errors);
      }
      if (p.dots >= MAX_DOTS) p.spawnDebt = 0;
    }
  }

  private spawnDot(p: Panel, failed: boolean): void {
    const path = PATHS[Math.floor(Math.random() * PATHS.length)]!;
    const pts = path.map((id) => ({ x: p.map.x + LAYOUT[id][0] * p.map.w, y: p.map.y + LAYOUT[id][1] * p.map.h }));
    const stopAt = failed ? 1 + Math.floor(Math.random() * (pts.length - 1)) : pts.length - 1;
    const dot = this.add.image(pts[0]!.x, pts[0]!.y, 'packet').setTint(failed ? 0xff5252 : 0x7fdbff);
    p.dots++;
    const tweens = pts.slice(1, stopAt + 1).map((pt) => ({ x: pt.x, y: pt.y, duration: 260 }));
    this.tweens.chain({
      targets: dot,
      tweens: [...tweens, { alpha: 0, scale: failed ? 2.2 : 0.5, duration: 220 }],
      onComplete: () => {
        dot.destroy();
        p.dots--;
      },
    });
  }
}

export function feedText(kind: string, detail: string): string {
  const cause = (d: string) => t(`ops.causes.${d}`);
  switch (kind) {
    case 'incident':
      return `${t('ops.feed.incident')}: ${cause(detail)}`;
    case 'announcement':
      return t('ops.feed.announcement', { detail: cause(detail) });
    case 'alert':
      return t('ops.feed.alert', { detail: t(`ops.severity.${detail}`) });
    case 'action':
      return t('ops.feed.action', { detail: t(`ops.actions.${detail}`, { zone: '' }) });
    case 'refused':
      return t('ops.feed.refused', { detail: t(`ops.actions.${detail}`, { zone: '' }) });
    case 'diagnosis':
      return `${t('ops.feed.diagnosis')}: ${detail.split(',').filter(Boolean).map(cause).join(', ')}`;
    default:
      return t(`ops.feed.${kind}`);
  }
}
