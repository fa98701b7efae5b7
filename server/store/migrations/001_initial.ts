// First schema: teacher-made question sets, game checkpoints and game results.
// Types chosen to mean the same in SQLite and PostgreSQL (text, integer, bigint).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('question_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('edit_token_hash', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lang', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('question_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('question_sets_updated_at').on('question_sets').column('updated_at').execute();

  await db.schema
    .createTable('games')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('host_token_hash', 'text', (c) => c.notNull())
    .addColumn('plan', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  await db.schema.createIndex('games_status_updated_at').on('games').columns(['status', 'updated_at']).execute();

  await db.schema
    .createTable('game_results')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('game_results_pk', ['code', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('game_results').execute();
  await db.schema.dropTable('games').execute();
  await db.schema.dropTable('question_sets').execute();
}
