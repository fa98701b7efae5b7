// The end: the three best teams rise onto the podium, confetti falls behind the words for a few
// seconds (none under reduced motion), the top players are named, and a line under the podium says
// whether speed counted.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, H, W } from './base.ts';
import { addShape } from './shapes.ts';
import { t, list } from '../../i18n.ts';
import { TEAM_COLORS, TEAM_SHAPES, hex } from '../../view/palette.ts';
import type { GameView } from '../../view/model.ts';
import { layoutSpeedLine } from './layout/podium.ts';

const CONFETTI_MS = 6000;
const CENTER = W / 2 + 220;

export class PodiumScene extends HostScene {
  private content: Phaser.GameObjects.Container | null = null;
  private confetti: Phaser.GameObjects.Particles.ParticleEmitter | null = null;
  private key = '';

  constructor() {
    super(SCENES.hostPodium);
  }

  protected build(): void {
    this.key = '';
    this.content = null;
    this.confetti = null;
    if (!this.still) {
      if (!this.textures.exists('confetti')) {
        const g = this.add.graphics();
        g.fillStyle(0xffffff, 1).fillRect(0, 0, 10, 16);
        g.generateTexture('confetti', 10, 16);
        g.destroy();
      }
      this.confetti = this.add.particles(0, -20, 'confetti', {
        x: { min: 0, max: W },
        speedY: { min: 120, max: 260 },
        speedX: { min: -60, max: 60 },
        rotate: { min: 0, max: 360 },
        lifespan: 7000,
        frequency: 60,
        alpha: 0.7,
        tint: [0xe4572e, 0x2e86ab, 0xf2a541, 0x17a398, 0xc2185b, 0x2ecc71],
      });
      this.confetti.setDepth(-1);
      const emitter = this.confetti;
      this.tweens.addCounter({ from: 0, to: 1, duration: CONFETTI_MS, onComplete: () => emitter.stop() });
    }
    this.fitted(t('host.podium'), { x: 60, y: 24, width: W - 120, height: 100 }, { size: 72, align: 'center', valign: 'middle' });
  }

  override wantsFrames(): boolean {
    return (this.confetti?.getAliveParticleCount() ?? 0) > 0;
  }

  render(v: GameView): void {
    const key = JSON.stringify([v.teams, v.top, v.speedCounted]);
    if (key === this.key) return;
    this.key = key;
    this.content?.destroy();
    const c = (this.content = this.add.container(0, 0));
    const names = list('teams.names');
    const order = v.teams.map((team, i) => ({ ...team, i })).sort((a, b) => a.rank - b.rank || a.i - b.i).slice(0, 3);
    const slots = [
      { x: CENTER, h: 380 },
      { x: CENTER - 400, h: 280 },
      { x: CENTER + 400, h: 200 },
    ];
    order.forEach((team, place) => {
      const slot = slots[place]!;
      const color = hex(TEAM_COLORS[team.i] ?? '#888888');
      const base = H - 60;
      const block = this.add.rectangle(slot.x, base, 360, slot.h, color, 1).setOrigin(0.5, 1).setScale(1, 0);
      c.add(block);
      c.add(this.fitted(String(place + 1), { x: slot.x - 150, y: base - 110, width: 300, height: 100 }, { size: 88, align: 'center', valign: 'middle' }));
      const shape = addShape(this, slot.x, base - slot.h - 170, TEAM_SHAPES[team.i] ?? 'circle', 40, color);
      const name = this.fitted(names[team.i] ?? '', { x: slot.x - 190, y: base - slot.h - 130, width: 380, height: 66 }, { size: 52, align: 'center', valign: 'middle' });
      const score = this.fitted(t('host.points', { score: team.score }), { x: slot.x - 190, y: base - slot.h - 64, width: 380, height: 56 }, { size: 44, align: 'center', valign: 'middle', color: '#cfe3ff' });
      [shape, name, score].forEach((o) => o.setAlpha(0));
      c.add([shape, name, score]);
      const delay = (2 - place) * 500;
      this.animate({ targets: block, scaleY: 1, duration: 800, delay, ease: 'Back.easeOut' });
      this.animate({ targets: [shape, name, score], alpha: 1, duration: 400, delay: delay + 700 });
    });
    if (order[0]) c.add(this.fitted(t('host.winner', { name: names[order[0].i] ?? '' }), { x: 60, y: 140, width: W - 120, height: 80 }, { size: 56, align: 'center', valign: 'middle', color: '#f1c40f' }));
    c.add(this.fitted(t('host.topPlayers'), { x: 60, y: 260, width: 520, height: 60 }, { size: 44, valign: 'middle', color: '#9fb3c8' }));
    const speed = layoutSpeedLine(this.measure, v.speedCounted, (k) => t(k));
    if (speed) c.add(this.draw(speed));
    v.top.slice(0, 5).forEach((p, i) => {
      c.add(this.fitted(`${i + 1}. ${p.name || t('classroom.heldPlaceholder')}`, { x: 60, y: 330 + i * 130, width: 520, height: 60 }, { bold: i === 0, valign: 'middle' }));
      c.add(this.fitted(t('host.points', { score: p.score }), { x: 100, y: 390 + i * 130, width: 480, height: 56 }, { bold: false, valign: 'middle', color: '#cfe3ff' }));
    });
  }
}
