// Load benchmark: real @colyseus/sdk bots in worker processes against a real server.
//   npm run bench:load -- --rooms R --players P --duration S [--url URL [--pid PID]] [--workers W]
//                         [--plan ID] [--question-seconds N]
// Without --url it starts the server itself (dist/server/main.js, built by the npm script) with short
// questions and LOG_LEVEL=warn, and measures that process's CPU and RSS from /proc. With --url
// the server's CPU/RSS are reported only if --pid names its process on this machine (and the
// server should run with a high RATE_LIMIT_PER_MINUTE and JOIN_LIMIT_* settings: all games are
// created and joined from one address).
// Prints progress lines, then a JSON summary as the LAST line.
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, histogramQuantile, metricValue, rssMb, startBuiltServer } from './server-process.ts';
import { BOT, type BotPlan, type Counters, type WorkerProgress, type WorkerReport, type WorkerStart } from './bots/protocol.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  rooms: number;
  players: number;
  duration: number;
  url?: string;
  pid?: number;
  workers: number;
  plan: string;
  questionSeconds: number;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const num = (name: string, fallback: number) => {
    const v = get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number (got "${v}")`);
    return n;
  };
  return {
    rooms: num('rooms', 1),
    players: num('players', 30),
    duration: num('duration', 60),
    url: get('url'),
    pid: get('pid') ? Number(get('pid')) : undefined,
    workers: num('workers', 3),
    plan: get('plan') ?? 'intro',
    questionSeconds: num('question-seconds', 8),
  };
}

const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 10) / 10;
}

/** A few server-side figures from its /metrics (when reachable): where the time goes. */
async function serverMetrics(url: string): Promise<Record<string, number> | null> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const v = (name: string, label?: string) => metricValue(text, name, label);
    const r = (n: number) => Math.round(n * 10) / 10;
    return {
      /** How late the rooms' beats ran (the event loop's delay as rooms feel it), from the histogram. */
      beatLagP99Ms: r(histogramQuantile(text, 'ua_room_beat_lag_seconds', 0.99) * 1000),
      beatLagP999Ms: r(histogramQuantile(text, 'ua_room_beat_lag_seconds', 0.999) * 1000),
      onJoinAvgMs: r((v('ua_join_seconds_sum', 'kind="player"') / v('ua_join_seconds_count', 'kind="player"')) * 1000),
      patchAvgBytes: r(v('ua_state_patch_bytes_sum', 'kind="shared"') / v('ua_state_patch_bytes_count', 'kind="shared"')),
      patchAvgMs: r((v('ua_state_patch_seconds_sum') / v('ua_state_patch_seconds_count')) * 1000),
      tickAvgMs: r((v('ua_room_tick_seconds_sum') / v('ua_room_tick_seconds_count')) * 1000),
    };
  } catch {
    return null;
  }
}

function sum(list: Counters[]): Counters {
  const out = { connected: 0, joined: 0, answers: 0, acks: 0, refusals: 0, hostRefusals: 0, drops: 0, rejoins: 0, seatFallbacks: 0, reconnects: 0, errors: 0, scenarioActions: 0, bytes: 0 };
  for (const c of list) for (const k of Object.keys(out) as (keyof Counters)[]) out[k] += c[k];
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const total = args.rooms * args.players;
  log(`${args.rooms} room(s) × ${args.players} players = ${total} phones, ${args.duration} s, ${args.workers} bot workers, plan ${args.plan}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  const own = args.url ? undefined : await startBuiltServer({ QUESTION_SECONDS: String(args.questionSeconds), ROUND_INTRO_MS: '1500' });
  const url = (args.url ?? own!.url).replace(/\/$/, '');
  const wsUrl = url.replace(/^http/, 'ws');
  const pid = own?.child.pid ?? args.pid;
  if (own) {
    log(`server pid ${pid}, its log: ${own.logFile}`);
    own.child.once('exit', (code, signal) => log(`the server exited (code ${code}, signal ${signal})`));
  }

  // games
  const games: { code: string; hostToken: string }[] = [];
  for (let i = 0; i < args.rooms; i++) {
    const res = await fetch(`${url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: args.plan, lang: 'en', teams: 4 }) });
    if (res.status !== 201) throw new Error(`POST /api/games → ${res.status} ${await res.text()}`);
    games.push((await res.json()) as { code: string; hostToken: string });
  }
  log(`created ${games.length} game(s)`);

  // workers, bots spread round-robin; hosts on worker 0
  const workers: ChildProcess[] = [];
  for (let w = 0; w < args.workers; w++) {
    const child = fork(path.join(ROOT, 'bench/bots/worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    workers.push(child);
  }
  await Promise.all(workers.map((w) => new Promise<void>((resolve) => w.once('message', () => resolve()))));
  const progress = new Map<number, WorkerProgress>();
  workers.forEach((w, i) => w.on('message', (m: WorkerProgress | WorkerReport) => m.type === 'progress' && progress.set(i, m)));

  const startAt = Date.now() + 500;
  const startGameAt = startAt + BOT.joinSpreadMs + BOT.startAfterJoinsMs;
  const plans: BotPlan[][] = workers.map(() => []);
  let k = 0;
  for (let p = 0; p < args.players; p++) {
    for (const g of games) {
      plans[k % workers.length]!.push({ code: g.code, name: `bot${p}-${k % 1000}`.slice(0, 20), joinAtMs: Math.random() * BOT.joinSpreadMs });
      k++;
    }
  }
  workers.forEach((w, i) => {
    const start: WorkerStart = { type: 'start', url: wsUrl, hosts: i === 0 ? games : [], players: plans[i]!, startAt, startGameAt };
    w.send(start);
  });

  // sampling
  const cpu0 = pid ? cpuSeconds(pid) : undefined;
  const t0 = performance.now();
  let rssMax = 0;
  let cpuAtGame: { cpu: number; t: number } | undefined;
  const endAt = startAt + args.duration * 1000;
  let lastLog = 0;
  while (Date.now() < endAt) {
    await sleep(1000);
    if (pid) rssMax = Math.max(rssMax, rssMb(pid) ?? 0);
    if (!cpuAtGame && Date.now() >= startGameAt && pid) {
      cpuAtGame = { cpu: cpuSeconds(pid) ?? 0, t: performance.now() };
      for (const w of workers) w.send({ type: 'measure' });
    } else if (!cpuAtGame && Date.now() >= startGameAt) {
      cpuAtGame = { cpu: 0, t: performance.now() };
      for (const w of workers) w.send({ type: 'measure' });
    }
    if (Date.now() - lastLog >= BOT.progressEveryMs) {
      lastLog = Date.now();
      const c = sum([...progress.values()].map((p) => p.counters));
      const cpuNow = pid ? cpuSeconds(pid) : undefined;
      const cpuFrac = cpuNow !== undefined && cpu0 !== undefined ? (cpuNow - cpu0) / ((performance.now() - t0) / 1000) : undefined;
      log(`t=${Math.round((Date.now() - startAt) / 1000)}s connected=${c.connected} joined=${c.joined} answers=${c.answers} acks=${c.acks} drops=${c.drops} errors=${c.errors}${cpuFrac !== undefined ? ` serverCpu(avg)=${cpuFrac.toFixed(2)} rss=${Math.round(rssMax)}MB` : ''} load=${os.loadavg()[0]!.toFixed(2)}`);
    }
  }

  const cpuEnd = pid ? cpuSeconds(pid) : undefined;
  const server = await serverMetrics(url);
  const tEnd = performance.now();
  const reports = await Promise.all(
    workers.map(
      (w) =>
        new Promise<WorkerReport>((resolve) => {
          w.on('message', (m: WorkerReport | WorkerProgress) => m.type === 'report' && resolve(m));
          w.send({ type: 'stop' });
        }),
    ),
  );
  const counters = sum(reports.map((r) => r.counters));
  const join = reports.flatMap((r) => r.joinMs).sort((a, b) => a - b);
  const ack = reports.flatMap((r) => r.ackMs).sort((a, b) => a - b);
  const measuredSeconds = cpuAtGame ? (tEnd - cpuAtGame.t) / 1000 : 0;
  const errorSamples = reports.flatMap((r) => r.errorSamples).slice(0, 10);
  for (const e of errorSamples) log(`error sample: ${e}`);

  await Promise.race([Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r))))), sleep(3000)]);
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await own?.stop();

  const summary = {
    rooms: args.rooms,
    playersPerRoom: args.players,
    durationSeconds: args.duration,
    playersConnected: counters.connected,
    joins: counters.joined,
    joinMs: { p50: percentile(join, 50), p95: percentile(join, 95) },
    answers: counters.answers,
    acks: counters.acks,
    ackMs: { p50: percentile(ack, 50), p95: percentile(ack, 95), p99: percentile(ack, 99) },
    serverCpuCoreFraction: pid && cpuAtGame && cpuEnd !== undefined && cpuAtGame.cpu ? Math.round(((cpuEnd - cpuAtGame.cpu) / measuredSeconds) * 100) / 100 : null,
    serverCpuCoreFractionWholeRun: pid && cpu0 !== undefined && cpuEnd !== undefined ? Math.round(((cpuEnd - cpu0) / ((tEnd - t0) / 1000)) * 100) / 100 : null,
    serverRssMb: pid ? Math.round(rssMax) : null,
    bytesPerClientPerSecond: counters.connected > 0 && measuredSeconds > 0 ? Math.round(counters.bytes / counters.connected / measuredSeconds) : 0,
    drops: counters.drops,
    rejoins: counters.rejoins,
    seatFallbacks: counters.seatFallbacks,
    reconnects: counters.reconnects,
    errors: counters.errors,
    refusals: counters.refusals,
    refusalCodes: Object.fromEntries(reports.flatMap((r) => Object.entries(r.refusalCodes)).reduce((m, [k, v]) => m.set(k, (m.get(k) ?? 0) + v), new Map<string, number>())),
    server,
    hostRefusals: counters.hostRefusals,
    scenarioActions: counters.scenarioActions,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exit(0);
}

main().catch((err) => {
  process.stderr.write(`bench:load failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
