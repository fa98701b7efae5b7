// `npm run content -- --stats`: counts of the built-in question bank, human-readable,
// then as the LAST line the JSON { total, byTopic, byType, byLanguage } for scripts.
// `--check` only validates. Exit codes: 0 ok, 1 the bank has problems, 2 bad usage.
import { pathToFileURL } from 'node:url';
import { bankStats } from '../shared/content/bank.ts';
import { loadBank } from '../server/content/load-bank.ts';

const USAGE = `usage: npm run content -- <command>
  --stats   print the built-in bank's counts; the last line is JSON { total, byTopic, byType, byLanguage }
  --check   validate the bank only (exit 1 on problems)
  --help    this text`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

export function main(argv: readonly string[], io: Io, bankDir?: string): number {
  const [command, ...rest] = argv;
  if (command === '--help' && rest.length === 0) {
    io.out(USAGE);
    return 0;
  }
  if ((command !== '--stats' && command !== '--check') || rest.length > 0) {
    io.err(command === undefined ? USAGE : `unknown or extra arguments: ${argv.join(' ')}\n${USAGE}`);
    return 2;
  }
  let questions;
  try {
    questions = loadBank(bankDir);
  } catch (err) {
    io.err((err as Error).message);
    return 1;
  }
  const stats = bankStats(questions);
  if (command === '--check') {
    io.out(`ok: ${stats.total} questions`);
    return 0;
  }
  const table = (title: string, counts: Record<string, number>) => {
    io.out(`${title}:`);
    for (const [key, n] of Object.entries(counts)) io.out(`  ${key.padEnd(16)}${String(n).padStart(5)}`);
  };
  io.out(`Built-in question bank: ${stats.total} questions`);
  table('By topic', stats.byTopic);
  table('By type', stats.byType);
  table('Complete in language', stats.byLanguage);
  io.out(JSON.stringify(stats));
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) });
}
