// `npm run bench:phone [-- --runs N --window-s S --loopback]`: what a student's cheap phone goes through.
// Headless Chromium at 360×640 (touch), Chrome's "Fast 3G" profile (562.5 ms RTT, 1.44 Mbps down,
// 675 kbps up) and the CPU slowed 4× through CDP, fresh profile, the page loaded through this
// machine's LAN address when it has one (as a phone in the classroom does).
// - joinFormMs: navigation start → the join form wired and typable (median of N fresh loads);
// - jsKbBeforeJoin / jsKbAfterJoin: compressed JavaScript bytes (resource timing's encodedBodySize)
//   loaded before the form is usable, and in all once joined and in the lobby;
// - busyPct { lobby, question, scenario }: main-thread task time / wall time over a window (20 s)
//   on each screen, from CDP Performance metrics (TaskDuration), with nobody tapping;
// - rafPerWindow { lobby, question }: requestAnimationFrame callbacks run in those windows, when
//   nothing on the screen moves (target 0).
// A teacher (an SDK client in this process) starts the game, leaves a question open for the
// question window, skips the rest of the quiz and opens the scenario round. Last line: JSON.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Client, type Room } from '@colyseus/sdk';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { freePort } from '../tests/helpers/port.ts';
import { ensureClientBuilt } from '../tests/helpers/build.ts';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/log.ts';
import { createGameServer } from '../server/app.ts';
import { lanAddress } from '../server/http/urls.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) || fallback : fallback;
};
const RUNS = arg('--runs', 3);
const WINDOW_MS = arg('--window-s', 20) * 1000;
const SETTLE_MS = 3000;
const TARGETS = { joinFormMs: 2500, jsKbBeforeJoin: 40, busyPct: { question: 10, scenario: 15 }, rafWhileStill: 0 };

ensureClientBuilt();
const port = await freePort();
// --loopback loads the page from 127.0.0.1 instead (builds from before phones could join over the LAN).
const lan = process.argv.includes('--loopback') ? undefined : lanAddress();
const server = await createGameServer(
  loadConfig({
    PORT: String(port),
    HOST: lan ? '0.0.0.0' : '127.0.0.1',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ua-phone-')),
    LOG_LEVEL: 'warn',
    QUESTION_SECONDS: String(Math.ceil((WINDOW_MS + 4 * SETTLE_MS) / 1000)),
    ROUND_INTRO_MS: '500',
    SCENARIO_TICKS: String(Math.ceil((WINDOW_MS + 4 * SETTLE_MS) / 100)),
    RATE_LIMIT_PER_MINUTE: '1000',
  }),
  createLogger('warn'),
);
await server.listen();
const url = `http://${lan ?? '127.0.0.1'}:${port}`;
const game = (await (await fetch(`${url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ plan: 'ops-drill', lang: 'es', teams: 2 }) })).json()) as { code: string; hostToken: string };

const browser = await launchBrowser();

async function slowPhone() {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'es-ES' });
  // Counts requestAnimationFrame callbacks as they run (a loop that re-requests counts each frame).
  await context.addInitScript(() => {
    const w = window as unknown as { __rafRuns: number };
    w.__rafRuns = 0;
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (cb) => raf((t) => {
      w.__rafRuns++;
      cb(t);
    });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  return { context, page, cdp };
}

/** Compressed bytes of the JavaScript the page has loaded (optionally only what started before `beforeMs`). */
async function jsKb(page: Page, beforeMs = Infinity): Promise<number> {
  const bytes = await page.evaluate((before) => {
    return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => /\.m?js(\?|$)/.test(new URL(e.name).pathname) && e.startTime < before)
      .reduce((sum, e) => sum + e.encodedBodySize, 0);
  }, beforeMs);
  return Math.round(bytes / 102.4) / 10;
}

async function busyOver(page: Page, cdp: Awaited<ReturnType<typeof slowPhone>>['cdp']): Promise<{ busyPct: number; raf: number }> {
  const metric = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
    return { task: get('TaskDuration'), at: get('Timestamp') };
  };
  const raf0 = await page.evaluate(() => (window as unknown as { __rafRuns: number }).__rafRuns);
  const a = await metric();
  await new Promise((r) => setTimeout(r, WINDOW_MS));
  const b = await metric();
  const raf1 = await page.evaluate(() => (window as unknown as { __rafRuns: number }).__rafRuns);
  return { busyPct: Math.round((1000 * (b.task - a.task)) / (b.at - a.at)) / 10, raf: raf1 - raf0 };
}

// 1. The join form, N fresh loads.
const times: number[] = [];
let before = 0;
for (let run = 0; run < RUNS; run++) {
  const { context, page } = await slowPhone();
  await page.goto(`${url}/?code=${game.code}`, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'join', undefined, { timeout: 60_000 });
  const ms = await page.evaluate(() => performance.getEntriesByName('join-form-usable')[0]?.startTime ?? NaN);
  before = await jsKb(page, ms);
  times.push(Math.round(ms));
  console.log(`run ${run + 1}: join form usable after ${Math.round(ms)} ms, ${before} KB of JS before it`);
  await context.close();
}
const sorted = [...times].sort((x, y) => x - y);

// 2. One phone joins and stays; the teacher drives the game.
const phone = await slowPhone();
await phone.page.goto(`${url}/?code=${game.code}`, { waitUntil: 'commit' });
await phone.page.getByRole('textbox', { name: 'Apodo' }).fill('Ana');
await phone.page.getByRole('button', { name: 'Unirme' }).click();
await phone.page.getByTestId('my-score').waitFor({ timeout: 60_000 }).catch(async (err: Error) => {
  throw new Error(`the phone did not join: "${await phone.page.locator('#join-error').textContent()}" (${err.message.split('\n')[0]})`);
});
const host: Room = await new Client(`ws://127.0.0.1:${port}`).joinById(game.code, { hostToken: game.hostToken });
host.onMessage('*', () => undefined);
let phase = '';
host.onStateChange((s: { phase: string }) => (phase = s.phase));
const until = async (want: () => boolean, what: string) => {
  for (let i = 0; i < 1200 && !want(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!want()) throw new Error(`timed out waiting for ${what} (phase ${phase})`);
};

await new Promise((r) => setTimeout(r, SETTLE_MS));
const after = await jsKb(phone.page);
const lobby = await busyOver(phone.page, phone.cdp);
console.log(`lobby: busy ${lobby.busyPct} %, ${lobby.raf} animation frames; ${after} KB of JS after joining`);

host.send('host:start', {});
await until(() => phase === 'question', 'the first question');
await phone.page.locator('#game button.answer, #game .order-item, #game input[type=range], #game input[type=number]').first().waitFor({ timeout: 60_000 });
await new Promise((r) => setTimeout(r, SETTLE_MS));
const question = await busyOver(phone.page, phone.cdp);
console.log(`question: busy ${question.busyPct} %, ${question.raf} animation frames`);

while (phase !== 'scenario') {
  if (phase === 'question') host.send('host:skip', {});
  else if (phase === 'reveal' || phase === 'leaderboard' || phase === 'round-intro') host.send('host:next', {});
  const was = phase;
  await until(() => phase !== was, `the phase after ${was}`);
}
await phone.page.locator('#game .ops').first().waitFor({ timeout: 60_000 });
await new Promise((r) => setTimeout(r, SETTLE_MS));
const scenario = await busyOver(phone.page, phone.cdp);
console.log(`scenario: busy ${scenario.busyPct} %, ${scenario.raf} animation frames`);
const jsTotal = await jsKb(phone.page);

await host.leave();
await browser.close();
await server.shutdown();
console.log(
  JSON.stringify({
    profile: 'Fast 3G + 4x CPU, 360x640',
    url: lan ? 'LAN address' : 'loopback (no LAN address)',
    runs: RUNS,
    joinFormMs: sorted[Math.floor(sorted.length / 2)],
    joinFormMsMax: sorted.at(-1),
    jsKbBeforeJoin: before,
    jsKbAfterJoin: after,
    jsKbAfterScenario: jsTotal,
    busyPct: { lobby: lobby.busyPct, question: question.busyPct, scenario: scenario.busyPct },
    rafPerWindow: { lobby: lobby.raf, question: question.raf, scenario: scenario.raf },
    windowS: WINDOW_MS / 1000,
    targets: TARGETS,
  }),
);
process.exit(0);
