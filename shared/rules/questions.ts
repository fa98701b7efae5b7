// How a question is shown and what its right answer is, in the terms players see: option texts
// in the shown order, and the right answer as indices into them. Used by the synced state and
// by the results document, so both always agree.
import type { Lang } from '../i18n-types.ts';
import { pick } from '../i18n-types.ts';
import type { Question } from '../content/schema.ts';

/** Option texts as shown (ordering: the shuffled order; true/false and estimates: none, the pages word them). */
export function shownOptions(q: Question, lang: Lang, shown: readonly number[]): string[] {
  switch (q.type) {
    case 'single':
    case 'multi':
    case 'poll':
      return q.options.map((o) => pick(o.text, lang));
    case 'order':
      return shown.map((i) => pick(q.items[i] ?? {}, lang));
    case 'truefalse':
    case 'numeric':
      return [];
    default: {
      const never: never = q;
      return never;
    }
  }
}

/** Choice types: the correct option indices (true/false: 0 = true). Ordering: the shown positions in the right order. Else []. */
export function correctIndices(q: Question, shown: readonly number[]): number[] {
  switch (q.type) {
    case 'single':
    case 'multi':
      return q.options.flatMap((o, i) => (o.correct ? [i] : []));
    case 'truefalse':
      return [q.answer ? 0 : 1];
    case 'order':
      return q.items.map((_, k) => shown.indexOf(k));
    case 'poll':
    case 'numeric':
      return [];
    default: {
      const never: never = q;
      return never;
    }
  }
}
