// A student with extra time in Chromium, as a class lives it: the teacher gives Ana ×2 in Players,
// the class's 5 seconds run out, and the question stays open for her. The projector says why it
// waits beside its clock (which reads 0), Bea's phone says her time is up, and Ana's answer, given after the
// class's time, is taken; the reveal comes once she has answered, and her answer is scored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Room } from '@colyseus/sdk';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestServer, recorder, type TestServer } from '../helpers/server.ts';
import { ensureClientBuilt } from '../helpers/build.ts';
import { answerNow } from '../helpers/bots.ts';
import { projectorScene, projectorTexts } from '../helpers/projector.ts';

const QUESTION_SECONDS = 10; // Ana's extra time (as long again) must outlast the checks below on a busy machine
let server: TestServer;
let browser: Browser;
const rooms: Room[] = [];

beforeAll(async () => {
  ensureClientBuilt();
  server = await startTestServer({ QUESTION_SECONDS: String(QUESTION_SECONDS), ROUND_INTRO_MS: '300', PATCH_RATE_MS: '50', TICK_MS: '50' });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const r of rooms) await r.leave().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

const WORDS = {
  en: { paused: 'Paused', teams: 'Number of teams', plan: 'Game plan', create: 'Create game', players: 'Players', extra: 'Extra time', start: 'Start game', code: 'Game code', nickname: 'Nickname', join: 'Join', timeUp: "Time's up!", waiting: 'Waiting for extra time' },
  es: { paused: 'En pausa', teams: 'Número de equipos', plan: 'Plan de juego', create: 'Crear partida', players: 'Jugadores', extra: 'Tiempo extra', start: 'Empezar partida', code: 'Código de la partida', nickname: 'Apodo', join: 'Unirme', timeUp: '¡Se acabó el tiempo!', waiting: 'Esperando el tiempo extra' },
} as const;

/** Whether the control bar holds what it shows on one line, nothing cut. */
const barFits = (host: Page) =>
  host.evaluate(() => {
    const b = document.querySelector<HTMLElement>('#console .controls')!;
    const s = document.querySelector<HTMLElement>('#console .controls .status')!;
    return { barOverflows: b.scrollWidth > b.clientWidth + 1, statusCut: s.scrollWidth > s.clientWidth + 1, tall: b.getBoundingClientRect().height > 64 };
  });

describe('extra time in a live question', () => {
  for (const lang of ['en', 'es'] as const) {
    it(`keeps the question open past the class’s time for a student with ×2, and the projector says why (${lang})`, async () => {
      const w = WORDS[lang];
      const host = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: lang === 'es' ? 'es-ES' : 'en-US' })).newPage();
      host.setDefaultTimeout(30_000);
      await host.goto(`${server.url}/host?lang=${lang}`);
      await host.getByLabel(w.teams).fill('2');
      await host.getByLabel(w.plan).selectOption('quick');
      await host.getByRole('button', { name: w.create }).click();
      const code = (await host.getByTestId('join-code').textContent())!.trim();

      const ben = await new Client(server.wsUrl).joinById(code, { name: 'Ben' });
      rooms.push(ben);
      const beaPage = await (await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: lang === 'es' ? 'es-ES' : 'en-US' })).newPage();
      beaPage.setDefaultTimeout(30_000);
      await beaPage.goto(`${server.url}/?code=${code}&lang=${lang}`);
      await beaPage.getByRole('textbox', { name: w.nickname }).fill('Bea');
      await beaPage.getByRole('button', { name: w.join }).click();
      await beaPage.getByTestId('my-score').waitFor();
      const ana = await new Client(server.wsUrl).joinById(code, { name: 'Ana' });
      rooms.push(ana);
      const anaLog = recorder(ana);

      await host.getByRole('button', { name: w.players }).click();
      await host.getByRole('group', { name: 'Ana', exact: true }).getByLabel(w.extra).selectOption('2');
      await expect.poll(() => anaLog.last('extra-time')?.extraTime).toBe(2);
      await host.getByRole('button', { name: w.players }).click();

      await host.getByRole('button', { name: w.start }).click();
      await expect.poll(() => projectorScene(host)).toBe('host-question');
      const seq = (ana.state as { question: { seq: number } }).question.seq;
      answerNow([ben]);
      // the class's time runs out: the question stays open for Ana, and the projector says why,
      // beside its clock (which reads 0), with nothing cut
      await expect.poll(() => projectorTexts(host)).toContain(w.waiting);
      expect(await projectorScene(host)).toBe('host-question');
      expect(ana.state as { overtime: boolean; phase: string }).toMatchObject({ overtime: true, phase: 'question' });
      expect(await host.evaluate(() => (window as unknown as { uaProjector: { overflows: string[] } }).uaProjector.overflows)).toEqual([]);
      // a pause (the teacher's B key) puts "Paused" in the control bar, which stays one line whole
      await host.keyboard.press('b');
      await expect.poll(() => host.locator('#console .controls .status').textContent()).toBe(w.paused);
      expect(await barFits(host)).toEqual({ barOverflows: false, statusCut: false, tall: false });
      await host.keyboard.press('b');
      await expect.poll(() => host.locator('#console .controls .status').isHidden()).toBe(true);
      // Bea, without extra time and without an answer, is told on her phone that her time is up
      await beaPage.getByRole('heading', { name: w.timeUp }).waitFor();
      // Ana answers in her own time, after the class's: the answer counts, and the reveal follows
      answerNow([ana]);
      await expect.poll(() => projectorScene(host)).toBe('host-reveal');
      await expect.poll(() => anaLog.last('result')?.seq).toBe(seq);
      expect(anaLog.last('result').answer).not.toBeNull();
      expect(anaLog.of('refused').filter((r: { code: string }) => r.code === 'too_late')).toEqual([]);
      expect(await projectorTexts(host)).not.toContain(w.waiting);
      await host.context().close();
      await beaPage.context().close();
    });
  }
});
