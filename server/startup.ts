// Why the server could not start, in words an operator can act on, and an exit status that tells
// a supervisor whether trying again can help. The store is the usual culprit: a damaged SQLite
// file or one the server may not write will fail the same way on every restart, so those exit
// with 78 (EX_CONFIG), which deploy/uptime-arena.service does not restart; a database or port that
// may come back exits with 1 (restarted after a pause).
import path from 'node:path';
import type { Config } from './config.ts';

export const EXIT_CONFIG = 78;

export interface StartupFailure {
  readonly message: string;
  readonly exitCode: number;
}

export function describeStartupFailure(err: unknown, config: Pick<Config, 'dataDir' | 'databaseUrl' | 'port'> | undefined): StartupFailure {
  const e = (err ?? {}) as { code?: unknown; message?: unknown; syscall?: unknown; path?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const text = typeof e.message === 'string' ? e.message : String(err);
  if (!config) return { message: `The settings are not valid: ${text}`, exitCode: EXIT_CONFIG };
  const file = path.join(config.dataDir, 'uptime-arena.sqlite');
  if (!config.databaseUrl) {
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(text)) {
      return {
        message: `The database file ${file} is damaged or is not an Uptime Arena database (${text}). Move it aside (or restore a backup: docs/deploy.md, "Backups"), then start again: a new, empty database is made.`,
        exitCode: EXIT_CONFIG,
      };
    }
    if (/^(SQLITE_READONLY|SQLITE_CANTOPEN|SQLITE_PERM|SQLITE_IOERR)/.test(code) || ['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'ENOSPC'].includes(code)) {
      return {
        message: `The database file ${file} cannot be opened for writing (${code || text}). Check that DATA_DIR (${config.dataDir}) is a folder on a disk with free space that the server's user may write to, then start again.`,
        exitCode: EXIT_CONFIG,
      };
    }
  } else if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', '57P03'].includes(code)) {
    return { message: `PostgreSQL at DATABASE_URL cannot be reached (${code}). Check that it runs and that this machine may connect; the server tries again shortly.`, exitCode: 1 };
  } else if (code === '28P01' || code === '3D000') {
    return { message: `PostgreSQL refused DATABASE_URL (${text}). Check the user, password and database name.`, exitCode: EXIT_CONFIG };
  }
  if (code === 'EADDRINUSE') return { message: `Port ${config.port} is already in use: another server (or an older copy of this one) listens there. Stop it or set PORT.`, exitCode: 1 };
  return { message: `The server could not start: ${text}`, exitCode: 1 };
}
