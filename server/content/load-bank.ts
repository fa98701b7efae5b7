// Reads the built-in question bank (assets/content/bank/<topic>.json) from disk and
// validates it with the pure validateBank. A broken bank is a broken build: loadBank
// throws with every problem listed (file, question index, field) rather than serving part of it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../config.ts';
import { validateBank, type BankFile } from '../../shared/content/bank.ts';
import type { Question } from '../../shared/content/schema.ts';

/** assets/content/bank of the checkout, whatever the working directory. */
export const DEFAULT_BANK_DIR = join(ROOT_DIR, 'assets', 'content', 'bank');

/** Reads every *.json file of `dir` (sorted by name) as BankFiles; unparsable JSON becomes `undefined` data plus a reason. */
export function readBankFiles(dir: string = DEFAULT_BANK_DIR): { files: BankFile[]; parseErrors: string[] } {
  const files: BankFile[] = [];
  const parseErrors: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    try {
      files.push({ name, data: JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown });
    } catch (err) {
      parseErrors.push(`${name}: not valid JSON (${(err as Error).message})`);
    }
  }
  return { files, parseErrors };
}

/** Loads and validates the bank; throws an Error naming every problem if anything is wrong. */
export function loadBank(dir: string = DEFAULT_BANK_DIR): Question[] {
  const { files, parseErrors } = readBankFiles(dir);
  const { questions, problems } = validateBank(files);
  const lines = [
    ...parseErrors,
    ...problems.map((p) => `${p.file}${p.index >= 0 ? ` #${p.index}` : ''}${p.path ? ` ${p.path}` : ''}: ${p.message}`),
  ];
  if (files.length === 0 && parseErrors.length === 0) lines.push(`no *.json files in ${dir}`);
  if (lines.length > 0) throw new Error(`The question bank in ${dir} has ${lines.length} problem(s):\n${lines.join('\n')}`);
  return questions;
}
