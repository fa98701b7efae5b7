// One polite live region for what a screen reader should hear without moving focus: the countdown
// at its milestones, the reveal, what an action did. The score has its own (my-score is aria-live).
import { el } from '../ui/dom.ts';

export class Announcer {
  readonly root = el('div', { className: 'sr-only' });
  private last = '';

  constructor() {
    this.root.setAttribute('aria-live', 'polite');
    this.root.setAttribute('aria-atomic', 'true');
  }

  say(text: string): void {
    if (!text) return;
    // The same text twice is announced again only if the region changes in between.
    this.root.textContent = text === this.last ? `${text}\u00a0` : text;
    this.last = text;
  }
}
