// Attack: "a 1.4 KB spreadsheet kills the process". POST /api/sets with a workbook holding one
// cell at XFD1048576 made the reader build the whole grid: the event loop blocked for a minute
// and the process died out of memory. Every hostile workbook must be refused with a 400 and a
// reason a teacher can act on, while a game on the same server keeps running.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { assertStillServes, messages, startTarget, type Target } from './harness.ts';
import { BOMBS, workbook, zipDeflated } from './xlsx-bombs.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(async () => {
  await t.stop();
});

async function upload(file: Buffer) {
  const res = await fetch(`${t.url}/api/sets`, { method: 'POST', headers: { 'content-type': XLSX }, body: new Uint8Array(file) });
  return { status: res.status, body: (await res.json()) as { error: string; problems?: { message: string }[] } };
}

describe('hostile workbooks', () => {
  it.each(BOMBS)('$name: refused with a 400 that says why', async ({ file, says }) => {
    const bytes = file();
    expect(bytes.length).toBeLessThan(512 * 1024);
    const r = await upload(bytes);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/xlsx|workbook/i);
    expect(r.body.problems?.[0]?.message).toMatch(says);
    expect(JSON.stringify(r.body)).not.toMatch(/at \w+ \(|Error:|undefined|Out-of-place|<c\/>/);
    expect(t.proc.proc.exitCode).toBeNull();
  });

  it('the XFD1048576 bomb is about 1.4 KB, like the one that killed the old server', () => {
    expect(BOMBS[0]!.file().length).toBeLessThan(2048);
  });

  it('a game in play keeps running while bombs are uploaded ten at a time', async () => {
    const game = await t.createGame();
    const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
    const phone = await t.client().joinById(game.code, { name: 'Ana' });
    const log = messages(phone);
    host.onMessage('*', () => undefined);
    await vi.waitFor(() => expect(log.last('welcome')).toBeDefined());
    host.send('host:start', {});
    await vi.waitFor(() => expect((phone.state as any).phase).toBe('question'), { timeout: 10_000 });
    const uploads = Array.from({ length: 10 }, (_, i) => upload(BOMBS[i % BOMBS.length]!.file()));
    // the room keeps serving while the uploads are read: a pause and a resume round-trip through it
    host.send('host:pause', {});
    await vi.waitFor(() => expect((phone.state as any).paused).toBe(true));
    host.send('host:resume', {});
    await vi.waitFor(() => expect((phone.state as any).paused).toBe(false));
    const statuses = (await Promise.all(uploads)).map((r) => r.status);
    // refused, or (past the reader's queue) told to come back: never a crash, never accepted
    for (const s of statuses) expect([400, 503]).toContain(s);
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThanOrEqual(2);
    await Promise.all([host.leave(true), phone.leave(true)]);
    await assertStillServes(t);
  });

  // A teacher's damaged file is no attack, but the refusal must still be words they can act on,
  // never the reader's internal error ("Cannot read properties of undefined").
  const honest = () => workbook(`<row r="1"><c r="A1" t="inlineStr"><is><t>type</t></is></c></row>`, { dimension: 'A1:A1' });
  it.each([
    { name: 'not a zip at all', file: () => Buffer.from('PK\u0003\u0004 this is not really a workbook') },
    { name: 'a zip without a workbook inside', file: () => zipDeflated([['hello.txt', Buffer.from('hi')]]) },
    { name: 'a workbook cut short', file: () => honest().subarray(0, Math.floor(honest().length / 2)) },
    { name: 'a sheet that is not XML', file: () => workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>type</is></row') },
  ])('$name: refused with a 400 in plain words', async ({ file }) => {
    const r = await upload(file());
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/xlsx|workbook|spreadsheet|file/i);
    expect(JSON.stringify(r.body)).not.toMatch(/at \w+ \(|Error:|undefined|Cannot read|properties of|null/);
    expect(t.proc.proc.exitCode).toBeNull();
  });

  it('an honest workbook still makes a set', async () => {
    const ok = workbook(`<row r="1"><c r="A1" t="inlineStr"><is><t>type</t></is></c><c r="B1" t="inlineStr"><is><t>question</t></is></c><c r="C1" t="inlineStr"><is><t>option1</t></is></c><c r="D1" t="inlineStr"><is><t>option2</t></is></c><c r="E1" t="inlineStr"><is><t>correct</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>single</t></is></c><c r="B2" t="inlineStr"><is><t>What does a CDN cache?</t></is></c><c r="C2" t="inlineStr"><is><t>Static files</t></is></c><c r="D2" t="inlineStr"><is><t>Passwords</t></is></c><c r="E2"><v>1</v></c></row>`, { dimension: 'A1:E2' });
    const res = await fetch(`${t.url}/api/sets`, { method: 'POST', headers: { 'content-type': XLSX }, body: new Uint8Array(ok) });
    expect(res.status).toBe(201);
  });
});
