// What every projector scene shares: the logical 1920×1080 canvas, the current view, and a
// render(view) called on every state change. Scenes draw; they never send anything.
import Phaser from 'phaser';
import type { GameView } from '../../view/model.ts';

export const W = 1920;
export const H = 1080;
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

export interface ProjectorContext {
  view: GameView | null;
  clockOffset: number;
}

export function textStyle(size: number, extra: Phaser.Types.GameObjects.Text.TextStyle = {}): Phaser.Types.GameObjects.Text.TextStyle {
  return { fontFamily: FONT, fontSize: `${size}px`, color: '#ffffff', fontStyle: 'bold', ...extra };
}

export abstract class HostScene extends Phaser.Scene {
  protected get ctx(): ProjectorContext {
    return (this.registry.get('ctx') as ProjectorContext | undefined) ?? { view: null, clockOffset: 0 };
  }

  create(): void {
    this.cameras.main.setBackgroundColor('#0f1b2d');
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
}
