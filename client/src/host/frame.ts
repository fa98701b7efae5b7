// How the teacher's page frames the projector view. The view (1920×1080, scaled to fit) gets the
// space the control bar and side panel leave; `placeOverCanvas` publishes where it landed as CSS
// variables (--k: screen px per logical px, --ox/--oy: its offset) so DOM placed over its empty
// lobby band scales with it. In full screen the bar folds away after a few idle seconds and comes
// back when the mouse moves.
import { VIEW_H as H, VIEW_W as W } from '../scenes/host/layout/text.ts';
import { JOIN_BAND } from '../scenes/host/layout/lobby.ts';

/** Idle time before the bar folds away in full screen, ms. */
export const BAR_IDLE_MS = 3000;

export function placeOverCanvas(stage: HTMLElement): void {
  const place = () => {
    const { width, height } = stage.getBoundingClientRect();
    const k = Math.min(width / W, height / H);
    stage.style.setProperty('--k', String(k));
    stage.style.setProperty('--ox', `${(width - W * k) / 2}px`);
    stage.style.setProperty('--oy', `${(height - H * k) / 2}px`);
    stage.style.setProperty('--band', String(JOIN_BAND));
  };
  new ResizeObserver(place).observe(stage);
  place();
}

export function autoHideInFullscreen(root: HTMLElement, bar: HTMLElement, keepShown: () => boolean): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let hovered = false;
  const schedule = () => {
    clearTimeout(timer);
    root.classList.remove('bar-hidden');
    if (!document.fullscreenElement) return;
    timer = setTimeout(() => {
      if (document.fullscreenElement && !hovered && !keepShown()) root.classList.add('bar-hidden');
      else schedule();
    }, BAR_IDLE_MS);
  };
  bar.addEventListener('pointerenter', () => (hovered = true));
  bar.addEventListener('pointerleave', () => (hovered = false));
  document.addEventListener('fullscreenchange', schedule);
  document.addEventListener('pointermove', () => {
    if (document.fullscreenElement) schedule();
  });
}
