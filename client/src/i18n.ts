// i18next over the shared catalogs. Text is always set with textContent, never as HTML,
// so interpolation escaping is off.
import i18next from 'i18next';
import { CATALOGS, chooseLang } from '../../shared/i18n/index.ts';
import type { Lang } from '../../shared/i18n-types.ts';

export async function initI18n(lang?: Lang): Promise<Lang> {
  const chosen = lang ?? chooseLang(new URLSearchParams(location.search).get('lang'), navigator.languages ?? [navigator.language]);
  await i18next.init({
    lng: chosen,
    fallbackLng: 'en',
    resources: { en: { translation: CATALOGS.en }, es: { translation: CATALOGS.es } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = chosen;
  return chosen;
}

export async function setLang(lang: Lang): Promise<void> {
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  applyI18n(document.body);
}

export function t(key: string, vars?: Record<string, unknown>): string {
  return i18next.t(key, vars as never) as unknown as string;
}

export function list(key: string): string[] {
  return i18next.t(key, { returnObjects: true }) as unknown as string[];
}

export function currentLang(): Lang {
  return (i18next.language === 'en' ? 'en' : 'es') as Lang;
}

/** Fills [data-i18n] (text), [data-i18n-aria] (aria-label) and [data-i18n-title] (title) under `root`. */
export function applyI18n(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => (el.textContent = t(el.dataset.i18n!)));
  root.querySelectorAll<HTMLElement>('[data-i18n-aria]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nAria!)));
  root.querySelectorAll<HTMLElement>('[data-i18n-title]').forEach((el) => (el.title = t(el.dataset.i18nTitle!)));
}
