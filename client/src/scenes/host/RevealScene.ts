// After a question: how the class answered (a bar per answer, the right ones marked ✓ and bright,
// or a histogram for estimates) beside the right answer in words and the explanation ("why").
// Where things go is layout/reveal.ts.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, textStyle } from './base.ts';
import { addShape } from './shapes.ts';
import { t } from '../../i18n.ts';
import { ANSWER_COLORS, ANSWER_SHAPES, hex } from '../../view/palette.ts';
import { rightAnswerText } from '../../view/answers.ts';
import type { GameView } from '../../view/model.ts';
import { REVEAL, layoutReveal } from './layout/reveal.ts';

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
    const labels = q.type === 'truefalse' ? [t('answer.true'), t('answer.false')] : q.type === 'order' ? r.correct.map((p) => q.options[p] ?? '') : q.type === 'numeric' ? [] : q.options;
    const marked = labels.map((label, i) => {
      if (q.type === 'poll') return label;
      if (q.type === 'order') return `${i + 1}. ${label}`;
      return `${r.correct.includes(i) ? '✓' : '✗'} ${label}`;
    });
    const layout = layoutReveal(this.measure, { question: q.text, labels: marked, answer: r.skipped ? t('host.skipped') : rightAnswerText(v), why: r.explanation, whyLabel: t('host.explanation'), answered: t('host.answered', { count: r.answered, total: r.eligible }) });
    c.add(this.draw(layout.question));
    c.add(this.draw(layout.answered));
    const max = Math.max(1, ...r.distribution);
    if (q.type === 'numeric') this.histogram(c, v, max, layout.top);
    layout.rows.forEach((row, i) => {
      const count = r.distribution[i] ?? 0;
      const correct = q.type === 'order' || q.type === 'poll' || r.correct.includes(i);
      const color = q.type === 'order' ? 0x2e86ab : hex(ANSWER_COLORS[i % 4] ?? '#333333');
      row.label.color = correct ? '#ffffff' : '#8da0b6';
      c.add(this.draw(row.label));
      if (q.type !== 'order') c.add(addShape(this, REVEAL.rows.x + 24, row.label.box.y + row.label.box.height - 24, ANSWER_SHAPES[i % 4] ?? 'circle', 20, color, correct ? 1 : 0.5));
      const width = Math.max(6, (count / max) * row.bar.width);
      const bar = this.add.rectangle(row.bar.x, row.bar.y, width, row.bar.height, color, correct ? 1 : 0.35).setOrigin(0).setScale(0, 1);
      c.add(bar);
      this.animate({ targets: bar, scaleX: 1, duration: 700, ease: 'Cubic.easeOut', delay: i * 80 });
      const label = q.type === 'order' ? `${count} ${t('host.placedRight')}` : String(count);
      c.add(this.add.text(row.bar.x + width + 14, row.bar.y + row.bar.height / 2, label, textStyle(40)).setOrigin(0, 0.5));
    });
    if (layout.answer) c.add(this.draw(layout.answer));
    if (layout.why) {
      const box = layout.why.box;
      c.add(this.add.rectangle(box.x - 24, box.y - 20, box.width + 48, layout.why.fit.height + 40, 0xffffff, 0.07).setOrigin(0));
      c.add(this.draw(layout.why));
    }
  }

  /** Estimates: how many answered in each band of the range; the bands within tolerance in green. */
  private histogram(c: Phaser.GameObjects.Container, v: GameView, max: number, top: number): void {
    const q = v.question;
    const r = v.reveal;
    const area = { ...REVEAL.rows, y: top, height: REVEAL.rows.y + REVEAL.rows.height - top };
    const n = Math.max(1, r.distribution.length);
    const bw = area.width / n;
    const base = area.y + area.height - 60;
    r.distribution.forEach((count, i) => {
      const lo = q.min + ((q.max - q.min) * i) / n;
      const hi = q.min + ((q.max - q.min) * (i + 1)) / n;
      const inRange = hi >= r.answer - r.tolerance && lo <= r.answer + r.tolerance;
      const h = (count / max) * (area.height - 140);
      const bar = this.add.rectangle(area.x + bw * i + bw / 2, base, bw - 10, Math.max(3, h), inRange ? 0x2ecc71 : 0x5c6b80).setOrigin(0.5, 1).setScale(1, 0);
      c.add(bar);
      this.animate({ targets: bar, scaleY: 1, duration: 600, ease: 'Cubic.easeOut' });
      if (count) c.add(this.add.text(bar.x, base - Math.max(3, h) - 8, String(count), textStyle(40)).setOrigin(0.5, 1));
    });
    const ticks = n > 5 ? [0, Math.floor(n / 2), n] : Array.from({ length: n + 1 }, (_, i) => i);
    for (const i of ticks) {
      const value = q.min + ((q.max - q.min) * i) / n;
      c.add(this.add.text(area.x + bw * i, base + 10, `${Math.round(value)}`, textStyle(40, { color: '#9fb3c8' })).setOrigin(i === 0 ? 0 : i === n ? 1 : 0.5, 0));
    }
  }
}
