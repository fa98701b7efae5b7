// The UI catalogs, by language, in the shape i18next takes.
import { en } from './en.ts';
import { es } from './es.ts';
import type { Lang } from '../i18n-types.ts';

export const CATALOGS = { en, es } as const;
export type { Catalog } from './en.ts';

export { chooseLang } from './choose.ts';

/** A catalog string by dotted key, or undefined (for pre-rendering pages on the server). */
export function lookup(lang: Lang, key: string): string | undefined {
  let node: unknown = CATALOGS[lang];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? node : undefined;
}
