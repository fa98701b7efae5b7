// The open question: its text, the answers (colour + shape + text) in tiles, a countdown ring and
// how many have answered. Ordering questions show their items; estimates show the range.
// Where things go is layout/question.ts.
import Phaser from 'phaser';
import { SCENES } from '../keys.ts';
import { HostScene, textStyle } from './base.ts';
import { addShape } from './shapes.ts';
import { t } from '../../i18n.ts';
import { ANSWER_COLORS, ANSWER_SHAPES, hex } from '../../view/palette.ts';
import { timeLeftMs, type GameView } from '../../view/model.ts';
import { QUESTION, layoutAnswered, layoutQuestion } from './layout/question.ts';

export class QuestionScene extends HostScene {
  private header!: Phaser.GameObjects.Text;
  private answered: Phaser.GameObjects.Text | null = null;
  private ring!: Phaser.GameObjects.Graphics;
  private seconds!: Phaser.GameObjects.Text;
  private content: Phaser.GameObjects.Container | null = null;
  private seq = -1;
  private lastFrac = -1;

  constructor() {
    super(SCENES.hostQuestion);
  }

  protected build(): void {
    this.seq = -1;
    this.lastFrac = -1;
    this.content = null;
    this.answered = null;
    this.header = this.add.text(QUESTION.header.x, QUESTION.header.y, '', textStyle(40, { color: '#9fb3c8' }));
    this.ring = this.add.graphics();
    this.seconds = this.add.text(QUESTION.ring.x, QUESTION.ring.y, '', textStyle(80)).setOrigin(0.5);
  }

  /** The ring turns smoothly; under reduced motion it moves once a second, with the clock. */
  override wantsFrames(): boolean {
    const v = this.ctx.view;
    return !this.still && !!v && v.phase === 'question' && !v.paused;
  }

  override update(): void {
    const v = this.ctx.view;
    if (!v || v.phase !== 'question') return;
    const left = timeLeftMs(v, this.ctx.clockOffset);
    const total = Math.max(1, v.timerDurationMs || v.question.limitMs);
    // Under reduced motion the ring moves in whole seconds, not continuously.
    const frac = Math.min(1, (this.still ? Math.ceil(left / 1000) * 1000 : left) / total);
    if (Math.abs(frac - this.lastFrac) > 0.001) {
      this.lastFrac = frac;
      const { x, y, r } = QUESTION.ring;
      this.ring.clear();
      this.ring.lineStyle(20, 0x31476a, 1).strokeCircle(x, y, r);
      this.ring.lineStyle(20, frac > 0.25 ? 0x2ecc71 : 0xe74c3c, 1);
      this.ring.beginPath().arc(x, y, r, -Math.PI / 2, -Math.PI / 2 + frac * Math.PI * 2, false).strokePath();
    }
    const label = v.paused ? '❚❚' : String(Math.ceil(left / 1000));
    if (this.seconds.text !== label) this.seconds.setText(label);
  }

  override showsClock(): boolean {
    return true;
  }

  render(v: GameView): void {
    const q = v.question;
    this.header.setText(`${t('host.round', { n: v.roundIndex + 1, total: v.roundCount })} · ${t('host.question', { n: q.index + 1, total: q.count })}`);
    // overtime: the class's time is up (the ring reads 0) and the question waits for students with extra time
    const count = t('host.answered', { count: v.counts?.answered ?? 0, total: v.counts?.connectedCount ?? 0 });
    const answered = layoutAnswered(this.measure, v.overtime && !v.paused ? `${count}\n${t('host.overtime')}` : count);
    if (this.answered) this.redraw(this.answered, answered);
    else this.answered = this.draw(answered);
    if (q.seq === this.seq) return;
    this.seq = q.seq;
    this.lastFrac = -1;
    this.content?.destroy();
    const c = (this.content = this.add.container(0, 0));
    const labels = q.type === 'truefalse' ? [t('answer.true'), t('answer.false')] : q.type === 'numeric' ? [] : q.options;
    const order = q.type === 'order';
    const layout = layoutQuestion(this.measure, q.text, labels, order);
    const title = this.draw(layout.title);
    c.add(title);
    title.setAlpha(0);
    this.animate({ targets: title, alpha: 1, duration: 400 });
    if (q.type === 'numeric') {
      const { area } = QUESTION;
      c.add(this.fitted(`${q.min} … ${q.max} ${q.unit}`.trim(), { x: area.x, y: area.y + 80, width: area.width, height: 140 }, { size: 96, align: 'center', valign: 'middle' }));
      c.add(this.fitted(t('player.numericHint'), { x: area.x, y: area.y + 260, width: area.width, height: 120 }, { size: 48, align: 'center', valign: 'middle', bold: false, color: '#cfe3ff' }));
      return;
    }
    layout.tiles.forEach((tile, i) => {
      const b = tile.box;
      const color = order ? 0x25406a : hex(ANSWER_COLORS[i % 4] ?? '#333333');
      const group = this.add.container(0, 0);
      group.add(this.add.rectangle(b.x, b.y, b.width, b.height, color, 1).setOrigin(0).setStrokeStyle(3, 0xffffff, 0.15));
      const cx = b.x + QUESTION.shapeW / 2 + 6;
      const cy = b.y + b.height / 2;
      if (order) group.add(this.add.text(cx, cy, String.fromCharCode(65 + i), textStyle(52)).setOrigin(0.5));
      else group.add(addShape(this, cx, cy, ANSWER_SHAPES[i % 4] ?? 'circle', 30, 0xffffff));
      group.add(this.draw(tile.label));
      group.setAlpha(0);
      this.animate({ targets: group, alpha: 1, delay: 150 + i * 90, duration: 300 });
      c.add(group);
    });
  }
}
