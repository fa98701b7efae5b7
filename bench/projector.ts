// `npm run bench:projector [-- --seconds 30 --viewport 1280x720 --teams 8]`: what the teacher's
// page costs its laptop during a scenario round. The server (dist/server/main.js) runs in its own
// process with two bot phones per team taking actions now and then; headless Chromium opens
// /host, creates an on-call drill for 8 teams, skips its quiz and sits on the ops center. Over the
// measured window it reads, through the DevTools protocol, the renderer main thread's task time
// (busyPct = task time / wall time) and its CPU time (mainThreadCpuPct: unlike task time, it does
// not count waiting for a core on a busy machine), the frames of the whole view Phaser drew (fps)
// and of the focused map's traffic layer (trafficFps), and, from /proc,
// the CPU of every Chromium process (browserCpuPct: the GPU process rasterizes the WebGL canvas).
// Last line: JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import type { Room } from '@colyseus/sdk';
import { chromiumPath } from '../tests/helpers/browser.ts';
import { cpuTimes, startBuiltServer } from './server-process.ts';
import { joinBots } from '../tests/helpers/bots.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}
const seconds = Number(arg('seconds', '30'));
const teams = Number(arg('teams', '8'));
const [vw, vh] = arg('viewport', '1280x720').split('x').map(Number) as [number, number];
const reducedMotion = process.argv.includes('--reduced-motion');
if (!(seconds > 0) || !(teams >= 2 && teams <= 8) || !(vw > 0 && vh > 0)) {
  console.error('usage: npm run bench:projector -- [--seconds 30] [--teams 2..8] [--viewport 1280x720] [--reduced-motion]');
  process.exit(2);
}

const server = await startBuiltServer({ ROUND_INTRO_MS: '300', QUESTION_SECONDS: '30' });
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ua-projector-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath(),
  headless: true,
  viewport: { width: vw, height: vh },
  reducedMotion: reducedMotion ? 'reduce' : 'no-preference',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--use-gl=swiftshader', '--enable-unsafe-swiftshader'],
});
const phones: Room[] = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/host?lang=en`);
  await page.getByLabel('Number of teams').fill(String(teams));
  await page.getByLabel('Game plan').selectOption('ops-drill');
  await page.getByRole('button', { name: 'Create game' }).click();
  const code = (await page.getByTestId('join-code').textContent())!.trim();

  phones.push(...(await joinBots(server.url, code, Array.from({ length: teams * 2 }, (_, i) => `Bot ${i + 1}`), { actionChance: 0.08 })));

  await page.getByRole('button', { name: 'Start game' }).click();
  // through the quiz round to the scenario: Skip questions, Next past reveals and standings
  const skip = page.getByRole('button', { name: 'Skip' });
  const next = page.getByRole('button', { name: 'Next' });
  const scene = () => page.evaluate(() => document.querySelector('.stage')?.getAttribute('data-scene'));
  const deadline = Date.now() + 180_000;
  while ((await scene()) !== 'host-ops-center') {
    if (Date.now() > deadline) throw new Error(`the scenario round did not start (scene: ${await scene()})`);
    if (await skip.isVisible()) await skip.click({ timeout: 5000 }).catch(() => undefined);
    else if (await next.isVisible()) await next.click({ timeout: 5000 }).catch(() => undefined);
    await page.waitForTimeout(400);
  }
  await page.waitForTimeout(3000);

  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const browserPids = chromiumPids(profile);
  const sample = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const [frames, traffic] = (await page.evaluate(() => {
      const s = (window as unknown as { uaProjector?: { frames: number; trafficFrames?: number } }).uaProjector;
      return [s?.frames ?? NaN, s?.trafficFrames ?? 0];
    })) as [number, number];
    const cpu = browserPids.reduce((s, pid) => {
      const c = cpuTimes(pid);
      return s + (c ? c.user + c.system : 0);
    }, 0);
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    return { task: metric('TaskDuration'), thread: metric('ThreadTime'), frames, traffic, cpu, t: performance.now() };
  };
  const a = await sample();
  console.log(`ops center with ${teams} teams at ${vw}×${vh}${reducedMotion ? ', reduced motion' : ''}: measuring ${seconds} s…`);
  await page.waitForTimeout(seconds * 1000);
  const b = await sample();
  const wall = (b.t - a.t) / 1000;
  const busyPct = Math.round(((b.task - a.task) / wall) * 1000) / 10;
  const fps = Math.round(((b.frames - a.frames) / wall) * 10) / 10;
  const trafficFps = Math.round(((b.traffic - a.traffic) / wall) * 10) / 10;
  const browserCpuPct = Math.round(((b.cpu - a.cpu) / wall) * 1000) / 10;
  const mainThreadCpuPct = Math.round(((b.thread - a.thread) / wall) * 1000) / 10;
  const stillOn = await page.evaluate(() => document.querySelector('.stage')?.getAttribute('data-scene'));
  if (stillOn !== 'host-ops-center') throw new Error(`the round ended during the measurement (scene: ${stillOn})`);
  console.log(`main thread busy ${busyPct} % of ${wall.toFixed(1)} s (its CPU ${mainThreadCpuPct} %); ${fps} frames/s of the whole view, ${trafficFps} of the traffic layer; all Chromium processes ${browserCpuPct} % of one core (${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)})`);
  console.log(JSON.stringify({ teams, viewport: `${vw}x${vh}`, reducedMotion, seconds: Math.round(wall * 10) / 10, busyPct, mainThreadCpuPct, fps, trafficFps, browserCpuPct, loadAvg: Math.round(os.loadavg()[0]! * 100) / 100, targetBusyPct: 30 }));
} finally {
  for (const r of phones) void r.leave(true).catch(() => undefined);
  await context.close();
  await server.stop();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(0);

/** Chromium's processes for this profile (browser, renderer, GPU, utility), found by its user-data dir. */
function chromiumPids(profileDir: string): number[] {
  const pids: number[] = [];
  const byParent = new Map<number, number[]>();
  let root = 0;
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
      if (!root && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${profileDir}`) && !fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=')) root = pid;
    } catch {
      // the process ended while we looked
    }
  }
  const walk = (pid: number) => {
    pids.push(pid);
    for (const child of byParent.get(pid) ?? []) walk(child);
  };
  if (root) walk(root);
  return pids;
}
