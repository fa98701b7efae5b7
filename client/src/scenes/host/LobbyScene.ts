// The lobby on the projector: team columns (colour + shape + name) filling with nicknames as
// students join. The join code, URL and QR are DOM above it, so screen readers and tests see them.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, H, W, textStyle } from './base.ts';
import { addShape } from './shapes.ts';
import { t } from '../../i18n.ts';
import { TEAM_COLORS, TEAM_SHAPES, hex } from '../../view/palette.ts';
import type { GameView } from '../../view/model.ts';

const TOP = 330;
const MAX_NAMES = 14;

export class LobbyScene extends HostScene {
  private title!: Phaser.GameObjects.Text;
  private count!: Phaser.GameObjects.Text;
  private columns: Phaser.GameObjects.Container[] = [];
  private shown = new Map<string, Phaser.GameObjects.Text>();
  private teamCount = 0;

  constructor() {
    super(SCENES.hostLobby);
  }

  protected build(): void {
    this.shown.clear();
    this.columns = [];
    this.teamCount = 0;
    this.title = this.add.text(W / 2, TOP - 40, '', textStyle(40, { color: '#9fb3c8' })).setOrigin(0.5);
    this.count = this.add.text(W / 2, H - 130, '', textStyle(44)).setOrigin(0.5);
    this.tweens.add({ targets: this.count, scale: 1.06, yoyo: true, repeat: -1, duration: 900, ease: 'Sine.easeInOut' });
  }

  private buildColumns(n: number): void {
    this.columns.forEach((c) => c.destroy());
    this.shown.clear();
    const names = t('teams.names', { returnObjects: true }) as unknown as string[];
    const colW = Math.min(420, (W - 120) / n);
    const x0 = W / 2 - (colW * n) / 2 + colW / 2;
    this.columns = Array.from({ length: n }, (_, i) => {
      const color = hex(TEAM_COLORS[i] ?? '#888888');
      const c = this.add.container(x0 + i * colW, TOP);
      c.add(this.add.rectangle(0, 300, colW - 24, 600, color, 0.18).setStrokeStyle(4, color, 0.9));
      c.add(addShape(this, -colW / 2 + 50, 40, TEAM_SHAPES[i] ?? 'circle', 22, color));
      c.add(this.add.text(-colW / 2 + 84, 40, names[i] ?? `#${i + 1}`, textStyle(34)).setOrigin(0, 0.5));
      return c;
    });
    this.teamCount = n;
  }

  render(v: GameView): void {
    if (v.teamCount !== this.teamCount) this.buildColumns(v.teamCount);
    this.title.setText(v.planTitle);
    const n = v.counts?.playerCount ?? 0;
    this.count.setText(n === 0 ? t('host.waiting') : t('host.players', { count: n }));
    const players = Object.entries(v.players ?? {});
    const byTeam = new Map<number, [string, { name: string; team: number }][]>();
    for (const entry of players) byTeam.set(entry[1].team, [...(byTeam.get(entry[1].team) ?? []), entry]);
    const keep = new Set<string>();
    byTeam.forEach((list, team) => {
      const column = this.columns[team];
      if (!column) return;
      list.slice(-MAX_NAMES).forEach(([id, p], row) => {
        const key = `${id}:${team}`;
        keep.add(key);
        let label = this.shown.get(key);
        const y = 95 + row * 38;
        if (!label) {
          label = this.add.text(0, y + 30, p.name, textStyle(30, { fontStyle: 'normal' })).setOrigin(0.5, 0).setAlpha(0);
          column.add(label);
          this.shown.set(key, label);
          this.tweens.add({ targets: label, y, alpha: 1, duration: 350, ease: 'Back.easeOut' });
        } else if (label.y !== y) {
          this.tweens.add({ targets: label, y, duration: 250 });
        }
      });
      const extra = list.length - MAX_NAMES;
      if (extra > 0) keep.add(`more:${team}`);
    });
    for (const [key, label] of this.shown) {
      if (!keep.has(key)) {
        label.destroy();
        this.shown.delete(key);
      }
    }
  }
}
