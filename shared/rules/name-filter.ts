// The nickname filter: refuses offensive nicknames and nicknames that pass for the teacher, in
// Spanish and English. Pure: the word lists arrive as text (assets/names/*.txt, read by the
// server; see the README there for the format and where the words come from) and compile once.
//
// Both the lists and a nickname are folded the same way before they are compared: case,
// accents, letter/digit and symbol swaps (sh1t, @ss, $hit), look-alike Cyrillic and Greek
// letters, and a censoring `*` (f*ck). Repeated letters are compared as runs, and a run of the
// nickname matches when it is at least as long as the entry's ("shiiit" is "shit", "As" is not
// "ass"). An entry matches a whole word, so ordinary names that merely contain one ("Dickens",
// "Cassandra", "Scunthorpe") pass; only entries written *like this* match inside longer words.
// Words are what separators, case changes (BigDick) and edge digits (dick69) delimit; letters
// spelled out one by one (f u c k, f.u.c.k) are joined back into a word.

export type NameListKind = 'offensive' | 'reserved';

export interface NameListText {
  readonly kind: NameListKind;
  /** Where the text comes from, for problem reports (a file name). */
  readonly source: string;
  readonly text: string;
}

export type NameScreen = { ok: true } | { ok: false; kind: NameListKind; entry: string };

/** Run-length form of a folded word: "shiiit" → chars "shit", counts [1, 1, 3, 1]. */
interface Runs {
  readonly chars: string;
  readonly counts: readonly number[];
}

interface Entry {
  readonly kind: NameListKind;
  readonly text: string;
  /** One Runs per word (one for a word or an inside entry, several for a phrase). */
  readonly words: readonly Runs[];
  readonly inside: boolean;
}

export interface NameFilter {
  readonly entries: number;
  /** Whole-word entries by their collapsed letters. */
  readonly byWord: ReadonlyMap<string, readonly Entry[]>;
  readonly phrases: readonly Entry[];
  readonly inside: readonly Entry[];
}

export interface ListProblem {
  readonly source: string;
  readonly line: number;
  readonly message: string;
}

const ENTRY_PATTERN = /^(\*[a-z]+\*|[a-z]+( [a-z]+)*)$/;

/** Compiles the lists; `problems` lists malformed lines (the filter skips them). */
export function compileNameFilter(lists: readonly NameListText[]): { filter: NameFilter; problems: ListProblem[] } {
  const byWord = new Map<string, Entry[]>();
  const phrases: Entry[] = [];
  const inside: Entry[] = [];
  const problems: ListProblem[] = [];
  let entries = 0;
  for (const list of lists) {
    list.text.split(/\r?\n/).forEach((raw, i) => {
      const line = raw.replace(/#.*$/, '').trim();
      if (line === '') return;
      if (!ENTRY_PATTERN.test(line)) {
        problems.push({ source: list.source, line: i + 1, message: `"${line}" is not a lower-case word, *word* or words separated by single spaces` });
        return;
      }
      entries++;
      const isInside = line.startsWith('*');
      const text = isInside ? line.slice(1, -1) : line;
      const entry: Entry = { kind: list.kind, text, words: text.split(' ').map(runsOf), inside: isInside };
      if (isInside) inside.push(entry);
      else if (entry.words.length > 1) {
        phrases.push(entry);
        // A phrase written as one word ("sonofabitch") is caught inside longer words too.
        inside.push({ ...entry, words: [runsOf(text.replace(/ /g, ''))], inside: true });
      } else {
        const key = entry.words[0]!.chars;
        byWord.set(key, [...(byWord.get(key) ?? []), entry]);
      }
    });
  }
  return { filter: { entries, byWord, phrases, inside }, problems };
}

/**
 * Whether a nickname contains an entry of the lists: offensive entries are looked for first.
 * `name` should already be a valid nickname (game.ts validateName): this only reads its words.
 */
export function screenName(filter: NameFilter, name: string): NameScreen {
  const readings = readingsOf(name);
  for (const kind of ['offensive', 'reserved'] as const) {
    const hit = findEntry(filter, readings, kind);
    if (hit) return { ok: false, kind, entry: hit.text };
  }
  return { ok: true };
}

// ---------- reading a nickname ----------

/** Letters as the lists spell them: Cyrillic and Greek look-alikes, ligatures and letters NFKD keeps whole. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', з: '3', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ь: 'b',
  α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', μ: 'u', ς: 's',
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', ı: 'i', ð: 'd', þ: 'th', ŀ: 'l',
};

/**
 * Capitals of other scripts drawn like Latin capitals. Read before lower-casing, since some
 * lower-case forms read differently (Greek Η is an H, its η an n).
 */
const CAPITAL_LOOKALIKES: Readonly<Record<string, string>> = {
  А: 'a', В: 'b', Е: 'e', Ѕ: 's', І: 'i', Ј: 'j', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', Х: 'x', Ү: 'y',
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't', Υ: 'y', Χ: 'x',
};

/**
 * A text as it looks rather than as it is spelled, lower-cased: Cyrillic and Greek look-alikes
 * become the Latin letter they pass for, and the accents Latin, Greek and Cyrillic letters carry
 * are dropped ("Аlice" in Cyrillic, "Alicé" and "alice" fold alike; José and Jose do too).
 * Marks of other scripts (Devanagari vowel signs, kana voicing) are letters there and stay, so
 * names written in them keep apart. For telling apart nicknames in one game (game.ts normalizeName).
 */
export function foldLookalikes(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFD')) {
    if (ch >= '\u0300' && ch <= '\u036f') continue;
    const lower = ch.toLowerCase();
    out += CAPITAL_LOOKALIKES[ch] ?? LOOKALIKES[lower] ?? lower;
  }
  return out.normalize('NFC');
}

/** Digits and symbols that stand for letters; `1` reads as i and, in a second reading, as l. */
const SWAPS: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '2': 'z', '3': 'e', '4': 'a', '5': 's', '6': 'g', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '€': 'e', '£': 'l', '!': 'i', '¡': 'i', '|': 'l', '+': 't' };

/** A censoring star stands for one letter; these are tried in its place. */
const STAR_LETTERS = ['a', 'e', 'i', 'o', 'u', 'c'] as const;
const MAX_STARS = 2;

interface Token {
  /** Folded characters: letters, a swapped symbol's letter, or '*'. */
  readonly chars: readonly string[];
  /** Which characters came from digits or symbols. */
  readonly swapped: readonly boolean[];
}

/** Every way of reading the nickname's words worth comparing with the lists. */
interface Readings {
  /** Each tokenization (with and without case-change splits), as lists of word candidates. */
  readonly words: readonly (readonly (readonly string[])[])[];
  /** The whole nickname without separators, in each reading. */
  readonly compact: readonly string[];
}

function readingsOf(name: string): Readings {
  const chars = [...name.normalize('NFKD').replace(/\p{M}/gu, '')];
  const words: string[][][] = [];
  const compact = new Set<string>();
  for (const splitOnCase of [false, true]) {
    const tokens = tokenize(chars, splitOnCase);
    const joined = joinSpelledOut(tokens);
    const candidates = joined.map(tokenReadings);
    // Short pieces ("fu ck", "Di Ck") are read as one word too; longer ones never are ("Ana L" is not a word).
    if (tokens.length > 1 && tokens.every((tk) => tk.chars.length <= 2)) candidates.push(tokenReadings(concat(tokens)));
    words.push(candidates);
    for (const c of tokenReadings(concat(tokens))) compact.add(c);
  }
  return { words, compact: [...compact] };
}

function isSeparator(ch: string): boolean {
  return !(/[\p{L}\p{N}]/u.test(ch) || ch in SWAPS || ch === '*');
}

function tokenize(chars: readonly string[], splitOnCase: boolean): Token[] {
  const tokens: Token[] = [];
  let cur: { chars: string[]; swapped: boolean[] } = { chars: [], swapped: [] };
  const end = () => {
    if (cur.chars.length > 0) tokens.push(cur);
    cur = { chars: [], swapped: [] };
  };
  const isUpper = (ch: string | undefined) => ch !== undefined && ch !== ch.toLowerCase();
  const isLower = (ch: string | undefined) => ch !== undefined && ch !== ch.toUpperCase();
  chars.forEach((ch, i) => {
    if (isSeparator(ch)) {
      end();
      return;
    }
    // A word starts at an upper-case letter after a lower-case one (BigDick), or before a
    // lower-case one after upper-case ones (xXDickXx, HTTPServer).
    const prev = chars[i - 1];
    if (splitOnCase && isUpper(ch) && (isLower(prev) || (isUpper(prev) && isLower(chars[i + 1])))) end();
    const lower = ch.toLowerCase();
    const folded = LOOKALIKES[lower] ?? lower;
    for (const f of folded) {
      const swap = SWAPS[f];
      cur.chars.push(swap ?? f);
      cur.swapped.push(swap !== undefined);
    }
  });
  end();
  return tokens;
}

/** Runs of one-letter tokens ("f u c k", "f.u.c.k") become one token. */
function joinSpelledOut(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  let run: Token[] = [];
  const flush = () => {
    if (run.length > 1) out.push(concat(run));
    else out.push(...run);
    run = [];
  };
  for (const tk of tokens) {
    if (tk.chars.length === 1) run.push(tk);
    else {
      flush();
      out.push(tk);
    }
  }
  flush();
  return out;
}

function concat(tokens: readonly Token[]): Token {
  return { chars: tokens.flatMap((t) => t.chars), swapped: tokens.flatMap((t) => t.swapped) };
}

/**
 * The strings a token may stand for: as swapped; with 1 read as l; without digits at its edges
 * (dick69, 2pac) or an xX…Xx frame; with each censoring star tried as a letter.
 */
function tokenReadings(tk: Token): string[] {
  const base = tk.chars.join('');
  const out = new Set<string>([base]);
  if (tk.chars.some((c, i) => c === 'i' && tk.swapped[i])) out.add(tk.chars.map((c, i) => (c === 'i' && tk.swapped[i] ? 'l' : c)).join(''));
  let start = 0;
  let end = tk.chars.length;
  while (start < end && tk.swapped[start]) start++;
  while (end > start && tk.swapped[end - 1]) end--;
  if (end > start && (start > 0 || end < tk.chars.length)) out.add(tk.chars.slice(start, end).join(''));
  // the gamer's xX…Xx frame
  const unframed = base.replace(/^x+(?=.)/, '').replace(/(?<=.)x+$/, '');
  if (unframed !== base && unframed.length >= 2) out.add(unframed);
  const withStars = [...out].filter((s) => s.includes('*'));
  for (const s of withStars) {
    out.delete(s);
    if ((s.match(/\*/g) ?? []).length > MAX_STARS) continue;
    for (const filled of fillStars(s)) out.add(filled);
  }
  return [...out];
}

function fillStars(s: string): string[] {
  const i = s.indexOf('*');
  if (i < 0) return [s];
  return STAR_LETTERS.flatMap((l) => fillStars(s.slice(0, i) + l + s.slice(i + 1)));
}

// ---------- comparing ----------

function runsOf(s: string): Runs {
  let chars = '';
  const counts: number[] = [];
  for (const ch of s) {
    if (chars.endsWith(ch)) counts[counts.length - 1]! += 1;
    else {
      chars += ch;
      counts.push(1);
    }
  }
  return { chars, counts };
}

/** `input`'s runs from `at` spell `term` with every run at least as long. */
function runsMatchAt(input: Runs, term: Runs, at: number): boolean {
  if (at + term.chars.length > input.chars.length) return false;
  for (let j = 0; j < term.chars.length; j++) {
    if (input.chars[at + j] !== term.chars[j] || (input.counts[at + j] ?? 0) < (term.counts[j] ?? 0)) return false;
  }
  return true;
}

function wordMatches(input: Runs, term: Runs): boolean {
  return input.chars.length === term.chars.length && runsMatchAt(input, term, 0);
}

function containsRuns(input: Runs, term: Runs): boolean {
  const first = term.chars[0];
  for (let at = 0; at + term.chars.length <= input.chars.length; at++) {
    // Inside a word, the entry's first and last runs may be the tail or head of a longer run.
    if (input.chars[at] !== first) continue;
    if (runsMatchAt(input, term, at)) return true;
  }
  return false;
}

function findEntry(filter: NameFilter, readings: Readings, kind: NameListKind): Entry | undefined {
  for (const tokenization of readings.words) {
    const runs = tokenization.map((candidates) => candidates.map(runsOf));
    for (const candidates of runs) {
      for (const r of candidates) {
        const hit = filter.byWord.get(r.chars)?.find((e) => e.kind === kind && wordMatches(r, e.words[0]!));
        if (hit) return hit;
      }
    }
    for (const phrase of filter.phrases) {
      if (phrase.kind !== kind) continue;
      for (let i = 0; i + phrase.words.length <= runs.length; i++) {
        if (phrase.words.every((w, k) => runs[i + k]!.some((r) => wordMatches(r, w)))) return phrase;
      }
    }
  }
  const compact = readings.compact.map(runsOf);
  return filter.inside.find((e) => e.kind === kind && compact.some((c) => containsRuns(c, e.words[0]!)));
}
