// "Round 2 of 3" and the round's title, zooming in before its first question, with a few
// bubbles rising behind it (none under reduced motion).
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, H, W } from './base.ts';
import { t } from '../../i18n.ts';
import type { GameView } from '../../view/model.ts';
import { FLOOR, item } from './layout/text.ts';

export class RoundIntroScene extends HostScene {
  private label: Phaser.GameObjects.Text | null = null;
  private title: Phaser.GameObjects.Text | null = null;
  private key = '';

  constructor() {
    super(SCENES.hostRoundIntro);
  }

  protected build(): void {
    this.label = null;
    this.title = null;
    this.key = '';
    if (this.still) return;
    for (let i = 0; i < 24; i++) {
      const dot = this.add.circle(Math.random() * W, H + 20, 6 + Math.random() * 10, 0x2ecc71, 0.3).setDepth(-1);
      this.tweens.add({ targets: dot, y: -40, duration: 2500 + Math.random() * 2500, delay: Math.random() * 1500, repeat: 1 });
    }
  }

  render(v: GameView): void {
    const key = `${v.roundIndex}|${v.roundTitle}`;
    if (key === this.key) return;
    this.key = key;
    this.label?.destroy();
    this.title?.destroy();
    this.label = this.draw(item(this.measure, t('host.round', { n: v.roundIndex + 1, total: v.roundCount }), { x: 120, y: H / 2 - 220, width: W - 240, height: 90 }, { size: 60, align: 'center', valign: 'middle', color: '#9fb3c8' }));
    this.title = this.draw(item(this.measure, v.roundTitle, { x: 120, y: H / 2 - 110, width: W - 240, height: 360 }, { size: 100, minSize: FLOOR, align: 'center', valign: 'middle' }));
    this.title.setScale(0.4).setAlpha(0);
    this.animate({ targets: this.title, scale: 1, alpha: 1, duration: 700, ease: 'Back.easeOut' });
  }
}
