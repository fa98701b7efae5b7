// Words for the right answer of a revealed question, shown on the projector and on phones.
import { t } from '../i18n.ts';
import type { GameView } from './model.ts';

/** "Right answer: …" in words, for the reveal on both screens. */
export function rightAnswerText(v: GameView): string {
  const q = v.question;
  const r = v.reveal;
  switch (q.type) {
    case 'single':
    case 'multi':
      return t('host.correctAnswer', { answer: r.correct.map((i) => q.options[i]).join(' · ') });
    case 'truefalse':
      return t('host.correctAnswer', { answer: r.correct[0] === 0 ? t('answer.true') : t('answer.false') });
    case 'order':
      return t('host.correctAnswer', { answer: r.correct.map((p) => q.options[p]).join(' → ') });
    case 'numeric':
      return `${t('host.correctAnswer', { answer: `${r.answer} ${q.unit}`.trim() })}${r.tolerance ? ` (${t('host.acceptedRange', { min: r.answer - r.tolerance, max: r.answer + r.tolerance })})` : ''}`;
    default:
      return '';
  }
}
