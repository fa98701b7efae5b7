// Standings after a round: team bars growing to their score (the team score is the mean of its
// members, so uneven teams stay fair) and the top players.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, W, textStyle } from './base.ts';
import { addShape } from './shapes.ts';
import { t } from '../../i18n.ts';
import { TEAM_COLORS, TEAM_SHAPES, hex } from '../../view/palette.ts';
import type { GameView } from '../../view/model.ts';

export class LeaderboardScene extends HostScene {
  private content: Phaser.GameObjects.Container | null = null;
  private key = '';

  constructor() {
    super(SCENES.hostLeaderboard);
  }

  protected build(): void {
    this.key = '';
    this.content = null;
    this.add.text(W / 2, 70, t('host.standings'), textStyle(64)).setOrigin(0.5);
  }

  render(v: GameView): void {
    const key = JSON.stringify([v.teams, v.top]);
    if (key === this.key) return;
    this.key = key;
    this.content?.destroy();
    const c = (this.content = this.add.container(0, 0));
    const names = t('teams.names', { returnObjects: true }) as unknown as string[];
    const order = v.teams.map((team, i) => ({ ...team, i })).sort((a, b) => a.rank - b.rank || a.i - b.i);
    const max = Math.max(1, ...order.map((o) => o.score));
    const rowH = Math.min(110, 760 / Math.max(1, order.length));
    order.forEach((team, row) => {
      const y = 190 + row * rowH + rowH / 2;
      const color = hex(TEAM_COLORS[team.i] ?? '#888888');
      c.add(this.add.text(90, y, `${team.rank}`, textStyle(48, { color: '#9fb3c8' })).setOrigin(0.5));
      c.add(addShape(this, 160, y, TEAM_SHAPES[team.i] ?? 'circle', 24, color));
      c.add(this.add.text(200, y, names[team.i] ?? `#${team.i + 1}`, textStyle(40)).setOrigin(0, 0.5));
      const width = (team.score / max) * 560;
      const bar = this.add.rectangle(500, y, Math.max(4, width), rowH - 30, color, 1).setOrigin(0, 0.5).setScale(0, 1);
      c.add(bar);
      const label = this.add.text(510, y, '0', textStyle(36)).setOrigin(0, 0.5);
      c.add(label);
      this.tweens.add({ targets: bar, scaleX: 1, duration: 900, delay: row * 120, ease: 'Cubic.easeOut' });
      this.tweens.addCounter({
        from: 0,
        to: team.score,
        duration: 900,
        delay: row * 120,
        onUpdate: (tw) => {
          const value = Math.round(tw.getValue() ?? 0);
          label.setText(t('host.points', { score: value }));
          label.setX(510 + Math.max(4, (value / max) * 560));
        },
      });
    });
    c.add(this.add.text(1330, 170, t('host.topPlayers'), textStyle(40, { color: '#9fb3c8' })));
    v.top.slice(0, 10).forEach((p, i) => {
      const y = 250 + i * 72;
      c.add(addShape(this, 1350, y + 22, TEAM_SHAPES[p.team] ?? 'circle', 14, hex(TEAM_COLORS[p.team] ?? '#888888')));
      const line = this.add.text(1380, y, `${i + 1}. ${p.name}`, textStyle(34, { fontStyle: i < 3 ? 'bold' : 'normal' }));
      const pts = this.add.text(W - 80, y, String(p.score), textStyle(34)).setOrigin(1, 0);
      c.add([line, pts]);
      line.setAlpha(0);
      this.tweens.add({ targets: line, alpha: 1, duration: 300, delay: 400 + i * 70 });
    });
  }
}
