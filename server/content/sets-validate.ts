// Validation of a question set parsed from any format, reporting every problem as
// { row, field, message } in the terms of that format (a JSON path, a spreadsheet column).
// Each question is checked against the schema of its own type (not the union, whose
// errors read badly); set-wide rules (count, unique ids) are checked here with the row
// that breaks them. Nothing here stores anything.
import type { z } from 'zod';
import {
  multiQuestion,
  numericQuestion,
  orderQuestion,
  pollQuestion,
  QUESTION_TYPES,
  questionSetSchema,
  singleQuestion,
  trueFalseQuestion,
  type QuestionSet,
  type QuestionType,
} from '../../shared/content/schema.ts';
import { LIMITS } from '../../shared/content/limits.ts';

/** One thing wrong with an imported file. row: 1-based spreadsheet row (header = 1) for
 *  CSV/xlsx, question index + 1 for JSON; 0 for the file or the set as a whole. */
export interface Problem {
  row: number;
  field: string;
  message: string;
}

export type ImportResult = { ok: true; set: QuestionSet } | { ok: false; problems: Problem[] };

/** Where a question's issue is reported: its row and the field naming `path` inside it. */
export interface ProblemLocator {
  question(index: number, path: readonly PropertyKey[]): { row: number; field: string };
  set(path: readonly PropertyKey[]): { row: number; field: string };
}

export const SCHEMA_BY_TYPE = {
  single: singleQuestion,
  truefalse: trueFalseQuestion,
  multi: multiQuestion,
  order: orderQuestion,
  numeric: numericQuestion,
  poll: pollQuestion,
} as const satisfies Record<QuestionType, z.ZodType>;

export function isQuestionType(v: unknown): v is QuestionType {
  return typeof v === 'string' && (QUESTION_TYPES as readonly string[]).includes(v);
}

/** `questions[3].options[1].text.es` */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out;
}

/** The locator for a JSON document: row = question index + 1, field = JSON path. */
export const JSON_LOCATOR: ProblemLocator = {
  question: (index, path) => ({ row: index + 1, field: jsonPath(['questions', index, ...path]) }),
  set: (path) => ({ row: 0, field: jsonPath(path) }),
};

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key as string];
  }
  return v;
}

const sentence = (s: string): string => {
  const t = s.trim();
  return t === '' ? t : `${t[0]!.toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
};

/** A zod issue in words a teacher understands. */
export function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  const value = valueAt(input, issue.path);
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string' && typeof value === 'string') return `Too long: ${value.trim().length} characters (at most ${String(issue.maximum)}).`;
      if (issue.origin === 'array' && Array.isArray(value)) return `${sentence(issue.message).slice(0, -1)} (there are ${value.length}).`;
      break;
    case 'too_small':
      if (issue.origin === 'string') return 'Missing: must not be empty.';
      if (issue.origin === 'array' && Array.isArray(value)) return `${sentence(issue.message).slice(0, -1)} (there are ${value.length}).`;
      break;
    case 'invalid_type':
      if (value === undefined) return `Missing (expected ${issue.expected === 'object' ? 'a text' : `a ${issue.expected}`}).`;
      return `Must be a ${issue.expected}, not ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : JSON.stringify(value)}.`;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`;
    case 'invalid_value':
      return `Must be one of: ${issue.values.map((v) => String(v)).join(', ')}.`;
    default:
      break;
  }
  return sentence(issue.message);
}

/**
 * Validate an object meant to be a QuestionSet. On success the set is the schema's
 * output (trimmed text, defaults filled in).
 */
export function validateSetObject(input: unknown, where: ProblemLocator = JSON_LOCATOR): ImportResult {
  const problems: Problem[] = [];
  const at = (loc: { row: number; field: string }, message: string) => problems.push({ ...loc, message });
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, problems: [{ row: 0, field: '', message: 'The file must hold one question set: an object with "title" and "questions".' }] };
  }
  const questions = (input as { questions?: unknown }).questions;
  if (!Array.isArray(questions)) {
    at(where.set(['questions']), questions === undefined ? 'Missing: the list of questions.' : 'Must be a list of questions.');
  } else if (questions.length === 0) {
    at(where.set(['questions']), 'The set needs at least one question.');
  } else if (questions.length > LIMITS.maxQuestionsPerSet) {
    at(where.question(LIMITS.maxQuestionsPerSet, []), `Too many questions: ${questions.length} (at most ${LIMITS.maxQuestionsPerSet} per set).`);
  } else {
    const firstRowOfId = new Map<string, number>();
    questions.forEach((q, i) => {
      if (q === null || typeof q !== 'object' || Array.isArray(q)) return at(where.question(i, []), 'Must be a question object.');
      const type = (q as { type?: unknown }).type;
      if (!isQuestionType(type)) {
        return at(where.question(i, ['type']), type === undefined || type === '' ? `Missing: the question type (one of ${QUESTION_TYPES.join(', ')}).` : `Unknown question type ${JSON.stringify(type)}: use one of ${QUESTION_TYPES.join(', ')}.`);
      }
      const res = SCHEMA_BY_TYPE[type].safeParse(q);
      if (!res.success) for (const issue of res.error.issues) at(where.question(i, issue.path), issueMessage(issue, q));
      const id = (q as { id?: unknown }).id;
      if (typeof id === 'string') {
        const first = firstRowOfId.get(id);
        if (first === undefined) firstRowOfId.set(id, i);
        else {
          const { row } = where.question(first, ['id']);
          at(where.question(i, ['id']), `The id ${JSON.stringify(id)} is already used by the question on row ${row}; ids must be unique.`);
        }
      }
    });
  }
  const whole = questionSetSchema.safeParse(input);
  if (!whole.success) {
    for (const issue of whole.error.issues) if (issue.path[0] !== 'questions') at(where.set(issue.path), issueMessage(issue, input));
  }
  if (problems.length > 0 || !whole.success) {
    return { ok: false, problems: problems.length > 0 ? problems : [{ row: 0, field: '', message: 'The set is not valid.' }] };
  }
  return { ok: true, set: whole.data };
}

/** One spreadsheet row: its 1-based row number and its cells as trimmed-later strings. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export const UNDECODABLE = '\uFFFD';

export function encodingProblem(row: number, field: string): Problem {
  return {
    row,
    field,
    message: 'Contains bytes that are not UTF-8 text (the file may be saved as Latin-1 or Windows-1252). Save it as "CSV UTF-8" (or JSON in UTF-8) and import it again.',
  };
}

/** Default title when a spreadsheet carries none and none was given. */
export function defaultTitle(lang: 'es' | 'en'): string {
  return lang === 'es' ? 'Preguntas importadas' : 'Imported questions';
}
