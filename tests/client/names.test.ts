// Generated nicknames: two whole words of the game's language, within the limit, in the
// language's word order; the server's draws are fixed by the game's seed, and none of them is
// refused by the nickname filter.
import { describe, expect, it } from 'vitest';
import { composeNicknames, drawNickname, nicknameChoices, pickNickname } from '../../shared/rules/nicknames.ts';
import { screenName } from '../../shared/rules/name-filter.ts';
import { loadNameFilter } from '../../server/content/load-names.ts';
import { CATALOGS } from '../../shared/i18n/index.ts';
import { GAME } from '../../shared/constants.ts';

describe('generated nicknames', () => {
  it.each(['es', 'en'] as const)('in %s: every choice is two whole words from the lists, within the limit', (lang) => {
    const { adjectives, animals } = CATALOGS[lang].names;
    const choices = nicknameChoices(lang);
    expect(choices.length).toBeGreaterThanOrEqual(GAME.maxPlayers);
    for (const name of choices) {
      expect([...name].length).toBeLessThanOrEqual(GAME.nameMaxChars);
      const [first, second, rest] = name.split(' ');
      expect(rest).toBeUndefined();
      if (lang === 'es') {
        expect(animals).toContain(first);
        expect(adjectives).toContain(second);
      } else {
        expect(adjectives).toContain(first);
        expect(animals).toContain(second);
      }
    }
  });

  it.each(['es', 'en'] as const)('in %s: the filter accepts every one of them', (lang) => {
    const filter = loadNameFilter();
    expect(nicknameChoices(lang).filter((n) => !screenName(filter, n).ok)).toEqual([]);
  });

  it('leaves out pairs that would not fit whole, rather than cutting a word', () => {
    expect(composeNicknames(['Extraordinariamente', 'Feliz'], ['Hipopótamo', 'Gato'], 'es', 20)).toEqual(['Hipopótamo Feliz', 'Gato Feliz']);
    expect(pickNickname([], 0.5)).toBeUndefined();
  });

  it('draws the same name for the same seed and draw, and skips taken ones', () => {
    const a = drawNickname('en', 42, 1, () => false);
    expect(drawNickname('en', 42, 1, () => false)).toBe(a);
    expect(drawNickname('en', 42, 1, (n) => n === a)).not.toBe(a);
    const all = nicknameChoices('es');
    const last = all[all.length - 1];
    expect(drawNickname('es', 7, 3, (n) => n !== last)).toBe(last);
    expect(drawNickname('es', 7, 3, () => true)).toBeNull();
  });
});
