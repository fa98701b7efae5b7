// The tables as Kysely sees them. Times are milliseconds since the epoch (bigint:
// PostgreSQL hands them back as strings, SQLite as numbers; read them through Number()).
// JSON columns are text holding JSON.stringify output.
import type { ColumnType } from 'kysely';

type Millis = ColumnType<number | string, number, number>;
type NullableMillis = ColumnType<number | string | null, number | null, number | null>;

export interface QuestionSetsTable {
  id: string;
  edit_token_hash: string;
  title: string;
  lang: string | null;
  body: string;
  question_count: number;
  created_at: Millis;
  updated_at: Millis;
}

export interface GamesTable {
  code: string;
  host_token_hash: string;
  plan: string | null;
  status: string;
  snapshot: string;
  created_at: Millis;
  updated_at: Millis;
  finished_at: NullableMillis;
}

export interface GameResultsTable {
  code: string;
  kind: string;
  body: string;
  created_at: Millis;
  updated_at: Millis;
}

type DefaultedInt = ColumnType<number, number | undefined, number>;

export interface HomeworkAssignmentsTable {
  id: string;
  teacher_token_hash: string;
  source_game: string;
  title: string;
  lang: string;
  setup: string;
  deadline: Millis;
  attempt_count: DefaultedInt;
  created_at: Millis;
  updated_at: Millis;
}

export interface HomeworkAttemptsTable {
  id: string;
  assignment_id: string;
  token_hash: string;
  name: string;
  name_key: string;
  attempt_no: number;
  address_key: string;
  status: string;
  score: DefaultedInt;
  snapshot: string;
  results: string | null;
  started_at: Millis;
  updated_at: Millis;
  finished_at: NullableMillis;
}

export interface WriteProbeTable {
  name: string;
  at: Millis;
}

export interface DB {
  question_sets: QuestionSetsTable;
  games: GamesTable;
  game_results: GameResultsTable;
  homework_assignments: HomeworkAssignmentsTable;
  homework_attempts: HomeworkAttemptsTable;
  write_probe: WriteProbeTable;
}
