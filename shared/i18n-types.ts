// Languages the game speaks, and text carried in both of them.
export const LANGS = ['es', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A piece of content text in each language. Built-in content has both; a teacher's set may have one. */
export type Localized = Partial<Record<Lang, string>>;

/** The text in `lang`, falling back to the other language, then to ''. */
export function pick(text: Localized, lang: Lang): string {
  return text[lang] ?? text[lang === 'es' ? 'en' : 'es'] ?? '';
}

export function isLang(value: unknown): value is Lang {
  return value === 'es' || value === 'en';
}
