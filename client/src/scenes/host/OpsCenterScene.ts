// The projector during a scenario round (layout/ops.ts): the scenario and the one clock; a
// tile per team, always in the same place so a team finds itself, with its live rank in the
// round, its lives, availability now,
// each component's health as colour + symbol (✓ ! ✕: never colour alone) and the incident its
// monitoring shows; and a focused view of one team, picked by the teacher (a click on a tile, or
// keys 1–8; 0 or a click on the focused view lets go) or else the team in trouble (view/focus.ts):
// its service map with traffic flowing (red share = error rate; traffic.ts draws it in a layer
// of its own, so this view is redrawn only when its figures change, about once a second),
// recent and round availability, the incident in full and the feed ("12 s ago"). Nothing moves
// under reduced motion.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, textStyle } from './base.ts';
import { addShape } from './shapes.ts';
import { t, list, currentLang } from '../../i18n.ts';
import { TEAM_COLORS, TEAM_SHAPES, hex } from '../../view/palette.ts';
import { timeLeftMs, type GameView, type OpsSummaryView } from '../../view/model.ts';
import { agoText, availabilityColor, count, feedText, formatClock, incidentWords, liveRanks, percent, secondsBetween } from '../../view/story.ts';
import { nextFocus, type Focus } from '../../view/focus.ts';
import { COMPONENT_ORDER, OPS, PATHS, layoutFocus, layoutTile, pathPoints, tileBoxes, type FocusLayout, type MapNode, type TileLayout } from './layout/ops.ts';
import { item } from './layout/text.ts';
import { SCENARIO } from '../../../../shared/constants.ts';
import { TrafficLayer } from './traffic.ts';
import { LIVES_MAX } from '../../../../shared/sim/constants.ts';

const HEALTH_COLOR = [0x2ecc71, 0xf1c40f, 0xe74c3c];
const HEALTH_MARK = ['✓', '!', '✕'];

interface Tile {
  team: number;
  container: Phaser.GameObjects.Container;
  rank: Phaser.GameObjects.Text;
  name: Phaser.GameObjects.Text;
  now: Phaser.GameObjects.Text;
  incident: Phaser.GameObjects.Text;
  hearts: Phaser.GameObjects.Text[];
  chips: { box: Phaser.GameObjects.Rectangle; mark: Phaser.GameObjects.Text; health: number }[];
  layout: TileLayout;
}

interface FocusView {
  team: number;
  container: Phaser.GameObjects.Container;
  layout: FocusLayout;
  mode: Phaser.GameObjects.Text;
  usersLabel: Phaser.GameObjects.Text;
  nodes: Map<MapNode, { circle: Phaser.GameObjects.Arc; mark: Phaser.GameObjects.Text; health: number }>;
  now: Phaser.GameObjects.Text;
  detail: Phaser.GameObjects.Text;
  incident: Phaser.GameObjects.Text | null;
  feed: Phaser.GameObjects.Text[];
  feedKey: string;
}

export class OpsCenterScene extends HostScene {
  private title: Phaser.GameObjects.Text | null = null;
  private clock!: Phaser.GameObjects.Text;
  private tiles: Tile[] = [];
  private focusView: FocusView | null = null;
  private focus: Focus = { team: 0, since: 0, pinned: false };
  private traffic: TrafficLayer | null = null;
  private titleText = '';

  constructor() {
    super(SCENES.hostOpsCenter);
  }

  protected build(): void {
    this.tiles = [];
    this.focusView = null;
    this.traffic = null;
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.traffic?.destroy();
      this.traffic = null;
    });
    this.title = null;
    this.titleText = '';
    this.focus = { team: 0, since: Date.now(), pinned: false };
    this.clock = this.add.text(OPS.clock.x + OPS.clock.width, OPS.clock.y + OPS.clock.height / 2, '', textStyle(80)).setOrigin(1, 0.5);
    const f = OPS.focus;
    this.add.rectangle(f.x, f.y, f.width, f.height, 0x142238, 1).setOrigin(0).setStrokeStyle(3, 0x31476a, 1);
  }

  private moving(): boolean {
    const v = this.ctx.view;
    return !this.still && !!v && v.phase === 'scenario' && !v.paused;
  }

  override tap(x: number, y: number): void {
    const f = OPS.focus;
    if (x >= f.x && y >= f.y) return this.command('focus', null);
    const boxes = tileBoxes(this.tiles.length);
    const hit = this.tiles.find((tile) => {
      const b = boxes[tile.team]!;
      return x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
    });
    if (hit) this.command('focus', this.focus.pinned && this.focus.team === hit.team ? null : hit.team);
  }

  override command(name: string, value: unknown): void {
    if (name !== 'focus') return;
    const now = Date.now();
    if (typeof value === 'number' && value >= 0 && value < this.tiles.length) this.focus = { team: value, since: now, pinned: true };
    else if (value === null) this.focus = { ...this.focus, pinned: false, since: now };
    const v = this.ctx.view;
    if (v) this.render(v);
  }

  render(v: GameView): void {
    const ops = v.scenario.ops;
    if (v.scenario.title !== this.titleText) {
      this.titleText = v.scenario.title;
      this.title?.destroy();
      this.title = this.draw(item(this.measure, v.scenario.title, OPS.title, { size: 56, valign: 'middle' }));
    }
    if (ops.length !== this.tiles.length) this.buildTiles(ops.length);
    const ranks = liveRanks(ops.map((o) => ({ lives: this.lives(o), availability: o.availability })));
    ops.forEach((o, team) => this.renderTile(this.tiles[team]!, o, ranks[team]!));
    this.focus = nextFocus(
      this.focus,
      ops.map((o, team) => ({ team, recent: this.recent(o) / 10_000, lives: this.lives(o), incident: !!o.incident })),
      Date.now(),
    );
    const o = ops[this.focus.team];
    if (o) this.renderFocus(v, o);
    this.updateClock();
  }

  /** The incident as the team's monitoring names it, in words ('' when there is none). */
  private incidentOf(o: OpsSummaryView): string {
    return incidentWords(o);
  }

  private recent(o: OpsSummaryView): number {
    return o.availabilityRecent;
  }

  private lives(o: OpsSummaryView): number {
    return Math.max(0, Math.min(LIVES_MAX, o.lives));
  }

  private buildTiles(n: number): void {
    this.tiles.forEach((tile) => tile.container.destroy());
    const names = list('teams.names');
    const boxes = tileBoxes(n);
    this.tiles = Array.from({ length: n }, (_, team) => {
      const box = boxes[team]!;
      const layout = layoutTile(this.measure, box, { rank: String(team + 1), name: names[team] ?? `#${team + 1}`, now: '100,0 %', incident: '' }, LIVES_MAX);
      const color = hex(TEAM_COLORS[team] ?? '#888888');
      const container = this.add.container(box.x, box.y);
      container.add(this.add.rectangle(0, 0, box.width, box.height, 0x17263d, 1).setOrigin(0).setStrokeStyle(4, color, 0.9));
      container.add(addShape(this, layout.rank.box.x + layout.rank.box.width + 25 * layout.k, layout.rank.box.y + layout.rank.box.height / 2, TEAM_SHAPES[team] ?? 'circle', 16 * layout.k, color));
      const rank = this.draw(layout.rank);
      const name = this.draw(layout.name);
      const now = this.draw(layout.now);
      const incident = this.draw(layout.incident);
      const h = layout.hearts;
      const hearts = Array.from({ length: LIVES_MAX }, (_, i) => this.add.text(h.x + i * h.step, h.y, '♥', textStyle(Math.round(h.size), { color: '#ff6b6b' })).setOrigin(0.5));
      const chips = layout.chips.map((b) => ({
        box: this.add.rectangle(b.x, b.y, b.width, b.height, HEALTH_COLOR[0]!, 1).setOrigin(0),
        mark: this.add.text(b.x + b.width / 2, b.y + b.height / 2, HEALTH_MARK[0]!, textStyle(Math.round(b.height * 0.7), { color: '#0f1b2d' })).setOrigin(0.5),
        health: 0,
      }));
      container.add([rank, name, now, incident, ...hearts, ...chips.flatMap((c) => [c.box, c.mark])]);
      return { team, container, rank, name, now, incident, hearts, chips, layout };
    });
  }

  private renderTile(tile: Tile, o: OpsSummaryView, rank: number): void {
    const lang = currentLang();
    const box = tileBoxes(this.tiles.length)[tile.team]!;
    const names = list('teams.names');
    const recent = this.recent(o);
    const incident = this.incidentOf(o);
    const layout = layoutTile(this.measure, { ...box, x: 0, y: 0 }, { rank: String(rank), name: names[tile.team] ?? '', now: percent(recent, lang), incident: incident || t('ops.noIncident') }, LIVES_MAX);
    layout.now.color = availabilityColor(recent);
    layout.incident.color = incident ? '#ffb0a8' : '#9fb3c8';
    layout.rank.color = rank === 1 ? '#f1c40f' : '#9fb3c8';
    this.redraw(tile.rank, layout.rank);
    this.redraw(tile.now, layout.now);
    this.redraw(tile.incident, layout.incident);
    const lives = this.lives(o);
    tile.hearts.forEach((heart, i) => {
      const alive = i < lives;
      const glyph = alive ? '♥' : '♡';
      if (heart.text !== glyph) heart.setText(glyph).setColor(alive ? '#ff6b6b' : '#5c6b80');
    });
    COMPONENT_ORDER.forEach((_, i) => {
      const chip = tile.chips[i]!;
      const h = o.health[i] ?? 0;
      if (chip.health === h) return;
      chip.health = h;
      chip.box.setFillStyle(HEALTH_COLOR[h] ?? HEALTH_COLOR[0]!, 1);
      chip.mark.setText(HEALTH_MARK[h] ?? '');
    });
  }

  private renderFocus(v: GameView, o: OpsSummaryView): void {
    const team = this.focus.team;
    const lang = currentLang();
    const names = list('teams.names');
    const tps = v.scenario.ticksPerSecond || SCENARIO.ticksPerSecond;
    const feed = [...o.feed].reverse().map((f) => `${agoText(secondsBetween(f.tick, v.scenario.tick, tps))} · ${feedText(f.kind, f.detail)}`);
    const input = {
      name: names[team] ?? '',
      mode: t(this.focus.pinned ? 'ops.focusPinned' : 'ops.focusAuto'),
      labels: {
        users: t('ops.usersRate', { rps: count(o.throughput, lang) }),
        edge: t('ops.components.edge'),
        lb: t('ops.components.lb'),
        zoneA: t('ops.zone', { zone: 'A' }),
        zoneB: t('ops.zone', { zone: 'B' }),
        cache: t('ops.components.cache'),
        db: t('ops.components.db'),
        payments: t('ops.components.payments'),
      },
      now: t('ops.now', { pct: percent(this.recent(o), lang) }),
      detail: t('ops.focusDetail', { round: percent(o.availability, lang), p95: count(o.p95, lang), spend: count(o.spend, lang) }),
      incident: this.incidentOf(o),
      feed,
    };
    const layout = layoutFocus(this.measure, OPS.focus, input);
    if (this.focusView?.team !== team) this.buildFocus(team, layout);
    const fv = this.focusView!;
    this.redraw(fv.now, { ...layout.now, color: availabilityColor(this.recent(o)) });
    this.redraw(fv.detail, layout.detail);
    this.redraw(fv.mode, layout.mode);
    this.redraw(fv.usersLabel, layout.labels.users);
    if (layout.incident) {
      if (fv.incident) this.redraw(fv.incident, layout.incident);
      else {
        fv.incident = this.draw(layout.incident);
        fv.container.add(fv.incident);
      }
    } else if (fv.incident) {
      fv.incident.destroy();
      fv.incident = null;
    }
    const feedKey = layout.feed.map((f) => `${f.box.y}|${f.fit.lines.join('\n')}`).join('\n');
    if (feedKey !== fv.feedKey) {
      fv.feedKey = feedKey;
      fv.feed.forEach((f) => f.destroy());
      fv.feed = layout.feed.map((f) => this.draw(f));
      fv.container.add(fv.feed);
    }
    COMPONENT_ORDER.forEach((id, i) => {
      const node = fv.nodes.get(id);
      const h = o.health[i] ?? 0;
      if (!node || node.health === h) return;
      node.health = h;
      node.circle.setFillStyle(HEALTH_COLOR[h] ?? HEALTH_COLOR[0]!, 1);
      node.mark.setText(HEALTH_MARK[h] ?? '');
    });
    this.traffic?.update({ rate: o.throughput, errors: o.errorRate / 10_000 }, this.moving());
  }

  private buildFocus(team: number, layout: FocusLayout): void {
    this.focusView?.container.destroy();
    this.traffic?.destroy();
    const f = OPS.focus;
    const color = hex(TEAM_COLORS[team] ?? '#888888');
    const c = this.add.container(f.x, f.y);
    c.add(this.add.graphics().lineStyle(4, color, 1).strokeRect(0, 0, f.width, f.height));
    c.add(addShape(this, 24 + 24, 42, TEAM_SHAPES[team] ?? 'circle', 20, color));
    c.add(this.draw(layout.name));
    const mode = this.draw(layout.mode);
    c.add(mode);
    const links = this.add.graphics().lineStyle(4, 0x31476a, 1);
    for (const points of layout.links.values()) {
      links.beginPath().moveTo(points[0]!.x, points[0]!.y);
      for (const p of points.slice(1)) links.lineTo(p.x, p.y);
      links.strokePath();
    }
    c.add(links);
    const nodes = new Map<MapNode, { circle: Phaser.GameObjects.Arc; mark: Phaser.GameObjects.Text; health: number }>();
    let usersLabel: Phaser.GameObjects.Text | null = null;
    for (const id of Object.keys(layout.nodes) as MapNode[]) {
      const p = layout.nodes[id];
      const circle = this.add.circle(p.x, p.y, layout.r, id === 'users' ? 0x5c6bc0 : HEALTH_COLOR[0]!, 1).setStrokeStyle(3, 0x0f1b2d);
      const mark = this.add.text(p.x, p.y, id === 'users' ? '' : HEALTH_MARK[0]!, textStyle(Math.round(layout.r * 1.3), { color: '#0f1b2d' })).setOrigin(0.5);
      const label = this.draw(layout.labels[id]);
      if (id === 'users') usersLabel = label;
      c.add([circle, mark, label]);
      if (id !== 'users') nodes.set(id, { circle, mark, health: 0 });
    }
    const now = this.draw(layout.now);
    const detail = this.draw(layout.detail);
    c.add([now, detail]);
    this.focusView = { team, container: c, layout, mode, usersLabel: usersLabel!, nodes, now, detail, incident: null, feed: [], feedKey: '' };
    const stage = this.game.canvas?.parentElement;
    if (stage) {
      const ys = Object.values(layout.nodes).map((n) => n.y);
      const area = { x: f.x, y: f.y + Math.min(...ys) - layout.r, width: f.width, height: Math.max(...ys) - Math.min(...ys) + layout.r * 2 };
      this.traffic = new TrafficLayer(stage, area, PATHS.map((path) => pathPoints(layout, path).map((p) => ({ x: f.x + p.x, y: f.y + p.y }))));
    }
    if (!this.still) {
      c.setAlpha(0);
      this.tweens.add({ targets: c, alpha: 1, duration: 300 });
    }
  }

  /**
   * The time left in the round, from the simulation's own ticks (synced once a second with the
   * figures, so the view is redrawn once a second for both; a paused round's clock stands still).
   */
  private updateClock(): void {
    const v = this.ctx.view;
    if (!v || v.phase !== 'scenario') return;
    const s = v.scenario;
    const left = s.ticksPerSecond > 0 && s.durationTicks > 0 ? ((s.durationTicks - s.tick) / s.ticksPerSecond) * 1000 : timeLeftMs(v, this.ctx.clockOffset);
    const text = `${v.paused ? '❚❚ ' : ''}${formatClock(left)}`;
    if (this.clock.text !== text) this.clock.setText(text);
  }
}
