// Benchmark of the simulation step: many teams per card stepped in lock-step, as a room
// does at 10 Hz. Prints team-ticks per second per card and overall; the last line is JSON.
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

// warm-up: let the JIT settle on every card before timing
for (const card of SCENARIOS) stepAll([createRun(card, 1), createRun(card, 2)]);

let total = 0;
let seconds = 0;
const perCard: Record<string, number> = {};
for (const card of SCENARIOS) {
  const runs = Array.from({ length: teams }, (_, i) => createRun(card, 1000 + i));
  const t0 = performance.now();
  const ticks = stepAll(runs);
  const dt = (performance.now() - t0) / 1000;
  total += ticks;
  seconds += dt;
  perCard[card.id] = Math.round(ticks / dt);
  console.log(`${card.id.padEnd(18)} ${String(perCard[card.id]).padStart(9)} team-ticks/s`);
}
const teamTicksPerSecond = Math.round(total / seconds);
console.log(`all cards, ${teams} teams each: ${teamTicksPerSecond} team-ticks/s (${total} team-ticks in ${seconds.toFixed(2)} s, one core)`);
console.log(JSON.stringify({ teamTicksPerSecond, teams, cards: SCENARIOS.length, teamTicks: total, seconds: Math.round(seconds * 1000) / 1000, perCard }));
