// Standings after a round: team bars growing to their score (the team score is the mean of its
// members, so uneven teams stay fair) and the top players.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, W } from './base.ts';
import { addShape } from './shapes.ts';
import { t, list } from '../../i18n.ts';
import { TEAM_COLORS, TEAM_SHAPES, hex } from '../../view/palette.ts';
import type { GameView } from '../../view/model.ts';

const BAR_X = 560;
const BAR_W = 440;
/** Where the top players' column starts: the points labels end before it. */
const RIGHT_X = 1290;

export class LeaderboardScene extends HostScene {
  private content: Phaser.GameObjects.Container | null = null;
  private key = '';

  constructor() {
    super(SCENES.hostLeaderboard);
  }

  protected build(): void {
    this.key = '';
    this.content = null;
    this.fitted(t('host.standings'), { x: 60, y: 24, width: 1100, height: 96 }, { size: 72, valign: 'middle' });
  }

  render(v: GameView): void {
    const key = JSON.stringify([v.teams, v.top]);
    if (key === this.key) return;
    this.key = key;
    this.content?.destroy();
    const c = (this.content = this.add.container(0, 0));
    const names = list('teams.names');
    const order = v.teams.map((team, i) => ({ ...team, i })).sort((a, b) => a.rank - b.rank || a.i - b.i);
    const max = Math.max(1, ...order.map((o) => o.score));
    const rowH = Math.min(120, 900 / Math.max(1, order.length));
    order.forEach((team, row) => {
      const y = 150 + row * rowH;
      const mid = y + rowH / 2;
      const color = hex(TEAM_COLORS[team.i] ?? '#888888');
      c.add(this.fitted(String(team.rank), { x: 40, y, width: 70, height: rowH }, { size: 52, align: 'right', valign: 'middle', color: '#9fb3c8' }));
      c.add(addShape(this, 160, mid, TEAM_SHAPES[team.i] ?? 'circle', 24, color));
      c.add(this.fitted(names[team.i] ?? `#${team.i + 1}`, { x: 200, y, width: BAR_X - 220, height: rowH }, { size: 48, valign: 'middle' }));
      const width = Math.max(6, (team.score / max) * BAR_W);
      const bar = this.add.rectangle(BAR_X, mid, width, rowH - 34, color, 1).setOrigin(0, 0.5).setScale(0, 1);
      c.add(bar);
      const label = this.fitted(t('host.points', { score: team.score }), { x: BAR_X + width + 16, y, width: RIGHT_X - BAR_X - width - 16, height: rowH }, { size: 44, valign: 'middle' });
      c.add(label);
      label.setAlpha(0);
      this.animate({ targets: bar, scaleX: 1, duration: 900, delay: row * 120, ease: 'Cubic.easeOut' });
      this.animate({ targets: label, alpha: 1, duration: 300, delay: 600 + row * 120 });
    });
    c.add(this.fitted(t('host.topPlayers'), { x: 1300, y: 130, width: 580, height: 70 }, { size: 48, valign: 'middle', color: '#9fb3c8' }));
    v.top.slice(0, 10).forEach((p, i) => {
      const y = 210 + i * 84;
      c.add(addShape(this, 1318, y + 42, TEAM_SHAPES[p.team] ?? 'circle', 14, hex(TEAM_COLORS[p.team] ?? '#888888')));
      const line = this.fitted(`${i + 1}. ${p.name || t('classroom.heldPlaceholder')}`, { x: 1344, y, width: 400, height: 84 }, { bold: i < 3, valign: 'middle' });
      const pts = this.fitted(String(p.score), { x: 1740, y, width: W - 40 - 1740, height: 84 }, { align: 'right', valign: 'middle' });
      c.add([line, pts]);
      line.setAlpha(0);
      this.animate({ targets: line, alpha: 1, duration: 300, delay: 400 + i * 70 });
    });
  }
}
