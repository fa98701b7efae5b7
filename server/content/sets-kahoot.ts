// The layout of Kahoot's "Import from spreadsheet" template (.xlsx; also accepted saved
// as CSV): a few title/instruction rows, then a header row with the columns
// "Question - max 120 characters", "Answer 1 - max 75 characters" … "Answer 4",
// "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs", "Correct answer(s) -
// choose at least one" (column A holds the question number), then one row per question.
// Columns are found by their title's first words, so reworded or moved headers still read.
// One correct answer → a single-choice question, several → multiple select.
import type { Lang } from '../../shared/i18n-types.ts';
import { LIMITS } from '../../shared/content/limits.ts';
import { defaultTitle, encodingProblem, UNDECODABLE, validateSetObject, type ImportResult, type Problem, type SheetRow } from './sets-validate.ts';

/** How many rows from the top are searched for the Kahoot header row. */
const KAHOOT_HEADER_SEARCH_ROWS = 30;

export const KAHOOT_FIELDS = {
  question: 'Question',
  answer: (n: number) => `Answer ${n}`,
  time: 'Time limit',
  correct: 'Correct answer(s)',
} as const;

interface KahootColumns {
  question?: number;
  answers: (number | undefined)[];
  time?: number;
  correct?: number;
}

function headerColumns(cells: readonly string[]): KahootColumns {
  const cols: KahootColumns = { answers: [undefined, undefined, undefined, undefined] };
  cells.forEach((raw, i) => {
    const c = raw.trim().toLowerCase();
    const answer = /^answer\s*([1-4])\b/.exec(c);
    if (answer) cols.answers[Number(answer[1]) - 1] ??= i;
    else if (/^question\b/.test(c)) cols.question ??= i;
    else if (/^time\s*limit\b/.test(c)) cols.time ??= i;
    else if (/^correct\b/.test(c)) cols.correct ??= i;
  });
  return cols;
}

/** Index (in `rows`) of Kahoot's header row, or -1 when the sheet is not in Kahoot's layout. */
export function findKahootHeader(rows: readonly SheetRow[]): number {
  const limit = Math.min(rows.length, KAHOOT_HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const cols = headerColumns(rows[i]!.cells);
    if (cols.question !== undefined && cols.answers[0] !== undefined) return i;
  }
  return -1;
}

export function kahootRowsToSet(rows: readonly SheetRow[], headerIndex: number, opts: { title?: string; lang?: Lang }): ImportResult {
  const header = rows[headerIndex]!;
  const cols = headerColumns(header.cells);
  const problems: Problem[] = [];
  const missing = [
    cols.question === undefined ? KAHOOT_FIELDS.question : undefined,
    cols.answers[0] === undefined ? KAHOOT_FIELDS.answer(1) : undefined,
    cols.answers[1] === undefined ? KAHOOT_FIELDS.answer(2) : undefined,
    cols.correct === undefined ? KAHOOT_FIELDS.correct : undefined,
  ].filter((x): x is string => x !== undefined);
  for (const m of missing) problems.push({ row: header.row, field: m, message: `Missing column "${m}" in Kahoot's header row.` });
  if (problems.length > 0) return { ok: false, problems };

  const lang: Lang = opts.lang ?? 'en';
  const cell = (r: SheetRow, i: number | undefined) => (i === undefined ? '' : (r.cells[i] ?? '').trim());
  const questions: unknown[] = [];
  /** For each question: its sheet row and which Answer column each option came from. */
  const origin: { row: number; answerCols: number[] }[] = [];
  for (const r of rows.slice(headerIndex + 1)) {
    const answers = cols.answers.map((c) => cell(r, c));
    const text = cell(r, cols.question);
    if (text === '' && answers.every((a) => a === '') && cell(r, cols.correct) === '') continue;
    if (questions.length >= LIMITS.maxQuestionsPerSet) {
      problems.push({ row: r.row, field: KAHOOT_FIELDS.question, message: `Too many questions: at most ${LIMITS.maxQuestionsPerSet} per set; this row is beyond it.` });
      break;
    }
    for (const [i, v] of [[-1, text] as const, ...answers.map((a, i) => [i, a] as const)]) {
      if (v.includes(UNDECODABLE)) problems.push(encodingProblem(r.row, i < 0 ? KAHOOT_FIELDS.question : KAHOOT_FIELDS.answer(i + 1)));
    }
    const answerCols: number[] = [];
    const options: { text: Partial<Record<Lang, string>>; correct: boolean }[] = [];
    answers.forEach((a, i) => {
      if (a !== '') {
        answerCols.push(i + 1);
        options.push({ text: { [lang]: a }, correct: false });
      }
    });
    if (options.length < LIMITS.minOptions) {
      problems.push({ row: r.row, field: KAHOOT_FIELDS.answer(options.length + 1), message: `A question needs at least ${LIMITS.minOptions} answers.` });
    }
    const correctRaw = cell(r, cols.correct);
    const picks = correctRaw === '' ? [] : correctRaw.split(/[\s,;/|]+/).filter((s) => s !== '');
    if (picks.length === 0) problems.push({ row: r.row, field: KAHOOT_FIELDS.correct, message: 'Missing: which answer is correct (e.g. 2, or 1,3 for several).' });
    for (const p of picks) {
      const n = Number(p);
      const k = answerCols.indexOf(n);
      if (!Number.isInteger(n) || n < 1 || n > 4) problems.push({ row: r.row, field: KAHOOT_FIELDS.correct, message: `"${p}" is not an answer number (1 to 4).` });
      else if (k < 0) problems.push({ row: r.row, field: KAHOOT_FIELDS.correct, message: `Answer ${n} is marked correct but is empty.` });
      else options[k]!.correct = true;
    }
    const timeRaw = cell(r, cols.time);
    const time = timeRaw === '' ? undefined : Number(timeRaw.replace(',', '.'));
    if (time !== undefined && !(Number.isInteger(time) && time >= LIMITS.minTimeSec && time <= LIMITS.maxTimeSec)) {
      problems.push({ row: r.row, field: KAHOOT_FIELDS.time, message: `Must be a whole number of seconds from ${LIMITS.minTimeSec} to ${LIMITS.maxTimeSec}, not "${timeRaw}".` });
    }
    const correctCount = options.filter((o) => o.correct).length;
    questions.push({
      id: `k${questions.length + 1}`,
      type: correctCount > 1 ? 'multi' : 'single',
      text: text === '' ? {} : { [lang]: text },
      options,
      ...(time !== undefined && Number.isFinite(time) ? { timeLimitSec: time } : {}),
    });
    origin.push({ row: r.row, answerCols });
  }
  if (questions.length === 0 && problems.length === 0) {
    problems.push({ row: header.row + 1, field: KAHOOT_FIELDS.question, message: 'No questions below the header row.' });
  }
  if (problems.length > 0) return { ok: false, problems };

  return validateSetObject(
    { title: opts.title ?? defaultTitle(lang), lang, questions },
    {
      question(index, path) {
        const o = origin[index]!;
        const [head, k] = path;
        if (head === 'options' && typeof k === 'number') return { row: o.row, field: KAHOOT_FIELDS.answer(o.answerCols[k] ?? k + 1) };
        if (head === 'options') return { row: o.row, field: KAHOOT_FIELDS.correct };
        if (head === 'timeLimitSec') return { row: o.row, field: KAHOOT_FIELDS.time };
        return { row: o.row, field: KAHOOT_FIELDS.question };
      },
      set: (path) => ({ row: 0, field: path.join('.') }),
    },
  );
}
