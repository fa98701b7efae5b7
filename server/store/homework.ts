// Homework in the store (migration 002): assignments (the class game's setup, a deadline, a
// teacher token) and attempts (one student's game: its checkpoint, its results document, its
// attempt token). Tokens are generated here and only their SHA-256 is kept, as for question sets.
// Starting an attempt is one transaction that raises the assignment's attempt count, so the
// bounds (per assignment, per address, per nickname) and the deadline hold under concurrent starts.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB, HomeworkAttemptsTable } from './db-types.ts';
import { hashToken, newId, newToken, tokenMatchesHash } from './tokens.ts';

/** A value already serialized to JSON (the store's RawJson), stored as it is. */
interface JsonText {
  readonly json: string;
}

export interface StoredAssignment<Setup = unknown> {
  id: string;
  sourceGame: string;
  teacherTokenHash: string;
  title: string;
  lang: string;
  setup: Setup;
  deadline: number;
  attemptCount: number;
  createdAt: number;
  updatedAt: number;
}

export interface StoredAttempt<Snapshot = unknown> {
  id: string;
  assignmentId: string;
  /** SHA-256 of the attempt token (the room checks a join against it). */
  tokenHash: string;
  name: string;
  attemptNo: number;
  status: string;
  score: number;
  snapshot: Snapshot;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/** An attempt as the teacher's results read it: everything but the checkpoint. */
export interface AttemptListing<Results = unknown> {
  id: string;
  name: string;
  attemptNo: number;
  status: string;
  score: number;
  results: Results | null;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export interface AttemptLimits {
  /** Attempts per assignment, per address key, and per nickname (the first and its replays). */
  readonly perAssignment: number;
  readonly perAddress: number;
  readonly perStudent: number;
}

export type StartRefusalReason = 'not_found' | 'deadline_passed' | 'too_many_attempts' | 'too_many_from_address' | 'name_taken' | 'unfinished' | 'replays_used';

export type StartAttemptResult = { ok: true; id: string; token: string; attemptNo: number } | { ok: false; reason: StartRefusalReason };

export interface StartAttemptInput {
  readonly assignmentId: string;
  readonly name: string;
  /** The nickname as compared for uniqueness (normalized). */
  readonly nameKey: string;
  /** A hash naming the client's address for this assignment (never the address itself). */
  readonly addressKey: string;
  /** This browser's attempt token of a finished attempt under the same nickname: a replay. */
  readonly previousToken?: string;
  readonly limits: AttemptLimits;
}

export interface AttemptState {
  readonly snapshot: unknown;
  readonly status: string;
  readonly score: number;
  /** The results document; omitted keeps the stored one. */
  readonly results?: unknown;
}

export interface HomeworkStore {
  /** Stores a new assignment; its teacher token is returned once and never stored. */
  createAssignment(input: { sourceGame: string; title: string; lang: string; setup: unknown; deadline: number }): Promise<{ id: string; teacherToken: string }>;
  getAssignment<Setup = unknown>(id: string): Promise<StoredAssignment<Setup> | undefined>;
  checkTeacherToken(id: string, token: string): Promise<'ok' | 'not-found' | 'forbidden'>;
  setDeadline(id: string, token: string, deadline: number): Promise<'ok' | 'not-found' | 'forbidden'>;
  /**
   * Adds an attempt if the assignment is open and within its bounds. `snapshot(id)` builds the
   * attempt's first checkpoint once its id is known. The attempt token is returned once.
   */
  startAttempt(input: StartAttemptInput, snapshot: (attemptId: string, attemptNo: number) => unknown): Promise<StartAttemptResult>;
  /** The attempt of `assignmentId` that `token` opens, if any. */
  findAttempt<Snapshot = unknown>(assignmentId: string, token: string): Promise<StoredAttempt<Snapshot> | undefined>;
  getAttempt<Snapshot = unknown>(id: string): Promise<StoredAttempt<Snapshot> | undefined>;
  /** Writes an attempt's checkpoint (and results). The first write with a status other than 'playing' sets finishedAt. */
  saveAttempt(id: string, state: AttemptState): Promise<void>;
  /** An attempt's results document, or null (none saved yet, or no such attempt). */
  attemptResults<Results = unknown>(id: string): Promise<Results | null>;
  /** Every attempt of an assignment, oldest first, without checkpoints. */
  listAttempts<Results = unknown>(assignmentId: string): Promise<AttemptListing<Results>[]>;
}

class Refused extends Error {
  constructor(readonly reason: StartRefusalReason) {
    super(reason);
  }
}

const ms = (v: number | string | null): number => Number(v);
const jsonOf = (v: unknown): string => (isJsonText(v) ? v.json : JSON.stringify(v ?? null));
function isJsonText(v: unknown): v is JsonText {
  return typeof v === 'object' && v !== null && typeof (v as JsonText).json === 'string' && Object.keys(v).length === 1;
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export function makeHomeworkStore(open: () => Kysely<DB>, now: () => number): HomeworkStore {
  const tokenCheck = async (id: string, token: string) => {
    const row = await open().selectFrom('homework_assignments').select('teacher_token_hash').where('id', '=', id).executeTakeFirst();
    if (!row) return { check: 'not-found' as const };
    return { check: tokenMatchesHash(token, row.teacher_token_hash) ? ('ok' as const) : ('forbidden' as const), hash: row.teacher_token_hash };
  };
  const attemptOf = <Snapshot>(r: Selectable<HomeworkAttemptsTable>): StoredAttempt<Snapshot> => ({
    id: r.id,
    assignmentId: r.assignment_id,
    tokenHash: r.token_hash,
    name: r.name,
    attemptNo: Number(r.attempt_no),
    status: r.status,
    score: Number(r.score),
    snapshot: JSON.parse(r.snapshot) as Snapshot,
    startedAt: ms(r.started_at),
    updatedAt: ms(r.updated_at),
    finishedAt: r.finished_at === null ? null : ms(r.finished_at),
  });

  return {
    async createAssignment(input) {
      const teacherToken = newToken();
      const t = now();
      for (let attempt = 1; ; attempt++) {
        const id = newId();
        try {
          await open()
            .insertInto('homework_assignments')
            .values({ id, teacher_token_hash: hashToken(teacherToken), source_game: input.sourceGame, title: input.title, lang: input.lang, setup: jsonOf(input.setup), deadline: input.deadline, created_at: t, updated_at: t })
            .execute();
          return { id, teacherToken };
        } catch (err) {
          if (!isUniqueViolation(err) || attempt >= 5) throw err;
        }
      }
    },

    async getAssignment<Setup>(id: string) {
      const r = await open().selectFrom('homework_assignments').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) return undefined;
      return {
        id: r.id,
        sourceGame: r.source_game,
        teacherTokenHash: r.teacher_token_hash,
        title: r.title,
        lang: r.lang,
        setup: JSON.parse(r.setup) as Setup,
        deadline: ms(r.deadline),
        attemptCount: Number(r.attempt_count),
        createdAt: ms(r.created_at),
        updatedAt: ms(r.updated_at),
      };
    },

    async checkTeacherToken(id, token) {
      return (await tokenCheck(id, token)).check;
    },

    async setDeadline(id, token, deadline) {
      const c = await tokenCheck(id, token);
      if (c.check !== 'ok') return c.check;
      const res = await open().updateTable('homework_assignments').set({ deadline, updated_at: now() }).where('id', '=', id).where('teacher_token_hash', '=', c.hash!).executeTakeFirst();
      return Number(res.numUpdatedRows) > 0 ? 'ok' : 'not-found';
    },

    async startAttempt(input, snapshot) {
      const token = newToken();
      const id = newId();
      try {
        return await open()
          .transaction()
          .execute(async (trx) => {
            const t = now();
            // Counts this attempt first: on PostgreSQL the row lock this takes serializes the
            // starts of one assignment, so the checks below see every attempt committed before.
            const bumped = await trx
              .updateTable('homework_assignments')
              .set((eb) => ({ attempt_count: eb('attempt_count', '+', 1) }))
              .where('id', '=', input.assignmentId)
              .where('attempt_count', '<', input.limits.perAssignment)
              .where('deadline', '>', t)
              .executeTakeFirst();
            if (Number(bumped.numUpdatedRows) === 0) {
              const a = await trx.selectFrom('homework_assignments').select(['deadline']).where('id', '=', input.assignmentId).executeTakeFirst();
              throw new Refused(!a ? 'not_found' : ms(a.deadline) <= t ? 'deadline_passed' : 'too_many_attempts');
            }
            const fromAddress = await trx
              .selectFrom('homework_attempts')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('assignment_id', '=', input.assignmentId)
              .where('address_key', '=', input.addressKey)
              .executeTakeFirstOrThrow();
            if (Number(fromAddress.n) >= input.limits.perAddress) throw new Refused('too_many_from_address');
            const same = await trx
              .selectFrom('homework_attempts')
              .select(['attempt_no', 'token_hash', 'status'])
              .where('assignment_id', '=', input.assignmentId)
              .where('name_key', '=', input.nameKey)
              .orderBy('attempt_no', 'desc')
              .execute();
            let attemptNo = 1;
            if (same.length > 0) {
              const previous = input.previousToken;
              if (!previous || !same.some((s) => tokenMatchesHash(previous, s.token_hash))) throw new Refused('name_taken');
              if (same.some((s) => s.status === 'playing')) throw new Refused('unfinished');
              if (same.length >= input.limits.perStudent) throw new Refused('replays_used');
              attemptNo = Number(same[0]!.attempt_no) + 1;
            }
            await trx
              .insertInto('homework_attempts')
              .values({
                id,
                assignment_id: input.assignmentId,
                token_hash: hashToken(token),
                name: input.name,
                name_key: input.nameKey,
                attempt_no: attemptNo,
                address_key: input.addressKey,
                status: 'playing',
                score: 0,
                snapshot: jsonOf(snapshot(id, attemptNo)),
                results: null,
                started_at: t,
                updated_at: t,
                finished_at: null,
              })
              .execute();
            return { ok: true as const, id, token, attemptNo };
          });
      } catch (err) {
        if (err instanceof Refused) return { ok: false, reason: err.reason };
        // Two starts of one nickname at once (on SQLite they cannot interleave; this is the backstop).
        if (isUniqueViolation(err)) return { ok: false, reason: 'name_taken' };
        throw err;
      }
    },

    async findAttempt<Snapshot>(assignmentId: string, token: string) {
      const r = await open().selectFrom('homework_attempts').selectAll().where('token_hash', '=', hashToken(token)).where('assignment_id', '=', assignmentId).executeTakeFirst();
      return r ? attemptOf<Snapshot>(r) : undefined;
    },

    async getAttempt<Snapshot>(id: string) {
      const r = await open().selectFrom('homework_attempts').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? attemptOf<Snapshot>(r) : undefined;
    },

    async saveAttempt(id, state) {
      const t = now();
      await open()
        .updateTable('homework_attempts')
        .set({
          snapshot: jsonOf(state.snapshot),
          status: state.status,
          score: Math.round(state.score),
          updated_at: t,
          ...(state.results === undefined ? {} : { results: jsonOf(state.results) }),
          ...(state.status === 'playing' ? {} : { finished_at: sql<number>`coalesce(finished_at, ${t})` }),
        })
        .where('id', '=', id)
        .execute();
    },

    async attemptResults<Results>(id: string) {
      const r = await open().selectFrom('homework_attempts').select('results').where('id', '=', id).executeTakeFirst();
      return r?.results ? (JSON.parse(r.results) as Results) : null;
    },

    async listAttempts<Results>(assignmentId: string) {
      const rows = await open()
        .selectFrom('homework_attempts')
        .select(['id', 'name', 'attempt_no', 'status', 'score', 'results', 'started_at', 'updated_at', 'finished_at'])
        .where('assignment_id', '=', assignmentId)
        .orderBy('started_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        attemptNo: Number(r.attempt_no),
        status: r.status,
        score: Number(r.score),
        results: r.results === null ? null : (JSON.parse(r.results) as Results),
        startedAt: ms(r.started_at),
        updatedAt: ms(r.updated_at),
        finishedAt: r.finished_at === null ? null : ms(r.finished_at),
      }));
    },
  };
}
