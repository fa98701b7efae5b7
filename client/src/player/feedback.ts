// The phone's decoration, and only when it tells something: a short burst of dots for a right
// answer, a shake for a wrong one, a pulse when the score or the rank goes up. CSS animations of
// transform and opacity that end by themselves (no animation frames of ours, nothing running while
// the screen is still); none at all when the phone asks for reduced motion.
import { el } from '../ui/dom.ts';

const reduced = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Dots in a burst, and how long it lasts (ms): about the length of the CSS animation. */
const BURST = { dots: 14, ms: 900 } as const;

export function celebrate(host: HTMLElement, kind: 'correct' | 'partial' | 'wrong', target: HTMLElement | null): void {
  if (reduced()) return;
  if (kind === 'wrong') {
    if (!target) return;
    target.classList.remove('shake');
    void target.offsetWidth;
    target.classList.add('shake');
    target.addEventListener('animationend', () => target.classList.remove('shake'), { once: true });
    return;
  }
  const burst = el('div', { className: `burst ${kind}` });
  burst.setAttribute('aria-hidden', 'true');
  for (let i = 0; i < (kind === 'correct' ? BURST.dots : BURST.dots / 2); i++) {
    const dot = el('span');
    dot.style.setProperty('--a', `${(360 / BURST.dots) * i}deg`);
    dot.style.setProperty('--d', `${70 + ((i * 37) % 50)}px`);
    burst.append(dot);
  }
  host.append(burst);
  setTimeout(() => burst.remove(), BURST.ms + 100);
}

/** A brief pulse on an element whose number went up (the score). */
export function pulse(target: HTMLElement): void {
  if (reduced()) return;
  target.classList.remove('pulse');
  void target.offsetWidth;
  target.classList.add('pulse');
  target.addEventListener('animationend', () => target.classList.remove('pulse'), { once: true });
}
