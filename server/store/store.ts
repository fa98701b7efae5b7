// The store: teacher-made question sets, game checkpoints and game results, behind one
// typed interface over Kysely. SQLite (better-sqlite3, WAL) by default, PostgreSQL when
// given a postgres:// URL; the same queries run on both. Schema migrations run at open.
// Every method may be called concurrently: SQLite work is serialized on its one
// connection, PostgreSQL uses a pool, and writes that depend on a token re-check the
// stored hash in the same statement. Edit tokens are never stored, only their SHA-256.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider } from 'kysely';
import { questionSetSchema, type QuestionSet } from '../../shared/content/schema.ts';
import { isLang, type Lang } from '../../shared/i18n-types.ts';
import { STORE_TUNABLES } from './constants.ts';
import type { DB } from './db-types.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { hashToken, newId, newToken, tokenMatchesHash } from './tokens.ts';
import { makeHomeworkStore, type HomeworkStore } from './homework.ts';

/** A value already serialized to JSON (taken at the moment of the call), stored as it is. */
export class RawJson {
  constructor(readonly json: string) {}
}

export type StoreDialect = 'sqlite' | 'postgres';

export interface OpenStoreOptions {
  /** postgres:// or postgresql:// URL: use PostgreSQL. Empty or absent: SQLite. */
  databaseUrl?: string;
  /** SQLite file (default ./data/uptime-arena.sqlite; its folder is created). ':memory:' works too. */
  sqliteFile?: string;
  /** Clock for created/updated times, ms since the epoch (tests pin it). Default Date.now. */
  now?: () => number;
  /** Told when an idle PostgreSQL connection dies (the server restarted, an admin ended it). Default: ignored. */
  onConnectionError?: (err: Error) => void;
}

/** A stored question set: the validated set plus its bookkeeping. */
export interface StoredSet {
  id: string;
  set: QuestionSet;
  createdAt: number;
  updatedAt: number;
}

export interface SetSummary {
  id: string;
  title: string;
  lang: Lang | null;
  questionCount: number;
  createdAt: number;
  updatedAt: number;
}

/** Outcome of a write guarded by an edit token. */
export type TokenCheck = 'ok' | 'not-found' | 'forbidden';

export interface SetsStore {
  /** Validates and stores a new set; the token is returned once and never stored. */
  create(set: QuestionSet): Promise<{ id: string; editToken: string }>;
  get(id: string): Promise<StoredSet | undefined>;
  /** Whether `token` is the edit token of set `id`, without changing anything. */
  checkToken(id: string, token: string): Promise<TokenCheck>;
  update(id: string, token: string, set: QuestionSet): Promise<TokenCheck>;
  delete(id: string, token: string): Promise<TokenCheck>;
  /** Newest first. Not exposed over HTTP (sets are reached by their link only). */
  list(opts?: { limit?: number; offset?: number }): Promise<SetSummary[]>;
  count(): Promise<number>;
}

export interface GameCheckpoint<Snapshot = unknown, Plan = unknown> {
  code: string;
  /** SHA-256 hex of the host token (see hashToken / tokenMatchesHash in ./tokens.ts). */
  hostTokenHash: string;
  status: string;
  snapshot: Snapshot;
  plan: Plan | null;
  createdAt: number;
  updatedAt: number;
  /** Set when a checkpoint with a finished status was saved. */
  finishedAt: number | null;
}

export interface ResumableGame {
  code: string;
  status: string;
  createdAt: number;
  updatedAt: number;
}

export interface GameResult<Body = unknown> {
  code: string;
  kind: string;
  body: Body;
  createdAt: number;
  updatedAt: number;
}

/** Statuses that end a game: such games are not listed as resumable and get finishedAt. */
export const FINISHED_GAME_STATUSES: readonly string[] = ['finished', 'abandoned'];

/** A checkpoint whose host-token hash is not the one game `code` was created with. */
export class CheckpointOwnerError extends Error {
  constructor(readonly code: string) {
    super(`Game ${code} belongs to another host token; its checkpoint was not replaced.`);
  }
}

export interface GamesStore {
  /**
   * Insert or replace the checkpoint of game `code` (snapshot and plan are JSON-serialized).
   * `plan` omitted keeps the stored plan. createdAt is kept from the first save. A code is
   * bound to the host-token hash it was first saved with: a checkpoint carrying another hash
   * replaces nothing and throws CheckpointOwnerError (one game can never take over another's).
   */
  saveCheckpoint(code: string, hostTokenHash: string, snapshot: unknown, status: string, plan?: unknown): Promise<void>;
  /** Whether game `code` was ever saved (a code once used is never given to another game). */
  exists(code: string): Promise<boolean>;
  loadCheckpoint<Snapshot = unknown, Plan = unknown>(code: string): Promise<GameCheckpoint<Snapshot, Plan> | undefined>;
  /** Games whose status is not finished, newest first; `updatedSince` (ms) drops stale ones. */
  listResumable(opts?: { updatedSince?: number; limit?: number }): Promise<ResumableGame[]>;
  /** Insert or replace the result `kind` of game `code` (one body per code and kind: retries don't duplicate). */
  saveResult(code: string, kind: string, body: unknown): Promise<void>;
  /** The results of game `code` (only `kind` when given), oldest first. */
  getResults<Body = unknown>(code: string, kind?: string): Promise<GameResult<Body>[]>;
}

export interface Store {
  readonly dialect: StoreDialect;
  readonly sets: SetsStore;
  readonly games: GamesStore;
  /** Homework assignments and their attempts (./homework.ts). */
  readonly homework: HomeworkStore;
  /** Rewrites one small row: resolves when the store takes writes (server/store/health.ts probes with it). */
  probeWrite(): Promise<void>;
  /** Waits for the connection(s) to close; later calls on the store reject. Idempotent. */
  close(): Promise<void>;
}

const PG_URL = /^postgres(ql)?:\/\//i;

export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  const url = opts.databaseUrl?.trim() ?? '';
  let db: Kysely<DB>;
  let dialect: StoreDialect;
  if (url !== '') {
    if (!PG_URL.test(url)) throw new Error('The database URL must start with postgres:// (leave it unset to use the SQLite file).');
    const pool = new pg.Pool({ connectionString: url, max: STORE_TUNABLES.pgPoolMax, idleTimeoutMillis: STORE_TUNABLES.pgIdleTimeoutMs });
    // An idle client whose connection the server ends (a PostgreSQL restart, a failover) makes the
    // pool emit 'error'; unheard, that event would end this process and every game in it. The
    // pool drops that client and opens a new one for the next query; failed writes go to storage health.
    pool.on('error', (err) => opts.onConnectionError?.(err));
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
  } else {
    const file = opts.sqliteFile ?? STORE_TUNABLES.defaultSqliteFile;
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma(`busy_timeout = ${STORE_TUNABLES.sqliteBusyTimeoutMs}`);
    db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    dialect = 'sqlite';
  }
  try {
    await migrate(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
  return makeStore(db, dialect, opts.now ?? Date.now);
}

async function migrate(db: Kysely<DB>): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Store schema migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

const ms = (v: number | string | null): number => Number(v);

function makeStore(db: Kysely<DB>, dialect: StoreDialect, now: () => number): Store {
  let closed = false;
  let closing: Promise<void> | undefined;
  const open = (): Kysely<DB> => {
    if (closed) throw new Error('The store is closed.');
    return db;
  };

  const sets: SetsStore = {
    async create(input) {
      const set = questionSetSchema.parse(input);
      const editToken = newToken();
      const t = now();
      for (let attempt = 1; ; attempt++) {
        const id = newId();
        try {
          await open()
            .insertInto('question_sets')
            .values({
              id,
              edit_token_hash: hashToken(editToken),
              title: set.title,
              lang: set.lang ?? null,
              body: JSON.stringify(set),
              question_count: set.questions.length,
              created_at: t,
              updated_at: t,
            })
            .execute();
          return { id, editToken };
        } catch (err) {
          if (!isUniqueViolation(err) || attempt >= STORE_TUNABLES.idAttempts) throw err;
        }
      }
    },

    async get(id) {
      const row = await open()
        .selectFrom('question_sets')
        .select(['id', 'body', 'created_at', 'updated_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      return { id: row.id, set: JSON.parse(row.body) as QuestionSet, createdAt: ms(row.created_at), updatedAt: ms(row.updated_at) };
    },

    async checkToken(id, token) {
      const row = await open().selectFrom('question_sets').select('edit_token_hash').where('id', '=', id).executeTakeFirst();
      if (!row) return 'not-found';
      return tokenMatchesHash(token, row.edit_token_hash) ? 'ok' : 'forbidden';
    },

    async update(id, token, input) {
      const set = questionSetSchema.parse(input);
      const row = await open().selectFrom('question_sets').select('edit_token_hash').where('id', '=', id).executeTakeFirst();
      if (!row) return 'not-found';
      if (!tokenMatchesHash(token, row.edit_token_hash)) return 'forbidden';
      const res = await open()
        .updateTable('question_sets')
        .set({ title: set.title, lang: set.lang ?? null, body: JSON.stringify(set), question_count: set.questions.length, updated_at: now() })
        .where('id', '=', id)
        .where('edit_token_hash', '=', row.edit_token_hash)
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0 ? 'ok' : 'not-found';
    },

    async delete(id, token) {
      const row = await open().selectFrom('question_sets').select('edit_token_hash').where('id', '=', id).executeTakeFirst();
      if (!row) return 'not-found';
      if (!tokenMatchesHash(token, row.edit_token_hash)) return 'forbidden';
      const res = await open()
        .deleteFrom('question_sets')
        .where('id', '=', id)
        .where('edit_token_hash', '=', row.edit_token_hash)
        .executeTakeFirst();
      return Number(res.numDeletedRows) > 0 ? 'ok' : 'not-found';
    },

    async list(opts = {}) {
      const rows = await open()
        .selectFrom('question_sets')
        .select(['id', 'title', 'lang', 'question_count', 'created_at', 'updated_at'])
        .orderBy('updated_at', 'desc')
        .orderBy('id')
        .limit(Math.max(0, Math.min(opts.limit ?? 100, 1000)))
        .offset(Math.max(0, opts.offset ?? 0))
        .execute();
      return rows.map((r) => ({
        id: r.id,
        title: r.title,
        lang: isLang(r.lang) ? r.lang : null,
        questionCount: r.question_count,
        createdAt: ms(r.created_at),
        updatedAt: ms(r.updated_at),
      }));
    },

    async count() {
      const row = await open().selectFrom('question_sets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };

  const games: GamesStore = {
    async saveCheckpoint(code, hostTokenHash, snapshot, status, plan) {
      checkCode(code);
      const t = now();
      const finishedAt = FINISHED_GAME_STATUSES.includes(status) ? t : null;
      const snapshotJson = snapshot instanceof RawJson ? snapshot.json : JSON.stringify(snapshot ?? null);
      const planJson = plan === undefined ? undefined : JSON.stringify(plan);
      const result = await open()
        .insertInto('games')
        .values({
          code,
          host_token_hash: hostTokenHash,
          plan: planJson ?? null,
          status,
          snapshot: snapshotJson,
          created_at: t,
          updated_at: t,
          finished_at: finishedAt,
        })
        .onConflict((oc) =>
          oc
            .column('code')
            .doUpdateSet({
              status,
              snapshot: snapshotJson,
              updated_at: t,
              finished_at: finishedAt,
              ...(planJson === undefined ? {} : { plan: planJson }),
            })
            .where('games.host_token_hash', '=', hostTokenHash),
        )
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 0) throw new CheckpointOwnerError(code);
    },

    async exists(code: string) {
      const row = await open().selectFrom('games').select('code').where('code', '=', code).executeTakeFirst();
      return row !== undefined;
    },

    async loadCheckpoint<Snapshot, Plan>(code: string) {
      const row = await open().selectFrom('games').selectAll().where('code', '=', code).executeTakeFirst();
      if (!row) return undefined;
      return {
        code: row.code,
        hostTokenHash: row.host_token_hash,
        status: row.status,
        snapshot: JSON.parse(row.snapshot) as Snapshot,
        plan: row.plan === null ? null : (JSON.parse(row.plan) as Plan),
        createdAt: ms(row.created_at),
        updatedAt: ms(row.updated_at),
        finishedAt: row.finished_at === null ? null : ms(row.finished_at),
      };
    },

    async listResumable(opts = {}) {
      let q = open()
        .selectFrom('games')
        .select(['code', 'status', 'created_at', 'updated_at'])
        .where('status', 'not in', [...FINISHED_GAME_STATUSES])
        .orderBy('updated_at', 'desc')
        .orderBy('code')
        .limit(Math.max(0, Math.min(opts.limit ?? 1000, 100_000)));
      if (opts.updatedSince !== undefined) q = q.where('updated_at', '>=', opts.updatedSince);
      const rows = await q.execute();
      return rows.map((r) => ({ code: r.code, status: r.status, createdAt: ms(r.created_at), updatedAt: ms(r.updated_at) }));
    },

    async saveResult(code, kind, body) {
      checkCode(code);
      if (kind.length === 0 || kind.length > STORE_TUNABLES.resultKindChars) throw new Error(`A result kind must have 1 to ${STORE_TUNABLES.resultKindChars} characters.`);
      const t = now();
      const json = body instanceof RawJson ? body.json : JSON.stringify(body ?? null);
      await open()
        .insertInto('game_results')
        .values({ code, kind, body: json, created_at: t, updated_at: t })
        .onConflict((oc) => oc.columns(['code', 'kind']).doUpdateSet({ body: json, updated_at: t }))
        .execute();
    },

    async getResults<Body>(code: string, kind?: string) {
      let q = open().selectFrom('game_results').selectAll().where('code', '=', code).orderBy('created_at').orderBy('kind');
      if (kind !== undefined) q = q.where('kind', '=', kind);
      const rows = await q.execute();
      return rows.map((r) => ({ code: r.code, kind: r.kind, body: JSON.parse(r.body) as Body, createdAt: ms(r.created_at), updatedAt: ms(r.updated_at) }));
    },
  };

  return {
    dialect,
    sets,
    games,
    homework: makeHomeworkStore(open, now),
    async probeWrite() {
      const t = now();
      await open()
        .insertInto('write_probe')
        .values({ name: 'probe', at: t })
        .onConflict((oc) => oc.column('name').doUpdateSet({ at: t }))
        .execute();
    },
    close() {
      closed = true;
      closing ??= db.destroy();
      return closing;
    },
  };
}

function checkCode(code: string): void {
  if (code.length === 0 || code.length > STORE_TUNABLES.gameCodeChars) throw new Error(`A game code must have 1 to ${STORE_TUNABLES.gameCodeChars} characters.`);
}
