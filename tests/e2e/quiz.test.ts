// A teacher page and three phone-sized pages play a whole quiz round in Debian's Chromium,
// through the accessible names of CONTRACT.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phoneContext, projectorContext } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { answerWhateverIsOpen } from '../helpers/play.ts';
import { ensureClientBuilt } from '../helpers/build.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureClientBuilt();
  // Questions close when every phone has answered; their time only matters on a machine too busy
  // for three phones to answer an ordering question in 15 s.
  server = await startTestServer({ QUESTION_SECONDS: '120', ROUND_INTRO_MS: '500', PATCH_RATE_MS: '50', TICK_MS: '50' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function joinPhone(code: string | null, name: string, lang = 'en'): Promise<Page> {
  const page = await (await phoneContext(browser)).newPage();
  await page.goto(`${server.url}/${code ? `?code=${code}&` : '?'}lang=${lang}`);
  if (!code) return page;
  await page.getByRole('textbox', { name: 'Nickname' }).fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByTestId('my-score').waitFor();
  return page;
}

describe('a class plays a quiz round in real browsers', () => {
  it('host creates, three phones join by code, the round runs to the podium', async () => {
    const host = await (await projectorContext(browser)).newPage();
    await host.goto(`${server.url}/host?lang=en`);
    // the form starts on the 30-minute lesson; this test plays the one-round quiz to its end
    // (the server pre-fills the page's text, so the label is there before the script fills the plans in)
    await expect.poll(() => host.getByLabel('Game plan').inputValue()).toBe('intro');
    await host.getByLabel('Game plan').selectOption('quick');
    await host.getByRole('button', { name: 'Create game' }).click();
    const code = (await host.getByTestId('join-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await expect.poll(() => host.locator('img.qr').getAttribute('src')).toContain(code);

    // a wrong code is refused readably, the form stays usable
    const lost = await joinPhone(null, '');
    await lost.getByRole('textbox', { name: 'Game code' }).fill('ZZZZZZ');
    await lost.getByRole('textbox', { name: 'Nickname' }).fill('Lost');
    await lost.getByRole('button', { name: 'Join' }).click();
    await expect.poll(() => lost.getByRole('alert').first().textContent()).toContain('ZZZZZZ');

    const phones = [await joinPhone(code, 'Ana'), await joinPhone(code, 'Ben'), await joinPhone(code, 'Cai')];
    for (const p of phones) await expect.poll(() => p.getByTestId('my-score').textContent()).toBe('0');
    // the teacher's roster lists them (host-only messages, not synced state)
    await host.getByRole('button', { name: 'Players', exact: true }).click();
    await expect.poll(async () => (await host.locator('.side li').allInnerTexts()).join(' ')).toMatch(/Ana[\s\S]*Ben|Ben[\s\S]*Ana/);
    expect(await host.locator('.side li').count()).toBe(3);
    await host.getByRole('button', { name: 'Players', exact: true }).click();

    // the teacher controls of CONTRACT.md, by their accessible names
    await host.getByRole('button', { name: 'Lock room' }).click();
    await host.getByRole('button', { name: 'Unlock room' }).click();
    await host.getByRole('button', { name: 'Lock room' }).waitFor();
    await host.getByRole('button', { name: 'Start game' }).click();
    await host.getByRole('button', { name: 'Pause' }).click();
    await host.getByRole('button', { name: 'Resume' }).click();
    await host.getByRole('button', { name: 'Pause' }).waitFor();
    await host.getByRole('button', { name: 'Skip' }).waitFor();
    await host.getByRole('button', { name: 'End game' }).waitFor();
    let questions = 0;
    for (;;) {
      await Promise.all(phones.map((p) => answerWhateverIsOpen(p)));
      questions++;
      await host.getByRole('button', { name: 'Next' }).waitFor({ timeout: 60_000 });
      // both screens show the answer and the why
      await expect.poll(() => phones[0]!.locator('#game .why').count()).toBe(1);
      await host.getByRole('button', { name: 'Next' }).click();
      // the next question or the standings, whichever comes (one wait: a raced pair leaves a loser to fail later)
      const question = phones[0]!.locator('#game button.answer, #game .order-item, #game input[type=range]').first();
      const standings = phones[0]!.getByText('Look at the big screen for the standings.');
      await question.or(standings).first().waitFor({ timeout: 120_000 });
      if (await standings.isVisible()) break;
    }
    expect(questions).toBeGreaterThanOrEqual(6);
    const scores = await Promise.all(phones.map(async (p) => (await p.getByTestId('my-score').textContent())!.trim()));
    for (const s of scores) expect(s).toMatch(/^\d+$/);
    await host.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => phones[1]!.locator('#game h1').textContent()).toContain('Game over');
    await host.screenshot({ path: 'tests/.artifacts/e2e-podium.png' });
  }, 400_000);
});
