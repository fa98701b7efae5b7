// Homework in real Chromium. The teacher creates a game on the host page (1280×720) and assigns it
// with "Assign as homework": a deadline, speed points off, the link (through this machine's LAN
// address), its QR code and the results link. A phone (360×640, touch, CPU slowed 4×) opens the
// link through the LAN address, starts with a nickname and plays the whole plan alone, driving it
// with "Start"/"Next"/"Continue"; it comes back to its attempt after a reload and from a new tab of
// the same browser. Then the teacher's results list the student, and the student sees their own
// post-mortem. Layout and axe-core checks on the phone's screens. Fails (never skips) without a LAN address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ensureClientBuilt } from '../helpers/build.ts';
import { requireLanAddress } from '../helpers/lan.ts';
import { answerWhateverIsOpen } from '../helpers/play.ts';
import { axeViolations, layoutProblems } from '../helpers/phone-checks.ts';

let server: TestServer;
let browser: Browser;
let lan: string;

beforeAll(async () => {
  lan = requireLanAddress();
  ensureClientBuilt();
  server = await startTestServer({ HOST: '0.0.0.0', QUESTION_SECONDS: '120', ROUND_INTRO_MS: '300', SCENARIO_TICK_MS: '20', SCENARIO_TICKS: '600', PATCH_RATE_MS: '50', TICK_MS: '20' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function phone(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'en-US', reducedMotion: 'reduce' });
  const page = await context.newPage();
  await slowCpu(context, page);
  return { context, page };
}

/** A cheap phone: the CPU 4× slower (Chrome DevTools' throttling). */
async function slowCpu(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

async function expectFits(page: Page, screen: string): Promise<void> {
  expect((await layoutProblems(page)).map((p) => `${screen}: ${p.what} — ${p.where}`)).toEqual([]);
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect((await axeViolations(page)).map((v) => `${screen}: ${v}`)).toEqual([]);
  expect(await page.locator('h1:visible').count(), screen).toBe(1);
}

describe('homework', () => {
  it('the teacher assigns a game; a phone plays it alone over the LAN, comes back to it, and both see the results', async () => {
    // ---- the teacher: create a game, then "Assign as homework"
    const host = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' })).newPage();
    await host.goto(`http://localhost:${server.port}/host?lang=en`);
    await host.locator('#plan').selectOption('ops-drill');
    await host.getByRole('button', { name: 'Create game' }).click();
    await host.getByTestId('join-code').waitFor();
    await host.getByRole('button', { name: 'Assign as homework' }).click();
    const dialog = host.getByRole('dialog', { name: 'Assign this game as homework' });
    await dialog.waitFor();
    const deadline = dialog.getByLabel('Deadline');
    expect(await deadline.inputValue()).toMatch(/^\d{4}-\d\d-\d\dT23:59$/);
    const speed = dialog.getByRole('checkbox', { name: 'Speed points' });
    expect(await speed.isChecked()).toBe(false);
    // a deadline in the past is refused, readably
    await deadline.fill('2001-01-01T10:00');
    await dialog.getByRole('button', { name: 'Create homework link' }).click();
    await dialog.getByRole('alert').filter({ hasText: /at least a minute/ }).waitFor();
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000);
    const p = (n: number) => String(n).padStart(2, '0');
    await deadline.fill(`${inThreeDays.getFullYear()}-${p(inThreeDays.getMonth() + 1)}-${p(inThreeDays.getDate())}T20:00`);
    await dialog.getByRole('button', { name: 'Create homework link' }).click();
    const linkBox = dialog.getByRole('textbox', { name: 'Homework link' });
    await linkBox.waitFor();
    const link = await linkBox.inputValue();
    // the link phones can open: this machine's LAN address, never localhost
    expect(link).toMatch(new RegExp(`^http://${lan.replace(/\./g, '\\.')}:${server.port}/homework/[A-Za-z0-9_-]{12}$`));
    const qr = dialog.getByRole('img', { name: 'QR code of the homework link' });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const resultsHref = await dialog.getByRole('link', { name: 'Homework results', exact: true }).getAttribute('href');
    expect(resultsHref).toMatch(/^\/host\/results\?homework=[A-Za-z0-9_-]{12}#token=[A-Za-z0-9_-]{32}$/);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // ---- a phone, through the LAN address: the landing, in Spanish and in English
    const { context, page } = await phone();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto(`${link}?lang=es`);
    await page.getByRole('button', { name: 'Empezar la tarea' }).waitFor();
    await page.goto(`${link}?lang=en`);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'homework');
    expect(await page.locator('h1').innerText()).toBe('Homework: On-call drill (10 min)');
    expect(await page.locator('#hw-due').innerText()).toMatch(/^Due /);
    await expectFits(page, 'landing');
    await expectAccessible(page, 'landing');
    await page.getByRole('textbox', { name: 'Nickname' }).fill('Ana');
    await page.getByRole('button', { name: 'Start homework' }).click();
    await page.getByRole('heading', { name: 'Ready, Ana?' }).waitFor();
    await expectFits(page, 'lobby');
    await expectAccessible(page, 'lobby');
    for (const s of sockets) expect(new URL(s).host).toBe(`${lan}:${server.port}`);
    await page.getByRole('button', { name: 'Start', exact: true }).click();

    // question 1: answered, then the reveal waits for "Next"
    await answerWhateverIsOpen(page);
    const next = page.getByRole('button', { name: 'Next', exact: true });
    await next.waitFor();
    await page.locator('#game .why, #game .right').first().waitFor();
    await expectFits(page, 'reveal');
    await expectAccessible(page, 'reveal');
    const score = await page.getByTestId('my-score').innerText();

    // the student closes the tab and opens the link again: "Continue as Ana", back at the reveal
    await page.close();
    const again = await context.newPage();
    await slowCpu(context, again);
    await again.goto(`${link}?lang=en`);
    await again.getByRole('button', { name: 'Continue as Ana' }).click();
    await again.getByRole('button', { name: 'Next', exact: true }).waitFor();
    expect(await again.getByTestId('my-score').innerText()).toBe(score);
    await again.getByRole('button', { name: 'Next', exact: true }).click();

    // question 2: a reload mid-question goes straight back into the attempt
    await again.locator('#game h1.question').waitFor();
    const asked = await again.locator('#game h1.question').innerText();
    await expectFits(again, 'question');
    await again.reload();
    await again.locator('#game h1.question').waitFor();
    expect(await again.locator('#game h1.question').innerText()).toBe(asked);
    expect(await again.getByTestId('my-score').innerText()).toBe(score);
    for (let q = 2; q <= 4; q++) {
      await answerWhateverIsOpen(again);
      await again.getByRole('button', { name: 'Next', exact: true }).click();
      if (q < 4) await again.locator('#game h1.question').filter({ hasNotText: asked }).waitFor();
    }
    // the round's end, then the scenario round: alone, every role is this phone's
    await again.getByRole('heading', { name: 'Round done' }).waitFor();
    await again.getByRole('button', { name: 'Next', exact: true }).click();
    const tabs = again.getByRole('tab');
    await tabs.first().waitFor();
    expect(await tabs.count()).toBe(4);
    await expectFits(again, 'scenario console');
    await again.getByRole('heading', { name: 'Round report' }).waitFor({ timeout: 90_000 });
    await expectFits(again, 'round report');
    await expectAccessible(again, 'round report');
    await again.getByRole('button', { name: 'Continue', exact: true }).click();
    await again.getByRole('heading', { name: 'Homework done!' }).waitFor();
    expect(await again.getByTestId('my-score').innerText()).toMatch(/^\d+$/);
    await expectFits(again, 'done');
    await expectAccessible(again, 'done');
    const finalScore = await again.getByTestId('my-score').innerText();

    // ---- the teacher's results: who played, their score, their scenario round
    const results = await host.context().newPage();
    await results.goto(`http://localhost:${server.port}${resultsHref}`);
    const table = results.getByRole('table', { name: 'Who played' });
    await table.waitFor();
    const row = table.getByRole('row', { name: /Ana/ });
    expect(await row.innerText()).toMatch(new RegExp(`Ana\\s+Finished\\s+${finalScore}\\s+4 / 4\\s+1 / 1`));
    expect(await results.getByRole('heading', { level: 4, name: 'Ana' }).count()).toBe(1);
    await results.getByRole('button', { name: 'Download answers (CSV)' }).waitFor();

    // ---- and the student's own results and post-mortem
    await again.getByRole('link', { name: 'My results and post-mortem' }).click();
    await again.getByRole('heading', { name: 'Your homework: On-call drill (10 min)' }).waitFor();
    await again.getByRole('heading', { name: 'Post-mortem timeline' }).first().waitFor();
    expect(await again.getByRole('button', { name: 'Download answers (CSV)' }).count()).toBe(0);
    await context.close();
  }, 600_000);
});
