// Homework in the store, against SQLite always and PostgreSQL when TEST_DATABASE_URL is set:
// tokens hashed at rest, the deadline and the bounds held inside the start transaction (also under
// concurrent starts), nicknames unique per assignment except for a browser's own replays.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, openStore, type AttemptLimits, type Store } from '../../../server/store/index.ts';
import { createTempDatabase, TEST_DATABASE_URL } from './pg-fixture.ts';

const tmp = mkdtempSync(join(tmpdir(), 'arena-hw-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const HOUR = 3600_000;
const limits: AttemptLimits = { perAssignment: 6, perAddress: 4, perStudent: 2 };
const start = (store: Store, assignmentId: string, name: string, more: { address?: string; previous?: string; limits?: AttemptLimits } = {}) =>
  store.homework.startAttempt(
    { assignmentId, name, nameKey: name.toLowerCase(), addressKey: more.address ?? 'addr-1', previousToken: more.previous, limits: more.limits ?? limits },
    (id, n) => ({ v: 1, model: { code: id, attempt: n } }),
  );

/** The token with its last character changed: a near miss that must not match (a fixed 'x' would
 *  leave a token that already ends in 'x' unchanged, one run in 64). */
const tampered = (token: string) => token.slice(0, -1) + (token.endsWith('x') ? 'y' : 'x');

/** Every text a table holds, for "no token in clear" checks. */
type RawRows = (table: string) => Promise<Record<string, unknown>[]>;

function homeworkContract(name: string, makeOpener: () => Promise<{ open: () => Promise<Store>; raw: RawRows; cleanup: () => Promise<void> }>) {
  describe(name, () => {
    let store: Store;
    let raw: RawRows;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const o = await makeOpener();
      ({ raw, cleanup } = o);
      store = await o.open();
    });
    afterAll(async () => {
      await store.close();
      await cleanup();
    });
    const assignment = (deadline = Date.now() + 48 * HOUR) => store.homework.createAssignment({ sourceGame: 'CLASS1', title: 'Intro', lang: 'es', setup: { seed: 7, plan: { id: 'intro' } }, deadline });

    it('keeps an assignment with its setup and only the hash of its teacher token', async () => {
      const { id, teacherToken } = await assignment();
      expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
      expect(teacherToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const a = await store.homework.getAssignment<{ seed: number }>(id);
      expect(a).toMatchObject({ sourceGame: 'CLASS1', title: 'Intro', lang: 'es', setup: { seed: 7 }, attemptCount: 0 });
      expect(await store.homework.checkTeacherToken(id, teacherToken)).toBe('ok');
      expect(await store.homework.checkTeacherToken(id, tampered(teacherToken))).toBe('forbidden');
      expect(await store.homework.checkTeacherToken('nonexistent1', teacherToken)).toBe('not-found');
      const row = (await raw('homework_assignments')).find((r) => r.id === id)!;
      expect(JSON.stringify(row)).not.toContain(teacherToken);
      expect(row.teacher_token_hash).toBe(hashToken(teacherToken));
    });

    it('starts, finds by token, saves and lists attempts; the attempt token is kept hashed', async () => {
      const { id } = await assignment();
      const r = await start(store, id, 'Ana');
      if (!r.ok) throw new Error(r.reason);
      expect(r.attemptNo).toBe(1);
      const found = await store.homework.findAttempt<{ model: { code: string } }>(id, r.token);
      expect(found).toMatchObject({ id: r.id, name: 'Ana', status: 'playing', attemptNo: 1, finishedAt: null, snapshot: { model: { code: r.id } } });
      expect(await store.homework.findAttempt(id, tampered(r.token))).toBeUndefined();
      expect(await store.homework.findAttempt('otherassign1', r.token)).toBeUndefined();
      await store.homework.saveAttempt(r.id, { snapshot: { v: 1, step: 2 }, status: 'playing', score: 1200, results: { players: [{ score: 1200 }] } });
      await store.homework.saveAttempt(r.id, { snapshot: { v: 1, step: 3 }, status: 'finished', score: 2000 });
      const done = await store.homework.getAttempt<{ step: number }>(r.id);
      expect(done).toMatchObject({ status: 'finished', score: 2000, snapshot: { step: 3 } });
      expect(done?.finishedAt).toEqual(expect.any(Number));
      await store.homework.saveAttempt(r.id, { snapshot: { v: 1, step: 4 }, status: 'finished', score: 2000 });
      expect((await store.homework.getAttempt(r.id))?.finishedAt).toBe(done?.finishedAt);
      const listed = await store.homework.listAttempts<{ players: { score: number }[] }>(id);
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ id: r.id, name: 'Ana', status: 'finished', score: 2000, results: { players: [{ score: 1200 }] } });
      expect(listed[0]).not.toHaveProperty('snapshot');
      const row = (await raw('homework_attempts')).find((x) => x.id === r.id)!;
      expect(JSON.stringify(row)).not.toContain(r.token);
      expect(row.token_hash).toBe(hashToken(r.token));
    });

    it('refuses starts at and after the deadline, and for an unknown assignment', async () => {
      const { id, teacherToken } = await assignment();
      expect(await store.homework.setDeadline(id, 'wrong-token-wrong-token-wrong-tok', Date.now() - 1)).toBe('forbidden');
      expect(await store.homework.setDeadline(id, teacherToken, Date.now() - 1)).toBe('ok');
      expect(await start(store, id, 'Late')).toEqual({ ok: false, reason: 'deadline_passed' });
      expect(await start(store, 'nonexistent1', 'Ana')).toEqual({ ok: false, reason: 'not_found' });
      expect((await store.homework.getAssignment(id))?.attemptCount).toBe(0);
    });

    it('keeps a nickname to its student: others are refused, the same browser may replay once it finished, up to the bound', async () => {
      const { id } = await assignment();
      const first = await start(store, id, 'Zoë');
      if (!first.ok) throw new Error(first.reason);
      expect(await start(store, id, 'zoë')).toEqual({ ok: false, reason: 'name_taken' });
      expect(await start(store, id, 'Zoë', { previous: first.token })).toEqual({ ok: false, reason: 'unfinished' });
      await store.homework.saveAttempt(first.id, { snapshot: {}, status: 'finished', score: 1 });
      const second = await start(store, id, 'Zoë', { previous: first.token });
      expect(second).toMatchObject({ ok: true, attemptNo: 2 });
      if (!second.ok) return;
      await store.homework.saveAttempt(second.id, { snapshot: {}, status: 'finished', score: 1 });
      expect(await start(store, id, 'Zoë', { previous: second.token })).toEqual({ ok: false, reason: 'replays_used' });
      // refusals do not use up the assignment's attempts
      expect((await store.homework.getAssignment(id))?.attemptCount).toBe(2);
    });

    it('bounds attempts per address and per assignment, also when 12 start at once', async () => {
      const { id } = await assignment();
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => start(store, id, `S${i}`, { address: i < 8 ? 'school' : `home-${i}` })));
      // which start wins a slot depends on the order the database serializes them: the school never
      // passes its own cap, and the four homes can take at most four of the assignment's slots
      const fromSchool = results.slice(0, 8).filter((r) => r.ok).length;
      expect(fromSchool).toBeLessThanOrEqual(limits.perAddress);
      expect(fromSchool).toBeGreaterThanOrEqual(limits.perAssignment - 4);
      expect(results.filter((r) => r.ok)).toHaveLength(limits.perAssignment);
      for (const r of results) if (!r.ok) expect(['too_many_from_address', 'too_many_attempts']).toContain(r.reason);
      expect(results.filter((r) => !r.ok && r.reason === 'too_many_attempts').length).toBeGreaterThan(0);
      expect((await store.homework.listAttempts(id)).length).toBe(limits.perAssignment);
      expect((await store.homework.getAssignment(id))?.attemptCount).toBe(limits.perAssignment);
    });
  });
}

homeworkContract('homework on SQLite', async () => {
  const file = join(tmp, 'hw.sqlite');
  return {
    open: () => openStore({ sqliteFile: file }),
    raw: async (table) => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    cleanup: async () => undefined,
  };
});

describe.runIf(TEST_DATABASE_URL !== '')('PostgreSQL (TEST_DATABASE_URL)', () => {
  homeworkContract('homework on PostgreSQL', async () => {
    const tmpDb = await createTempDatabase();
    return {
      open: () => openStore({ databaseUrl: tmpDb.url }),
      raw: async (table) => {
        const c = new pg.Client({ connectionString: tmpDb.url });
        await c.connect();
        try {
          return (await c.query(`SELECT * FROM ${table}`)).rows as Record<string, unknown>[];
        } finally {
          await c.end();
        }
      },
      cleanup: tmpDb.drop,
    };
  });
});
