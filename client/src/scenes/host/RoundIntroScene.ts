// "Round 2 of 3" and the round's title, zooming in before its first question.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, H, W, textStyle } from './base.ts';
import { t } from '../../i18n.ts';
import type { GameView } from '../../view/model.ts';

export class RoundIntroScene extends HostScene {
  private label!: Phaser.GameObjects.Text;
  private title!: Phaser.GameObjects.Text;

  constructor() {
    super(SCENES.hostRoundIntro);
  }

  protected build(): void {
    this.label = this.add.text(W / 2, H / 2 - 120, '', textStyle(54, { color: '#9fb3c8' })).setOrigin(0.5);
    this.title = this.add.text(W / 2, H / 2 + 20, '', textStyle(92, { align: 'center', wordWrap: { width: W - 240 } })).setOrigin(0.5);
    this.title.setScale(0.4).setAlpha(0);
    this.tweens.add({ targets: this.title, scale: 1, alpha: 1, duration: 700, ease: 'Back.easeOut' });
    for (let i = 0; i < 24; i++) {
      const dot = this.add.circle(Math.random() * W, H + 20, 6 + Math.random() * 10, 0x2ecc71, 0.35);
      this.tweens.add({ targets: dot, y: -40, duration: 2500 + Math.random() * 2500, delay: Math.random() * 1500, repeat: -1 });
    }
  }

  render(v: GameView): void {
    this.label.setText(t('host.round', { n: v.roundIndex + 1, total: v.roundCount }));
    this.title.setText(v.roundTitle);
  }
}
