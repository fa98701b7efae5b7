// Random nicknames fit the nickname limit whole, in both languages' word order.
import { describe, expect, it } from 'vitest';
import { randomNickname } from '../../client/src/player/names.ts';
import { CATALOGS } from '../../shared/i18n/index.ts';
import { GAME } from '../../shared/constants.ts';

describe('random nicknames', () => {
  it.each(['es', 'en'] as const)('in %s: every pick is whole words from the lists, within the limit', (lang) => {
    const { adjectives, animals } = CATALOGS[lang].names;
    for (let i = 0; i < 200; i++) {
      const seq = [i / 200];
      const name = randomNickname(adjectives, animals, lang, GAME.nameMaxChars, () => seq.shift() ?? 0.5);
      expect([...name].length).toBeLessThanOrEqual(GAME.nameMaxChars);
      const [first, second] = name.split(' ');
      if (lang === 'es') {
        expect(animals).toContain(first);
        expect(adjectives).toContain(second);
      } else {
        expect(adjectives).toContain(first);
        expect(animals).toContain(second);
      }
    }
  });
  it('never cuts a word when nothing fits: it falls back to a whole animal', () => {
    expect(randomNickname(['Extraordinariamente'], ['Hipopótamo'], 'es', 20)).toBe('Hipopótamo');
  });
});
