// Import/export of question sets: round trips and the bad files, each refused with the
// row and field a teacher needs to fix it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/content/limits.ts';
import type { QuestionSet } from '../../../shared/content/schema.ts';
import { exportSetCsv, exportSetJson, importSetCsv, importSetJson, type ImportResult, type Problem } from '../../../server/content/sets-io.ts';
import { importSetXlsx } from '../../../server/content/sets-xlsx.ts';
import { detectSetFormat } from '../../../server/content/sets-import.ts';
import { makeXlsx, zipStored } from './xlsx-fixture.ts';

const example = (() => {
  const r = importSetJson(readFileSync(new URL('../../../assets/content/templates/example-set.json', import.meta.url)));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.set;
})();

const HEADER = 'type,question,option1,option2,option3,option4,correct,time_limit,explanation,topic,difficulty,min,max,step,answer,tolerance,unit';
const GOOD_ROW = 'single,¿Qué protocolo usa la web?,HTTP,SMTP,,,1,20,Es HTTP.,protocols,1,,,,,,';

function problemsOf(r: ImportResult): Problem[] {
  if (r.ok) throw new Error(`expected problems, got a set: ${JSON.stringify(r.set).slice(0, 200)}`);
  return r.problems;
}
const okSet = (r: ImportResult): QuestionSet => {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.set;
};

describe('round trips', () => {
  it('JSON: export then import gives the same set (every question type, two languages)', () => {
    expect(new Set(example.questions.map((q) => q.type))).toEqual(new Set(['single', 'truefalse', 'multi', 'order', 'numeric', 'poll']));
    expect(okSet(importSetJson(exportSetJson(example)))).toEqual(example);
  });

  it('CSV: a bilingual set round-trips through _es/_en columns', () => {
    const csv = exportSetCsv(example);
    expect(csv.startsWith('\uFEFFtype,question_es,question_en,')).toBe(true);
    expect(okSet(importSetCsv(csv))).toEqual(example);
  });

  it('CSV: a one-language set round-trips through plain columns, and so does its bytes', () => {
    const es: QuestionSet = okSet(
      importSetCsv([HEADER, GOOD_ROW, 'multi,"Elige dos, por favor",A,B,C,,1;3,,,,3,,,,,,', 'truefalse,La Tierra es redonda,,,,,verdadero,,,,,,,,,,', 'order,Ordena,Uno,Dos,Tres,,,,,,,,,,,,', 'numeric,¿Cuántos nueves?,,,,,,,,,,1,6,1,4,0,nueves', 'poll,¿Favorito?,X,Y,,,,,,,,,,,,,'].join('\r\n'), { lang: 'es' }),
    );
    expect(es.lang).toBe('es');
    expect(es.questions.map((q) => q.type)).toEqual(['single', 'multi', 'truefalse', 'order', 'numeric', 'poll']);
    const csv = exportSetCsv(es);
    expect(csv.split('\r\n')[0]).toContain('type,question,option1');
    expect(okSet(importSetCsv(Buffer.from(csv, 'utf8')))).toEqual(es);
  });

  it('CSV: reads semicolon-separated files (Excel in Spanish), decimal commas and header variants', () => {
    const set = okSet(importSetCsv('Type;Question;Option 1;Option 2;Correct Answer;Min;Max;Step;Answer;Tolerance\nnumeric;¿Latencia?;;;;0;10;0,5;2,5;0,5\nsingle;¿A o B?;A;B;2;;;;;\n'));
    const q = set.questions[0]!;
    expect(q.type === 'numeric' && [q.step, q.answer, q.tolerance]).toEqual([0.5, 2.5, 0.5]);
    expect(set.questions[1]!.type).toBe('single');
  });

  it('Kahoot layout: xlsx and the same sheet saved as CSV', async () => {
    const rows: (string | number | null)[][] = [
      [null, 'Quiz template'],
      [null, 'Add questions, at least two answer alternatives, time limit and choose correct answers (at least one).'],
      [], [], [], [], [],
      [null, 'Question - max 120 characters', 'Answer 1 - max 75 characters', 'Answer 2 - max 75 characters', 'Answer 3 - max 75 characters', 'Answer 4 - max 75 characters', 'Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs', 'Correct answer(s) - choose at least one'],
      [1, 'What does DNS turn names into?', 'IP addresses', 'Colours', null, null, 20, 1],
      [2, 'Which are HTTP methods?', 'GET', 'FETCH', 'POST', 'SEND', 30, '1,3'],
    ];
    const fromXlsx = okSet(await importSetXlsx(makeXlsx(rows), { title: 'From Kahoot', lang: 'en' }));
    expect(fromXlsx.title).toBe('From Kahoot');
    expect(fromXlsx.questions.map((q) => q.type)).toEqual(['single', 'multi']);
    const multi = fromXlsx.questions[1]!;
    expect(multi.type === 'multi' && multi.options.map((o) => o.correct)).toEqual([true, false, true, false]);
    expect(multi.timeLimitSec).toBe(30);
    const csv = rows.map((r) => r.map((c) => (c === null ? '' : `"${String(c)}"`)).join(',')).join('\n');
    expect(okSet(importSetCsv(csv, { title: 'From Kahoot', lang: 'en' }))).toEqual(fromXlsx);
  });

  it('CSV: concept keys and pinned options are read, written and read back', () => {
    const csv = [
      'type,question,option1,option2,option3,option4,correct,pinned,concept',
      'single,¿Cuál?,A,B,C,Todas las anteriores,4,4,todas',
      'poll,¿Cada cuánto?,Diario,Semanal,Mensual,,,1;2;3,',
      'multi,¿Cuáles?,A,B,C,,1;2,,todas',
    ].join('\n');
    const set = okSet(importSetCsv(csv, { lang: 'es' }));
    const [single, poll, multi] = set.questions;
    expect(single).toMatchObject({ concept: 'todas', options: [{ correct: false }, {}, {}, { correct: true, pinned: true }] });
    expect(single?.type === 'single' && single.options.slice(0, 3).every((o) => o.pinned === undefined)).toBe(true);
    expect(poll?.type === 'poll' && poll.options.map((o) => o.pinned === true)).toEqual([true, true, true]);
    expect(poll?.concept).toBeUndefined();
    expect(multi?.concept).toBe('todas');
    const again = exportSetCsv(set);
    expect(again.split('\r\n')[0]).toMatch(/,pinned,.*,concept,/);
    expect(okSet(importSetCsv(again))).toEqual(set);
  });

  it('JSON: sets written before concept keys and pins still import, and keep neither', () => {
    const old = { title: 'Old', questions: [{ id: 'a', type: 'single', text: { en: 'A?' }, options: [{ text: { en: 'x' }, correct: true }, { text: { en: 'y' }, correct: false }] }] };
    const set = okSet(importSetJson(JSON.stringify(old)));
    expect(set.questions[0]).not.toHaveProperty('concept');
    expect(JSON.parse(exportSetJson(set))).toEqual({ ...old, questions: [{ ...old.questions[0], difficulty: 2 }] });
  });

  it('xlsx in this project\'s columns reads like the CSV', async () => {
    const buf = makeXlsx([HEADER.split(','), GOOD_ROW.split(',').map((c) => (c === '' ? null : c))]);
    const set = okSet(await importSetXlsx(buf, { lang: 'es' }));
    expect(set.questions[0]).toMatchObject({ type: 'single', timeLimitSec: 20, topic: 'protocols', text: { es: '¿Qué protocolo usa la web?' } });
  });
});

describe('bad files are refused with row and field', () => {
  const csvCases: { name: string; csv: string | Buffer; expected: Partial<Problem>[] }[] = [
    { name: 'unknown column', csv: `${HEADER},colour\n${GOOD_ROW},red\n`, expected: [{ row: 1, field: 'colour' }] },
    { name: 'missing column', csv: 'question,option1,option2,correct\n¿Sí?,a,b,1\n', expected: [{ row: 1, field: 'type' }] },
    { name: 'missing answer (single)', csv: `${HEADER}\n${GOOD_ROW}\nsingle,¿Cuál?,A,B,,,,,,,,,,,,,\n`, expected: [{ row: 3, field: 'correct' }] },
    { name: 'correct option is empty', csv: `${HEADER}\nsingle,¿Cuál?,A,B,,,4,,,,,,,,,,\n`, expected: [{ row: 2, field: 'correct' }] },
    { name: 'missing numeric answer', csv: `${HEADER}\nnumeric,¿Cuánto?,,,,,,,,,,0,10,1,,1,\n`, expected: [{ row: 2, field: 'answer' }] },
    { name: 'too long question', csv: `${HEADER}\n${GOOD_ROW}\n${GOOD_ROW.replace('¿Qué protocolo usa la web?', 'x'.repeat(LIMITS.questionChars + 1))}\n`, expected: [{ row: 3, field: 'question', message: `Too long: ${LIMITS.questionChars + 1} characters (at most ${LIMITS.questionChars}).` }] },
    { name: 'too long option', csv: `${HEADER}\n${GOOD_ROW.replace('SMTP', 'y'.repeat(LIMITS.optionChars + 5))}\n`, expected: [{ row: 2, field: 'option2' }] },
    { name: 'HTML in text', csv: `${HEADER}\n${GOOD_ROW}\n${GOOD_ROW.replace('Es HTTP.', '<b>Es</b> HTTP')}\n`, expected: [{ row: 3, field: 'explanation', message: 'Must not contain HTML or script.' }] },
    { name: 'script in an option', csv: `${HEADER}\n${GOOD_ROW.replace('HTTP,SMTP', '<script>alert(1)</script>,SMTP')}\n`, expected: [{ row: 2, field: 'option1' }] },
    { name: 'javascript: URL', csv: `${HEADER}\n${GOOD_ROW.replace('Es HTTP.', 'javascript:alert(1)')}\n`, expected: [{ row: 2, field: 'explanation' }] },
    {
      name: 'bad encoding (Latin-1 bytes)',
      csv: Buffer.concat([Buffer.from(`${HEADER}\n${GOOD_ROW}\nsingle,Qu`, 'utf8'), Buffer.from([0xe9]), Buffer.from(' protocolo?,HTTP,SMTP,,,1,,,,,,,,,,\n', 'utf8')]),
      expected: [{ row: 3, field: 'question' }],
    },
    { name: 'oversize file', csv: `${HEADER}\n${GOOD_ROW}\n${'#'.repeat(LIMITS.maxSetBytes)}\n`, expected: [{ row: 0, field: 'file' }] },
    {
      name: 'too many questions',
      csv: [HEADER, ...Array.from({ length: LIMITS.maxQuestionsPerSet + 3 }, () => GOOD_ROW)].join('\n'),
      expected: [{ row: LIMITS.maxQuestionsPerSet + 2, field: 'question' }],
    },
    { name: 'duplicate ids', csv: 'type,question,correct,id\ntruefalse,¿Sí?,true,a\ntruefalse,¿No?,false,a\n', expected: [{ row: 3, field: 'id' }] },
    { name: 'unknown type', csv: `${HEADER}\n${GOOD_ROW.replace(/^single/, 'essay')}\n`, expected: [{ row: 2, field: 'type' }] },
    { name: 'bad topic', csv: `${HEADER}\n${GOOD_ROW.replace('protocols', 'cooking')}\n`, expected: [{ row: 2, field: 'topic' }] },
    { name: 'time limit out of range', csv: `${HEADER}\n${GOOD_ROW.replace(',1,20,', ',1,999,')}\n`, expected: [{ row: 2, field: 'time_limit' }] },
    { name: 'unclosed quote', csv: `${HEADER}\n${GOOD_ROW}\nsingle,"Never closed,a,b,,,1,,,,,,,,,,\n`, expected: [{ field: 'file' }] },
    { name: 'no questions', csv: `${HEADER}\n`, expected: [{ row: 2, field: 'question' }] },
    { name: 'pinned option is empty', csv: 'type,question,option1,option2,correct,pinned\nsingle,¿Cuál?,A,B,1,3\n', expected: [{ row: 2, field: 'pinned' }] },
    { name: 'pinned on a true/false question', csv: 'type,question,correct,pinned\ntruefalse,¿Sí?,true,1\n', expected: [{ row: 2, field: 'pinned' }] },
    { name: 'concept key with spaces', csv: 'type,question,correct,concept\ntruefalse,¿Sí?,true,Circuit Breaker\n', expected: [{ row: 2, field: 'concept' }] },
  ];

  for (const c of csvCases) {
    it(`CSV: ${c.name}`, () => {
      const problems = problemsOf(importSetCsv(c.csv, { lang: 'es' }));
      for (const e of c.expected) expect(problems).toContainEqual(expect.objectContaining(e));
      for (const p of problems) expect(p.message.length).toBeGreaterThan(10);
    });
  }

  it('CSV: reports every bad row at once, not only the first', () => {
    const csv = `${HEADER}\nsingle,¿A?,A,B,,,,,,,,,,,,,\n${GOOD_ROW}\nsingle,<i>x</i>,A,B,,,1,,,,,,,,,,\n`;
    const problems = problemsOf(importSetCsv(csv));
    expect(problems.map((p) => [p.row, p.field])).toEqual([[2, 'correct'], [4, 'question']]);
  });

  const base = () => JSON.parse(exportSetJson(example)) as { title: string; questions: Record<string, unknown>[] };
  const jsonCases: { name: string; make: () => string | Buffer; expected: Partial<Problem>[] }[] = [
    { name: 'unknown field', make: () => JSON.stringify({ ...base(), colour: 'red' }), expected: [{ row: 0, field: '' }] },
    { name: 'missing title', make: () => JSON.stringify({ ...base(), title: undefined }), expected: [{ row: 0, field: 'title' }] },
    {
      name: 'missing answer (no correct option)',
      make: () => {
        const s = base();
        (s.questions[0]!.options as { correct: boolean }[]).forEach((o) => (o.correct = false));
        return JSON.stringify(s);
      },
      expected: [{ row: 1, field: 'questions[0].options' }],
    },
    {
      name: 'missing truefalse answer',
      make: () => {
        const s = base();
        delete s.questions[1]!.answer;
        return JSON.stringify(s);
      },
      expected: [{ row: 2, field: 'questions[1].answer' }],
    },
    {
      name: 'too long text',
      make: () => {
        const s = base();
        s.questions[3]!.text = { en: 'z'.repeat(LIMITS.questionChars + 1) };
        return JSON.stringify(s);
      },
      expected: [{ row: 4, field: 'questions[3].text.en' }],
    },
    {
      name: 'HTML in an option',
      make: () => {
        const s = base();
        (s.questions[2]!.options as { text: unknown }[])[1]!.text = { en: '<img src=x onerror=alert(1)>' };
        return JSON.stringify(s);
      },
      expected: [{ row: 3, field: 'questions[2].options[1].text.en', message: 'Must not contain HTML or script.' }],
    },
    {
      name: 'bad encoding',
      make: () => {
        const text = exportSetJson(example).replace('Latency', 'Lat\u0001ncy');
        const buf = Buffer.from(text, 'utf8');
        buf[buf.indexOf(0x01)] = 0xff;
        return buf;
      },
      expected: [{ row: 3, field: 'questions[2].options[0].text.en' }],
    },
    { name: 'oversize', make: () => JSON.stringify({ ...base(), description: 'x'.repeat(LIMITS.maxSetBytes) }), expected: [{ row: 0, field: 'file' }] },
    {
      name: 'too many questions',
      make: () => {
        const s = base();
        const q = s.questions[1]!;
        s.questions = Array.from({ length: LIMITS.maxQuestionsPerSet + 1 }, (_, i) => ({ ...q, id: `q${i}` }));
        return JSON.stringify(s);
      },
      expected: [{ row: LIMITS.maxQuestionsPerSet + 1, field: `questions[${LIMITS.maxQuestionsPerSet}]` }],
    },
    { name: 'not JSON', make: () => '{"title": "x", ', expected: [{ row: 0, field: 'file' }] },
    { name: 'unknown type', make: () => JSON.stringify({ ...base(), questions: [{ ...base().questions[0], type: 'essay' }] }), expected: [{ row: 1, field: 'questions[0].type' }] },
  ];
  for (const c of jsonCases) {
    it(`JSON: ${c.name}`, () => {
      const problems = problemsOf(importSetJson(c.make()));
      for (const e of c.expected) expect(problems).toContainEqual(expect.objectContaining(e));
    });
  }

  it('Kahoot: missing correct answer, empty marked answer and bad time limit name their rows and columns', async () => {
    const rows: (string | number | null)[][] = [
      [null, 'Question - max 120 characters', 'Answer 1 - max 75 characters', 'Answer 2 - max 75 characters', 'Answer 3 - max 75 characters', 'Answer 4 - max 75 characters', 'Time limit (sec)', 'Correct answer(s)'],
      [1, 'Fine?', 'yes', 'no', null, null, 20, 1],
      [2, 'No correct?', 'yes', 'no', null, null, 20, null],
      [3, 'Empty answer marked?', 'yes', 'no', null, null, 20, 4],
      [4, 'Time?', 'yes', 'no', null, null, 7.5, 1],
    ];
    const problems = problemsOf(await importSetXlsx(makeXlsx(rows)));
    expect(problems.map((p) => [p.row, p.field])).toEqual([[3, 'Correct answer(s)'], [4, 'Correct answer(s)'], [5, 'Time limit']]);
  });

  it('xlsx: a zip that would unzip too large, and a file that is no zip, are refused before reading', async () => {
    const bomb = zipStored([['xl/worksheets/sheet1.xml', Buffer.from('<x/>')]], 3_000_000_000);
    expect(problemsOf(await importSetXlsx(bomb))[0]).toMatchObject({ row: 0, field: 'file' });
    expect(problemsOf(await importSetXlsx(Buffer.from('type,question\n')))[0]).toMatchObject({ row: 0, field: 'file' });
  });
});

describe('detectSetFormat', () => {
  it('follows Content-Type and sniffs vague ones', () => {
    const zip = makeXlsx([['a']]);
    expect(detectSetFormat('application/json; charset=utf-8', Buffer.from('{}'))).toBe('json');
    expect(detectSetFormat('text/csv', Buffer.from('type'))).toBe('csv');
    expect(detectSetFormat('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip)).toBe('xlsx');
    expect(detectSetFormat('application/vnd.ms-excel', Buffer.from('type,question'))).toBe('csv');
    expect(detectSetFormat('application/octet-stream', zip)).toBe('xlsx');
    expect(detectSetFormat('text/plain', Buffer.from('\uFEFF {"title":1}'))).toBe('json');
    expect(detectSetFormat('image/png', Buffer.from('x'))).toBeUndefined();
  });
});
