// Tunables of the store, with units.
export const STORE_TUNABLES = {
  /** Default SQLite file, relative to the working directory; its folder is created. */
  defaultSqliteFile: './data/uptime-arena.sqlite',
  /** Random bytes in a question set id (9 bytes → 12 base64url characters, 72 bits). */
  setIdBytes: 9,
  /** Random bytes in an edit token (24 bytes → 32 base64url characters, 192 bits). */
  tokenBytes: 24,
  /** Attempts at a fresh id when a random id collides with a stored one. */
  idAttempts: 5,
  /** SQLite: how long a writer waits for another process's lock before failing, ms. */
  sqliteBusyTimeoutMs: 5_000,
  /** PostgreSQL: connections in the pool of one process. */
  pgPoolMax: 10,
  /** PostgreSQL: idle connection lifetime, ms. */
  pgIdleTimeoutMs: 30_000,
  /** Longest result kind, characters. */
  resultKindChars: 64,
  /** Longest game code, characters. */
  gameCodeChars: 32,
} as const;
