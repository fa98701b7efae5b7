// The nickname policy, as pure functions any mode that seats a student can call (the live game in
// game.ts, homework attempts): a typed nickname is screened by the word-list filter
// (name-filter.ts); a generated one is two whole words of the game's language (an adjective and an
// animal, in the order the language puts them) drawn from the game's seed, never cut to fit.
import { GAME } from '../constants.ts';
import { CATALOGS } from '../i18n/index.ts';
import type { Lang } from '../i18n-types.ts';
import type { Refusal } from '../protocol.ts';
import { createRng, hashString, nextInt } from '../rng.ts';
import { screenName, type NameFilter } from './name-filter.ts';

/** How students get their nicknames in a game: they type one, or the server gives them one. */
export const NICKNAME_MODES = ['typed', 'generated'] as const;
export type NicknameMode = (typeof NICKNAME_MODES)[number];

type NameResult = { ok: true; value: string } | ({ ok: false } & Refusal);

export const NAME_REFUSALS = {
  offensive: "That nickname can't be used in class. Please pick another one.",
  reserved: "Nicknames can't look like the teacher's or the game's (Teacher, Profe, Host, Admin…). Please pick another one.",
  generated: 'In this game everyone gets a generated nickname: join without typing one.',
} as const;

/**
 * A typed nickname (already valid in shape: game.ts validateName) screened by the filter: an
 * offensive word or a name that passes for the teacher is refused, politely, with a code the
 * pages translate ('name_offensive', 'name_reserved').
 */
export function screenTypedName(name: string, filter: NameFilter): NameResult {
  const r = screenName(filter, name);
  if (r.ok) return { ok: true, value: name };
  return r.kind === 'offensive' ? { ok: false, code: 'name_offensive', reason: NAME_REFUSALS.offensive } : { ok: false, code: 'name_reserved', reason: NAME_REFUSALS.reserved };
}

/** Every "adjective animal" of the lists that fits `maxChars` whole, in the language's word order. */
export function composeNicknames(adjectives: readonly string[], animals: readonly string[], lang: Lang, maxChars: number = GAME.nameMaxChars): string[] {
  const fits: string[] = [];
  for (const a of adjectives) {
    for (const b of animals) {
      const name = lang === 'es' ? `${b} ${a}` : `${a} ${b}`;
      if ([...name].length <= maxChars) fits.push(name);
    }
  }
  return fits;
}

const choicesByLang = new Map<Lang, readonly string[]>();

/** The generated nicknames of a language (the catalog's names.adjectives × names.animals that fit). */
export function nicknameChoices(lang: Lang): readonly string[] {
  let choices = choicesByLang.get(lang);
  if (!choices) {
    const { adjectives, animals } = CATALOGS[lang].names;
    choices = composeNicknames(adjectives, animals, lang);
    choicesByLang.set(lang, choices);
  }
  return choices;
}

/** One of `choices` for a random number in [0, 1) (the join page's dice, with the browser's random). */
export function pickNickname(choices: readonly string[], random: number): string | undefined {
  return choices[Math.min(choices.length - 1, Math.floor(random * choices.length))];
}

/** Random tries before walking the list for a free name (a nearly full game). */
const DRAW_TRIES = 8;

/**
 * Draw number `draw` of a game seeded `seed`: a generated nickname that `isTaken` does not
 * refuse, or null when every one is taken. Same seed and draw, same name.
 */
export function drawNickname(lang: Lang, seed: number, draw: number, isTaken: (name: string) => boolean): string | null {
  const choices = nicknameChoices(lang);
  if (choices.length === 0) return null;
  const rng = createRng(hashString(`${seed}:${draw}`));
  for (let i = 0; i < DRAW_TRIES; i++) {
    const name = choices[nextInt(rng, choices.length)]!;
    if (!isTaken(name)) return name;
  }
  const start = nextInt(rng, choices.length);
  for (let i = 0; i < choices.length; i++) {
    const name = choices[(start + i) % choices.length]!;
    if (!isTaken(name)) return name;
  }
  return null;
}
