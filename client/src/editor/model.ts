// The editor's draft of a question set and its checks. A draft question holds every field any
// type needs, so switching the type keeps what was typed; `toQuestion` keeps only the fields of
// its type and the shared zod schemas (shared/content/schema.ts) judge the result, the same
// rules the server applies on save. Problems come back keyed by field ("text", "options.1.text").
import type { z } from 'zod';
import { LIMITS } from '../../../shared/content/limits.ts';
import {
  multiQuestion,
  numericQuestion,
  orderQuestion,
  pollQuestion,
  questionSetSchema,
  singleQuestion,
  trueFalseQuestion,
  type Question,
  type QuestionSet,
  type QuestionType,
} from '../../../shared/content/schema.ts';
import type { Topic } from '../../../shared/content/topics.ts';
import { lintQuestions, type LintReport } from '../../../shared/content/lint.ts';
import type { Lang, Localized } from '../../../shared/i18n-types.ts';

export interface DraftOption {
  text: Localized;
  correct: boolean;
  /** Keeps its written place when the options are shuffled (e.g. "All of the above"). */
  pinned: boolean;
}

export interface DraftQuestion {
  id: string;
  type: QuestionType;
  text: Localized;
  explanation: Localized;
  topic: Topic | '';
  difficulty: 1 | 2 | 3;
  /** Questions that answer each other share a concept key; '' = none. */
  concept: string;
  /** NaN = not set (the plan's time applies). */
  timeLimitSec: number;
  source?: string;
  options: DraftOption[];
  items: Localized[];
  answer: boolean;
  min: number;
  max: number;
  step: number;
  value: number;
  tolerance: number;
  unit: Localized;
}

export interface DraftSet {
  title: string;
  description: string;
  lang: Lang;
  questions: DraftQuestion[];
}

/** A problem to show next to a field: `key` is the translation key under editor.err, `vars` its values. */
export interface FieldProblem {
  field: string;
  key: string;
  vars?: Record<string, unknown>;
}

const SCHEMAS = { single: singleQuestion, truefalse: trueFalseQuestion, multi: multiQuestion, order: orderQuestion, numeric: numericQuestion, poll: pollQuestion } as const;

const hasText = (l: Localized) => Boolean(l.es?.trim() || l.en?.trim());

function freshId(taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n += 1) if (!taken.includes(`q${n}`)) return `q${n}`;
}

export function newQuestion(taken: readonly string[], type: QuestionType = 'single'): DraftQuestion {
  return {
    id: freshId(taken),
    type,
    text: {},
    explanation: {},
    topic: '',
    difficulty: 2,
    concept: '',
    timeLimitSec: NaN,
    options: [
      { text: {}, correct: true, pinned: false },
      { text: {}, correct: false, pinned: false },
    ],
    items: [{}, {}, {}],
    answer: true,
    min: 0,
    max: 10,
    step: 1,
    value: 5,
    tolerance: 0,
    unit: {},
  };
}

export function newSet(lang: Lang): DraftSet {
  return { title: '', description: '', lang, questions: [newQuestion([])] };
}

/** A stored set as a draft (every type's fields filled with defaults). */
export function fromSet(set: QuestionSet, fallbackLang: Lang): DraftSet {
  const questions: DraftQuestion[] = [];
  for (const q of set.questions) {
    const d = newQuestion(questions.map((x) => x.id), q.type);
    d.id = q.id;
    d.text = { ...q.text };
    d.explanation = { ...(q.explanation ?? {}) };
    d.topic = q.topic ?? '';
    d.difficulty = q.difficulty;
    d.concept = q.concept ?? '';
    d.timeLimitSec = q.timeLimitSec ?? NaN;
    if (q.source !== undefined) d.source = q.source;
    switch (q.type) {
      case 'single':
      case 'multi':
        d.options = q.options.map((o) => ({ text: { ...o.text }, correct: o.correct, pinned: o.pinned === true }));
        d.items = q.options.map((o) => ({ ...o.text })).slice(0, LIMITS.maxOrderItems);
        break;
      case 'poll':
        d.options = q.options.map((o, i) => ({ text: { ...o.text }, correct: i === 0, pinned: o.pinned === true }));
        break;
      case 'order':
        d.items = q.items.map((i) => ({ ...i }));
        d.options = q.items.slice(0, LIMITS.maxOptions).map((i, n) => ({ text: { ...i }, correct: n === 0, pinned: false }));
        break;
      case 'truefalse':
        d.answer = q.answer;
        break;
      case 'numeric':
        Object.assign(d, { min: q.min, max: q.max, step: q.step, value: q.answer, tolerance: q.tolerance, unit: { ...(q.unit ?? {}) } });
        break;
    }
    questions.push(d);
  }
  return { title: set.title, description: set.description ?? '', lang: set.lang ?? fallbackLang, questions };
}

/** The question object the schema judges: only its type's fields, empty optionals left out. */
export function toQuestion(d: DraftQuestion): Record<string, unknown> {
  const q: Record<string, unknown> = { id: d.id, type: d.type, text: d.text, difficulty: d.difficulty };
  if (d.topic) q.topic = d.topic;
  if (d.concept.trim()) q.concept = d.concept.trim();
  if (!Number.isNaN(d.timeLimitSec)) q.timeLimitSec = d.timeLimitSec;
  if (hasText(d.explanation)) q.explanation = d.explanation;
  if (d.source) q.source = d.source;
  switch (d.type) {
    case 'single':
    case 'multi':
      q.options = d.options.map((o) => ({ text: o.text, correct: o.correct, ...(o.pinned ? { pinned: true } : {}) }));
      break;
    case 'poll':
      q.options = d.options.map((o) => ({ text: o.text, ...(o.pinned ? { pinned: true } : {}) }));
      break;
    case 'order':
      q.items = d.items;
      break;
    case 'truefalse':
      q.answer = d.answer;
      break;
    case 'numeric':
      Object.assign(q, { min: d.min, max: d.max, step: d.step, answer: d.value, tolerance: d.tolerance });
      if (hasText(d.unit)) q.unit = d.unit;
      break;
  }
  return q;
}

export function toSet(d: DraftSet): Record<string, unknown> {
  const set: Record<string, unknown> = { title: d.title, lang: d.lang, questions: d.questions.map(toQuestion) };
  if (d.description.trim()) set.description = d.description;
  return set;
}

/** "options.1.text.es" → "options.1.text": problems attach to the input, whatever the language. */
function fieldOf(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  if (parts.length > 0 && (parts.at(-1) === 'es' || parts.at(-1) === 'en')) parts.pop();
  return parts.join('.');
}

function problemOf(issue: z.core.$ZodIssue): FieldProblem {
  const field = fieldOf(issue.path);
  const m = issue.message;
  const base = { field };
  if (issue.code === 'invalid_type') return { ...base, key: issue.expected === 'int' ? 'integer' : issue.expected === 'number' ? 'number' : 'empty' };
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
    if (issue.origin === 'string') return issue.code === 'too_small' ? { ...base, key: 'empty' } : { ...base, key: 'tooLong', vars: { max: limit } };
    if (issue.origin === 'array') {
      const bounds = /options/.test(field) ? [LIMITS.minOptions, LIMITS.maxOptions] : /items/.test(field) ? [LIMITS.minOrderItems, LIMITS.maxOrderItems] : [1, LIMITS.maxQuestionsPerSet];
      return { ...base, key: 'count', vars: { min: bounds[0], max: bounds[1] } };
    }
    if (field === 'step' && issue.code === 'too_small') return { ...base, key: 'positive' };
    if (field === 'timeLimitSec') return { ...base, key: 'range', vars: { min: LIMITS.minTimeSec, max: LIMITS.maxTimeSec } };
    return { ...base, key: 'range', vars: issue.code === 'too_small' ? { min: limit, max: '…' } : { min: '…', max: limit } };
  }
  if (/HTML or script/.test(m)) return { ...base, key: 'html' };
  if (/control characters/.test(m)) return { ...base, key: 'control' };
  if (/at least one language/.test(m)) return { ...base, key: 'empty' };
  if (/exactly one correct/.test(m)) return { ...base, key: 'oneCorrect' };
  if (/at least one correct/.test(m)) return { ...base, key: 'someCorrect' };
  if (/min must be below max/.test(m)) return { ...base, key: 'minMax' };
  if (/answer must lie/.test(m)) return { ...base, key: 'answerRange' };
  if (/step is too small/.test(m)) return { ...base, key: 'stepSize' };
  if (/ids must be unique/.test(m)) return { ...base, key: 'unique' };
  if (/lowercase letters, digits and dashes/.test(m)) return { ...base, key: 'slug' };
  if (/expected int|integer/i.test(m)) return { ...base, key: 'integer' };
  return { ...base, key: 'other', vars: { message: m } };
}

/** Problems of one question, by field. */
export function checkQuestion(d: DraftQuestion): FieldProblem[] {
  const res = SCHEMAS[d.type].safeParse(toQuestion(d));
  return res.success ? [] : res.error.issues.map(problemOf);
}

/** Problems of the set's own fields (title, description, count, unique ids); questions are checked one by one. */
export function checkSetFields(d: DraftSet): FieldProblem[] {
  const res = questionSetSchema.safeParse({ ...toSet(d), questions: d.questions.length === 0 ? [] : d.questions.map(() => ({})) });
  const own = res.success ? [] : res.error.issues.filter((i) => i.path.length === 1 && i.path[0] !== 'questions').map(problemOf);
  if (d.questions.length === 0 || d.questions.length > LIMITS.maxQuestionsPerSet) own.push({ field: 'questions', key: 'count', vars: { min: 1, max: LIMITS.maxQuestionsPerSet } });
  if (new Set(d.questions.map((q) => q.id)).size !== d.questions.length) own.push({ field: 'questions', key: 'unique' });
  return own;
}

/** The answer-leak checks of `npm run content -- --lint`, on the draft's questions that pass their own checks. */
export function lintDraft(d: DraftSet): LintReport {
  return lintQuestions(
    d.questions.flatMap((q) => {
      const parsed = SCHEMAS[q.type].safeParse(toQuestion(q));
      return parsed.success ? [parsed.data as Question] : [];
    }),
  );
}

/** Swaps question i with its neighbour (dir −1 up, +1 down); returns the new index of the moved question. */
export function move<T>(list: T[], i: number, dir: -1 | 1): number {
  const j = i + dir;
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return i;
  [list[i], list[j]] = [list[j]!, list[i]!];
  return j;
}

export type { Question };
