// Reads the nickname word lists (assets/names/*.txt) and compiles the pure filter
// (shared/rules/name-filter.ts). A malformed list is a broken build: loading throws with every
// problem listed, as the question bank does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../config.ts';
import { compileNameFilter, type NameFilter, type NameListText } from '../../shared/rules/name-filter.ts';

export const DEFAULT_NAMES_DIR = join(ROOT_DIR, 'assets', 'names');

const FILES = [
  { file: 'offensive-en.txt', kind: 'offensive' },
  { file: 'offensive-es.txt', kind: 'offensive' },
  { file: 'reserved.txt', kind: 'reserved' },
] as const;

export function readNameLists(dir: string = DEFAULT_NAMES_DIR): NameListText[] {
  return FILES.map(({ file, kind }) => ({ kind, source: file, text: readFileSync(join(dir, file), 'utf8') }));
}

export function loadNameFilter(dir: string = DEFAULT_NAMES_DIR): NameFilter {
  const { filter, problems } = compileNameFilter(readNameLists(dir));
  if (problems.length > 0) throw new Error(`The nickname lists in ${dir} have ${problems.length} problem(s):\n${problems.map((p) => `${p.source}:${p.line}: ${p.message}`).join('\n')}`);
  return filter;
}
