// The built client (Vite output): compressed, hashed assets cached for a year, pages never cached.
// `/` is the student page, `/host` the teacher's. Pages are pre-filled with the catalog text of the
// visitor's language (?lang=, else Accept-Language), so the join form is readable and usable
// before any script has run on a slow phone.
import path from 'node:path';
import fs from 'node:fs';
import express, { type Request, type Router } from 'express';
import { chooseLang, lookup } from '../../shared/i18n/index.ts';
import { GAME } from '../../shared/constants.ts';
import type { Lang } from '../../shared/i18n-types.ts';
import { inlineStyleHashes } from './security-headers.ts';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Fills data-i18n elements and data-i18n-aria/-title attributes with `lang`'s catalog. */
export function prerender(html: string, lang: Lang): string {
  return html
    .replace(/<html lang="[a-z]+"/, `<html lang="${lang}"`)
    .replace(/(<([a-z0-9]+)\b[^>]*\bdata-i18n="([\w.-]+)"[^>]*>)[^<]*(<\/\2>)/g, (_m, open: string, _tag: string, key: string, close: string) => `${open}${escapeHtml(lookup(lang, key) ?? '')}${close}`)
    .replace(/\bdata-i18n-(aria|title)="([\w.-]+)"/g, (m, kind: string, key: string) => {
      const text = lookup(lang, key);
      return text ? `${m} ${kind === 'aria' ? 'aria-label' : 'title'}="${escapeHtml(text)}"` : m;
    });
}

/**
 * The join form as the visitor left it: a tap on Join before the page's script has loaded (a cheap
 * phone on school Wi-Fi) submits the form itself, as GET /?code=…&name=…; the page that comes
 * back has both fields filled (the script then joins), instead of an empty code field.
 */
export function fillJoinForm(html: string, query: Request['query']): string {
  const code = typeof query.code === 'string' ? query.code.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, GAME.codeLength) : '';
  const name = typeof query.name === 'string' ? [...query.name].slice(0, GAME.nameMaxChars).join('') : '';
  let out = html;
  if (code) out = out.replace('<input id="code" ', `<input id="code" value="${escapeHtml(code)}" `);
  if (name) out = out.replace('<input id="name" ', `<input id="name" value="${escapeHtml(name)}" `);
  return out;
}

function langOf(req: Request): Lang {
  const q = typeof req.query.lang === 'string' ? req.query.lang : null;
  const accepted = (req.get('accept-language') ?? '').split(',').map((part) => part.split(';')[0]?.trim() ?? '');
  return chooseLang(q, accepted);
}

/**
 * `pagePolicy` turns a page's inline <style> hashes into its Content-Security-Policy
 * (security-headers.ts): the page's own styles run, nothing injected does.
 */
export function createStaticRouter(clientDir: string, pagePolicy: (styleHashes: readonly string[]) => string = () => ''): Router {
  const router = express.Router();
  const cache = new Map<string, { mtimeMs: number; html: string; csp: string }>();
  const page = (file: string) => (req: Request, res: express.Response) => {
    const full = path.join(clientDir, file);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) {
      res.status(503).type('text/plain').send('The client is not built yet: run "npm run build" (npm start does it for you).');
      return;
    }
    const lang = langOf(req);
    const key = `${file}:${lang}`;
    let cached = cache.get(key);
    if (!cached || cached.mtimeMs !== stat.mtimeMs) {
      const html = prerender(fs.readFileSync(full, 'utf8'), lang);
      cached = { mtimeMs: stat.mtimeMs, html, csp: pagePolicy(inlineStyleHashes(html)) };
      cache.set(key, cached);
    }
    if (cached.csp) res.set('Content-Security-Policy', cached.csp);
    res.set('Cache-Control', 'no-cache').set('Vary', 'Accept-Language').type('html').send(file === 'index.html' ? fillJoinForm(cached.html, req.query) : cached.html);
  };
  router.get('/', page('index.html'));
  router.get(['/host', '/host/'], page('host.html'));
  router.get(['/host/sets', '/host/sets/'], page('sets.html'));
  router.get(['/host/results', '/host/results/'], page('results.html'));
  router.get(['/homework', '/homework/', '/homework/:id'], page('homework.html'));
  router.get('/homework/:id/results', page('results.html'));
  router.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  return router;
}
