// Screenshots for the README: `npm run screenshots -- [--url http://localhost:2567]
// [--sizes 1920x1080,1280x720] [--lang en] [--only quiz|ops] [--phones]`. Plays two games of 8
// teams in headless Chromium (a quiz round, then an on-call drill's scenario round) with bot
// phones on the real SDK, and saves every phase of the projector at each size
// (docs/screenshots/projector-<phase>[-<width>].png; the 1920 ones keep the plain name); with
// --phones also a real phone page's lobby, question and reveal. Without --url it starts the
// built server itself.
import path from 'node:path';
import type { Room } from '@colyseus/sdk';
import type { Page } from 'playwright-core';
import { launchBrowser, phoneContext } from '../tests/helpers/browser.ts';
import { NICKNAMES as NAMES, joinBots as join } from '../tests/helpers/bots.ts';
import { startBuiltServer } from '../bench/server-process.ts';

const arg = (name: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined);
const sizes = (arg('sizes') ?? '1920x1080,1280x720').split(',').map((s) => s.split('x').map(Number) as [number, number]);
const lang = arg('lang') ?? 'en';
const out = path.resolve(arg('out') ?? 'docs/screenshots');
const only = arg('only');

const server = arg('url') ? null : await startBuiltServer({ ROUND_INTRO_MS: '2500', QUESTION_SECONDS: '40' });
const url = arg('url') ?? server!.url;
const browser = await launchBrowser();
const bots: Room[] = [];
/** Bots answer 6 to 20 s into a question, so the screenshot of an open question has one. */
const joinBots = async (code: string, names: readonly string[]) => bots.push(...(await join(url, code, names, { answerAfterMs: [6000, 20_000], actionChance: 0.08, varied: true })));

async function createGame(host: Page, plan: string): Promise<string> {
  await host.goto(`${url}/host?lang=${lang}`);
  await host.getByLabel(lang === 'es' ? 'Número de equipos' : 'Number of teams').fill('8');
  await host.getByLabel(lang === 'es' ? 'Plan de juego' : 'Game plan').selectOption(plan);
  await host.getByRole('button', { name: lang === 'es' ? 'Crear partida' : 'Create game' }).click();
  return (await host.getByTestId('join-code').textContent())!.trim();
}

const label = (en: string, es: string) => (lang === 'es' ? es : en);
const sceneIs = (host: Page, scene: string) => host.waitForFunction((s) => document.querySelector('.stage')?.getAttribute('data-scene') === s, scene, { timeout: 60_000 });
const settle = async (host: Page) => {
  // the projector draws only while something moves: wait until it has stopped, then shoot
  await host.waitForFunction(() => {
    const w = window as unknown as { uaProjector?: { frames: number }; __last?: number; __same?: number };
    const f = w.uaProjector?.frames ?? 0;
    w.__same = f === w.__last ? (w.__same ?? 0) + 1 : 0;
    w.__last = f;
    return w.__same >= 4;
  }, undefined, { polling: 250, timeout: 15_000 }).catch(() => undefined);
};

try {
  for (const [width, height] of sizes) {
    const suffix = width === 1920 ? '' : `-${width}`;
    const shot = async (host: Page, name: string) => {
      await host.screenshot({ path: `${out}/projector-${name}${suffix}.png` });
      console.log(`projector-${name}${suffix}.png`);
    };
    const context = await browser.newContext({ viewport: { width, height }, locale: lang === 'es' ? 'es-ES' : 'en-US' });
    if (!only || only === 'quiz') {
      const host = await context.newPage();
      const code = await createGame(host, 'intro');
      const phonePage = width === 1920 && process.argv.includes('--phones') ? await (await phoneContext(browser)).newPage() : null;
      if (phonePage) {
        await phonePage.goto(`${url}/?code=${code}&lang=${lang}`);
        await phonePage.getByRole('textbox', { name: label('Nickname', 'Apodo') }).fill('Ana');
        await phonePage.getByRole('button', { name: label('Join', 'Unirme') }).click();
        await phonePage.getByTestId('my-score').waitFor();
      }
      await joinBots(code, NAMES.slice(1, 24));
      await host.waitForTimeout(1000);
      await settle(host);
      await shot(host, 'lobby');
      if (phonePage) await phonePage.screenshot({ path: `${out}/phone-lobby.png` });
      await host.getByRole('button', { name: label('Start game', 'Empezar partida') }).click();
      await sceneIs(host, 'host-round-intro');
      await host.waitForTimeout(1200);
      await shot(host, 'round-intro');
      await sceneIs(host, 'host-question');
      await host.waitForTimeout(2500);
      await shot(host, 'question');
      if (phonePage) {
        await phonePage.locator('#game .answer, #game .order-item, #game input[type=range]').first().waitFor();
        await phonePage.screenshot({ path: `${out}/phone-question.png` });
      }
      await sceneIs(host, 'host-reveal');
      await settle(host);
      await shot(host, 'reveal');
      if (phonePage) await phonePage.screenshot({ path: `${out}/phone-reveal.png` });
      // two more questions, so the standings and the podium have points
      for (let i = 0; i < 2; i++) {
        await host.getByRole('button', { name: label('Next', 'Siguiente') }).click();
        await sceneIs(host, 'host-question');
        await sceneIs(host, 'host-reveal');
      }
      await host.getByRole('button', { name: label('End round', 'Terminar ronda') }).click();
      await sceneIs(host, 'host-leaderboard');
      await settle(host);
      await shot(host, 'leaderboard');
      await host.getByRole('button', { name: label('End game', 'Terminar partida') }).click();
      await host.getByRole('button', { name: label('Yes, end the game', 'Sí, terminar la partida') }).click();
      await sceneIs(host, 'host-podium');
      await settle(host);
      await shot(host, 'podium');
      await phonePage?.context().close();
      await host.close();
    }
    if (!only || only === 'ops') {
      const host = await context.newPage();
      const code = await createGame(host, 'ops-drill');
      await joinBots(code, NAMES.slice(0, 20));
      await host.getByRole('button', { name: label('Start game', 'Empezar partida') }).click();
      const skip = host.getByRole('button', { name: label('Skip', 'Saltar') });
      await skip.waitFor();
      while (await skip.isVisible()) {
        await skip.click({ timeout: 5000 }).catch(() => undefined); // it may go as the round ends
        await host.waitForTimeout(400);
      }
      await host.getByRole('button', { name: label('Next', 'Siguiente') }).click();
      await sceneIs(host, 'host-ops-center');
      await host.waitForTimeout(70_000);
      // keep the focused team a few seconds (0: follow the team in trouble from now), then shoot
      await host.keyboard.press('0');
      await host.waitForTimeout(1000);
      await shot(host, 'ops-center');
      await host.getByRole('button', { name: label('End round', 'Terminar ronda') }).click();
      await sceneIs(host, 'host-scenario-report');
      await settle(host);
      await shot(host, 'scenario-report');
      await host.close();
    }
    await context.close();
  }
} finally {
  for (const r of bots) void r.leave(true).catch(() => undefined);
  await browser.close();
  await server?.stop();
}
process.exit(0);
