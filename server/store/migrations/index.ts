// Every schema migration, in order. Append new ones as NNN_name.ts modules here;
// never edit or reorder one that has shipped (stores already ran it).
import type { Migration } from 'kysely';
import * as m001 from './001_initial.ts';
import * as m002 from './002_homework.ts';
import * as m003 from './003_write_probe.ts';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001_initial': m001,
  '002_homework': m002,
  '003_write_probe': m003,
};
