// i18next over the shared catalogs. Text is always set with textContent, never as HTML,
// so interpolation escaping is off. A page loads only the catalog of the language it speaks (the
// two together are most of the join page's script on a slow phone); the other comes when the
// page switches. The catalogs have the same keys (tested), so no fallback language is needed.
import i18next from 'i18next';
import { chooseLang } from '../../shared/i18n/choose.ts';
import type { Lang } from '../../shared/i18n-types.ts';

const CATALOG: Record<Lang, () => Promise<object>> = {
  en: () => import('../../shared/i18n/en.ts').then((m) => m.en),
  es: () => import('../../shared/i18n/es.ts').then((m) => m.es),
};

async function ensureCatalog(lang: Lang): Promise<void> {
  if (!i18next.hasResourceBundle(lang, 'translation')) i18next.addResourceBundle(lang, 'translation', await CATALOG[lang]());
}

export async function initI18n(lang?: Lang): Promise<Lang> {
  const chosen = lang ?? chooseLang(new URLSearchParams(location.search).get('lang'), navigator.languages ?? [navigator.language]);
  await i18next.init({
    lng: chosen,
    fallbackLng: false,
    resources: { [chosen]: { translation: await CATALOG[chosen]() } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = chosen;
  return chosen;
}

export async function setLang(lang: Lang): Promise<void> {
  await ensureCatalog(lang);
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
