// Words for the right answer of a revealed question, shown on the projector and on phones.
import { t as translate } from '../i18n.ts';
import type { GameView } from './model.ts';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** "Right answer: …" in words, for the reveal on both screens (and read aloud). */
export function rightAnswerText(v: Pick<GameView, 'question' | 'reveal'>, t: Translate = translate): string {
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
      // numbers in the game language's format (99,7 in Spanish), without float noise (99.6, not
      // 99.60000000000001); the unit is not passed as "unit", which i18next's number format would take as its own
      return `${t('host.correctAnswer', { answer: t('host.quantity', { n: r.answer, label: q.unit }).trim() })}${r.tolerance ? ` (${t('host.acceptedRange', { min: r.answer - r.tolerance, max: r.answer + r.tolerance })})` : ''}`;
    default:
      return '';
  }
}
