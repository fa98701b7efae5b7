// Benchmark of the simulation step: many teams per card stepped in lock-step, as a room
// does at each tick. Prints team-ticks per second per card and overall; the last line is JSON.
// Target: at least 200,000 team-ticks per second on one core. The figure is per second of this
// process's CPU time (user + system), so other work on a shared machine does not count against
// it; the wall-clock rate is printed beside it.
// Usage: npm run bench:sim [-- --teams N]
import { SCENARIOS, createRun, stepRun, type SimRun } from '../shared/sim/index.ts';

const arg = process.argv.indexOf('--teams');
const teams = arg > 0 ? Math.max(1, Number(process.argv[arg + 1]) || 50) : 50;

function stepAll(runs: SimRun[]): number {
  let ticks = 0;
  const n = runs[0]!.durationTicks;
  for (let t = 0; t < n; t++) for (const run of runs) {
    stepRun(run);
    ticks++;
  }
  return ticks;
}

const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

// warm-up: let the JIT settle on every card before timing
for (let k = 0; k < 3; k++) for (const card of SCENARIOS) stepAll([createRun(card, 1 + k), createRun(card, 11 + k)]);

let total = 0;
let cpu = 0;
let wall = 0;
const perCard: Record<string, number> = {};
for (const card of SCENARIOS) {
  const runs = Array.from({ length: teams }, (_, i) => createRun(card, 1000 + i));
  const c0 = cpuSeconds();
  const t0 = performance.now();
  const ticks = stepAll(runs);
  const dc = cpuSeconds() - c0;
  wall += (performance.now() - t0) / 1000;
  total += ticks;
  cpu += dc;
  perCard[card.id] = Math.round(ticks / dc);
  console.log(`${card.id.padEnd(18)} ${String(perCard[card.id]).padStart(9)} team-ticks per CPU second`);
}
const teamTicksPerSecond = Math.round(total / cpu);
const wallTeamTicksPerSecond = Math.round(total / wall);
console.log(`all cards, ${teams} teams each: ${teamTicksPerSecond} team-ticks per CPU second (${total} team-ticks in ${cpu.toFixed(2)} CPU s; ${wallTeamTicksPerSecond} per wall-clock second)`);
console.log(JSON.stringify({ teamTicksPerSecond, wallTeamTicksPerSecond, teams, cards: SCENARIOS.length, teamTicks: total, cpuSeconds: Math.round(cpu * 1000) / 1000, perCard }));
