// The lobby on the projector: team columns (colour + shape + name) filling with nicknames as
// students join. The join code, URL and QR are DOM in the top band (layout/lobby.ts JOIN_BAND),
// so screen readers and tests see them.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene } from './base.ts';
import { addShape } from './shapes.ts';
import { t, list } from '../../i18n.ts';
import { TEAM_COLORS, TEAM_SHAPES, hex } from '../../view/palette.ts';
import type { GameView } from '../../view/model.ts';
import { LOBBY, layoutTeams, type TeamColumn } from './layout/lobby.ts';
import { FLOOR, item } from './layout/text.ts';

export class LobbyScene extends HostScene {
  private title: Phaser.GameObjects.Text | null = null;
  private count: Phaser.GameObjects.Text | null = null;
  private columns: { layout: TeamColumn; group: Phaser.GameObjects.Container; key: string }[] = [];
  private teamCount = 0;

  constructor() {
    super(SCENES.hostLobby);
  }

  protected build(): void {
    this.columns = [];
    this.teamCount = 0;
    this.title = null;
    this.count = null;
  }

  private buildColumns(n: number): void {
    this.columns.forEach((c) => c.group.destroy());
    const names = list('teams.names');
    this.columns = layoutTeams(this.measure, Array.from({ length: n }, (_, i) => names[i] ?? `#${i + 1}`)).map((layout, i) => {
      const color = hex(TEAM_COLORS[i] ?? '#888888');
      const b = layout.box;
      this.add.rectangle(b.x, b.y, b.width, b.height, color, 0.16).setOrigin(0).setStrokeStyle(4, color, 0.9);
      addShape(this, b.x + 34, b.y + LOBBY.headerH / 2 + 4, TEAM_SHAPES[i] ?? 'circle', 20, color);
      this.draw(layout.name);
      return { layout, group: this.add.container(0, 0), key: '' };
    });
    this.teamCount = n;
  }

  render(v: GameView): void {
    if (v.teamCount !== this.teamCount) this.buildColumns(v.teamCount);
    const title = item(this.measure, v.planTitle, LOBBY.title, { size: 44, minSize: FLOOR, align: 'center', valign: 'middle', color: '#9fb3c8' });
    if (this.title) this.redraw(this.title, title);
    else this.title = this.draw(title);
    const n = v.counts?.playerCount ?? 0;
    const count = item(this.measure, n === 0 ? t('host.waiting') : t('host.players', { count: n }), LOBBY.count, { size: 56, align: 'center', valign: 'middle' });
    if (this.count) this.redraw(this.count, count);
    else this.count = this.draw(count);
    const byTeam = new Map<number, string[]>();
    // A nickname held for the teacher's approval is not shown until it is accepted.
    for (const p of Object.values(v.players ?? {})) if (!p.held) byTeam.set(p.team, [...(byTeam.get(p.team) ?? []), p.name]);
    this.columns.forEach((column, team) => {
      const members = byTeam.get(team) ?? [];
      const key = members.join('\n');
      if (key === column.key) return;
      const before = column.key ? column.key.split('\n') : [];
      column.key = key;
      column.group.removeAll(true);
      const rows = column.layout.rows;
      const shown = members.length > rows ? members.slice(0, rows - 1) : members;
      shown.forEach((name, row) => {
        const label = this.draw(item(this.measure, name, column.layout.nameBox(row), { bold: false, minSize: FLOOR, valign: 'middle' }));
        column.group.add(label);
        if (!before.includes(name)) {
          label.setAlpha(0);
          this.animate({ targets: label, alpha: 1, duration: 350 });
        }
      });
      if (members.length > shown.length) {
        column.group.add(this.draw(item(this.measure, t('host.more', { count: members.length - shown.length }), column.layout.nameBox(shown.length), { valign: 'middle', color: '#9fb3c8' })));
      }
    });
  }
}
