// The phone preview: the current draft question drawn like the phone's answer screen
// (client/src/player/game.ts, same CSS), inert and hidden from screen readers: it is a picture.
import '../player/game.css';
import { pick, type Lang } from '../../../shared/i18n-types.ts';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';
import { ANSWER_COLORS, ANSWER_SHAPES, shapeSvg } from '../view/palette.ts';
import type { Question } from '../../../shared/content/schema.ts';
import { showOrder } from '../../../shared/rules/questions.ts';
import { toQuestion, type DraftQuestion } from './model.ts';

const PREVIEW_SECONDS = 20;

function choice(text: string, i: number): HTMLButtonElement {
  const b = el('button', { className: 'answer', type: 'button', tabIndex: -1 });
  b.style.background = ANSWER_COLORS[i % 4] ?? '#333';
  b.innerHTML = shapeSvg(ANSWER_SHAPES[i % 4] ?? 'circle');
  b.append(el('span', {}, text));
  return b;
}

/** The order one game shows the options or steps in (a fixed game seed), pinned options in place, as players get it. */
function shownOrder(q: DraftQuestion): number[] {
  return showOrder(toQuestion(q) as Question, { seed: 1, round: 0, index: 0 });
}

function controls(q: DraftQuestion, lang: Lang): Node[] {
  const text = (l: Parameters<typeof pick>[0]) => pick(l, lang);
  const send = () => el('button', { className: 'primary', type: 'button', tabIndex: -1, textContent: t('player.send') });
  const options = () => shownOrder(q).map((id, i) => choice(text(q.options[id]?.text ?? {}), i));
  switch (q.type) {
    case 'single':
      return [el('div', { className: 'answers' }, ...options())];
    case 'poll':
      return [el('p', { className: 'muted' }, t('player.pollHint')), el('div', { className: 'answers' }, ...options())];
    case 'multi':
      return [el('p', { className: 'muted' }, t('player.multiHint')), el('div', { className: 'answers' }, ...options()), send()];
    case 'truefalse':
      return [el('div', { className: 'answers two' }, choice(t('answer.true'), 0), choice(t('answer.false'), 1))];
    case 'order':
      return [
        el('p', { className: 'muted' }, t('player.orderHint')),
        el('div', { className: 'order' }, ...shownOrder(q).map((i) => el('button', { className: 'order-item', type: 'button', tabIndex: -1 }, el('span', { className: 'badge' }), el('span', {}, text(q.items[i] ?? {}))))),
        el('div', { className: 'row' }, el('button', { className: 'secondary', type: 'button', tabIndex: -1, textContent: t('player.reset') }), send()),
      ];
    case 'numeric': {
      // The phone's slider starts with no value (shared/protocol.ts): nothing is shown chosen.
      return [
        el('p', { className: 'muted' }, t('player.numericHint')),
        el('output', { className: 'value' }, `— ${text(q.unit)}`.trim()),
        el('input', { type: 'range', min: String(q.min), max: String(q.max), step: String(q.step), value: String(q.min), tabIndex: -1 }),
        send(),
      ];
    }
  }
}

/** Redraws `screen` (the inside of the phone frame) for `q`. */
export function renderPreview(screen: HTMLElement, q: DraftQuestion | undefined, lang: Lang): void {
  const game = el('div', { id: 'game' });
  const bar = el('header', { className: 'bar' }, el('span', { className: 'chip', textContent: t('teams.team', { name: t('teams.names.0') }) }), el('span', { className: 'score' }, el('span', { className: 'label' }, t('player.score')), ' ', el('strong', {}, '0')));
  bar.querySelector<HTMLElement>('.chip')!.style.background = '#e4572e';
  const seconds = Number.isFinite(q?.timeLimitSec) ? q!.timeLimitSec : PREVIEW_SECONDS;
  const panel = el('main', { className: 'panel' });
  if (q) panel.append(el('h2', {}, pick(q.text, lang) || '…'), ...controls(q, lang));
  game.append(bar, el('div', { className: 'timer' }, `${seconds}`), panel);
  screen.replaceChildren(game);
}
