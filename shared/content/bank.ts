// The built-in question bank: validation of the per-topic JSON files, counts for
// `npm run content -- --stats`, and a seeded, deterministic pick of questions for a
// quiz round. Pure (no I/O, no clocks, no Math.random): the server reads the files
// (server/content/load-bank.ts) and passes their parsed contents here.
//
// The bank is held to stricter rules than a teacher's set: every question has a topic
// matching its file, an id prefixed by that topic, every text in es AND en, an
// explanation and a source; option texts are distinct; numeric answers sit on the
// slider's step grid. A bank that breaks a rule is reported, never silently fixed.
import { LANGS, type Lang } from '../i18n-types.ts';
import { questionSchema, questionTexts, QUESTION_TYPES, type Question, type QuestionType } from './schema.ts';
import { TOPICS, type Topic } from './topics.ts';
import { createRng, nextInt, shuffled } from '../rng.ts';

export interface BankFile {
  /** File name, e.g. "intro.json"; its base name must be the topic id of every question inside. */
  name: string;
  /** The parsed JSON: an array of questions. */
  data: unknown;
}

export interface BankProblem {
  file: string;
  /** Index of the question in the file's array; -1 for a problem with the file itself. */
  index: number;
  /** Dotted path inside the question (e.g. "options.2.text.es"); '' for the whole question. */
  path: string;
  message: string;
}

export interface BankStats {
  total: number;
  byTopic: Record<Topic, number>;
  byType: Record<QuestionType, number>;
  /** Questions whose every text field is present in that language. */
  byLanguage: Record<Lang, number>;
}

/** Relative slack when checking that a numeric answer sits on min + k·step (floating point). */
const STEP_EPSILON = 1e-9;

/** Validates every file and question; returns the valid questions (in file order) and every problem found. */
export function validateBank(files: readonly BankFile[]): { questions: Question[]; problems: BankProblem[] } {
  const questions: Question[] = [];
  const problems: BankProblem[] = [];
  const seenIds = new Map<string, string>();

  for (const file of files) {
    const topic = file.name.replace(/\.json$/i, '');
    if (!Array.isArray(file.data)) {
      problems.push({ file: file.name, index: -1, path: '', message: 'must be a JSON array of questions' });
      continue;
    }
    if (!(TOPICS as readonly string[]).includes(topic)) {
      problems.push({ file: file.name, index: -1, path: '', message: `file name must be a topic id (${TOPICS.join(', ')})` });
    }
    file.data.forEach((raw: unknown, index: number) => {
      const report = (path: string, message: string) => problems.push({ file: file.name, index, path, message });
      const parsed = questionSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) report(issue.path.map(String).join('.'), issue.message);
        return;
      }
      const q = parsed.data;
      const before = problems.length;
      for (const [path, message] of bankRuleViolations(q, topic)) report(path, message);
      const firstFile = seenIds.get(q.id);
      if (firstFile !== undefined) report('id', `duplicate id "${q.id}" (first seen in ${firstFile})`);
      else seenIds.set(q.id, file.name);
      if (problems.length === before) questions.push(q);
    });
  }
  return { questions, problems };
}

/** The built-in bank's rules beyond the schema, as [path, message] pairs. */
function bankRuleViolations(q: Question, fileTopic: string): [string, string][] {
  const out: [string, string][] = [];
  if (q.topic === undefined) out.push(['topic', 'is required in the built-in bank']);
  else if (q.topic !== fileTopic) out.push(['topic', `"${q.topic}" does not match its file "${fileTopic}.json"`]);
  if (!q.id.startsWith(`${fileTopic}-`)) out.push(['id', `must start with "${fileTopic}-"`]);
  if (q.explanation === undefined) out.push(['explanation', 'is required in the built-in bank']);
  if (q.source === undefined) out.push(['source', 'is required in the built-in bank']);

  for (const lang of LANGS) {
    if (!questionTexts(q).every((t) => t[lang] !== undefined)) out.push(['', `some text is missing in "${lang}"`]);
  }

  const labels = q.type === 'order' ? q.items : q.type === 'single' || q.type === 'multi' || q.type === 'poll' ? q.options.map((o) => o.text) : [];
  for (const lang of LANGS) {
    const seen = labels.map((t) => t[lang]?.toLowerCase()).filter((s): s is string => s !== undefined);
    if (new Set(seen).size !== seen.length) out.push([q.type === 'order' ? 'items' : 'options', `texts must be distinct (${lang})`]);
  }

  if (q.type === 'numeric') {
    const k = (q.answer - q.min) / q.step;
    if (Math.abs(k - Math.round(k)) > STEP_EPSILON * Math.max(1, Math.abs(k))) out.push(['answer', 'must lie on the slider grid min + k × step']);
    if (q.tolerance >= q.max - q.min) out.push(['tolerance', 'must be smaller than the range max − min']);
  }
  return out;
}

/**
 * One question per concept key, the others in their order: questions of a set that share a key
 * answer each other, so a game plays one of them, drawn from the seed.
 */
export function onePerConcept<Q extends Question>(questions: readonly Q[], seed: number): Q[] {
  const rng = createRng(seed);
  const groups = new Map<string, Q[]>();
  for (const q of questions) if (q.concept !== undefined) groups.set(q.concept, [...(groups.get(q.concept) ?? []), q]);
  const kept = new Set<Q>();
  for (const group of groups.values()) kept.add(group[nextInt(rng, group.length)]!);
  return questions.filter((q) => q.concept === undefined || kept.has(q));
}

export function bankStats(questions: readonly Question[]): BankStats {
  const byTopic = Object.fromEntries(TOPICS.map((t) => [t, 0])) as Record<Topic, number>;
  const byType = Object.fromEntries(QUESTION_TYPES.map((t) => [t, 0])) as Record<QuestionType, number>;
  const byLanguage = Object.fromEntries(LANGS.map((l) => [l, 0])) as Record<Lang, number>;
  for (const q of questions) {
    if (q.topic !== undefined) byTopic[q.topic] += 1;
    byType[q.type] += 1;
    const texts = questionTexts(q);
    for (const lang of LANGS) if (texts.every((t) => t[lang] !== undefined)) byLanguage[lang] += 1;
  }
  return { total: questions.length, byTopic, byType, byLanguage };
}

export interface PickOptions {
  /** Topics to draw from; the picks are spread evenly over them (round robin in this order). */
  topics: readonly Topic[];
  /** How many questions; fewer come back if the topics hold fewer eligible questions. */
  count: number;
  /** Same seed + same bank + same options → the same questions in the same order. */
  seed: number;
  /** Only these types (default: all). */
  types?: readonly QuestionType[];
  /** Question ids already used in this game, never picked again. */
  exclude?: readonly string[];
  /** Concept keys already played in this game: no question of theirs is picked. */
  excludeConcepts?: readonly string[];
  /** Within each topic, take lower difficulties first and present the round easiest first (default true). */
  easyFirst?: boolean;
}

/**
 * Deterministically picks up to `count` questions from `topics`, balanced across them:
 * topic i contributes ⌊count / n⌋ or one more. Within a topic the order is a seeded shuffle
 * (stable-sorted by difficulty when `easyFirst`). If a topic runs short, the others fill in.
 * At most one question per concept key: questions that answer each other never meet in a draw.
 */
export function pickQuestions(questions: readonly Question[], options: PickOptions): Question[] {
  const { topics, count, seed, types, exclude = [], excludeConcepts = [], easyFirst = true } = options;
  const rng = createRng(seed);
  const excluded = new Set(exclude);
  const uniqueTopics = [...new Set(topics)];
  const pools = uniqueTopics.map((topic) => {
    const pool = shuffled(
      rng,
      questions.filter((q) => q.topic === topic && !excluded.has(q.id) && (types === undefined || types.includes(q.type))),
    );
    return easyFirst ? pool.sort((a, b) => a.difficulty - b.difficulty) : pool;
  });

  const picked: Question[] = [];
  const want = Math.max(0, Math.floor(count));
  const usedConcepts = new Set(excludeConcepts);
  const cursors = pools.map(() => 0);
  /** The next question of pool k whose concept is still free, or undefined when the pool is spent. */
  const nextOf = (k: number): Question | undefined => {
    const pool = pools[k] ?? [];
    while ((cursors[k] ?? 0) < pool.length) {
      const q = pool[cursors[k]!++]!;
      if (q.concept === undefined || !usedConcepts.has(q.concept)) return q;
    }
    return undefined;
  };
  // Round robin over the topics; a spent topic lets the others fill in.
  for (let progress = true; picked.length < want && progress; ) {
    progress = false;
    for (let k = 0; k < pools.length && picked.length < want; k++) {
      const q = nextOf(k);
      if (q === undefined) continue;
      picked.push(q);
      if (q.concept !== undefined) usedConcepts.add(q.concept);
      progress = true;
    }
  }
  return easyFirst ? picked.map((q, i) => ({ q, i })).sort((a, b) => a.q.difficulty - b.q.difficulty || a.i - b.i).map((x) => x.q) : picked;
}
