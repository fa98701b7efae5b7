// The UI catalogs, by language, in the shape i18next takes.
import { en } from './en.ts';
import { es } from './es.ts';
import type { Lang } from '../i18n-types.ts';

export const CATALOGS = { en, es } as const;
export type { Catalog } from './en.ts';

/** The language to use: ?lang=, else the browser's preferred languages, else Spanish. */
export function chooseLang(queryLang: string | null, preferred: readonly string[]): Lang {
  if (queryLang === 'es' || queryLang === 'en') return queryLang;
  for (const l of preferred) {
    const base = l.toLowerCase().slice(0, 2);
    if (base === 'es' || base === 'en') return base;
  }
  return 'es';
}

/** A catalog string by dotted key, or undefined (for pre-rendering pages on the server). */
export function lookup(lang: Lang, key: string): string | undefined {
  let node: unknown = CATALOGS[lang];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? node : undefined;
}
