// The end: the three best teams rise onto the podium, confetti falls, the top players are named.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, H, W, textStyle } from './base.ts';
import { addShape } from './shapes.ts';
import { t } from '../../i18n.ts';
import { TEAM_COLORS, TEAM_SHAPES, hex } from '../../view/palette.ts';
import type { GameView } from '../../view/model.ts';

export class PodiumScene extends HostScene {
  private content: Phaser.GameObjects.Container | null = null;
  private key = '';

  constructor() {
    super(SCENES.hostPodium);
  }

  protected build(): void {
    this.key = '';
    this.content = null;
    const g = this.add.graphics();
    g.fillStyle(0xffffff, 1).fillRect(0, 0, 10, 16);
    g.generateTexture('confetti', 10, 16);
    g.destroy();
    this.add.particles(0, -20, 'confetti', {
      x: { min: 0, max: W },
      speedY: { min: 120, max: 260 },
      speedX: { min: -60, max: 60 },
      rotate: { min: 0, max: 360 },
      lifespan: 7000,
      frequency: 40,
      tint: [0xe4572e, 0x2e86ab, 0xf2a541, 0x17a398, 0xc2185b, 0x2ecc71],
    });
    this.add.text(W / 2, 70, t('host.podium'), textStyle(64)).setOrigin(0.5);
  }

  render(v: GameView): void {
    const key = JSON.stringify([v.teams, v.top]);
    if (key === this.key) return;
    this.key = key;
    this.content?.destroy();
    const c = (this.content = this.add.container(0, 0));
    const names = t('teams.names', { returnObjects: true }) as unknown as string[];
    const order = v.teams.map((team, i) => ({ ...team, i })).sort((a, b) => a.rank - b.rank || a.i - b.i).slice(0, 3);
    const slots = [
      { x: W / 2, h: 380 },
      { x: W / 2 - 380, h: 280 },
      { x: W / 2 + 380, h: 200 },
    ];
    order.forEach((team, place) => {
      const slot = slots[place]!;
      const color = hex(TEAM_COLORS[team.i] ?? '#888888');
      const base = H - 120;
      const block = this.add.rectangle(slot.x, base, 340, slot.h, color, 1).setOrigin(0.5, 1).setScale(1, 0);
      c.add(block);
      c.add(this.add.text(slot.x, base - 40, String(place + 1), textStyle(80)).setOrigin(0.5));
      const shape = addShape(this, slot.x, base - slot.h - 150, TEAM_SHAPES[team.i] ?? 'circle', 40, color);
      const name = this.add.text(slot.x, base - slot.h - 80, names[team.i] ?? '', textStyle(48)).setOrigin(0.5);
      const score = this.add.text(slot.x, base - slot.h - 30, t('host.points', { score: team.score }), textStyle(34, { color: '#cfe3ff' })).setOrigin(0.5);
      [shape, name, score].forEach((o) => o.setAlpha(0));
      c.add([shape, name, score]);
      const delay = (2 - place) * 500;
      this.tweens.add({ targets: block, scaleY: 1, duration: 800, delay, ease: 'Back.easeOut' });
      this.tweens.add({ targets: [shape, name, score], alpha: 1, duration: 400, delay: delay + 700 });
    });
    if (order[0]) c.add(this.add.text(W / 2, 170, t('host.winner', { name: names[order[0].i] ?? '' }), textStyle(44, { color: '#f1c40f' })).setOrigin(0.5));
    v.top.slice(0, 3).forEach((p, i) => {
      c.add(this.add.text(60, 260 + i * 56, `${i + 1}. ${p.name} · ${p.score}`, textStyle(32, { fontStyle: 'normal' })));
    });
  }
}
