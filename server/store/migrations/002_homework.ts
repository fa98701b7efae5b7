// Homework assignments and their attempts (shared/rules/homework.ts, docs/homework.md).
// Tokens are kept as SHA-256 hashes only; an address only as a hash salted with the assignment id,
// enough to bound the attempts from one network without storing who connected from where.
// `attempt_count` is the assignment's attempts so far, raised in the same transaction that adds
// one, so the bound holds on PostgreSQL under concurrent starts (the row lock serializes them).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('homework_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('teacher_token_hash', 'text', (c) => c.notNull())
    .addColumn('source_game', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('setup', 'text', (c) => c.notNull())
    .addColumn('deadline', 'bigint', (c) => c.notNull())
    .addColumn('attempt_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('homework_assignments_source_game').on('homework_assignments').column('source_game').execute();

  await db.schema
    .createTable('homework_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('attempt_no', 'integer', (c) => c.notNull())
    .addColumn('address_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('results', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('homework_attempts_token').on('homework_attempts').column('token_hash').unique().execute();
  await db.schema.createIndex('homework_attempts_name').on('homework_attempts').columns(['assignment_id', 'name_key', 'attempt_no']).unique().execute();
  await db.schema.createIndex('homework_attempts_address').on('homework_attempts').columns(['assignment_id', 'address_key']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('homework_attempts').execute();
  await db.schema.dropTable('homework_assignments').execute();
}
