// Import and export of teacher-made question sets: JSON (the QuestionSet schema) and a
// spreadsheet-friendly CSV, one row per question; Kahoot's spreadsheet layout is
// recognized in CSV too. Every problem comes back as { row, field, message } and a file
// with any problem yields no set. Export → import gives the same set back.
//
// CSV: a header row, then one question per row. Columns (any order, case and spaces
// ignored; only `type` and `question` are required):
//   type, question, option1..option5, correct, pinned, time_limit, explanation, topic, difficulty,
//   concept, min, max, step, answer, tolerance, unit, lang, id, source, set_title, set_description
// The text columns (question, option1..5, explanation, unit) may instead come per
// language as question_es / question_en etc.; a plain column is in the row's `lang`.
// `correct`: "2" (single), "1;3" (multi), "true"/"false" (truefalse), empty for order
// (options are written in the right order), numeric (min..answer..tolerance) and poll.
// `pinned`: the option numbers that keep their written place when options are shuffled ("4").
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { fromSpreadsheet, spreadsheetSafe } from '../csv-safe.ts';
import { LIMITS } from '../../shared/content/limits.ts';
import type { Question, QuestionSet } from '../../shared/content/schema.ts';
import type { Lang, Localized } from '../../shared/i18n-types.ts';
import { findKahootHeader, kahootRowsToSet } from './sets-kahoot.ts';
import {
  defaultTitle,
  encodingProblem,
  isQuestionType,
  jsonPath,
  UNDECODABLE,
  validateSetObject,
  type ImportResult,
  type Problem,
  type SheetRow,
} from './sets-validate.ts';

export type { ImportResult, Problem, SheetRow } from './sets-validate.ts';
export { validateSetObject } from './sets-validate.ts';

export interface ImportOptions {
  /** Title when the file carries none (CSV `set_title`, JSON `title` always wins). */
  title?: string;
  /** Language of text in a spreadsheet row without a `lang` cell. Default 'en'. */
  lang?: Lang;
}

/** Columns whose cells the export writes from numbers and codes (never free text): left as they are. */
const CODED_COLUMNS = new Set(['type', 'correct', 'time_limit', 'difficulty', 'min', 'max', 'step', 'answer', 'tolerance', 'lang', 'pinned']);

export const TEXT_COLUMNS = ['question', 'option1', 'option2', 'option3', 'option4', 'option5', 'explanation', 'unit'] as const;
export const CSV_COLUMNS = [
  'type', 'question', 'option1', 'option2', 'option3', 'option4', 'option5', 'correct', 'pinned', 'time_limit', 'explanation',
  'topic', 'difficulty', 'concept', 'min', 'max', 'step', 'answer', 'tolerance', 'unit', 'lang', 'id', 'source', 'set_title', 'set_description',
] as const;
const REQUIRED_COLUMNS = ['type', 'question'] as const;
const OPTION_COLUMNS = ['option1', 'option2', 'option3', 'option4', 'option5'] as const;

/** Other spellings a teacher may type in a header, after normalization. */
const COLUMN_ALIASES: Record<string, string> = {
  question_type: 'type', kind: 'type', tipo: 'type',
  text: 'question', question_text: 'question', pregunta: 'question',
  correct_answer: 'correct', correct_answers: 'correct', correcta: 'correct',
  time: 'time_limit', timelimit: 'time_limit', time_limit_sec: 'time_limit', time_limit_s: 'time_limit', seconds: 'time_limit', tiempo: 'time_limit',
  language: 'lang', idioma: 'lang',
  pin: 'pinned', fixed: 'pinned', fijas: 'pinned', fija: 'pinned', concepto: 'concept',
  title: 'set_title', description: 'set_description',
};

const TYPE_ALIASES: Record<string, Question['type']> = {
  single: 'single', choice: 'single', quiz: 'single', single_choice: 'single', multiple_choice: 'single',
  truefalse: 'truefalse', true_false: 'truefalse', tf: 'truefalse', boolean: 'truefalse',
  multi: 'multi', multiple: 'multi', multi_select: 'multi', multiselect: 'multi', multiple_select: 'multi',
  order: 'order', ordering: 'order', sort: 'order', sequence: 'order',
  numeric: 'numeric', number: 'numeric', slider: 'numeric', estimate: 'numeric',
  poll: 'poll', survey: 'poll', encuesta: 'poll',
};

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', 'verdadero', 'v', 'si', 'sí', 'cierto', 'wahr', 'vrai']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', 'falso', 'faux', 'falsch']);
const LANG_WORDS: Record<string, Lang> = { es: 'es', en: 'en', spanish: 'es', español: 'es', espanol: 'es', english: 'en', inglés: 'en', ingles: 'en' };
const DIFFICULTY_WORDS: Record<string, 1 | 2 | 3> = { '1': 1, '2': 2, '3': 3, easy: 1, medium: 2, hard: 3, fácil: 1, facil: 1, media: 2, medio: 2, difícil: 3, dificil: 3 };

// ---------------------------------------------------------------- text decoding

/**
 * Bytes → text. A UTF-8 BOM is dropped and UTF-16 (with BOM) is decoded; bytes that are
 * not UTF-8 become U+FFFD and `invalid` is set, so the caller can name the cells.
 */
export function decodeText(raw: Buffer | string): { text: string; invalid: boolean } {
  if (typeof raw === 'string') return { text: raw.replace(/^\uFEFF/, ''), invalid: false };
  if (raw.length >= 2 && raw[0] === 0xff && raw[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(raw.subarray(2)), invalid: false };
  if (raw.length >= 2 && raw[0] === 0xfe && raw[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(raw.subarray(2)), invalid: false };
  const body = raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? raw.subarray(3) : raw;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), invalid: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(body), invalid: true };
  }
}

function sizeProblem(bytes: number): Problem | undefined {
  if (bytes <= LIMITS.maxSetBytes) return undefined;
  return { row: 0, field: 'file', message: `The file is too large: ${Math.ceil(bytes / 1024)} KB (at most ${LIMITS.maxSetBytes / 1024} KB).` };
}

// ---------------------------------------------------------------- JSON

/** Import a set from JSON text or bytes in the documented schema (questionSetSchema). */
export function importSetJson(raw: Buffer | string): ImportResult {
  const tooBig = sizeProblem(typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length);
  if (tooBig) return { ok: false, problems: [tooBig] };
  const { text, invalid } = decodeText(raw);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const where = /position (\d+)/.exec(err instanceof Error ? err.message : '');
    const line = where ? text.slice(0, Number(where[1])).split('\n').length : undefined;
    return { ok: false, problems: [{ row: 0, field: 'file', message: `Not valid JSON${line ? ` (near line ${line})` : ''}: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  if (invalid) {
    const problems: Problem[] = [];
    walkStrings(value, [], (s, path) => {
      if (s.includes(UNDECODABLE)) {
        const qi = path[0] === 'questions' && typeof path[1] === 'number' ? path[1] : -1;
        problems.push(encodingProblem(qi + 1, jsonPath(path)));
      }
    });
    return { ok: false, problems: problems.length > 0 ? problems : [encodingProblem(0, 'file')] };
  }
  return validateSetObject(value);
}

function walkStrings(v: unknown, path: PropertyKey[], visit: (s: string, path: PropertyKey[]) => void): void {
  if (typeof v === 'string') visit(v, path);
  else if (Array.isArray(v)) v.forEach((x, i) => walkStrings(x, [...path, i], visit));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walkStrings(x, [...path, k], visit);
}

export function exportSetJson(set: QuestionSet): string {
  return `${JSON.stringify(set, null, 2)}\n`;
}

// ---------------------------------------------------------------- CSV in

/** Header cell → canonical column name: lowercased, spaces and dashes → _, aliases resolved. */
export function normalizeColumn(header: string): string {
  let c = header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
  c = c.replace(/^(option|opcion|opción|answer)_?([1-5])/, 'option$2').replace(/^(option[1-5])_?(es|en)$/, '$1_$2');
  const m = /^(.*?)(_(es|en))?$/.exec(c)!;
  const base = COLUMN_ALIASES[m[1]!] ?? m[1]!;
  return m[2] && (TEXT_COLUMNS as readonly string[]).includes(base) ? `${base}${m[2]}` : COLUMN_ALIASES[c] ?? base + (m[2] ?? '');
}

const KNOWN_COLUMNS = new Set<string>([...CSV_COLUMNS, ...TEXT_COLUMNS.flatMap((c) => [`${c}_es`, `${c}_en`])]);

/** Guess the delimiter from the header line: comma, semicolon (Excel in Spanish) or tab. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

/** Parse CSV text into numbered rows (row 1 = header). */
export function csvRows(text: string): { rows: SheetRow[] } | { problem: Problem } {
  try {
    const records = parseCsv(text, { delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
    return { rows: records.map((cells, i) => ({ row: i + 1, cells })) };
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return { problem: { row: line ?? 0, field: 'file', message: `The CSV cannot be read: ${err instanceof Error ? err.message.replace(/^Invalid Record Length: /, '') : String(err)}` } };
  }
}

/** Import a set from CSV text or bytes: this project's columns, or Kahoot's layout saved as CSV. */
export function importSetCsv(raw: Buffer | string, opts: ImportOptions = {}): ImportResult {
  const tooBig = sizeProblem(typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length);
  if (tooBig) return { ok: false, problems: [tooBig] };
  const { text, invalid } = decodeText(raw);
  const parsed = csvRows(text);
  if ('problem' in parsed) return { ok: false, problems: [parsed.problem] };
  return importSetRows(parsed.rows, opts, invalid);
}

/** Import from spreadsheet rows (CSV or xlsx): this project's columns or Kahoot's layout. */
export function importSetRows(sheet: readonly SheetRow[], opts: ImportOptions = {}, hadInvalidBytes = false): ImportResult {
  const rows = sheet.map((r) => ({ row: r.row, cells: r.cells.map(fromSpreadsheet) }));
  if (hadInvalidBytes || rows.some((r) => r.cells.some((c) => c.includes(UNDECODABLE)))) {
    const header = rows[0]?.cells.map(normalizeColumn) ?? [];
    const problems: Problem[] = [];
    for (const r of rows) r.cells.forEach((c, i) => c.includes(UNDECODABLE) && problems.push(encodingProblem(r.row, r.row === 1 ? `column ${i + 1}` : header[i] ?? `column ${i + 1}`)));
    return { ok: false, problems: problems.length > 0 ? problems : [encodingProblem(0, 'file')] };
  }
  const nonEmpty = rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (nonEmpty.length === 0) return { ok: false, problems: [{ row: 1, field: 'file', message: 'The file is empty: it needs a header row and one row per question.' }] };
  const kahootHeader = findKahootHeader(rows);
  if (kahootHeader >= 0 && !rows[0]!.cells.map(normalizeColumn).includes('type')) return kahootRowsToSet(rows, kahootHeader, opts);
  return canonicalRowsToSet(rows, opts);
}

function canonicalRowsToSet(rows: readonly SheetRow[], opts: ImportOptions): ImportResult {
  const headerRow = rows[0]!;
  const columns = headerRow.cells.map(normalizeColumn);
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  columns.forEach((c, i) => {
    if (c === '' && rows.every((r) => (r.cells[i] ?? '').trim() === '')) return;
    if (c === '') problems.push({ row: 1, field: `column ${i + 1}`, message: 'This column has values but no name in the header row.' });
    else if (!KNOWN_COLUMNS.has(c)) problems.push({ row: 1, field: headerRow.cells[i]!.trim(), message: `Unknown column "${headerRow.cells[i]!.trim()}". The columns are: ${CSV_COLUMNS.join(', ')}.` });
    else if (seen.has(c)) problems.push({ row: 1, field: c, message: `The column "${c}" appears twice (columns ${seen.get(c)! + 1} and ${i + 1}).` });
    else seen.set(c, i);
  });
  for (const req of REQUIRED_COLUMNS) {
    const present = seen.has(req) || (req === 'question' && (seen.has('question_es') || seen.has('question_en')));
    if (!present) problems.push({ row: 1, field: req, message: `Missing column "${req}". The header row must name at least: ${REQUIRED_COLUMNS.join(', ')}.` });
  }
  if (problems.length > 0) return { ok: false, problems };

  const get = (r: SheetRow, col: string): string => {
    const i = seen.get(col);
    return i === undefined ? '' : (r.cells[i] ?? '').trim();
  };
  const dataRows = rows.slice(1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (dataRows.length === 0) return { ok: false, problems: [{ row: 2, field: 'question', message: 'No questions: add one row per question below the header.' }] };
  if (dataRows.length > LIMITS.maxQuestionsPerSet) {
    const extra = dataRows[LIMITS.maxQuestionsPerSet]!;
    return { ok: false, problems: [{ row: extra.row, field: 'question', message: `Too many questions: ${dataRows.length} (at most ${LIMITS.maxQuestionsPerSet} per set); this row is the first one beyond it.` }] };
  }

  const langs = new Set<Lang>();
  const usedIds = new Set(dataRows.map((r) => get(r, 'id')).filter((id) => id !== ''));
  const questions: unknown[] = [];
  /** The sheet row of each entry of `questions`. */
  const qRows: SheetRow[] = [];
  let title = '';
  let description = '';
  let titleRow = 0;
  let descriptionRow = 0;
  for (const r of dataRows) {
    const at = (field: string, message: string) => problems.push({ row: r.row, field, message });
    const t = get(r, 'set_title');
    if (t !== '') {
      if (title === '') [title, titleRow] = [t, r.row];
      else if (t !== title) at('set_title', `A different set title than on row ${titleRow}; write the title once (on the first row).`);
    }
    const d = get(r, 'set_description');
    if (d !== '') {
      if (description === '') [description, descriptionRow] = [d, r.row];
      else if (d !== description) at('set_description', `A different set description than on row ${descriptionRow}; write it once (on the first row).`);
    }
    const langCell = get(r, 'lang').toLowerCase();
    const lang: Lang | undefined = langCell === '' ? (opts.lang ?? 'en') : LANG_WORDS[langCell];
    if (lang === undefined) {
      at('lang', `Unknown language "${get(r, 'lang')}": use es or en.`);
      continue;
    }
    langs.add(lang);
    const q = rowToQuestion(r, lang, get, at);
    if (q === undefined) continue;
    if (q.id === undefined) {
      let id = `q${r.row - 1}`;
      for (let n = 2; usedIds.has(id); n++) id = `q${r.row - 1}-${n}`;
      usedIds.add(id);
      q.id = id;
    }
    questions.push(q);
    qRows.push(r);
  }
  if (questions.length === 0) return { ok: false, problems };

  const setLang = langs.size === 1 ? [...langs][0]! : opts.lang;
  const set = {
    title: title !== '' ? title : opts.title ?? defaultTitle(setLang ?? 'en'),
    ...(description !== '' ? { description } : {}),
    ...(setLang ? { lang: setLang } : {}),
    questions,
  };
  const checked = validateSetObject(set, {
    question(index, path) {
      const r = qRows[index]!;
      return { row: r.row, field: csvField(path, (questions[index] as { type?: string }).type, seen) };
    },
    set(path) {
      const head = path[0];
      if (head === 'title') return { row: titleRow || 2, field: 'set_title' };
      if (head === 'description') return { row: descriptionRow || 2, field: 'set_description' };
      return { row: 0, field: jsonPath(path) };
    },
  });
  if (problems.length === 0) return checked;
  // Rows with a structural problem were validated too; drop what repeats a cell already reported.
  const reported = new Set(problems.map((p) => `${p.row}\u0000${p.field}`));
  const more = checked.ok ? [] : checked.problems.filter((p) => !reported.has(`${p.row}\u0000${p.field}`));
  return { ok: false, problems: [...problems, ...more].sort((a, b) => a.row - b.row) };
}

type Draft = Record<string, unknown> & { id?: string; type: Question['type'] };

function rowToQuestion(r: SheetRow, lang: Lang, get: (r: SheetRow, col: string) => string, at: (field: string, message: string) => void): Draft | undefined {
  const report = at;
  const text = (col: string): Localized | undefined => {
    const plain = get(r, col);
    const es = get(r, `${col}_es`);
    const en = get(r, `${col}_en`);
    const out: Localized = {};
    if (plain !== '') out[lang] = plain;
    if (es !== '') out.es = es;
    if (en !== '') out.en = en;
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const num = (col: string): number | undefined => {
    const v = get(r, col).replace(/^([+-]?\d+),(\d+)$/, '$1.$2');
    if (v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) {
      report(col, `Not a number: "${get(r, col)}".`);
      return undefined;
    }
    return n;
  };
  const options = OPTION_COLUMNS.map((c) => ({ col: c, text: text(c) }));
  const filled = options.filter((o) => o.text !== undefined);
  const correct = get(r, 'correct');

  const rawType = get(r, 'type').toLowerCase().replace(/[\s/-]+/g, '_');
  let type: Question['type'] | undefined = TYPE_ALIASES[rawType] ?? (isQuestionType(rawType) ? rawType : undefined);
  if (rawType === '') {
    if (filled.length === 0 && (TRUE_WORDS.has(correct.toLowerCase()) || FALSE_WORDS.has(correct.toLowerCase()))) type = 'truefalse';
    else if (/[;,\s]/.test(correct)) type = 'multi';
    else type = 'single';
  }
  if (type === undefined) {
    report('type', `Unknown question type "${get(r, 'type')}": use single, truefalse, multi, order, numeric or poll.`);
    return undefined;
  }

  const q: Draft = { type };
  const id = get(r, 'id');
  if (id !== '') q.id = id;
  q.text = text('question') ?? {};
  const explanation = text('explanation');
  if (explanation) q.explanation = explanation;
  const topic = get(r, 'topic').toLowerCase();
  if (topic !== '') q.topic = topic;
  const difficulty = get(r, 'difficulty').toLowerCase();
  if (difficulty !== '') {
    if (DIFFICULTY_WORDS[difficulty] === undefined) report('difficulty', `Must be 1 (easy), 2 (medium) or 3 (hard), not "${get(r, 'difficulty')}".`);
    else q.difficulty = DIFFICULTY_WORDS[difficulty];
  }
  const time = num('time_limit');
  if (time !== undefined) q.timeLimitSec = time;
  const source = get(r, 'source');
  if (source !== '') q.source = source;
  const concept = get(r, 'concept');
  if (concept !== '') q.concept = concept;

  const pinnedCell = get(r, 'pinned');
  const picks = (col: 'correct' | 'pinned' = 'correct'): number[] | undefined => {
    const parts = (col === 'correct' ? correct : pinnedCell).split(/[\s,;/|+]+/).filter((p) => p !== '');
    const out: number[] = [];
    for (const p of parts) {
      const letter = /^[a-e]$/i.test(p) ? p.toLowerCase().charCodeAt(0) - 96 : Number(p);
      if (!Number.isInteger(letter) || letter < 1 || letter > 5) {
        report(col, `"${p}" is not an option number (1 to 5).`);
        return undefined;
      }
      if (options[letter - 1]!.text === undefined) {
        report(col, `Option ${letter} is marked ${col} but option${letter} is empty.`);
        return undefined;
      }
      if (!out.includes(letter)) out.push(letter);
    }
    return out;
  };

  switch (type) {
    case 'single':
    case 'multi':
    case 'poll': {
      if (options[4]!.text !== undefined) report('option5', `Only order questions use option5; a ${type} question has at most ${LIMITS.maxOptions} options.`);
      const pins = picks('pinned');
      if (pins === undefined) break;
      const pin = (col: string) => (pins.includes(OPTION_COLUMNS.indexOf(col as (typeof OPTION_COLUMNS)[number]) + 1) ? { pinned: true } : {});
      if (type === 'poll') {
        if (correct !== '') report('correct', 'A poll has no right answer: leave "correct" empty.');
        q.options = filled.map((o) => ({ text: o.text, ...pin(o.col) }));
        break;
      }
      if (correct === '') {
        report('correct', type === 'single' ? 'Missing: which option is correct (e.g. 2).' : 'Missing: which options are correct (e.g. 1;3).');
        break;
      }
      const chosen = picks();
      if (chosen === undefined) break;
      if (type === 'single' && chosen.length > 1) report('correct', `A single-choice question has exactly one correct option, not ${chosen.length}; use type multi for several.`);
      q.options = filled.map((o) => ({ text: o.text, correct: chosen.includes(OPTION_COLUMNS.indexOf(o.col) + 1), ...pin(o.col) }));
      break;
    }
    case 'truefalse': {
      if (pinnedCell !== '') report('pinned', 'Only single, multi and poll questions have options to pin: leave "pinned" empty.');
      const c = correct.toLowerCase();
      let answer: boolean | undefined = TRUE_WORDS.has(c) ? true : FALSE_WORDS.has(c) ? false : undefined;
      if (answer === undefined && /^[12]$/.test(c)) {
        const picked = (get(r, `option${c}`) || get(r, `option${c}_${lang}`)).toLowerCase();
        answer = TRUE_WORDS.has(picked) ? true : FALSE_WORDS.has(picked) ? false : undefined;
      }
      if (answer === undefined) report('correct', correct === '' ? 'Missing: true or false.' : `Must be true or false, not "${correct}".`);
      else q.answer = answer;
      break;
    }
    case 'order': {
      if (correct !== '') report('correct', 'Order questions take no "correct": write the options in the right order and leave it empty.');
      if (pinnedCell !== '') report('pinned', 'Order questions are always shown shuffled: leave "pinned" empty.');
      q.items = filled.map((o) => o.text);
      break;
    }
    case 'numeric': {
      if (pinnedCell !== '') report('pinned', 'Only single, multi and poll questions have options to pin: leave "pinned" empty.');
      const min = num('min');
      const max = num('max');
      const answer = num('answer');
      for (const [col, v] of [['min', min], ['max', max], ['answer', answer]] as const) if (v === undefined && get(r, col) === '') report(col, `Missing: a numeric question needs ${col}.`);
      q.min = min;
      q.max = max;
      q.answer = answer;
      q.step = num('step') ?? 1;
      q.tolerance = num('tolerance') ?? 0;
      const unit = text('unit');
      if (unit) q.unit = unit;
      break;
    }
  }
  return q;
}

/** The CSV column that holds the value at `path` of a question. */
function csvField(path: readonly PropertyKey[], type: string | undefined, columns: ReadonlyMap<string, number>): string {
  const [head, a, b] = path;
  const withLang = (col: string, lang: unknown) => (typeof lang === 'string' && columns.has(`${col}_${lang}`) ? `${col}_${lang}` : col);
  switch (head) {
    case 'text':
      return withLang('question', a);
    case 'explanation':
    case 'unit':
      return withLang(head, a);
    case 'options':
      if (typeof a === 'number') return b === 'correct' ? 'correct' : b === 'pinned' ? 'pinned' : withLang(`option${a + 1}`, path[3]);
      return 'correct';
    case 'items':
      return typeof a === 'number' ? withLang(`option${a + 1}`, b) : 'option1';
    case 'answer':
      return type === 'truefalse' ? 'correct' : 'answer';
    case 'timeLimitSec':
      return 'time_limit';
    case undefined:
      return 'question';
    default:
      return String(head);
  }
}

// ---------------------------------------------------------------- CSV out

/** "2;4": the 1-based numbers of the pinned options ('' when none is). */
const pinnedNumbers = (options: readonly { pinned?: boolean }[]): string => options.flatMap((o, k) => (o.pinned ? [String(k + 1)] : [])).join(';');

/**
 * The set as CSV in this project's columns (import gives the same set back). A set in one
 * language uses the plain text columns; a bilingual one uses _es/_en columns. `lang` on
 * every row carries that language (or the set's), from which import sets the set's lang.
 * `bom` (default true) prefixes a UTF-8 BOM so that Excel reads accents right.
 */
export function exportSetCsv(set: QuestionSet, opts: { bom?: boolean } = {}): string {
  const used = new Set<Lang>();
  const note = (t: Localized | undefined) => t && (Object.keys(t) as Lang[]).forEach((l) => used.add(l));
  for (const q of set.questions) {
    note(q.text);
    note(q.explanation);
    if (q.type === 'single' || q.type === 'multi' || q.type === 'poll') q.options.forEach((o) => note(o.text));
    if (q.type === 'order') q.items.forEach(note);
    if (q.type === 'numeric') note(q.unit);
  }
  const single: Lang | undefined = used.size === 1 ? [...used][0] : undefined;
  const columns: string[] = CSV_COLUMNS.flatMap((c) =>
    (TEXT_COLUMNS as readonly string[]).includes(c) && !single ? [`${c}_es`, `${c}_en`] : [c],
  );
  const records = set.questions.map((q, i) => {
    const rec: Record<string, string> = {};
    const putText = (col: string, t: Localized | undefined) => {
      if (!t) return;
      if (single) rec[col] = t[single] ?? '';
      else {
        rec[`${col}_es`] = t.es ?? '';
        rec[`${col}_en`] = t.en ?? '';
      }
    };
    rec.type = q.type;
    putText('question', q.text);
    putText('explanation', q.explanation);
    if (q.timeLimitSec !== undefined) rec.time_limit = String(q.timeLimitSec);
    if (q.topic) rec.topic = q.topic;
    rec.difficulty = String(q.difficulty);
    const rowLang = single ?? set.lang;
    if (rowLang) rec.lang = rowLang;
    rec.id = q.id;
    if (q.source) rec.source = q.source;
    if (q.concept) rec.concept = q.concept;
    if (i === 0) {
      rec.set_title = set.title;
      if (set.description) rec.set_description = set.description;
    }
    switch (q.type) {
      case 'single':
      case 'multi':
        q.options.forEach((o, k) => putText(`option${k + 1}`, o.text));
        rec.correct = q.options.flatMap((o, k) => (o.correct ? [String(k + 1)] : [])).join(';');
        rec.pinned = pinnedNumbers(q.options);
        break;
      case 'poll':
        q.options.forEach((o, k) => putText(`option${k + 1}`, o.text));
        rec.pinned = pinnedNumbers(q.options);
        break;
      case 'order':
        q.items.forEach((t, k) => putText(`option${k + 1}`, t));
        break;
      case 'truefalse':
        rec.correct = String(q.answer);
        break;
      case 'numeric':
        rec.min = String(q.min);
        rec.max = String(q.max);
        rec.step = String(q.step);
        rec.answer = String(q.answer);
        rec.tolerance = String(q.tolerance);
        putText('unit', q.unit);
        break;
    }
    // Text cells are anyone's text: nothing in them may run as a formula (csv-safe.ts).
    return columns.map((c) => (CODED_COLUMNS.has(c) ? (rec[c] ?? '') : spreadsheetSafe(rec[c] ?? '')));
  });
  const csv = stringifyCsv([columns, ...records], { record_delimiter: 'windows' });
  return (opts.bom ?? true) ? `\uFEFF${csv}` : csv;
}
