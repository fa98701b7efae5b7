// The open question: its text, the answers (colour + shape + text), a countdown ring and how
// many have answered. Ordering questions show their items; estimates show the range.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, H, W, textStyle } from './base.ts';
import { addShape } from './shapes.ts';
import { t } from '../../i18n.ts';
import { ANSWER_COLORS, ANSWER_SHAPES, hex } from '../../view/palette.ts';
import { timeLeftMs, type GameView } from '../../view/model.ts';

export class QuestionScene extends HostScene {
  private header!: Phaser.GameObjects.Text;
  private text!: Phaser.GameObjects.Text;
  private answered!: Phaser.GameObjects.Text;
  private ring!: Phaser.GameObjects.Graphics;
  private seconds!: Phaser.GameObjects.Text;
  private tiles: Phaser.GameObjects.Container | null = null;
  private seq = -1;

  constructor() {
    super(SCENES.hostQuestion);
  }

  protected build(): void {
    this.seq = -1;
    this.tiles = null;
    this.header = this.add.text(60, 40, '', textStyle(30, { color: '#9fb3c8' }));
    this.text = this.add.text(W / 2, 200, '', textStyle(56, { align: 'center', wordWrap: { width: W - 200 } })).setOrigin(0.5);
    this.ring = this.add.graphics();
    this.seconds = this.add.text(170, 470, '', textStyle(72)).setOrigin(0.5);
    this.answered = this.add.text(W - 170, 470, '', textStyle(34, { align: 'center', wordWrap: { width: 260 } })).setOrigin(0.5);
  }

  override update(): void {
    const v = this.ctx.view;
    if (!v || v.phase !== 'question') return;
    const left = timeLeftMs(v, this.ctx.clockOffset);
    const total = Math.max(1, v.timerDurationMs || v.question.limitMs);
    const frac = Math.min(1, left / total);
    this.ring.clear();
    this.ring.lineStyle(18, 0x31476a, 1).strokeCircle(170, 470, 90);
    this.ring.lineStyle(18, frac > 0.25 ? 0x2ecc71 : 0xe74c3c, 1);
    this.ring.beginPath().arc(170, 470, 90, -Math.PI / 2, -Math.PI / 2 + frac * Math.PI * 2, false).strokePath();
    this.seconds.setText(v.paused ? '❚❚' : String(Math.ceil(left / 1000)));
  }

  render(v: GameView): void {
    const q = v.question;
    this.header.setText(`${t('host.round', { n: v.roundIndex + 1, total: v.roundCount })} · ${t('host.question', { n: q.index + 1, total: q.count })}`);
    this.answered.setText(t('host.answered', { count: v.counts?.answered ?? 0, total: v.counts?.connectedCount ?? 0 }));
    if (q.seq === this.seq) return;
    this.seq = q.seq;
    this.text.setText(q.text).setAlpha(0).setY(170);
    this.tweens.add({ targets: this.text, alpha: 1, y: 200, duration: 400 });
    this.tiles?.destroy();
    this.tiles = this.add.container(0, 0);
    const labels = q.type === 'truefalse' ? [t('answer.true'), t('answer.false')] : q.options;
    if (q.type === 'numeric') {
      this.tiles.add(this.add.text(W / 2, 700, `${q.min} … ${q.max} ${q.unit}`, textStyle(80)).setOrigin(0.5));
      this.tiles.add(this.add.text(W / 2, 800, t('player.numericHint'), textStyle(36, { color: '#9fb3c8', fontStyle: 'normal' })).setOrigin(0.5));
      return;
    }
    const order = q.type === 'order';
    const cols = order ? 1 : 2;
    const rows = Math.ceil(labels.length / cols);
    const areaTop = 560;
    const areaH = H - areaTop - 150;
    const tileW = order ? W - 700 : (W - 700) / 2 - 20;
    const tileH = Math.min(150, areaH / rows - 16);
    labels.forEach((label, i) => {
      const col = i % cols;
      const row = Math.floor(i / cols);
      const x = order ? W / 2 : W / 2 + (col === 0 ? -tileW / 2 - 10 : tileW / 2 + 10);
      const y = areaTop + row * (tileH + 16) + tileH / 2;
      const color = order ? 0x25406a : hex(ANSWER_COLORS[i % 4] ?? '#333333');
      const tile = this.add.container(x, y);
      tile.add(this.add.rectangle(0, 0, tileW, tileH, color, 1).setStrokeStyle(3, 0xffffff, 0.15));
      if (order) tile.add(this.add.text(-tileW / 2 + 50, 0, String.fromCharCode(65 + i), textStyle(44)).setOrigin(0.5));
      else tile.add(addShape(this, -tileW / 2 + 55, 0, ANSWER_SHAPES[i % 4] ?? 'circle', 28, 0xffffff));
      tile.add(this.add.text(-tileW / 2 + 100, 0, label, textStyle(38, { wordWrap: { width: tileW - 130 } })).setOrigin(0, 0.5));
      tile.setScale(0.8).setAlpha(0);
      this.tweens.add({ targets: tile, scale: 1, alpha: 1, delay: 150 + i * 90, duration: 300, ease: 'Back.easeOut' });
      this.tiles?.add(tile);
    });
  }
}
