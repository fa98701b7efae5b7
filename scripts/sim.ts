// Command line for teachers and designers: run a scenario card headless and print its report.
//   npm run sim -- --list
//   npm run sim -- --audit [--json]      every card × strategies × seeds; exit 1 when a card breaks a rule
//   npm run sim -- --scenario ID --seed N [--actions FILE.json] [--credits N] [--json]
// Bad arguments or a bad action file: a message on stderr and exit code 2.
import { readFileSync } from 'node:fs';
import {
  LIVE_TICKS_PER_SECOND, SCENARIOS, audit, auditTable, TICK_SECONDS, actionLogSchema, createRun, getScenario, runReport, stepRun,
  type ActionLogEntry, type RunReport, type SimAction,
} from '../shared/sim/index.ts';

class UsageError extends Error {}

const USAGE = `usage: npm run sim -- --list
       npm run sim -- --audit [--json]
       npm run sim -- --scenario ID --seed N [--actions FILE.json] [--credits N] [--json]`;

interface Args { list: boolean; audit: boolean; json: boolean; scenario?: string; seed?: number; actions?: string; credits?: number }

function parseArgs(argv: readonly string[]): Args {
  const out: Args = { list: false, audit: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    const integer = (v: string, name: string): number => {
      if (!/^-?\d+$/.test(v)) throw new UsageError(`${name} must be a whole number, got "${v}"`);
      return Number(v);
    };
    switch (a) {
      case '--list': out.list = true; break;
      case '--audit': out.audit = true; break;
      case '--json': out.json = true; break;
      case '--scenario': out.scenario = value(); break;
      case '--seed': out.seed = integer(value(), '--seed'); break;
      case '--actions': out.actions = value(); break;
      case '--credits': out.credits = integer(value(), '--credits'); break;
      default: throw new UsageError(`unknown argument "${a}"`);
    }
  }
  if (out.list || out.audit) return out;
  if (out.scenario === undefined) throw new UsageError('--scenario is required (or --list)');
  if (!getScenario(out.scenario)) throw new UsageError(`unknown scenario "${out.scenario}"; known: ${SCENARIOS.map((c) => c.id).join(', ')}`);
  if (out.seed === undefined) throw new UsageError('--seed is required');
  if (out.seed < 0 || out.seed > 0xffffffff) throw new UsageError('--seed must be between 0 and 4294967295');
  if (out.credits !== undefined && out.credits < 0) throw new UsageError('--credits must not be negative');
  return out;
}

function readActions(file: string): ActionLogEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = actionLogSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `  at ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
    throw new UsageError(`${file} is not a valid action list ([{ "tick": n, "action": { "type": ... } }, ...]):\n${lines.join('\n')}`);
  }
  return parsed.data as ActionLogEntry[];
}

function textReport(r: RunReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const lines = [
    `scenario ${r.scenario}  seed ${r.seed}  ${r.ticks} ticks = ${r.simSeconds} simulated s (1 tick = ${TICK_SECONDS} s)`,
    `score         ${r.score}  (reliability ${r.scoreParts.reliability}, error budget ${r.scoreParts.budget}, spend ${r.scoreParts.spend}, detection ${r.scoreParts.detection})`,
    `availability  ${pct(r.availability)}   SLO ${r.sloMet ? 'met' : 'missed'}, error budget left ${pct(r.errorBudgetRemaining)}`,
    `latency       p50 ${r.p50LatencyMs} ms   p95 ${r.p95LatencyMs} ms   p99 ${r.p99LatencyMs} ms`,
    `cost          $${r.cost.toFixed(2)}   credits spent ${r.creditsSpent}, left ${r.creditsLeft}`,
    `users         ${r.users.fresh} requests: served ${r.users.served}, lost ${r.users.lost}, refused ${r.users.refused}; good ${r.users.good} (${pct(r.goodShare)})`,
    `attempts      arrived ${r.requests.arrived} = served ${r.requests.served} + failed ${r.requests.failed} + shed ${r.requests.shed} + queued ${r.requests.queued}  (retries ${r.requests.retries})`,
    `actions       ${r.actions.applied} applied, ${r.actions.refused} refused; alerts fired ${r.alertsFired}`,
    'incidents',
  ];
  for (const i of r.incidents) {
    lines.push(`  #${i.id} ${i.cause.padEnd(20)} at ${String(i.startedAt).padStart(5)} s   detect ${i.timeToDetect === null ? 'never' : `${i.timeToDetect} s`}   recover ${i.timeToRecover === null ? 'never' : `${i.timeToRecover} s`}`);
  }
  if (r.incidents.length === 0) lines.push('  none');
  return lines.join('\n');
}

function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if (args.list) {
    const cards = SCENARIOS.map((c) => ({
      id: c.id, title: c.title, description: c.description, topic: c.topic, concept: c.concept,
      durationTicks: c.durationTicks, ticksPerSecond: LIVE_TICKS_PER_SECOND, recommended: c.recommended, harmful: c.harmful,
    }));
    process.stdout.write(`${JSON.stringify(cards, null, 2)}\n`);
    return 0;
  }
  if (args.audit) {
    const result = audit(SCENARIOS);
    process.stdout.write(args.json ? `${JSON.stringify(result)}\n` : `${auditTable(result)}\n`);
    return result.ok ? 0 : 1;
  }
  const card = getScenario(args.scenario!)!;
  const log = args.actions ? readActions(args.actions) : [];
  const run = createRun(card, args.seed!, args.credits === undefined ? {} : { credits: args.credits });
  let k = 0;
  const batch: SimAction[] = [];
  while (run.tick < run.durationTicks) {
    batch.length = 0;
    while (k < log.length && log[k]!.tick <= run.tick) batch.push(log[k++]!.action);
    const { events } = stepRun(run, batch);
    for (const e of events) if (e.type === 'action-refused') process.stderr.write(`warning: tick ${e.tick}: ${e.action} refused (${e.code}): ${e.reason}\n`);
  }
  if (k < log.length) process.stderr.write(`warning: ${log.length - k} action(s) after the last tick (${run.durationTicks - 1}) were not played\n`);
  const report = runReport(run);
  process.stdout.write(args.json ? `${JSON.stringify(report)}\n` : `${textReport(report)}\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`sim: ${e.message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else throw e;
}
