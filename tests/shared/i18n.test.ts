import { describe, expect, it } from 'vitest';
import { CATALOGS, chooseLang, lookup } from '../../shared/i18n/index.ts';

function flatten(node: unknown, prefix = ''): Record<string, unknown> {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return { [prefix]: node };
  return Object.assign({}, ...Object.entries(node).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
}
const placeholders = (s: unknown) => (typeof s === 'string' ? [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort() : []);

describe('UI catalogs', () => {
  const en = flatten(CATALOGS.en);
  const es = flatten(CATALOGS.es);
  it('have the same keys in es and en', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });
  it('have no empty strings and the same placeholders in both languages', () => {
    for (const key of Object.keys(en)) {
      for (const value of [en[key], es[key]]) {
        if (typeof value === 'string') expect(value.trim(), key).not.toBe('');
        if (Array.isArray(value)) expect(value.length, key).toBeGreaterThan(0);
      }
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
    }
  });
  it('list arrays of the same length (team names, name parts)', () => {
    for (const key of Object.keys(en)) if (Array.isArray(en[key])) expect((es[key] as unknown[]).length, key).toBe((en[key] as unknown[]).length);
  });
  it('chooses ?lang= first, then the browser languages, then Spanish', () => {
    expect(chooseLang('en', ['es-ES'])).toBe('en');
    expect(chooseLang(null, ['fr-FR', 'en-GB'])).toBe('en');
    expect(chooseLang('de', ['de-DE'])).toBe('es');
    expect(lookup('es', 'join.button')).toBe('Unirme');
    expect(lookup('en', 'join.nope')).toBeUndefined();
  });
});
