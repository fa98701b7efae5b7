// The set editor's fairness panel: the answer-leak checks of `npm run content -- --lint`
// (shared/content/lint.ts), in the teacher's words and language, naming questions by number.
import type { Check, LintReport, QuestionFlag } from '../../../shared/content/lint.ts';
import type { Lang } from '../../../shared/i18n-types.ts';
import { t } from '../i18n.ts';
import { el } from '../ui/dom.ts';

/** Questions listed after a check, and look-alike pairs, at most this many. */
const MAX_LISTED = 12;
const MAX_PAIRS = 6;

const percent = (x: number, lang: Lang) => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(x);

/** The position (1-based key) whose figure strays most from `from` (0 = the largest figure). */
function worstPosition(figures: Readonly<Record<string, number>>, from = 0): [string, number] {
  let best: [string, number] = ['1', 0];
  for (const [k, v] of Object.entries(figures)) if (/^\d+$/.test(k) && Math.abs(v - from) > Math.abs(best[1] - from)) best = [k, v];
  return best;
}

function checkText(c: Check, lang: Lang, numbers: ReadonlyMap<string, number>): string {
  const pct = (x: number) => percent(x, lang);
  switch (c.id) {
    case 'position': {
      const [position, share] = worstPosition(c.figures);
      return t('editor.fair.position', { position, share: pct(share) });
    }
    case 'multiPosition': {
      const overall = c.figures.overall ?? 0;
      const [position, share] = worstPosition(c.figures, overall);
      return t('editor.fair.multiPosition', { position, share: pct(share), overall: pct(overall) });
    }
    case 'trueFalse':
      return t('editor.fair.trueFalse', { count: c.figures.true ?? 0, total: c.sample, share: pct(c.value) });
    case 'trueFalseTopics': {
      const topics = c.offenders.map((o) => {
        const key = o.slice(0, o.indexOf(':'));
        return key === '(no topic)' ? t('editor.fair.noTopic') : t(`topic.${key}`);
      });
      return t('editor.fair.trueFalseTopics', { topics: topics.join(', ') });
    }
    case 'longest':
      return t('editor.fair.longest', { share: pct(c.value) });
    case 'absolute': {
      const ratios = Object.entries(c.figures).filter(([k]) => k.endsWith('.ratio'));
      const worst = ratios.reduce((w, r) => (Math.max(r[1], 1 / r[1]) > Math.max(w[1], 1 / w[1]) ? r : w), ['', 1] as [string, number]);
      return t(worst[1] >= 1 ? 'editor.fair.absoluteWrong' : 'editor.fair.absoluteRight');
    }
    case 'midpoint':
      return t('editor.fair.midpoint');
    case 'nearDuplicates': {
      const pairs = c.offenders.map((p) => p.split(' + ').map((id) => numbers.get(id) ?? id).join(t('editor.fair.and')));
      const shown = pairs.length > MAX_PAIRS ? `${pairs.slice(0, MAX_PAIRS).join('; ')}… (+${pairs.length - MAX_PAIRS})` : pairs.join('; ');
      return t('editor.fair.nearDuplicates', { pairs: shown });
    }
    case 'translations':
      return t('editor.fair.translations', { langs: Object.entries(c.figures).flatMap(([l, n]) => (n > 0 ? [t(`lang.${l}`)] : [])).join(', ') });
    default: {
      const never: never = c.id;
      return never;
    }
  }
}

/** Question numbers a check concerns ('' when it names topics or pairs itself). */
function questionList(c: Check, numbers: ReadonlyMap<string, number>): string {
  if (c.id === 'trueFalseTopics' || c.id === 'nearDuplicates') return '';
  const ns = [...new Set(c.offenders.map((id) => numbers.get(id)).filter((n): n is number => n !== undefined))].sort((a, b) => a - b);
  if (ns.length === 0) return '';
  return t('editor.fair.questions', { count: ns.length, list: ns.length > MAX_LISTED ? `${ns.slice(0, MAX_LISTED).join(', ')}…` : ns.join(', ') });
}

/** Redraws the panel: every check over its threshold, or that none is. */
export function renderFairness(box: HTMLElement, report: LintReport, numbers: ReadonlyMap<string, number>, lang: Lang): void {
  const failing = report.checks.filter((c) => !c.ok);
  box.classList.toggle('ok', failing.length === 0);
  box.replaceChildren(
    el('h2', { id: 'fairness-title' }, t('editor.fair.title')),
    el('p', { className: 'hint' }, t('editor.fair.intro')),
    failing.length === 0
      ? el('p', {}, `✓ ${t('editor.fair.ok')}`)
      : el(
          'ul',
          {},
          ...failing.map((c) => {
            const list = questionList(c, numbers);
            const li = el('li', {}, checkText(c, lang, numbers), ...(list ? [` ${list}`] : []));
            li.dataset.check = c.id;
            return li;
          }),
        ),
  );
  box.setAttribute('aria-labelledby', 'fairness-title');
}

/** One question's own problems, as sentences. */
export function questionFlagsText(flags: readonly QuestionFlag[], numbers: ReadonlyMap<string, number>): string[] {
  return flags.map((f) => {
    switch (f.kind) {
      case 'midpoint':
        return t('editor.fair.flagMidpoint');
      case 'nearDuplicate':
        return t('editor.fair.flagDuplicate', { n: numbers.get(f.other) ?? f.other });
      case 'translation':
        return t('editor.fair.flagTranslation', { lang: t(`lang.${f.lang}`) });
      default: {
        const never: never = f;
        return never;
      }
    }
  });
}
