// The question model: one zod schema per question type, shared by the built-in bank,
// teacher-made sets (JSON/CSV import), the editor and the server. Text is Localized:
// built-in questions carry es and en, a teacher's set may carry only its own language.
import { z } from 'zod';
import { LANGS } from '../i18n-types.ts';
import { TOPICS } from './topics.ts';
import { LIMITS } from './limits.ts';

/** Text that is safe to show anywhere: trimmed, no markup, no control characters. */
export function safeText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !/<\s*[a-zA-Z!/?]|javascript:/i.test(s), 'must not contain HTML or script')
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/.test(s), 'must not contain control characters or undecodable bytes');
}

export function localized(max: number) {
  return z
    .object({ es: safeText(max).optional(), en: safeText(max).optional() })
    .strict()
    .refine((t) => t.es !== undefined || t.en !== undefined, 'needs the text in at least one language (es or en)');
}

/**
 * Choice options are shown in a seeded order of their own in every game; a `pinned` option keeps
 * its written position (for "All of the above", or the steps of a scale in a poll) and the others
 * are shuffled around it.
 */
const pinned = z.boolean().optional();
const optionSchema = z.object({ text: localized(LIMITS.optionChars), correct: z.boolean(), pinned }).strict();
const pollOptionSchema = z.object({ text: localized(LIMITS.optionChars), pinned }).strict();

/**
 * What a question tests, as a short slug: questions that answer each other (one's text gives the
 * other's answer away) carry the same key, and a game plays at most one question per key.
 */
export const conceptKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes only')
  .max(LIMITS.conceptChars, `must be at most ${LIMITS.conceptChars} characters`);

const base = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes only').max(LIMITS.idChars),
  topic: z.enum(TOPICS).optional(),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2),
  concept: conceptKey.optional(),
  timeLimitSec: z.number().int().min(LIMITS.minTimeSec).max(LIMITS.maxTimeSec).optional(),
  text: localized(LIMITS.questionChars),
  explanation: localized(LIMITS.explanationChars).optional(),
  source: safeText(LIMITS.sourceChars).optional(),
};

const options = <T extends z.ZodType>(schema: T) =>
  z.array(schema).min(LIMITS.minOptions, `needs at least ${LIMITS.minOptions} options`).max(LIMITS.maxOptions, `allows at most ${LIMITS.maxOptions} options`);

export const singleQuestion = z
  .object({ ...base, type: z.literal('single'), options: options(optionSchema) })
  .strict()
  .refine((q) => q.options.filter((o) => o.correct).length === 1, { message: 'needs exactly one correct option', path: ['options'] });

export const trueFalseQuestion = z.object({ ...base, type: z.literal('truefalse'), answer: z.boolean() }).strict();

export const multiQuestion = z
  .object({ ...base, type: z.literal('multi'), options: options(optionSchema) })
  .strict()
  .refine((q) => q.options.some((o) => o.correct), { message: 'needs at least one correct option', path: ['options'] });

export const orderQuestion = z
  .object({
    ...base,
    type: z.literal('order'),
    /** The items in their correct order; players see them shuffled. */
    items: z.array(localized(LIMITS.optionChars)).min(LIMITS.minOrderItems).max(LIMITS.maxOrderItems),
  })
  .strict();

export const numericQuestion = z
  .object({
    ...base,
    type: z.literal('numeric'),
    min: z.number().finite(),
    max: z.number().finite(),
    step: z.number().positive().finite(),
    answer: z.number().finite(),
    /** Answers within ± tolerance of `answer` earn full credit; credit falls linearly to 0 at ± 2 × tolerance (SCORING.numericFalloff). */
    tolerance: z.number().min(0).finite(),
    unit: localized(LIMITS.unitChars).optional(),
  })
  .strict()
  .refine((q) => q.min < q.max, { message: 'min must be below max', path: ['max'] })
  .refine((q) => q.answer >= q.min && q.answer <= q.max, { message: 'answer must lie between min and max', path: ['answer'] })
  .refine((q) => (q.max - q.min) / q.step <= 10_000, { message: 'step is too small for the range (at most 10000 positions)', path: ['step'] });

export const pollQuestion = z.object({ ...base, type: z.literal('poll'), options: options(pollOptionSchema) }).strict();

export const questionSchema = z.union([singleQuestion, trueFalseQuestion, multiQuestion, orderQuestion, numericQuestion, pollQuestion]);
export type Question = z.infer<typeof questionSchema>;
export type QuestionType = Question['type'];
export const QUESTION_TYPES = ['single', 'truefalse', 'multi', 'order', 'numeric', 'poll'] as const satisfies readonly QuestionType[];

export const questionSetSchema = z
  .object({
    title: safeText(LIMITS.titleChars),
    description: safeText(LIMITS.descriptionChars).optional(),
    lang: z.enum(LANGS).optional(),
    questions: z.array(questionSchema).min(1, 'needs at least one question').max(LIMITS.maxQuestionsPerSet, `allows at most ${LIMITS.maxQuestionsPerSet} questions`),
  })
  .strict()
  .refine((s) => new Set(s.questions.map((q) => q.id)).size === s.questions.length, { message: 'question ids must be unique', path: ['questions'] });
export type QuestionSet = z.infer<typeof questionSetSchema>;

/** Every text field of a question, for checks such as "complete in language X". */
export function questionTexts(q: Question): z.infer<ReturnType<typeof localized>>[] {
  const texts = [q.text, ...(q.explanation ? [q.explanation] : [])];
  switch (q.type) {
    case 'single':
    case 'multi':
    case 'poll':
      return [...texts, ...q.options.map((o) => o.text)];
    case 'order':
      return [...texts, ...q.items];
    case 'numeric':
      return [...texts, ...(q.unit ? [q.unit] : [])];
    case 'truefalse':
      return texts;
    default: {
      const never: never = q;
      return never;
    }
  }
}
