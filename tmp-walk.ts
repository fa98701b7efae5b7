// A lesson as people play it: /host at 1280×720 through the LAN address, 8 teams, two real phones
// at 360×640 with the CPU throttled 4×, bots for the rest. Screenshots of each phase under OUT.
import type { Page, BrowserContext } from 'playwright-core';
import type { Room } from '@colyseus/sdk';
import { launchBrowser } from './tests/helpers/browser.ts';
import { joinBots } from './tests/helpers/bots.ts';

const URL_ = process.env.WALK_URL ?? 'http://192.0.2.2:3500';
const LANG = process.env.WALK_LANG ?? 'en';
const OUT = process.env.WALK_OUT ?? '/tmp/walk';
const PLAN = process.env.WALK_PLAN ?? '';
const es = LANG === 'es';
const L = (en: string, s: string) => (es ? s : en);
const browser = await launchBrowser();
const shots: string[] = [];
const shot = async (p: Page, name: string) => { const f = `${OUT}/${LANG}-${name}.png`; await p.screenshot({ path: f }); shots.push(f); };

const hostCtx = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: es ? 'es-ES' : 'en-US' });
const host = await hostCtx.newPage();
host.setDefaultTimeout(60_000);
await host.goto(`${URL_}/host?lang=${LANG}`);
await host.getByLabel(L('Number of teams', 'Número de equipos')).fill('8');
if (PLAN) await host.getByLabel(L('Game plan', 'Plan de juego')).selectOption(PLAN);
await shot(host, '00-host-form');
await host.getByRole('button', { name: L('Create game', 'Crear partida') }).click();
const code = (await host.getByTestId('join-code').textContent())!.trim();
console.log('code', code);

const phones: Page[] = [];
for (const name of ['Ana', 'Nguyễn']) {
  const ctx: BrowserContext = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: es ? 'es-ES' : 'en-US' });
  const p = await ctx.newPage();
  const cdp = await ctx.newCDPSession(p);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  p.setDefaultTimeout(60_000);
  const t0 = Date.now();
  await p.goto(`${URL_}/?code=${code}&lang=${LANG}`);
  await p.getByLabel(L('Nickname', 'Apodo')).fill(name);
  await p.getByRole('button', { name: L('Join', 'Unirse') }).click();
  await p.getByTestId('my-score').waitFor();
  console.log('phone joined in', Date.now() - t0, 'ms');
  phones.push(p);
}
const bots: Room[] = await joinBots(URL_.replace('192.0.2.2', '127.0.0.1'), code, ['Bea', 'Carl', 'Dana', 'Eli', 'Fer', 'Gus', 'Hana', 'Ivo', 'Jo', 'Kim', 'Lu', 'Max', 'Noa', 'Oli'], { answerAfterMs: [3000, 9000], actionChance: 0.05, varied: true });
await host.waitForTimeout(1500);
await shot(host, '01-lobby');
await shot(phones[0]!, 'phone-01-lobby');
await host.getByRole('button', { name: L('Start game', 'Empezar partida') }).click();

const scene = async () => (await host.evaluate(() => document.querySelector('.stage')?.getAttribute('data-scene') ?? '')).replace(/^host-/, '');
const seen = new Set<string>();
const deadline = Date.now() + 25 * 60_000;
let lastScene = '';
let answeredSeq = new Set<string>();
let scenarioShots = 0;
while (Date.now() < deadline) {
  const s = await scene();
  if (s !== lastScene) { console.log(new Date().toISOString().slice(11, 19), 'scene', s); lastScene = s; }
  if (s && !seen.has(s)) {
    seen.add(s);
    await host.waitForTimeout(1200);
    await shot(host, `host-${s}`);
    for (const [i, p] of phones.entries()) await shot(p, `phone${i}-${s}`);
  }
  if (s === 'question') {
    for (const [i, p] of phones.entries()) {
      const key = `${i}:${await host.evaluate(() => document.querySelector('#console .sr-only')?.textContent ?? '')}`;
      if (answeredSeq.has(key)) continue;
      const btn = p.locator('.answers button, .answer-grid button, button.answer').first();
      if (await btn.count()) { await btn.click({ timeout: 5000 }).catch(() => undefined); const send = p.getByRole('button', { name: L('Send', 'Enviar') }); if (await send.count()) await send.first().click({ timeout: 3000 }).catch(() => undefined); answeredSeq.add(key); }
    }
  }
  if (s === 'ops-center' || s === 'scenario') {
    if (scenarioShots < 4) { await host.waitForTimeout(15000); scenarioShots++; await shot(host, `host-ops-${scenarioShots}`); for (const [i, p] of phones.entries()) await shot(p, `phone${i}-ops-${scenarioShots}`); }
  }
  if (s === 'podium') { await host.waitForTimeout(2000); await shot(host, 'host-podium-final'); break; }
  // move on from reveals, leaderboards, intros, reports
  const next = host.getByRole('button', { name: L('Next', 'Siguiente'), exact: true });
  if (s !== 'question' && s !== 'ops-center' && s !== 'scenario' && s !== 'lobby' && (await next.isVisible().catch(() => false))) {
    await host.waitForTimeout(2500);
    await next.click().catch(() => undefined);
  }
  await host.waitForTimeout(700);
}
console.log('scenes', [...seen].join(' '));
console.log(shots.length, 'screenshots in', OUT);
for (const b of bots) await b.leave().catch(() => undefined);
await browser.close();
process.exit(0);
