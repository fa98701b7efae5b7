// The phone at 320×568, 360×640 and 390×844, in English and Spanish, through a whole game: the
// join page, a question of every kind and answer count (2, 3, 4 options, ordering, a number),
// the waiting screen, the reveal, and a scenario console with every role's tab (each phone is
// alone in its team, so it holds all four roles). On each screen, measured in the browser:
// nothing wider than the screen, no word split across lines, every control ≥ 44×44 CSS px and
// reachable by scrolling, the team chip's shape and nickname whole; axe-core (no serious or
// critical violations) on the join page, a question, a reveal and the scenario console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Room } from '@colyseus/sdk';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ensureClientBuilt } from '../helpers/build.ts';
import { axeViolations, chipProblems, layoutProblems } from '../helpers/phone-checks.ts';

const SIZES = [
  [320, 568],
  [360, 640],
  [390, 844],
] as const;
/** Long nicknames: 20 characters, one without a space. */
const NICKS = ['Maximiliano Cortés R', 'Superextraordinarios', 'Ana'];

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureClientBuilt();
  server = await startTestServer({ QUESTION_SECONDS: '240', ROUND_INTRO_MS: '200', SCENARIO_TICK_MS: '20', SCENARIO_TICKS: '6000', PATCH_RATE_MS: '50', TICK_MS: '50' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const both = (en: string, es: string) => ({ en, es });
const opt = (en: string, es: string, correct = false) => ({ text: both(en, es), correct });

/** One question of each kind and answer count, with long words in both languages. */
const SET = {
  title: 'Phone layout',
  questions: [
    { id: 'two', type: 'single', text: both('Which one is horizontal scalability?', '¿Cuál es la escalabilidad horizontal?'), options: [opt('Adding interchangeable machines behind a load balancer', 'Añadir máquinas intercambiables detrás de un balanceador', true), opt('Upgrading', 'Actualizar')] },
    { id: 'three', type: 'single', text: both('What does a circuit breaker do?', '¿Qué hace un cortacircuitos?'), options: [opt('Fails fast while a dependency is unavailable', 'Falla rápido mientras una dependencia no está disponible', true), opt('Retries indefinitely', 'Reintenta indefinidamente'), opt('Encrypts', 'Cifra')] },
    { id: 'four', type: 'single', text: both('Which metric belongs to the four golden signals of monitoring?', '¿Qué métrica pertenece a las cuatro señales doradas de la monitorización?'), options: [opt('Latency', 'Latencia', true), opt('Internationalization', 'Internacionalización'), opt('Responsibility', 'Responsabilidad'), opt('Interoperability', 'Interoperabilidad')] },
    { id: 'tf', type: 'truefalse', text: both('Two replicas survive one crash.', 'Dos réplicas sobreviven a una caída.'), answer: true },
    { id: 'multi', type: 'multi', text: both('Which ones reduce load on the database?', '¿Cuáles reducen la carga de la base de datos?'), options: [opt('A cache', 'Una caché', true), opt('Read replicas', 'Réplicas de lectura', true), opt('More retries', 'Más reintentos'), opt('Deleting indexes', 'Borrar los índices')] },
    { id: 'order', type: 'order', text: both('Put the layers a request crosses in order', 'Ordena las capas que atraviesa una petición'), items: [both('Content delivery network', 'Red de distribución de contenidos'), both('Load balancer', 'Balanceador de carga'), both('Application server', 'Servidor de aplicaciones'), both('Database', 'Base de datos'), both('Storage', 'Almacenamiento')] },
    { id: 'num', type: 'numeric', text: both('How many nines is 52 minutes of downtime a year?', '¿Cuántos nueves son 52 minutos de caída al año?'), min: 1, max: 6, step: 1, answer: 4, tolerance: 0, unit: both('nines', 'nueves') },
  ],
};

async function post(path: string, body: unknown): Promise<any> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (res.status !== 201) throw new Error(`${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const state = (room: Room) => room.state as any;

async function waitFor(cond: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Phone {
  readonly page: Page;
  readonly context: BrowserContext;
  readonly size: string;
  readonly nick: string;
}

async function expectFits(phone: Phone, screen: string, chip = true): Promise<void> {
  const problems = [...(await layoutProblems(phone.page)), ...(chip ? await chipProblems(phone.page, phone.nick) : [])];
  expect(problems.map((p) => `${phone.size} ${screen}: ${p.what} — ${p.where}`)).toEqual([]);
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect((await axeViolations(page)).map((v) => `${screen}: ${v}`)).toEqual([]);
  // a main landmark and one level-one heading
  expect(await page.locator('main').count(), screen).toBe(1);
  expect(await page.locator('h1:visible').count(), screen).toBe(1);
}

describe.each(['en', 'es'] as const)('the phone in %s', (lang) => {
  it('fits and works at 320×568, 360×640 and 390×844: every answer count, every role', async () => {
    const set = await post('/api/sets', { ...SET, lang });
    const game = await post('/api/games', { lang, teams: 3, setId: set.id, plan: { kind: 'custom', quizRounds: 1, questionsPerRound: SET.questions.length, timeLimitSec: 120, scenarios: ['premiere-spike'] } });
    const phones: Phone[] = [];
    for (const [i, [width, height]] of SIZES.entries()) {
      const context = await browser.newContext({ viewport: { width, height }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: lang, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${server.url}/?code=${game.code}&lang=${lang}`);
      await page.waitForFunction(() => document.documentElement.dataset.ready === 'join');
      const phone = { page, context, size: `${width}×${height}`, nick: NICKS[i]! };
      await expectFits(phone, 'join page', false);
      if (i === 0) await expectAccessible(page, 'join page');
      await page.locator('#name').fill(phone.nick);
      await page.locator('#join').click();
      await page.getByTestId('my-score').waitFor();
      await expectFits(phone, 'lobby');
      phones.push(phone);
    }
    const host = await server.client().joinById(game.code, { hostToken: game.hostToken });
    host.onMessage('*', () => undefined);
    host.send('host:start', {});

    const seen = new Set<string>();
    let checkedQuestionA11y = false;
    let checkedRevealA11y = false;
    for (let q = 0; q < SET.questions.length; q++) {
      await waitFor(() => state(host).phase === 'question', 'a question');
      const kind = `${state(host).question.type}/${state(host).question.options.length}`;
      seen.add(kind);
      for (const phone of phones) {
        await phone.page.locator('#game h1.question').waitFor();
        await expectFits(phone, `question ${kind}`);
      }
      if (!checkedQuestionA11y) {
        await expectAccessible(phones[0]!.page, `question ${kind}`);
        checkedQuestionA11y = true;
      }
      // each phone answers with its controls' last element: reachable by scrolling
      for (const phone of phones) {
        const p = phone.page;
        const type = state(host).question.type as string;
        if (type === 'order') {
          const items = p.locator('#game .order-item');
          for (let k = (await items.count()) - 1; k >= 0; k--) await items.nth(k).click();
          await p.locator('#game button.primary').click();
        } else if (type === 'numeric') {
          const send = p.locator('#game button.primary');
          expect(await send.isDisabled()).toBe(true);
          expect(await send.textContent()).toBe(lang === 'en' ? 'Move the slider or type a number' : 'Mueve el control o escribe un número');
          expect(await p.locator('#game output.value').textContent()).toBe('—');
          await p.locator('#game input.num').fill('4');
          await send.click();
        } else {
          await p.locator('#game button.answer').last().click();
          if (type === 'multi') await p.locator('#game button.primary').click();
        }
        await p.locator('#game .mine').waitFor();
        await expectFits(phone, `waiting after ${kind}`);
      }
      await waitFor(() => state(host).phase === 'reveal', 'the reveal');
      for (const phone of phones) {
        await phone.page.locator('#game .right, #game .why').first().waitFor();
        await expectFits(phone, `reveal ${kind}`);
        // the reveal shows the answer this phone gave
        expect(await phone.page.locator('#game .mine').count()).toBe(1);
      }
      if (!checkedRevealA11y) {
        await expectAccessible(phones[0]!.page, `reveal ${kind}`);
        checkedRevealA11y = true;
      }
      host.send('host:next', {});
    }
    expect([...seen].sort()).toEqual(['multi/4', 'numeric/0', 'order/5', 'single/2', 'single/3', 'single/4', 'truefalse/0']);

    await waitFor(() => state(host).phase === 'leaderboard', 'the standings');
    host.send('host:next', {});
    await waitFor(() => state(host).phase === 'scenario', 'the scenario round');
    for (const [i, phone] of phones.entries()) {
      const p = phone.page;
      const tabs = p.getByRole('tab');
      await tabs.first().waitFor();
      expect(await tabs.count()).toBe(4);
      for (let k = 0; k < 4; k++) {
        await tabs.nth(k).click();
        expect(await tabs.nth(k).getAttribute('aria-selected')).toBe('true');
        expect(await p.locator('.ops .role:visible').count()).toBe(1);
        await expectFits(phone, `scenario tab ${k}`);
        if (i === 0) await expectAccessible(p, `scenario tab ${k}`);
      }
    }
    // a badge lights on a hidden tab when its role has something new (the spike, an alert)
    const p0 = phones[0]!.page;
    await p0.getByRole('tab').nth(2).click();
    await p0.locator('.ops .tab .badge:not([hidden])').first().waitFor({ timeout: 60_000 });
    const litId = await p0.locator('.ops .tab:has(.badge:not([hidden]))').first().getAttribute('id');
    const lit = p0.locator(`#${litId}`);
    expect(await lit.getAttribute('aria-label')).toMatch(lang === 'en' ? /\(new\)$/ : /\(nuevo\)$/);
    await lit.click();
    expect(await lit.getAttribute('aria-selected')).toBe('true');
    expect(await lit.locator('.badge').isHidden()).toBe(true);

    // the round is long enough for slow phones to go through every tab; the teacher ends it
    host.send('host:end-round', {});
    await waitFor(() => state(host).phase === 'scenario-report', 'the round report', 90_000);
    for (const phone of phones) {
      await phone.page.locator('#game h1').filter({ hasText: lang === 'en' ? 'Round report' : 'Informe' }).waitFor();
      await expectFits(phone, 'round report');
    }
    await host.leave();
    for (const phone of phones) await phone.context.close();
  }, 600_000);
});
