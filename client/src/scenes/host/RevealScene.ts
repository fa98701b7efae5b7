// The reveal: the distribution as bars, the right answer marked (✓, not colour alone), the
// right answer in words and the explanation ("why").
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, H, W, textStyle } from './base.ts';
import { addShape } from './shapes.ts';
import { t } from '../../i18n.ts';
import { ANSWER_COLORS, ANSWER_SHAPES, hex } from '../../view/palette.ts';
import { rightAnswerText } from '../../view/answers.ts';
import type { GameView } from '../../view/model.ts';

export class RevealScene extends HostScene {
  private content: Phaser.GameObjects.Container | null = null;
  private seq = -1;

  constructor() {
    super(SCENES.hostReveal);
  }

  protected build(): void {
    this.seq = -1;
    this.content = null;
  }

  render(v: GameView): void {
    if (v.reveal.seq === this.seq) return;
    this.seq = v.reveal.seq;
    this.content?.destroy();
    const c = (this.content = this.add.container(0, 0));
    const q = v.question;
    const r = v.reveal;
    c.add(this.add.text(W / 2, 130, q.text, textStyle(40, { align: 'center', wordWrap: { width: W - 240 }, color: '#cfe3ff' })).setOrigin(0.5));
    const labels = q.type === 'truefalse' ? [t('answer.true'), t('answer.false')] : q.type === 'order' ? r.correct.map((p) => q.options[p] ?? '') : q.type === 'numeric' ? [] : q.options;
    const max = Math.max(1, ...r.distribution);
    const barArea = { x: 260, y: 240, w: W - 520, h: 440 };
    if (q.type === 'numeric') {
      const n = r.distribution.length;
      const bw = barArea.w / n;
      r.distribution.forEach((count, i) => {
        const lo = q.min + ((q.max - q.min) * i) / n;
        const hi = q.min + ((q.max - q.min) * (i + 1)) / n;
        const inRange = hi >= r.answer - r.tolerance && lo <= r.answer + r.tolerance;
        const h = (count / max) * (barArea.h - 60);
        const bar = this.add.rectangle(barArea.x + bw * i + bw / 2, barArea.y + barArea.h, bw - 10, Math.max(2, h), inRange ? 0x2ecc71 : 0x5c6b80).setOrigin(0.5, 1).setScale(1, 0);
        c.add(bar);
        this.tweens.add({ targets: bar, scaleY: 1, duration: 600, ease: 'Cubic.easeOut' });
        c.add(this.add.text(bar.x, barArea.y + barArea.h + 8, `${Math.round(lo)}`, textStyle(22, { color: '#9fb3c8', fontStyle: 'normal' })).setOrigin(0.5, 0));
        if (count) c.add(this.add.text(bar.x, barArea.y + barArea.h - h - 40, String(count), textStyle(28)).setOrigin(0.5));
      });
    } else {
      const n = Math.max(1, labels.length);
      const bw = barArea.w / n;
      labels.forEach((label, i) => {
        const count = q.type === 'order' ? (r.distribution[i] ?? 0) : (r.distribution[i] ?? 0);
        const correct = q.type === 'order' || q.type === 'poll' || r.correct.includes(i);
        const color = q.type === 'order' ? 0x2e86ab : hex(ANSWER_COLORS[i % 4] ?? '#333333');
        const x = barArea.x + bw * i + bw / 2;
        const h = (count / max) * (barArea.h - 80);
        const bar = this.add.rectangle(x, barArea.y + barArea.h, bw - 40, Math.max(4, h), color, correct ? 1 : 0.35).setOrigin(0.5, 1).setScale(1, 0);
        c.add(bar);
        this.tweens.add({ targets: bar, scaleY: 1, duration: 700, ease: 'Cubic.easeOut', delay: i * 80 });
        c.add(this.add.text(x, barArea.y + barArea.h - Math.max(4, h) - 46, String(count), textStyle(36)).setOrigin(0.5));
        if (q.type !== 'order') c.add(addShape(this, x - (bw - 40) / 2 + 26, barArea.y + barArea.h + 34, ANSWER_SHAPES[i % 4] ?? 'circle', 16, color));
        const mark = q.type === 'poll' || q.type === 'order' ? '' : correct ? '✓ ' : '✗ ';
        c.add(this.add.text(x + 10, barArea.y + barArea.h + 34, `${mark}${label}`, textStyle(28, { align: 'center', wordWrap: { width: bw - 80 }, color: correct ? '#ffffff' : '#8da0b6' })).setOrigin(0.5, 0));
        if (q.type === 'order') c.add(this.add.text(x, barArea.y + barArea.h + 110, `${i + 1}. ${t('host.placedRight')}`, textStyle(20, { color: '#9fb3c8', fontStyle: 'normal' })).setOrigin(0.5, 0));
      });
    }
    const right = r.skipped ? t('host.skipped') : rightAnswerText(v);
    if (right) c.add(this.add.text(W / 2, 860, right, textStyle(36, { color: '#2ecc71', align: 'center', wordWrap: { width: W - 300 } })).setOrigin(0.5));
    if (r.explanation) {
      const box = this.add.rectangle(W / 2, 965, W - 260, 120, 0xffffff, 0.07);
      c.add(box);
      c.add(this.add.text(W / 2, 965, `${t('host.explanation')}: ${r.explanation}`, textStyle(28, { fontStyle: 'normal', align: 'center', wordWrap: { width: W - 320 } })).setOrigin(0.5));
    }
    c.add(this.add.text(60, 40, t('host.answered', { count: r.answered, total: r.eligible }), textStyle(26, { color: '#9fb3c8' })));
  }
}
