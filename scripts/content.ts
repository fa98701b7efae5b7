// `npm run content -- <command>`: the question bank's tools. Each command prints for people,
// then as the LAST line a JSON document for scripts.
//   --stats               counts: { total, byTopic, byType, byLanguage }
//   --check               validates the bank only
//   --lint [files…]       answer-leak statistics of the bank and of any set file given (JSON, CSV,
//                         xlsx), held to the thresholds of shared/content/lint.ts (LINT)
//   --strategies [--games N]
//                         players who know nothing against random guessing, over N games of each
//                         built-in plan as the planner draws them (shared/content/strategies.ts)
// Exit codes: 0 ok, 1 the bank or a file has problems or a check is over its threshold, 2 bad usage.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bankStats } from '../shared/content/bank.ts';
import { LINT, lintQuestions, type Check, type LintReport } from '../shared/content/lint.ts';
import type { Question } from '../shared/content/schema.ts';
import { playStrategies, STRATEGIES, STRATEGY_IDS, STRATEGY_NOTES, type GameDraw, type StrategyReport } from '../shared/content/strategies.ts';
import { BUILT_IN_PLANS } from '../shared/rules/plans.ts';
import { loadBank } from '../server/content/load-bank.ts';
import { questionsForPlan } from '../server/content/planner.ts';
import { detectSetFormat, importSet, type SetFormat } from '../server/content/sets-import.ts';

const USAGE = `usage: npm run content -- <command>
  --stats                  print the built-in bank's counts; the last line is JSON { total, byTopic, byType, byLanguage }
  --check                  validate the bank only (exit 1 on problems)
  --lint [files…]          answer-leak statistics of the bank and of each set file (.json, .csv, .xlsx) given;
                           exit 1 when one is over its threshold; the last line is JSON { ok, sources }
  --strategies [--games N] players who know nothing (first, longest, true, slider middle, all but last) against
                           random guessing over N games (default 200) of each built-in plan; exit 1 over ${STRATEGIES.maxRatio}×
  --help                   this text`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

export async function main(argv: readonly string[], io: Io, bankDir?: string): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' && rest.length === 0) {
    io.out(USAGE);
    return 0;
  }
  const games = command === '--strategies' ? parseGames(rest) : undefined;
  const usable = ((command === '--stats' || command === '--check') && rest.length === 0) || command === '--lint' || (command === '--strategies' && games !== undefined);
  if (!usable || (command === '--lint' && rest.some((f) => f.startsWith('--')))) {
    io.err(command === undefined ? USAGE : `unknown or extra arguments: ${argv.join(' ')}\n${USAGE}`);
    return 2;
  }
  let questions: Question[];
  try {
    questions = loadBank(bankDir);
  } catch (err) {
    io.err((err as Error).message);
    return 1;
  }
  if (command === '--lint') return lint(questions, rest, io);
  if (command === '--strategies') return strategies(questions, games!, io);
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

/** `--games N` → N; [] → the default; anything else → undefined (bad usage). */
function parseGames(args: readonly string[]): number | undefined {
  if (args.length === 0) return 200;
  if (args.length !== 2 || args[0] !== '--games' || !/^\d+$/.test(args[1]!)) return undefined;
  const n = Number(args[1]);
  return n >= 1 && n <= 100_000 ? n : undefined;
}

// ---------------------------------------------------------------- --lint

const pct = (x: number) => `${Math.round(x * 100)} %`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));
const ORDINAL = ['1st', '2nd', '3rd', '4th', '5th'];

/** One line per check, in words. */
export function describeCheck(c: Check): string {
  const f = c.figures;
  switch (c.id) {
    case 'position':
      return `right option by written position (single choice, ${c.sample}): ${Object.entries(f).map(([p, s]) => `${ORDINAL[Number(p) - 1]} ${pct(s)}`).join(' · ')}; most common position exceeds an even spread by ${pct(c.value)} (limit ${pct(c.limit)})`;
    case 'multiPosition':
      return `share of right options by written position (multiple select, ${c.sample}): ${Object.entries(f).filter(([k]) => k !== 'overall').map(([p, s]) => `${ORDINAL[Number(p) - 1]} ${pct(s)}`).join(' · ')} against ${pct(f.overall ?? 0)} overall; largest gap ${pct(c.value)} (limit ${pct(c.limit)})`;
    case 'trueFalse':
      return `"true" is right in ${f.true} of ${c.sample} true/false statements: ${pct(c.value)} (limit ${pct(c.limit)}–${pct(c.limitHigh ?? 1)})`;
    case 'trueFalseTopics':
      return `true/false balance per topic: ${Object.entries(f).map(([t, s]) => `${t} ${pct(s)}`).join(' · ')}; ${c.value} topic(s) with a gap over max(1, 20 %)`;
    case 'longest':
      return `right option is the strictly longest (single choice, ${c.sample}): ${Object.entries(f).map(([l, s]) => `${l} ${pct(s)}`).join(' · ')} (limit ${pct(c.limit)})`;
    case 'absolute': {
      const langs = [...new Set(Object.keys(f).map((k) => k.split('.')[0]!))];
      return `absolute words ("always", "never", "only"…) in right / wrong texts: ${langs.map((l) => `${l} ${f[`${l}.right`]} / ${f[`${l}.wrong`]} (wrong ${num(f[`${l}.ratio`] ?? 1)}× as likely)`).join(' · ')}; most lopsided ${num(c.value)}× (limit ${num(c.limit)}×)`;
    }
    case 'midpoint':
      return `estimates whose slider middle earns credit: ${c.value} of ${c.sample} (limit ${c.limit})`;
    case 'nearDuplicates':
      return `look-alike pairs without a shared concept key: ${c.value} (limit ${c.limit}); ${f.similar} pairs above ${LINT.nearDuplicates.similarity} similarity, ${f.keyedApart} of them keyed as different concepts`;
    case 'translations':
      return `questions missing a language the list uses: ${c.value}${Object.keys(f).length > 0 ? ` (${Object.entries(f).map(([l, n]) => `${l} ${n}`).join(', ')})` : ''}`;
    default: {
      const never: never = c.id;
      return never;
    }
  }
}

const REASONS: Record<Check['id'], string> = {
  position: LINT.writtenPosition.reason,
  multiPosition: LINT.multiPosition.reason,
  trueFalse: LINT.trueShare.reason,
  trueFalseTopics: LINT.topicTrueGap.reason,
  longest: LINT.longestRight.reason,
  absolute: LINT.absoluteWords.reason,
  midpoint: LINT.midpoint.reason,
  nearDuplicates: LINT.nearDuplicates.reason,
  translations: LINT.translations.reason,
};

function printReport(name: string, report: LintReport, io: Io): void {
  const over = report.checks.filter((c) => !c.ok).length;
  io.out(`${name}: ${report.questions} questions, ${over === 0 ? 'every check within its threshold' : `${over} check(s) over the threshold`}`);
  for (const c of report.checks) {
    const mark = !c.judged ? '·' : c.ok ? '✓' : '✗';
    io.out(`  ${mark} ${c.id.padEnd(16)}${describeCheck(c)}${c.judged ? '' : ` — too few to judge (fewer than ${c.id === 'absolute' ? `${LINT.absoluteWords.minTexts} marked texts` : `${LINT.minSample.value} questions`})`}`);
    if (!c.ok) {
      io.out(`      why: ${REASONS[c.id]}`);
      io.out(`      ${c.offenders.length > 12 ? `${c.offenders.slice(0, 12).join(', ')} … (${c.offenders.length})` : c.offenders.join(', ')}`);
    }
  }
}

function formatOf(file: string, bytes: Buffer): SetFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  return detectSetFormat(undefined, bytes) ?? 'csv';
}

async function lint(bank: readonly Question[], files: readonly string[], io: Io): Promise<number> {
  const sources: { source: string; questions: number; ok: boolean; checks: Record<string, { ok: boolean; judged: boolean; value: number; limit: number; sample: number }> }[] = [];
  let ok = true;
  const add = (source: string, report: LintReport) => {
    printReport(source, report, io);
    ok &&= report.ok;
    sources.push({
      source,
      questions: report.questions,
      ok: report.ok,
      checks: Object.fromEntries(report.checks.map((c) => [c.id, { ok: c.ok, judged: c.judged, value: Math.round(c.value * 1000) / 1000, limit: Math.round(c.limit * 1000) / 1000, sample: c.sample }])),
    });
  };
  add('Built-in bank', lintQuestions(bank));
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      io.err(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      ok = false;
      continue;
    }
    const result = await importSet(bytes, formatOf(file, bytes), { title: basename(file) });
    if (!result.ok) {
      io.err(`${file}: not a valid question set:`);
      for (const p of result.problems) io.err(`  row ${p.row}, ${p.field}: ${p.message}`);
      sources.push({ source: file, questions: 0, ok: false, checks: {} });
      ok = false;
      continue;
    }
    add(`${file} ("${result.set.title}")`, lintQuestions(result.set.questions));
  }
  io.out(JSON.stringify({ ok, sources }));
  return ok ? 0 : 1;
}

// ---------------------------------------------------------------- --strategies

/** `games` draws of each built-in plan, as the planner makes them for seeds 1…games, alternating the game's language. */
export function builtInDraws(bank: readonly Question[], games: number): GameDraw[] {
  return BUILT_IN_PLANS.flatMap((plan) =>
    Array.from({ length: games }, (_, i) => ({ plan, questions: questionsForPlan(bank, plan, i + 1), seed: i + 1, lang: i % 2 === 0 ? ('es' as const) : ('en' as const) })),
  );
}

function printStrategies(r: StrategyReport, io: Io): void {
  io.out(`Players who know nothing, ${r.games} games (${BUILT_IN_PLANS.map((p) => p.id).join(', ')}), ${r.questions} questions; limit ${r.maxRatio}× random guessing`);
  io.out(`  ${'strategy'.padEnd(14)}${'points/game'.padStart(12)}${'credit/q'.padStart(10)}${'× random'.padStart(10)}`);
  for (const id of STRATEGY_IDS) {
    const s = r.strategies[id];
    const mark = s.ratio <= r.maxRatio ? ' ' : '✗';
    io.out(`${mark} ${id.padEnd(14)}${s.points.toFixed(0).padStart(12)}${s.credit.toFixed(3).padStart(10)}${s.ratio.toFixed(2).padStart(10)}   ${STRATEGY_NOTES[id]}`);
  }
  io.out('  mean credit per question by type:');
  for (const [type, row] of Object.entries(r.byType)) io.out(`    ${type.padEnd(10)}${STRATEGY_IDS.map((id) => `${id} ${row![id].toFixed(2)}`).join('  ')}`);
}

function strategies(bank: readonly Question[], games: number, io: Io): number {
  const report = playStrategies(builtInDraws(bank, games));
  printStrategies(report, io);
  io.out(JSON.stringify(report));
  return report.ok ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) });
}
