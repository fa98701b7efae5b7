// Which language a page speaks, without loading any catalog (the join page loads only its own).
import type { Lang } from '../i18n-types.ts';

/** The language to use: ?lang=, else the browser's preferred languages, else Spanish. */
export function chooseLang(queryLang: string | null, preferred: readonly string[]): Lang {
  if (queryLang === 'es' || queryLang === 'en') return queryLang;
  for (const l of preferred) {
    const base = l.toLowerCase().slice(0, 2);
    if (base === 'es' || base === 'en') return base;
  }
  return 'es';
}
