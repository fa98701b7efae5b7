// What every projector scene shares: the logical 1920×1080 canvas, the current view, render(view)
// called on every state change, text drawn through the one fitting function, and motion that
// honours "reduce motion". Scenes draw; they never send anything. The director draws a frame only
// when something changed or moves (see director.ts): a scene that animates says so through its
// tweens or wantsFrames().
import Phaser from 'phaser';
import type { GameView } from '../../view/model.ts';
import { LINE_HEIGHT } from '../../view/fit.ts';
import { canvasMeasure } from './measure.ts';
import { projectorStats } from './stats.ts';
import { FONT } from './font.ts';
import { READ_MIN, VIEW_H, VIEW_W, item, type Box, type ItemOptions, type TextItem } from './layout/text.ts';

export { FONT };
export const W = VIEW_W;
export const H = VIEW_H;
export { READ_MIN };
export type { Box, TextItem };

export interface ProjectorContext {
  view: GameView | null;
  clockOffset: number;
  /** prefers-reduced-motion or the host page's "Reduce motion": no particles, confetti, traffic dots or loops. */
  reducedMotion: boolean;
}

const overflows = projectorStats.overflows;
function reportCut(t: TextItem): void {
  if (t.fit.fits || overflows.length >= 50) return;
  const words = t.fit.lines.join(' ');
  if (!overflows.includes(words)) overflows.push(words);
}

export function textStyle(size: number, extra: Phaser.Types.GameObjects.Text.TextStyle = {}): Phaser.Types.GameObjects.Text.TextStyle {
  return { fontFamily: FONT, fontSize: `${size}px`, color: '#ffffff', fontStyle: 'bold', ...extra };
}

export abstract class HostScene extends Phaser.Scene {
  protected get ctx(): ProjectorContext {
    return (this.registry.get('ctx') as ProjectorContext | undefined) ?? { view: null, clockOffset: 0, reducedMotion: false };
  }

  protected get still(): boolean {
    return this.ctx.reducedMotion;
  }

  create(): void {
    this.cameras.main.setBackgroundColor('#0f1b2d');
    // the view is 1920×1080, scaled to fit the canvas and centred (as host/frame.ts places DOM over it)
    const fit = () => {
      const k = Math.min(this.scale.width / W, this.scale.height / H);
      this.cameras.main.setSize(this.scale.width, this.scale.height).setZoom(k).centerOn(W / 2, H / 2);
    };
    fit();
    this.scale.on(Phaser.Scale.Events.RESIZE, fit);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.scale.off(Phaser.Scale.Events.RESIZE, fit));
    this.build();
    const onView = (v: GameView) => this.render(v);
    this.game.events.on('view', onView);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.game.events.off('view', onView));
    const v = this.ctx.view;
    if (v) this.render(v);
  }

  /** Make the scene's fixed objects. */
  protected abstract build(): void;
  /** Bring the scene up to date with `v`. */
  abstract render(v: GameView): void;
  /** True while the scene draws something that moves without a tween (a countdown ring, traffic). */
  wantsFrames(): boolean {
    return false;
  }
  /** True when the scene shows a clock that must be redrawn every second. */
  showsClock(): boolean {
    return false;
  }
  /** A click or tap at logical (x, y). */
  tap(_x: number, _y: number): void {}
  /** A local command from the teacher's page (e.g. which team to focus). */
  command(_name: string, _value: unknown): void {}

  protected readonly measure = canvasMeasure;

  /** `text` fitted into `box` and drawn there (see fit.ts). */
  protected fitted(text: string, box: Box, options: ItemOptions = {}): Phaser.GameObjects.Text {
    return this.draw(item(canvasMeasure, text, box, options));
  }

  /** Draws a laid-out text: its fitted lines, at its size, aligned in its box. */
  protected draw(t: TextItem): Phaser.GameObjects.Text {
    const text = this.add.text(0, 0, '', textStyle(t.fit.size));
    this.redraw(text, t);
    return text;
  }

  /** Brings a drawn text to a laid-out one (same object: a new texture only if its words or size changed). */
  protected redraw(text: Phaser.GameObjects.Text, t: TextItem): void {
    reportCut(t);
    const f = t.fit;
    const b = t.box;
    const words = f.lines.join('\n');
    const weight = t.bold ? 'bold' : 'normal';
    if (text.text !== words || text.style.fontSize !== `${f.size}px` || text.style.fontStyle !== weight || text.style.align !== t.align) {
      text.setStyle({ fontSize: `${f.size}px`, fontStyle: weight, align: t.align });
      text.setText(words);
      const natural = text.style.getTextMetrics().fontSize || f.size;
      text.setLineSpacing(f.lines.length > 1 ? Math.round(f.size * LINE_HEIGHT - natural) : 0);
    }
    const color = t.color ?? '#ffffff';
    if (text.style.color !== color) text.setColor(color);
    text.setOrigin(t.align === 'left' ? 0 : t.align === 'center' ? 0.5 : 1, t.valign === 'top' ? 0 : t.valign === 'middle' ? 0.5 : 1);
    text.setPosition(t.align === 'left' ? b.x : t.align === 'center' ? b.x + b.width / 2 : b.x + b.width, t.valign === 'top' ? b.y : t.valign === 'middle' ? b.y + b.height / 2 : b.y + b.height);
  }

  /** A tween, or under reduced motion the end state at once. */
  protected animate(config: Phaser.Types.Tweens.TweenBuilderConfig): void {
    if (!this.still) {
      this.tweens.add(config);
      return;
    }
    const targets = (Array.isArray(config.targets) ? config.targets : [config.targets]) as Record<string, unknown>[];
    const skip = new Set(['targets', 'duration', 'delay', 'ease', 'yoyo', 'repeat', 'onComplete', 'onUpdate', 'hold', 'repeatDelay']);
    for (const [key, value] of Object.entries(config)) {
      if (skip.has(key) || config.yoyo) continue;
      for (const target of targets) target[key] = value;
    }
    (config.onComplete as (() => void) | undefined)?.();
  }
}
