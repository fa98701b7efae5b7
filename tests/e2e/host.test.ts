// The teacher's page at the school projector sizes (1280×720, 1366×768, 1920×1080) with 8 teams of
// bot phones, in es and en, through every phase: no DOM control overlaps the projector view,
// the DOM's texts fit their boxes, the view is big enough for 24 px text at 1280×720, and no
// canvas text had to be cut (the scenes report any). Then a teacher's hands: presenter keys,
// the focus never on the page body, End game's confirmation, and reduced motion stopping what
// moves without telling anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Room } from '@colyseus/sdk';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ensureClientBuilt } from '../helpers/build.ts';
import { NICKNAMES, answerNow, joinBots } from '../helpers/bots.ts';
import { projectorScene } from '../helpers/projector.ts';

const SIZES = [
  [1280, 720],
  [1366, 768],
  [1920, 1080],
] as const;

let server: TestServer;
let browser: Browser;
const bots: Room[] = [];

beforeAll(async () => {
  ensureClientBuilt();
  server = await startTestServer({ QUESTION_SECONDS: '60', ROUND_INTRO_MS: '400', SCENARIO_TICKS: '3000', PATCH_RATE_MS: '50', TICK_MS: '50' });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const b of bots) await b.leave().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

const WORDS = {
  en: { teams: 'Number of teams', plan: 'Game plan', create: 'Create game', start: 'Start game', skip: 'Skip', next: 'Next', pause: 'Pause', resume: 'Resume', endRound: 'End round', endGame: 'End game', yes: 'Yes, end the game', cancel: 'Cancel', settings: 'Settings', motion: /Reduce motion/ },
  es: { teams: 'Número de equipos', plan: 'Plan de juego', create: 'Crear partida', start: 'Empezar partida', skip: 'Saltar', next: 'Siguiente', pause: 'Pausar', resume: 'Continuar', endRound: 'Terminar ronda', endGame: 'Terminar partida', yes: 'Sí, terminar la partida', cancel: 'Cancelar', settings: 'Ajustes', motion: /Reducir el movimiento/ },
} as const;
type Lang = keyof typeof WORDS;

async function newGame(lang: Lang, plan: string): Promise<{ host: Page; code: string; phones: Room[] }> {
  const host = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: lang === 'es' ? 'es-ES' : 'en-US' })).newPage();
  host.setDefaultTimeout(30_000);
  await host.goto(`${server.url}/host?lang=${lang}`);
  await host.getByLabel(WORDS[lang].teams).fill('8');
  await host.getByLabel(WORDS[lang].plan).selectOption(plan);
  await host.getByRole('button', { name: WORDS[lang].create }).click();
  const code = (await host.getByTestId('join-code').textContent())!.trim();
  const phones = await joinBots(server.url, code, NICKNAMES.slice(0, 16), { answerAfterMs: null });
  bots.push(...phones);
  return { host, code, phones };
}

/** What is wrong with the page's layout at its current size (empty when nothing is). */
async function layoutProblems(host: Page): Promise<string[]> {
  return host.evaluate(() => {
    const problems: string[] = [];
    // the 1920×1080 view as drawn: scaled by --k and centred in the stage (host/frame.ts)
    const stage = document.querySelector<HTMLElement>('#console .stage')!;
    const css = getComputedStyle(stage);
    const stageK = Number(css.getPropertyValue('--k'));
    const s = stage.getBoundingClientRect();
    const left = s.left + parseFloat(css.getPropertyValue('--ox'));
    const top = s.top + parseFloat(css.getPropertyValue('--oy'));
    const canvas = { left, top, right: left + 1920 * stageK, bottom: top + 1080 * stageK, height: 1080 * stageK };
    const drawn = document.querySelector('#console .stage canvas')!.getBoundingClientRect();
    if (drawn.left > canvas.left + 0.5 || drawn.top > canvas.top + 0.5 || drawn.right < canvas.right - 0.5 || drawn.bottom < canvas.bottom - 0.5) problems.push('the canvas does not cover the view');
    const name = (el: Element) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    for (const el of document.querySelectorAll<HTMLElement>('#console button, #console input, #console select, #console .status, #console .toast, #console .join-panel, #console .side, #console .code')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const overlaps = r.left < canvas.right - 0.5 && r.right > canvas.left + 0.5 && r.top < canvas.bottom - 0.5 && r.bottom > canvas.top + 0.5;
      if (el.closest('.join-panel.band')) {
        // the lobby's join panel sits in the band the lobby scene leaves empty at the top of the view
        if (r.top < canvas.top - 0.5 || r.bottom > canvas.top + 300 * stageK + 0.5 || r.left < canvas.left - 0.5 || r.right > canvas.right + 0.5) problems.push(`outside the lobby band: ${name(el)}`);
      } else if (overlaps) problems.push(`over the view: ${name(el)}`);
      if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'INPUT') problems.push(`text wider than its box: ${name(el)}`);
    }
    const bar = document.querySelector<HTMLElement>('#console .controls')!;
    if (bar.scrollWidth > bar.clientWidth + 1) problems.push('the control bar overflows');
    if (bar.getBoundingClientRect().height > 64) problems.push(`the control bar is ${bar.getBoundingClientRect().height} px tall`);
    // 40 logical px is the projector's smallest class text: 24 px or more on screen
    if (canvas.height / 1080 < 0.6) problems.push(`the view is drawn at ${(canvas.height / 1080).toFixed(3)} of its size`);
    const cut = (window as unknown as { uaProjector: { overflows: string[] } }).uaProjector.overflows;
    if (cut.length) problems.push(`canvas texts cut: ${cut.join(' | ')}`);
    return problems;
  });
}

async function checkEverySize(host: Page, phase: string): Promise<void> {
  for (const [width, height] of SIZES) {
    await host.setViewportSize({ width, height });
    await expect.poll(() => host.evaluate(() => document.querySelector('#console .stage canvas')!.getBoundingClientRect().width > 0)).toBe(true);
    // Phaser refits the canvas on its next frame
    await expect.poll(async () => (await layoutProblems(host)).filter((p) => p.startsWith('over the view') || p.startsWith('outside')), { timeout: 30_000 }).toEqual([]);
    expect(await layoutProblems(host), `${phase} at ${width}×${height}`).toEqual([]);
  }
  await host.setViewportSize({ width: 1280, height: 720 });
}

describe('the teacher’s page with 8 teams at projector sizes', () => {
  for (const lang of ['es', 'en'] as const) {
    it(`nothing covers the view and every text fits, every phase, ${lang}`, async () => {
      const w = WORDS[lang];
      const { host, phones } = await newGame(lang, 'ops-drill');
      await expect.poll(() => host.evaluate(() => document.querySelectorAll('#console .join-panel.band').length)).toBe(1);
      await checkEverySize(host, 'lobby');
      await host.getByRole('button', { name: w.start }).click();
      await expect.poll(() => projectorScene(host)).toBe('host-question');
      await checkEverySize(host, 'question');
      answerNow(phones);
      await expect.poll(() => projectorScene(host)).toBe('host-reveal');
      await checkEverySize(host, 'reveal');
      await host.getByRole('button', { name: w.endRound }).click();
      await expect.poll(() => projectorScene(host)).toBe('host-leaderboard');
      await checkEverySize(host, 'leaderboard');
      await host.getByRole('button', { name: w.next }).click();
      await expect.poll(() => projectorScene(host), { timeout: 60_000 }).toBe('host-ops-center');
      await checkEverySize(host, 'ops center');
      await host.getByRole('button', { name: w.endRound }).click();
      await expect.poll(() => projectorScene(host)).toBe('host-scenario-report');
      await checkEverySize(host, 'round report');
      // End game asks first: Cancel keeps the game, Yes ends it
      await host.getByRole('button', { name: w.endGame }).click();
      await host.getByRole('button', { name: w.cancel }).click();
      await host.getByRole('button', { name: w.next }).waitFor();
      expect(await projectorScene(host)).toBe('host-scenario-report');
      await host.getByRole('button', { name: w.endGame }).click();
      await host.getByRole('button', { name: w.yes }).click();
      await expect.poll(() => projectorScene(host)).toBe('host-podium');
      await checkEverySize(host, 'podium');
      await host.context().close();
    });
  }

  it('a presenter remote drives the game, and the focus never falls to the page body', async () => {
    const w = WORDS.en;
    const { host, phones } = await newGame('en', 'intro');
    const focusOnBody = () => host.evaluate(() => document.activeElement === document.body || document.activeElement === null);
    // "next" in the lobby starts the game, once the page has seen a player join (Start is enabled)
    await expect.poll(() => host.getByRole('button', { name: w.start }).isEnabled()).toBe(true);
    await host.keyboard.press('PageDown');
    await expect.poll(() => projectorScene(host)).toBe('host-question');
    await host.keyboard.press('b');
    await host.getByRole('button', { name: w.resume }).waitFor();
    expect(await focusOnBody()).toBe(false);
    await host.keyboard.press('.');
    await host.getByRole('button', { name: w.pause }).waitFor();
    // "next" never skips an open question (its answers would be lost)
    const seq = () => (phones[0]!.state as { question: { seq: number } }).question.seq;
    const open = seq();
    await host.keyboard.press('ArrowRight');
    answerNow(phones);
    await expect.poll(() => projectorScene(host)).toBe('host-reveal');
    expect(seq()).toBe(open);
    // at the reveal the focus is on Next, so Space (from the remote or the keyboard) goes on
    await expect.poll(() => host.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.action)).toBe('next');
    await host.keyboard.press(' ');
    await expect.poll(() => projectorScene(host)).toBe('host-question');
    await expect.poll(focusOnBody).toBe(false);
    answerNow(phones);
    await expect.poll(() => projectorScene(host)).toBe('host-reveal');
    await host.keyboard.press('PageDown');
    await expect.poll(() => projectorScene(host)).toBe('host-question');
    // a click on a button that then disappears leaves the focus on the next useful one, not the body
    await host.getByRole('button', { name: w.skip }).click();
    await expect.poll(() => seq()).not.toBe(open);
    await expect.poll(focusOnBody).toBe(false);
    // after a reload the page is back in the game, but a browser keeps audio silent until the page
    // has had a click or a key (the test's own evaluate calls count as one, so the browser's
    // answer is pinned to "not yet"): the page says so, and one click fixes it
    await host.addInitScript(() => Object.defineProperty(Navigator.prototype, 'userActivation', { get: () => ({ hasBeenActive: false, isActive: false }) }));
    await host.reload();
    const banner = host.getByRole('button', { name: /Sound needs one click/ });
    await banner.waitFor();
    await banner.click();
    await banner.waitFor({ state: 'hidden' });
    await host.context().close();
  });

  it('reduced motion stops the confetti and the traffic dots: nothing is drawn while nothing changes', async () => {
    const w = WORDS.en;
    const { host } = await newGame('en', 'ops-drill');
    const frames = () => host.evaluate(() => (window as unknown as { uaProjector: { frames: number } }).uaProjector.frames);
    const traffic = () => host.evaluate(() => (window as unknown as { uaProjector: { trafficFrames: number } }).uaProjector.trafficFrames);
    const trafficIn = async (ms: number) => {
      const before = await traffic();
      await host.waitForTimeout(ms);
      return (await traffic()) - before;
    };
    const framesIn = async (ms: number) => {
      const before = await frames();
      await host.waitForTimeout(ms);
      return (await frames()) - before;
    };
    await host.getByRole('button', { name: w.start }).click();
    const skip = host.getByRole('button', { name: w.skip });
    await skip.waitFor();
    while (await skip.isVisible()) {
      await skip.click({ timeout: 5000 }).catch(() => undefined); // it may go as the round ends
      await host.waitForTimeout(300);
    }
    await host.getByRole('button', { name: w.next }).click();
    await expect.poll(() => projectorScene(host), { timeout: 60_000 }).toBe('host-ops-center');
    // traffic moves in its own layer; the view itself is redrawn only when its figures change
    await expect.poll(() => trafficIn(1500), { timeout: 30_000 }).toBeGreaterThan(0);
    // the page's toggle: the same view, only the clock and the data redraw it (about twice a second)
    await host.getByRole('button', { name: w.settings }).click();
    await host.getByRole('checkbox', { name: w.motion }).check();
    await host.getByRole('button', { name: w.settings }).click();
    await expect.poll(() => trafficIn(1500), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => framesIn(3000), { timeout: 30_000 }).toBeLessThanOrEqual(15);
    await host.getByRole('button', { name: w.settings }).click();
    await host.getByRole('checkbox', { name: w.motion }).uncheck();
    await host.getByRole('button', { name: w.settings }).click();
    // the system's preference does the same while the page's toggle is not set: the podium has no confetti
    await host.evaluate(() => localStorage.removeItem('ua:reduce-motion'));
    await host.emulateMedia({ reducedMotion: 'reduce' });
    await host.getByRole('button', { name: w.endGame }).click();
    await host.getByRole('button', { name: WORDS.en.yes }).click();
    await expect.poll(() => projectorScene(host)).toBe('host-podium');
    await expect.poll(() => framesIn(1500), { timeout: 30_000 }).toBe(0);
    await host.context().close();
  });
});
