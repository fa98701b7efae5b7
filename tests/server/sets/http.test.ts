// The sets HTTP API on a real express app listening on an ephemeral port, driven with
// fetch; SQLite always, PostgreSQL too when TEST_DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../shared/content/limits.ts';
import type { QuestionSet } from '../../../shared/content/schema.ts';
import { createSetsRouter } from '../../../server/http/sets.ts';
import { importSetCsv } from '../../../server/content/sets-io.ts';
import { openStore, type Store } from '../../../server/store/index.ts';
import { createTempDatabase, TEST_DATABASE_URL } from '../store/pg-fixture.ts';
import { makeXlsx } from './xlsx-fixture.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = 'type,question,option1,option2,option3,option4,correct,time_limit,explanation,topic,difficulty';
const ROW = 'single,¿Qué protocolo usa la web?,HTTP,SMTP,,,1,20,Es HTTP.,protocols,1';

interface Running {
  base: string;
  store: Store;
  logged: string[];
  stop: () => Promise<void>;
}

async function start(open: () => Promise<Store>): Promise<Running> {
  const store = await open();
  const logged: string[] = [];
  const log = { warn: (o: object, m: string) => logged.push(JSON.stringify(o) + m), error: (o: object, m: string) => logged.push(JSON.stringify(o) + m) };
  const app = express();
  app.use('/api/sets', createSetsRouter(store, { log }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/api/sets`,
    store,
    logged,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

function httpContract(name: string, makeOpener: () => Promise<{ open: () => Promise<Store>; cleanup: () => Promise<void> }>) {
  describe(name, () => {
    let run: Running;
    let open: () => Promise<Store>;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ open, cleanup } = await makeOpener());
      run = await start(open);
    });
    afterAll(async () => {
      await run.stop().catch(() => undefined);
      await cleanup();
    });

    const post = (body: BodyInit, type: string, query = '') => fetch(`${run.base}/${query}`, { method: 'POST', headers: { 'content-type': type }, body });

    it('serves the CSV template (one example question) as a download that imports as is', async () => {
      const res = await fetch(`${run.base}/template.csv?lang=es`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?uptime-arena-template\.csv"?$/);
      const text = await res.text();
      expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toMatch(/^type,question,option1,/);
      const parsed = importSetCsv(text);
      expect(parsed.ok && parsed.set.questions.length).toBe(1);
      expect(parsed.ok && parsed.set.lang).toBe('es');
      const created = await post(text, 'text/csv');
      expect(created.status).toBe(201);
    });

    it('creates a set from the example JSON, serves it back, and exports it as CSV that re-imports', async () => {
      const example = (await (await fetch(`${run.base}/example.json`)).json()) as QuestionSet;
      const res = await post(JSON.stringify(example), 'application/json');
      expect(res.status).toBe(201);
      const { id, editToken } = (await res.json()) as { id: string; editToken: string };
      expect(res.headers.get('location')).toBe(`/api/sets/${id}`);
      expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(editToken.length).toBeGreaterThanOrEqual(32);
      const got = await fetch(`${run.base}/${id}`);
      expect(got.status).toBe(200);
      expect(await got.json()).toEqual(example);
      const csv = await fetch(`${run.base}/${id}/export.csv`);
      expect(csv.headers.get('content-disposition')).toContain('example-keeping-a-web-service-up.csv');
      const back = importSetCsv(await csv.text());
      expect(back.ok && back.set).toEqual(example);
    });

    it('creates a set from CSV and from an xlsx workbook', async () => {
      const fromCsv = await post(`${HEADER}\n${ROW}\n`, 'text/csv; charset=utf-8', '?title=Redes&lang=es');
      expect(fromCsv.status).toBe(201);
      const { id } = (await fromCsv.json()) as { id: string };
      expect(await (await fetch(`${run.base}/${id}`)).json()).toMatchObject({ title: 'Redes', lang: 'es' });
      const xlsx = makeXlsx([HEADER.split(','), ROW.split(',').map((c) => (c === '' ? null : c))]);
      const fromXlsx = await post(new Uint8Array(xlsx), XLSX, '?lang=es');
      expect(fromXlsx.status).toBe(201);
    });

    const bad: { name: string; body: () => BodyInit; type: string; status?: number; row: number; field: string }[] = [
      { name: 'wrong columns', body: () => `typ,question\nsingle,x\n`, type: 'text/csv', row: 1, field: 'typ' },
      { name: 'missing answers', body: () => `${HEADER}\n${ROW}\n${ROW.replace(',1,20,', ',,20,')}\n`, type: 'text/csv', row: 3, field: 'correct' },
      { name: 'too long text', body: () => `${HEADER}\n${ROW.replace('Es HTTP.', 'e'.repeat(LIMITS.explanationChars + 1))}\n`, type: 'text/csv', row: 2, field: 'explanation' },
      { name: 'bad encoding', body: () => new Uint8Array(Buffer.concat([Buffer.from(`${HEADER}\nsingle,`), Buffer.from([0xbf, 0x51, 0x75, 0xe9]), Buffer.from(',HTTP,SMTP,,,1,,,,\n')])), type: 'text/csv', row: 2, field: 'question' },
      { name: 'HTML or script', body: () => `${HEADER}\n${ROW.replace('SMTP', '<script>alert(1)</script>')}\n`, type: 'text/csv', row: 2, field: 'option2' },
      { name: 'oversize (detailed)', body: () => `${HEADER}\n${ROW}\n${'#'.repeat(LIMITS.maxSetBytes)}`, type: 'text/csv', row: 0, field: 'file' },
      { name: 'oversize (over the parser limit)', body: () => 'x'.repeat(3 * LIMITS.maxSetBytes), type: 'text/csv', status: 413, row: 0, field: 'file' },
      { name: 'too many questions', body: () => [HEADER, ...Array.from({ length: LIMITS.maxQuestionsPerSet + 1 }, () => ROW)].join('\n'), type: 'text/csv', row: LIMITS.maxQuestionsPerSet + 2, field: 'question' },
      { name: 'JSON with a missing answer', body: () => JSON.stringify({ title: 'T', questions: [{ id: 'a', type: 'truefalse', text: { en: 'Sure?' } }] }), type: 'application/json', row: 1, field: 'questions[0].answer' },
      { name: 'empty body', body: () => '', type: 'text/csv', row: 0, field: 'file' },
    ];
    for (const c of bad) {
      it(`refuses ${c.name} with row ${c.row}, field ${c.field}, and stores nothing`, async () => {
        const before = await run.store.sets.count();
        const res = await post(c.body(), c.type);
        expect(res.status).toBe(c.status ?? 400);
        const body = (await res.json()) as { error: string; problems: { row: number; field: string; message: string }[] };
        expect(body.error).toEqual(expect.any(String));
        expect(body.problems).toContainEqual(expect.objectContaining({ row: c.row, field: c.field }));
        expect(await run.store.sets.count()).toBe(before);
      });
    }

    it('refuses an unsupported content type with a readable JSON error', async () => {
      const res = await post('x', 'image/png');
      expect(res.status).toBe(415);
      expect(await res.json()).toEqual({ error: expect.stringContaining('Content-Type') });
    });

    it('updates and deletes only with the edit token (Bearer or X-Edit-Token)', async () => {
      const created = (await (await post(`${HEADER}\n${ROW}\n`, 'text/csv', '?title=Mine')).json()) as { id: string; editToken: string };
      const url = `${run.base}/${created.id}`;
      const newBody = JSON.stringify({ title: 'Changed', lang: 'es', questions: [{ id: 'a', type: 'truefalse', text: { es: '¿Sí?' }, answer: true }] });
      const put = (headers: Record<string, string>, body = newBody) => fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body });

      expect((await put({})).status).toBe(403);
      expect((await put({ authorization: 'Bearer wrong' })).status).toBe(403);
      expect((await fetch(`${run.base}/nosuchsetid`, { method: 'PUT', headers: { 'x-edit-token': created.editToken }, body: newBody })).status).toBe(404);
      expect(((await (await fetch(url)).json()) as QuestionSet).title).toBe('Mine');

      const refused = await put({ authorization: `Bearer ${created.editToken}` }, JSON.stringify({ title: 'Broken', questions: [] }));
      expect(refused.status).toBe(400);
      expect(((await (await fetch(url)).json()) as QuestionSet).title).toBe('Mine');

      const ok = await put({ authorization: `Bearer ${created.editToken}` });
      expect(ok.status).toBe(200);
      expect(((await (await fetch(url)).json()) as QuestionSet).title).toBe('Changed');

      expect((await fetch(url, { method: 'DELETE', headers: { 'x-edit-token': 'nope' } })).status).toBe(403);
      expect((await fetch(url, { method: 'DELETE' })).status).toBe(403);
      expect((await fetch(url, { method: 'DELETE', headers: { 'x-edit-token': created.editToken } })).status).toBe(204);
      const gone = await fetch(url);
      expect(gone.status).toBe(404);
      expect(await gone.json()).toEqual({ error: expect.any(String) });
      expect((await fetch(url, { method: 'DELETE', headers: { 'x-edit-token': created.editToken } })).status).toBe(404);
    });

    it('keeps sets across a store close and reopen, then answers a failing store with JSON and no token in logs', async () => {
      const created = (await (await post(`${HEADER}\n${ROW}\n`, 'text/csv', '?title=Durable')).json()) as { id: string; editToken: string };
      await run.stop();
      run = await start(open);
      const res = await fetch(`${run.base}/${created.id}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as QuestionSet).title).toBe('Durable');
      expect(await run.store.sets.checkToken(created.id, created.editToken)).toBe('ok');

      await run.store.close();
      const failed = await fetch(`${run.base}/${created.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${created.editToken}` } });
      expect(failed.status).toBe(500);
      const text = await failed.text();
      expect(JSON.parse(text)).toEqual({ error: expect.any(String) });
      expect(text).not.toMatch(/\bat .*\.ts:\d+/);
      expect(run.logged.length).toBeGreaterThan(0);
      expect(run.logged.join('\n')).not.toContain(created.editToken);
      run = await start(open);
    });
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'arena-sets-http-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

httpContract('sets API on SQLite', async () => ({ open: () => openStore({ sqliteFile: join(tmp, 'sets.sqlite') }), cleanup: async () => undefined }));

describe.runIf(TEST_DATABASE_URL !== '')('PostgreSQL (TEST_DATABASE_URL)', () => {
  httpContract('sets API on PostgreSQL', async () => {
    const db = await createTempDatabase();
    return { open: () => openStore({ databaseUrl: db.url }), cleanup: db.drop };
  });
});
