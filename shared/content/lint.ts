// Answer-leak statistics of a list of questions (the built-in bank or a teacher's set): the
// patterns a player who knows nothing can find within two questions (where the right option is
// written, "true" being right, the longest option, absolute words, the slider's middle), pairs of
// questions that look alike without a shared concept key, and missing translations. Pure:
// `npm run content -- --lint` prints these checks and the set editor shows the same warnings as a
// teacher writes. Every threshold lives in LINT, with its reason.
import { LANGS, type Lang, type Localized } from '../i18n-types.ts';
import { answerCredit } from '../rules/scoring.ts';
import { questionTexts, type Question } from './schema.ts';

export const LINT = {
  minSample: {
    value: 10,
    reason: 'a share of fewer questions of a kind is mostly chance: it is shown, not judged',
  },
  writtenPosition: {
    max: 0.15,
    reason:
      'single choice: how far the most common written position of the right option exceeds an even spread. Play shuffles the options, but exports, printed copies and pinned options show the written order, and an author who always writes the right option first hides the next leak from review',
  },
  multiPosition: {
    max: 0.3,
    reason: 'multiple select: how far the share of right options at one written position strays from the share overall ("the last option is always wrong")',
  },
  trueShare: {
    min: 0.4,
    max: 0.6,
    reason: 'true/false: when "true" is right much more (or less) than half the time, always tapping it pays',
  },
  topicTrueGap: {
    reason: 'true/false within a topic (a round often draws one or two topics): the gap between true and false statements may be at most max(1, ⌈20 % of them⌉)',
  },
  longestRight: {
    max: 1 / 3,
    reason: 'single choice: the right option should not be the strictly longest one in more than a third of the questions, or "tap the longest" pays',
  },
  absoluteWords: {
    maxRatio: 2,
    minTexts: 8,
    reason:
      'options and true/false statements with absolute words ("always", "never", "only"…): how many times likelier such a text is wrong than right (or right than wrong), judged once enough texts carry one; absolute words belong in right answers too where they are true',
  },
  midpoint: {
    max: 0,
    reason: "estimates: the slider's middle (and the grid steps next to it) must earn no credit, or dragging to the middle pays",
  },
  nearDuplicates: {
    similarity: 0.33,
    max: 0,
    reason:
      'pairs whose words (question, options, explanation) are this alike by TF-IDF cosine, in either language, answer each other unless both carry a concept key (the same key: never in one game; different keys: the author says they test different things)',
  },
  translations: {
    max: 0,
    reason: 'every question carries every language the list uses, or a game in the other language shows it half translated',
  },
} as const;

export const CHECK_IDS = ['position', 'multiPosition', 'trueFalse', 'trueFalseTopics', 'longest', 'absolute', 'midpoint', 'nearDuplicates', 'translations'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface Check {
  readonly id: CheckId;
  /** False when too few questions of the kind were found to judge: reported, never failing. */
  readonly judged: boolean;
  readonly ok: boolean;
  /** The figure held against `limit` (for trueFalse: the share of "true", against the band `limit`–`limitHigh`). */
  readonly value: number;
  readonly limit: number;
  readonly limitHigh?: number;
  /** How many questions (or texts, for absolute words) the check looked at. */
  readonly sample: number;
  /** Named figures for the report (shares by position, counts by language…). */
  readonly figures: Readonly<Record<string, number>>;
  /** What makes it fail: question ids, or "id + id" for pairs, "topic: …" for topics. */
  readonly offenders: readonly string[];
}

/** A problem of one question on its own, for the editor's list. */
export type QuestionFlag = { readonly kind: 'midpoint' } | { readonly kind: 'nearDuplicate'; readonly other: string } | { readonly kind: 'translation'; readonly lang: Lang };

export interface LintReport {
  readonly questions: number;
  readonly ok: boolean;
  readonly checks: readonly Check[];
  /** Per question id, its own problems. */
  readonly flags: Readonly<Record<string, readonly QuestionFlag[]>>;
}

// ---------------------------------------------------------------- words

/** Absolute words, whole words only, per language. */
const ABSOLUTE: Record<Lang, RegExp> = {
  en: /(?<![\p{L}\p{N}])(always|never|only|all|none|every|everything|nothing|nobody|no one|completely|entirely|totally|absolutely|guarantee|guarantees|guaranteed|impossible)(?![\p{L}\p{N}])/iu,
  es: /(?<![\p{L}\p{N}])(siempre|nunca|jamás|solo|sólo|solamente|únicamente|todo|toda|todos|todas|ninguno|ninguna|ningún|nada|nadie|completamente|totalmente|absolutamente|garantiza|garantizan|garantizado|garantizada|imposible)(?![\p{L}\p{N}])/iu,
};

/** Words too common to tell two questions apart. */
const STOP_WORDS = new Set(
  (
    'the and for are with that this from what which how does each its not but was were has have can will you your they their them than then into per one two any all only when who why there these those also more most such out about over under ' +
    'los las del por para con que una uno unos unas como más pero sus cada cuando qué cuál cuáles cómo este esta estos estas ese esa eso son ser está están hay entre sin sobre sólo solo muy también todo todos'
  ).split(' '),
);

function words(s: string): string[] {
  return (s.toLowerCase().normalize('NFC').match(/[\p{L}\p{N}%]+/gu) ?? []).filter((w) => w.length > 2 && !STOP_WORDS.has(w));
}

// ---------------------------------------------------------------- helpers

type Choice = Extract<Question, { type: 'single' | 'multi' }>;
const isChoice = (q: Question): q is Choice => q.type === 'single' || q.type === 'multi';

/** The languages any text of the list is written in. */
export function languagesOf(questions: readonly Question[]): Lang[] {
  return LANGS.filter((l) => questions.some((q) => questionTexts(q).some((t) => t[l] !== undefined)));
}

const text = (t: Localized, lang: Lang): string | undefined => t[lang];

function check(id: CheckId, c: Omit<Check, 'id' | 'ok'> & { fails: boolean }): Check {
  const { fails, ...rest } = c;
  return { id, ...rest, ok: !(c.judged && fails) };
}

// ---------------------------------------------------------------- checks

function writtenPosition(questions: readonly Question[]): Check {
  const singles = questions.filter((q): q is Extract<Question, { type: 'single' }> => q.type === 'single');
  const width = Math.max(0, ...singles.map((q) => q.options.length));
  const counts = new Array<number>(width).fill(0);
  const expected = new Array<number>(width).fill(0);
  for (const q of singles) {
    counts[q.options.findIndex((o) => o.correct)]! += 1;
    for (let p = 0; p < q.options.length; p++) expected[p]! += 1 / q.options.length;
  }
  const n = singles.length;
  let worst = 0;
  let value = 0;
  counts.forEach((c, p) => {
    const excess = n > 0 ? (c - expected[p]!) / n : 0;
    if (excess > value) [value, worst] = [excess, p];
  });
  return check('position', {
    judged: n >= LINT.minSample.value,
    fails: value > LINT.writtenPosition.max,
    value,
    limit: LINT.writtenPosition.max,
    sample: n,
    figures: Object.fromEntries(counts.map((c, p) => [String(p + 1), n > 0 ? c / n : 0])),
    offenders: singles.filter((q) => q.options.findIndex((o) => o.correct) === worst).map((q) => q.id),
  });
}

function multiPosition(questions: readonly Question[]): Check {
  const multis = questions.filter((q): q is Extract<Question, { type: 'multi' }> => q.type === 'multi');
  const width = Math.max(0, ...multis.map((q) => q.options.length));
  const right = new Array<number>(width).fill(0);
  const all = new Array<number>(width).fill(0);
  for (const q of multis) q.options.forEach((o, p) => ((all[p]! += 1), (right[p]! += o.correct ? 1 : 0)));
  const total = all.reduce((a, b) => a + b, 0);
  const overall = total > 0 ? right.reduce((a, b) => a + b, 0) / total : 0;
  let value = 0;
  let worst = -1;
  all.forEach((m, p) => {
    if (m < LINT.minSample.value) return;
    const gap = Math.abs(right[p]! / m - overall);
    if (gap > value) [value, worst] = [gap, p];
  });
  const high = worst >= 0 && right[worst]! / all[worst]! > overall;
  return check('multiPosition', {
    judged: multis.length >= LINT.minSample.value,
    fails: value > LINT.multiPosition.max,
    value,
    limit: LINT.multiPosition.max,
    sample: multis.length,
    figures: { overall, ...Object.fromEntries(all.map((m, p) => [String(p + 1), m > 0 ? right[p]! / m : 0])) },
    offenders: worst < 0 ? [] : multis.filter((q) => q.options[worst] !== undefined && q.options[worst]!.correct === high).map((q) => q.id),
  });
}

function trueFalse(questions: readonly Question[]): Check[] {
  const tf = questions.filter((q): q is Extract<Question, { type: 'truefalse' }> => q.type === 'truefalse');
  const trues = tf.filter((q) => q.answer).length;
  const share = tf.length > 0 ? trues / tf.length : 0.5;
  const overall = check('trueFalse', {
    judged: tf.length >= LINT.minSample.value,
    fails: share < LINT.trueShare.min || share > LINT.trueShare.max,
    value: share,
    limit: LINT.trueShare.min,
    limitHigh: LINT.trueShare.max,
    sample: tf.length,
    figures: { true: trues, false: tf.length - trues },
    offenders: tf.filter((q) => q.answer === share > 0.5).map((q) => q.id),
  });
  const byTopic = new Map<string, { t: number; f: number; ids: { id: string; answer: boolean }[] }>();
  for (const q of tf) {
    const key = q.topic ?? '(no topic)';
    const b = byTopic.get(key) ?? { t: 0, f: 0, ids: [] };
    if (q.answer) b.t += 1;
    else b.f += 1;
    b.ids.push({ id: q.id, answer: q.answer });
    byTopic.set(key, b);
  }
  const figures: Record<string, number> = {};
  const offenders: string[] = [];
  let worstExcess = 0;
  for (const [topic, b] of byTopic) {
    const allowed = Math.max(1, Math.ceil(0.2 * (b.t + b.f)));
    const gap = Math.abs(b.t - b.f);
    figures[topic] = b.t / (b.t + b.f);
    if (gap > allowed) {
      offenders.push(`${topic}: ${b.t} true, ${b.f} false`);
      worstExcess = Math.max(worstExcess, gap - allowed);
    }
  }
  const topics = check('trueFalseTopics', {
    judged: tf.length >= LINT.minSample.value,
    fails: offenders.length > 0,
    value: offenders.length,
    limit: 0,
    sample: tf.length,
    figures,
    offenders,
  });
  return [overall, topics];
}

/** Single choice: in each language, is the right option strictly the longest? */
export function rightIsLongest(q: Question, lang: Lang): boolean | undefined {
  if (q.type !== 'single') return undefined;
  const lengths = q.options.map((o) => text(o.text, lang)?.length);
  if (lengths.some((n) => n === undefined)) return undefined;
  const right = q.options.findIndex((o) => o.correct);
  return lengths.every((n, i) => i === right || (n as number) < (lengths[right] as number));
}

function longest(questions: readonly Question[], langs: readonly Lang[]): Check {
  const byLang = langs.map((lang) => {
    const judged = questions.filter((q) => rightIsLongest(q, lang) !== undefined);
    const hits = judged.filter((q) => rightIsLongest(q, lang)).map((q) => q.id);
    return { lang, n: judged.length, share: judged.length > 0 ? hits.length / judged.length : 0, hits };
  });
  // The worst language decides; one with too few questions to judge only when no language has enough.
  const enough = byLang.filter((x) => x.n >= LINT.minSample.value);
  const worst = (enough.length > 0 ? enough : byLang).reduce<(typeof byLang)[number] | undefined>((w, x) => (w === undefined || x.share > w.share ? x : w), undefined);
  return check('longest', {
    judged: enough.length > 0,
    fails: (worst?.share ?? 0) > LINT.longestRight.max,
    value: worst?.share ?? 0,
    limit: LINT.longestRight.max,
    sample: worst?.n ?? 0,
    figures: Object.fromEntries(byLang.map((x) => [x.lang, x.share])),
    offenders: worst?.hits ?? [],
  });
}

/** Texts judged for absolute words: choice options (right or wrong) and true/false statements (true = right). */
function absoluteTexts(questions: readonly Question[], lang: Lang): { id: string; text: string; right: boolean }[] {
  return questions.flatMap((q) => {
    if (isChoice(q)) return q.options.flatMap((o) => (text(o.text, lang) !== undefined ? [{ id: q.id, text: text(o.text, lang)!, right: o.correct }] : []));
    if (q.type === 'truefalse' && text(q.text, lang) !== undefined) return [{ id: q.id, text: text(q.text, lang)!, right: q.answer }];
    return [];
  });
}

function absolute(questions: readonly Question[], langs: readonly Lang[]): Check {
  let value = 1;
  let judged = false;
  let sample = 0;
  let offenders: string[] = [];
  const figures: Record<string, number> = {};
  for (const lang of langs) {
    const texts = absoluteTexts(questions, lang);
    const marked = texts.filter((t) => ABSOLUTE[lang].test(t.text));
    const right = texts.filter((t) => t.right).length;
    const wrong = texts.length - right;
    const markedRight = marked.filter((t) => t.right).length;
    const markedWrong = marked.length - markedRight;
    // How much likelier a text with an absolute word is to be wrong than a right one is (smoothed: small counts stay finite).
    const ratio = (markedWrong + 0.5) / (wrong + 1) / ((markedRight + 0.5) / (right + 1));
    const lopsided = Math.max(ratio, 1 / ratio);
    Object.assign(figures, { [`${lang}.right`]: markedRight, [`${lang}.wrong`]: markedWrong, [`${lang}.ratio`]: ratio });
    sample = Math.max(sample, marked.length);
    if (marked.length >= LINT.absoluteWords.minTexts) judged = true;
    if (marked.length >= LINT.absoluteWords.minTexts && lopsided > value) {
      value = lopsided;
      offenders = [...new Set(marked.filter((t) => t.right === ratio < 1).map((t) => t.id))];
    }
  }
  return check('absolute', { judged, fails: value > LINT.absoluteWords.maxRatio, value, limit: LINT.absoluteWords.maxRatio, sample, figures, offenders });
}

/** The slider positions next to the middle of an estimate's range (one, or two when the middle falls between steps). */
export function midpointValues(q: Extract<Question, { type: 'numeric' }>): number[] {
  const k = (q.max - q.min) / 2 / q.step;
  const near = Math.abs(k - Math.round(k)) < 1e-9 ? [Math.round(k)] : [Math.floor(k), Math.ceil(k)];
  return near.map((i) => Math.min(q.max, Math.max(q.min, q.min + i * q.step)));
}

/** Credit an answer at the slider's middle would earn (the best of the steps next to it). */
export function midpointCredit(q: Question): number {
  if (q.type !== 'numeric') return 0;
  return Math.max(0, ...midpointValues(q).map((value) => answerCredit(q, { kind: 'numeric', value }) ?? 0));
}

function midpoint(questions: readonly Question[]): Check {
  const numeric = questions.filter((q) => q.type === 'numeric');
  const offenders = numeric.filter((q) => midpointCredit(q) > 0).map((q) => q.id);
  return check('midpoint', { judged: true, fails: offenders.length > LINT.midpoint.max, value: offenders.length, limit: LINT.midpoint.max, sample: numeric.length, figures: {}, offenders });
}

/** Everything a question says, in one language: text, options or items, unit, explanation. */
function fullText(q: Question, lang: Lang): string {
  return questionTexts(q)
    .map((t) => text(t, lang) ?? '')
    .join(' ');
}

/** Pairs of questions whose texts are alike (TF-IDF cosine, the highest over the languages). */
export function similarPairs(questions: readonly Question[], langs: readonly Lang[], threshold: number): { a: string; b: string; similarity: number }[] {
  const best = new Map<string, { a: string; b: string; similarity: number }>();
  for (const lang of langs) {
    const docs = questions.map((q) => {
      const tf = new Map<string, number>();
      for (const w of words(fullText(q, lang))) tf.set(w, (tf.get(w) ?? 0) + 1);
      return tf;
    });
    const df = new Map<string, number>();
    for (const d of docs) for (const w of d.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    const n = docs.length;
    // ln(1 + N/df): a smoothed IDF, so a word shared by two questions of a two-question set still weighs.
    const vectors = docs.map((d) => {
      const v = new Map<string, number>();
      let norm = 0;
      for (const [w, c] of d) {
        const x = (1 + Math.log(c)) * Math.log(1 + n / (df.get(w) ?? 1));
        v.set(w, x);
        norm += x * x;
      }
      norm = Math.sqrt(norm) || 1;
      for (const [w, x] of v) v.set(w, x / norm);
      return v;
    });
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const [small, large] = vectors[i]!.size <= vectors[j]!.size ? [vectors[i]!, vectors[j]!] : [vectors[j]!, vectors[i]!];
        let s = 0;
        for (const [w, x] of small) s += x * (large.get(w) ?? 0);
        if (s < threshold) continue;
        const key = `${i}/${j}`;
        if ((best.get(key)?.similarity ?? 0) < s) best.set(key, { a: questions[i]!.id, b: questions[j]!.id, similarity: s });
      }
    }
  }
  return [...best.values()].sort((x, y) => y.similarity - x.similarity);
}

function nearDuplicates(questions: readonly Question[], langs: readonly Lang[]): { check: Check; pairs: { a: string; b: string }[] } {
  const concept = new Map(questions.map((q) => [q.id, q.concept]));
  const similar = similarPairs(questions, langs, LINT.nearDuplicates.similarity);
  const pairs = similar.filter((p) => concept.get(p.a) === undefined || concept.get(p.b) === undefined);
  const keyedApart = similar.filter((p) => concept.get(p.a) !== undefined && concept.get(p.b) !== undefined && concept.get(p.a) !== concept.get(p.b)).length;
  return {
    check: check('nearDuplicates', {
      judged: true,
      fails: pairs.length > LINT.nearDuplicates.max,
      value: pairs.length,
      limit: LINT.nearDuplicates.max,
      sample: questions.length,
      figures: { similar: similar.length, keyedApart },
      offenders: pairs.map((p) => `${p.a} + ${p.b}`),
    }),
    pairs,
  };
}

function translations(questions: readonly Question[], langs: readonly Lang[]): { check: Check; missing: { id: string; lang: Lang }[] } {
  const missing = questions.flatMap((q) => langs.filter((l) => questionTexts(q).some((t) => t[l] === undefined)).map((lang) => ({ id: q.id, lang })));
  const ids = [...new Set(missing.map((m) => m.id))];
  return {
    check: check('translations', {
      judged: true,
      fails: ids.length > LINT.translations.max,
      value: ids.length,
      limit: LINT.translations.max,
      sample: questions.length,
      figures: Object.fromEntries(langs.map((l) => [l, missing.filter((m) => m.lang === l).length])),
      offenders: ids,
    }),
    missing,
  };
}

/** Every check on `questions`, and each question's own problems. */
export function lintQuestions(questions: readonly Question[]): LintReport {
  const langs = languagesOf(questions);
  const dupes = nearDuplicates(questions, langs);
  const missing = translations(questions, langs);
  const checks = [writtenPosition(questions), multiPosition(questions), ...trueFalse(questions), longest(questions, langs), absolute(questions, langs), midpoint(questions), dupes.check, missing.check];
  const flags: Record<string, QuestionFlag[]> = Object.create(null) as Record<string, QuestionFlag[]>;
  const flag = (id: string, f: QuestionFlag) => (flags[id] ??= []).push(f);
  for (const q of questions) if (midpointCredit(q) > 0) flag(q.id, { kind: 'midpoint' });
  for (const p of dupes.pairs) {
    flag(p.a, { kind: 'nearDuplicate', other: p.b });
    flag(p.b, { kind: 'nearDuplicate', other: p.a });
  }
  for (const m of missing.missing) flag(m.id, { kind: 'translation', lang: m.lang });
  return { questions: questions.length, ok: checks.every((c) => c.ok), checks, flags };
}
