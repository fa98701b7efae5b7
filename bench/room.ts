// `npm run bench:room [-- --teams 8 --per-team 5 --ticks 600]`: one room plays a scenario round
// with 8 teams of 5 bot phones and a projector, the server in this process and the bots in a
// child process. Prints figures and, last, a JSON line: cpuCoreFraction (server CPU seconds per
// second of play), bytesPerSecondPerPhone {mean, max}, bytesPerSecondProjector, tickP99Ms.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { matchMaker } from '@colyseus/core';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/log.ts';
import { createGameServer } from '../server/app.ts';
import { freePort } from '../tests/helpers/port.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`--${name} needs a positive number`);
    process.exit(2);
  }
  return n;
}

const teams = arg('teams', 8);
const perTeam = arg('per-team', 5);
const ticks = arg('ticks', 600);
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};

const port = await freePort();
const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ua-bench-')), LOG_LEVEL: 'warn', ROUND_INTRO_MS: '300', QUESTION_SECONDS: '30', SCENARIO_TICKS: String(ticks) });
const server = await createGameServer(config, createLogger('warn'));
await server.listen();
const url = `http://127.0.0.1:${port}`;
const res = await fetch(`${url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: 'ops-drill', teams, lang: 'en' }) });
const game = (await res.json()) as { code: string; hostToken: string };
const room = matchMaker.getLocalRoomById(game.code) as unknown as { scenarioTick: () => void; game: { phase: string } };

// Time every scenario tick (all teams stepped, state synced) of this room.
const tickMs: number[] = [];
const original = room.scenarioTick.bind(room);
room.scenarioTick = () => {
  const t0 = performance.now();
  original();
  if (room.game.phase === 'scenario' || room.game.phase === 'scenario-report') tickMs.push(performance.now() - t0);
};

const bots = fork(fileURLToPath(new URL('./room-bots.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
let cpuStart: NodeJS.CpuUsage | null = null;
let eluStart: ReturnType<typeof performance.eventLoopUtilization> | null = null;
let elu = 0;
let wallStart = 0;
let cpu = 0;
let wall = 0;
const watcher = setInterval(() => {
  if (room.game.phase === 'scenario' && !cpuStart) {
    cpuStart = process.cpuUsage();
    eluStart = performance.eventLoopUtilization();
    wallStart = performance.now();
    console.log(`scenario round started: ${teams} teams × ${perTeam} phones, ${ticks} ticks`);
  } else if (room.game.phase !== 'scenario' && cpuStart && !wall) {
    const used = process.cpuUsage(cpuStart);
    cpu = (used.user + used.system) / 1e6;
    elu = performance.eventLoopUtilization(eluStart!).utilization;
    wall = (performance.now() - wallStart) / 1000;
  }
}, 20);
bots.send({ url, code: game.code, hostToken: game.hostToken, players: teams * perTeam });
const report = await new Promise<{ seconds: number; phoneBytesPerSecond: number[]; projectorBytesPerSecond: number; actions: number; refusals: number }>((resolve, reject) => {
  bots.once('message', (m) => resolve(m as never));
  bots.once('exit', (code) => code !== 0 && reject(new Error(`bots exited with ${code}`)));
});
clearInterval(watcher);
await new Promise((r) => {
  bots.once('exit', r);
  setTimeout(() => {
    bots.kill();
    r(undefined);
  }, 5000);
});
await server.shutdown();

const phones = report.phoneBytesPerSecond;
const result = {
  teams,
  phones: teams * perTeam,
  ticks,
  playSeconds: Math.round(wall * 10) / 10,
  cpuCoreFraction: Math.round((cpu / wall) * 10_000) / 10_000,
  /** The server's main thread alone (event-loop utilization); cpuCoreFraction counts every thread of the process. */
  mainThreadFraction: Math.round(elu * 10_000) / 10_000,
  loadAverage: os.loadavg()[0],
  bytesPerSecondPerPhone: { mean: Math.round(phones.reduce((a, b) => a + b, 0) / phones.length), max: Math.round(Math.max(...phones)) },
  bytesPerSecondProjector: Math.round(report.projectorBytesPerSecond),
  tickP50Ms: Math.round(percentile(tickMs, 50) * 1000) / 1000,
  tickP99Ms: Math.round(percentile(tickMs, 99) * 1000) / 1000,
  tickMaxMs: Math.round(Math.max(...tickMs) * 1000) / 1000,
  actions: report.actions,
  refusals: report.refusals,
};
console.log(`server CPU ${(result.cpuCoreFraction * 100).toFixed(2)} % of a core; per phone ${result.bytesPerSecondPerPhone.mean} B/s (max ${result.bytesPerSecondPerPhone.max}); projector ${result.bytesPerSecondProjector} B/s; tick p99 ${result.tickP99Ms} ms`);
console.log(JSON.stringify(result));
process.exit(0);
