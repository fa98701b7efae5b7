// The store against SQLite always, and against PostgreSQL when TEST_DATABASE_URL is set.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import type { QuestionSet } from '../../../shared/content/schema.ts';
import { hashToken, openStore, type Store, tokenMatchesHash } from '../../../server/store/index.ts';
import { createTempDatabase, TEST_DATABASE_URL } from './pg-fixture.ts';

const tmp = mkdtempSync(join(tmpdir(), 'arena-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function aSet(title = 'Redes', n = 2): QuestionSet {
  return {
    title,
    lang: 'es',
    questions: Array.from({ length: n }, (_, i) => ({
      id: `q${i + 1}`,
      type: 'truefalse' as const,
      difficulty: 2 as const,
      text: { es: `¿Pregunta ${i + 1}?` },
      answer: i % 2 === 0,
    })),
  };
}

type Opener = () => Promise<Store>;

function storeContract(name: string, makeOpener: () => Promise<{ open: Opener; cleanup: () => Promise<void> }>) {
  describe(name, () => {
    let open: Opener;
    let cleanup: () => Promise<void>;
    let store: Store;
    beforeAll(async () => {
      ({ open, cleanup } = await makeOpener());
      store = await open();
    });
    afterAll(async () => {
      await store.close();
      await cleanup();
    });

    it('creates a set, returns a url-safe id and token, and stores only the token hash', async () => {
      const { id, editToken } = await store.sets.create(aSet());
      expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
      expect(editToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const got = await store.sets.get(id);
      expect(got?.set.title).toBe('Redes');
      expect(got?.set.questions).toHaveLength(2);
      expect(await store.sets.checkToken(id, editToken)).toBe('ok');
      expect(await store.sets.checkToken(id, editToken + 'x')).toBe('forbidden');
      expect(await store.sets.checkToken('nope', editToken)).toBe('not-found');
    });

    it('updates and deletes only with the right token', async () => {
      const { id, editToken } = await store.sets.create(aSet('Before'));
      expect(await store.sets.update(id, 'wrong', aSet('Hacked'))).toBe('forbidden');
      expect((await store.sets.get(id))?.set.title).toBe('Before');
      expect(await store.sets.update(id, editToken, aSet('After', 3))).toBe('ok');
      const after = await store.sets.get(id);
      expect(after?.set.title).toBe('After');
      expect(after?.set.questions).toHaveLength(3);
      expect(await store.sets.delete(id, 'wrong')).toBe('forbidden');
      expect(await store.sets.delete(id, editToken)).toBe('ok');
      expect(await store.sets.get(id)).toBeUndefined();
      expect(await store.sets.delete(id, editToken)).toBe('not-found');
      expect(await store.sets.update(id, editToken, aSet())).toBe('not-found');
    });

    it('refuses an invalid set without storing it', async () => {
      const before = await store.sets.count();
      await expect(store.sets.create({ title: '', questions: [] } as unknown as QuestionSet)).rejects.toThrow();
      expect(await store.sets.count()).toBe(before);
    });

    it('serves concurrent creates, reads and updates without losing any', async () => {
      const before = await store.sets.count();
      const made = await Promise.all(Array.from({ length: 40 }, (_, i) => store.sets.create(aSet(`Set ${i}`))));
      expect(new Set(made.map((m) => m.id)).size).toBe(40);
      const results = await Promise.all(
        made.flatMap((m, i) => [store.sets.update(m.id, m.editToken, aSet(`Set ${i} v2`)), store.sets.get(m.id), store.sets.checkToken(m.id, m.editToken)]),
      );
      expect(results.filter((r) => r === 'ok')).toHaveLength(80);
      expect(await store.sets.count()).toBe(before + 40);
      const listed = await store.sets.list({ limit: 1000 });
      expect(listed.filter((s) => s.title.endsWith('v2'))).toHaveLength(40);
      // a delete racing an update: either order is fine, never an error, the set ends up gone
      const m = made[0]!;
      const [u, d] = await Promise.all([store.sets.update(m.id, m.editToken, aSet('race')), store.sets.delete(m.id, m.editToken)]);
      expect(['ok', 'not-found']).toContain(u);
      expect(d).toBe('ok');
      expect(await store.sets.get(m.id)).toBeUndefined();
    });

    it('keeps game checkpoints: upsert, plan kept when omitted, finished games not resumable', async () => {
      const hash = hashToken('host-secret');
      await store.games.saveCheckpoint('ABC123', hash, { round: 1, scores: { ana: 10 } }, 'playing', { plan: 'classic', topics: ['intro'] });
      await store.games.saveCheckpoint('ABC123', hash, { round: 2, scores: { ana: 30 } }, 'paused');
      await store.games.saveCheckpoint('ZZZ999', hash, { round: 1 }, 'lobby');
      const cp = await store.games.loadCheckpoint<{ round: number; scores: Record<string, number> }, { plan: string }>('ABC123');
      expect(cp?.snapshot).toEqual({ round: 2, scores: { ana: 30 } });
      expect(cp?.plan).toEqual({ plan: 'classic', topics: ['intro'] });
      expect(cp?.status).toBe('paused');
      expect(cp?.finishedAt).toBeNull();
      expect(tokenMatchesHash('host-secret', cp!.hostTokenHash)).toBe(true);
      expect((await store.games.listResumable()).map((g) => g.code).sort()).toEqual(['ABC123', 'ZZZ999']);
      await store.games.saveCheckpoint('ZZZ999', hash, { round: 9 }, 'finished');
      expect((await store.games.listResumable()).map((g) => g.code)).toEqual(['ABC123']);
      expect((await store.games.loadCheckpoint('ZZZ999'))?.finishedAt).toEqual(expect.any(Number));
      expect(await store.games.loadCheckpoint('NOPE00')).toBeUndefined();
    });

    it('stores results per game and kind; saving a kind again replaces it', async () => {
      await store.games.saveResult('ABC123', 'answers', [{ player: 'ana', q: 1 }]);
      await store.games.saveResult('ABC123', 'podium', ['ana']);
      await store.games.saveResult('ABC123', 'answers', [{ player: 'ana', q: 1 }, { player: 'bo', q: 1 }]);
      const all = await store.games.getResults('ABC123');
      expect(all.map((r) => r.kind).sort()).toEqual(['answers', 'podium']);
      const answers = await store.games.getResults<unknown[]>('ABC123', 'answers');
      expect(answers[0]?.body).toHaveLength(2);
      expect(await store.games.getResults('OTHER1')).toEqual([]);
    });

    it('keeps everything across close and reopen', async () => {
      const { id, editToken } = await store.sets.create(aSet('Durable'));
      await store.games.saveCheckpoint('DUR001', hashToken('t'), { n: 1 }, 'playing');
      await store.close();
      await expect(store.sets.get(id)).rejects.toThrow(/closed/);
      store = await open();
      expect((await store.sets.get(id))?.set.title).toBe('Durable');
      expect(await store.sets.checkToken(id, editToken)).toBe('ok');
      expect((await store.games.loadCheckpoint('DUR001'))?.snapshot).toEqual({ n: 1 });
    });
  });
}

storeContract('store on SQLite', async () => {
  const file = join(tmp, 'nested', 'dir', 'arena.sqlite');
  return {
    open: async () => {
      const s = await openStore({ sqliteFile: file });
      expect(existsSync(file)).toBe(true);
      return s;
    },
    cleanup: async () => undefined,
  };
});

describe.runIf(TEST_DATABASE_URL !== '')('PostgreSQL (TEST_DATABASE_URL)', () => {
  storeContract('store on PostgreSQL', async () => {
    const tmpDb = await createTempDatabase();
    return { open: () => openStore({ databaseUrl: tmpDb.url }), cleanup: tmpDb.drop };
  });

  it('outlives PostgreSQL ending its idle connections (a restart, a failover): the error is reported, the next query reconnects', async () => {
    const tmpDb = await createTempDatabase();
    const errors: Error[] = [];
    const store = await openStore({ databaseUrl: tmpDb.url, onConnectionError: (err) => errors.push(err) });
    try {
      const { id } = await store.sets.create(aSet('Before'));
      // what a server restart does to every client connected to the database
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      try {
        const dbName = new URL(tmpDb.url).pathname.slice(1);
        const ended = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
        expect(ended.rowCount).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
      // the pool hears it as an 'error' event: without a listener that event would end the process
      await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0));
      expect(errors[0]!.message).toMatch(/terminat/i);
      expect((await store.sets.get(id))?.set.title).toBe('Before');
    } finally {
      await store.close();
      await tmpDb.drop();
    }
  });
});

describe('openStore', () => {
  it('uses WAL on SQLite and refuses a database URL that is not postgres://', async () => {
    const s = await openStore({ sqliteFile: join(tmp, 'wal.sqlite') });
    expect(s.dialect).toBe('sqlite');
    await s.close();
    const raw = new Database(join(tmp, 'wal.sqlite'));
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    await expect(openStore({ databaseUrl: 'mysql://x' })).rejects.toThrow(/postgres:\/\//);
  });

  it('runs each migration once: reopening an up-to-date file is a no-op', async () => {
    const file = join(tmp, 'twice.sqlite');
    const a = await openStore({ sqliteFile: file });
    const { id } = await a.sets.create(aSet('Once'));
    await a.close();
    const b = await openStore({ sqliteFile: file });
    expect((await b.sets.get(id))?.set.title).toBe('Once');
    await b.close();
  });
});
