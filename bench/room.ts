// `npm run bench:room [-- --teams 8 --per-team 5 --ticks N]`: one room plays a scenario round
// with 8 teams of 5 bot phones and a projector; without --ticks the round has its card's own
// length (480 ticks: 4 minutes at the live pace of 2 ticks per second). The server runs as `npm start` runs it
// (dist/server/main.js, built by the npm script) in its own process, the bots in another. Its
// CPU is read from /proc when the round starts and ends, the scenario tick durations from its
// /metrics. Prints figures and, last, a JSON line: cpuCoreFraction (server CPU seconds per second
// of play, all threads), bytesPerSecondPerPhone {mean, max}, bytesPerSecondProjector, tickP99Ms.
import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { cpuTimes, histogramQuantile, metricValue, startBuiltServer } from './server-process.ts';
import type { BotsMessage } from './room-bots.ts';

function arg(name: string, fallback: number | undefined): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} needs a positive number`);
    process.exit(2);
  }
  return n;
}

const teams = arg('teams', 8)!;
const perTeam = arg('per-team', 5)!;
const ticks = arg('ticks', undefined);

const server = await startBuiltServer({ ROUND_INTRO_MS: '300', QUESTION_SECONDS: '30', ...(ticks ? { SCENARIO_TICKS: String(ticks) } : {}) });
const pid = server.child.pid!;
const res = await fetch(`${server.url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: 'ops-drill', teams, lang: 'en' }) });
const game = (await res.json()) as { code: string; hostToken: string };

type Sample = { all: { user: number; system: number }; main: { user: number; system: number }; t: number };
const sample = (): Sample => ({ all: cpuTimes(pid) ?? { user: NaN, system: NaN }, main: cpuTimes(pid, pid) ?? { user: NaN, system: NaN }, t: performance.now() });
const bots = fork(fileURLToPath(new URL('./room-bots.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
bots.send({ url: server.url, code: game.code, hostToken: game.hostToken, players: teams * perTeam });
let start: Sample | null = null;
const report = await new Promise<Extract<BotsMessage, { kind: 'report' }>>((resolve, reject) => {
  bots.on('message', (m: BotsMessage) => {
    if (m.kind === 'started') {
      start = sample();
      console.log(`scenario round started: ${teams} teams × ${perTeam} phones${ticks ? `, ${ticks} ticks` : ''}`);
    } else {
      resolve(m);
    }
  });
  bots.once('exit', (code) => code !== 0 && reject(new Error(`bots exited with ${code}; server log: ${server.logFile}`)));
});
const end = sample();
const metricsText = await (await fetch(`${server.url}/metrics`)).text();
await new Promise((r) => {
  bots.once('exit', r);
  setTimeout(() => {
    bots.kill();
    r(undefined);
  }, 5000);
});
await server.stop();

if (!start) throw new Error('the scenario round never started');
const s0 = start as Sample;
const wall = (end.t - s0.t) / 1000;
const share = (seconds: number) => Math.round((seconds / wall) * 10_000) / 10_000;
const ms = (q: number) => Math.round(histogramQuantile(metricsText, 'ua_scenario_tick_seconds', q) * 1e6) / 1000;
const phones = report.phoneBytesPerSecond;
const result = {
  teams,
  phones: teams * perTeam,
  ticks: metricValue(metricsText, 'ua_scenario_tick_seconds_count'),
  playSeconds: Math.round(wall * 10) / 10,
  cpuCoreFraction: share(end.all.user + end.all.system - s0.all.user - s0.all.system),
  /** The same, split: user space (JavaScript, GC, libraries) and kernel (sockets, timers). */
  cpuUserFraction: share(end.all.user - s0.all.user),
  cpuSystemFraction: share(end.all.system - s0.all.system),
  /** The event loop's thread alone; the rest is V8's helper threads (garbage collection, compilation). */
  cpuMainThreadFraction: share(end.main.user + end.main.system - s0.main.user - s0.main.system),
  loadAverage: os.loadavg()[0],
  bytesPerSecondPerPhone: { mean: Math.round(phones.reduce((a, b) => a + b, 0) / phones.length), max: Math.round(Math.max(...phones)) },
  bytesPerSecondProjector: Math.round(report.projectorBytesPerSecond),
  /** From the server's ua_scenario_tick_seconds histogram, interpolated within its buckets. */
  tickP50Ms: ms(0.5),
  tickP99Ms: ms(0.99),
  actions: report.actions,
  refusals: report.refusals,
};
console.log(`server CPU ${(result.cpuCoreFraction * 100).toFixed(2)} % of a core; per phone ${result.bytesPerSecondPerPhone.mean} B/s (max ${result.bytesPerSecondPerPhone.max}); projector ${result.bytesPerSecondProjector} B/s; tick p99 ${result.tickP99Ms} ms`);
console.log(JSON.stringify(result));
process.exit(0);
