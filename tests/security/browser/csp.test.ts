// The pages under their Content-Security-Policy in Debian's Chromium, against the server as
// `npm start` runs it: the teacher's console (Phaser, WebGL), a phone, the set editor and the
// results page work, and the browser reports no blocked script, style, image, worker or socket.
// (Runs with the real-browser suite: vitest.config.ts includes this folder in the e2e project.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, phoneContext, projectorContext } from '../../helpers/browser.ts';
import { answerWhateverIsOpen } from '../../helpers/play.ts';
import { ensureClientBuilt } from '../../helpers/build.ts';
import { startTarget, type Target } from '../harness.ts';

let t: Target;
let browser: Browser;
const violations: string[] = [];

beforeAll(async () => {
  ensureClientBuilt();
  t = await startTarget({ QUESTION_SECONDS: '60' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/** Records every CSP violation the page's documents report, and CSP console errors. */
async function watched(context: BrowserContext): Promise<BrowserContext> {
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  context.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  return context;
}

async function reported(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

describe('pages under their Content-Security-Policy', () => {
  it('a teacher runs a question on the projector and a phone answers: nothing is blocked', async () => {
    const host = await (await watched(await projectorContext(browser))).newPage();
    await host.goto(`${t.url}/host?lang=en`);
    await host.getByRole('button', { name: 'Create game' }).click();
    const code = (await host.getByTestId('join-code').textContent())!.trim();
    await expect.poll(() => host.locator('img.qr').getAttribute('src')).toContain(code);

    const phone = await (await watched(await phoneContext(browser))).newPage();
    await phone.goto(`${t.url}/?code=${code}&lang=en`);
    await phone.getByRole('textbox', { name: 'Nickname' }).fill('Ana');
    await phone.getByRole('button', { name: 'Join' }).click();
    await phone.getByTestId('my-score').waitFor();

    await host.getByRole('button', { name: 'Start game' }).click();
    await answerWhateverIsOpen(phone);
    await host.getByRole('button', { name: 'Next' }).waitFor({ timeout: 30_000 });
    // the projector drew with WebGL into its canvas
    expect(await host.locator('canvas').count()).toBeGreaterThan(0);

    const results = await host.context().newPage();
    await results.goto(`${t.url}/host/results?game=${code}&lang=en`);
    await results.getByRole('heading', { level: 1 }).first().waitFor();

    const editor = await (await watched(await projectorContext(browser))).newPage();
    await editor.goto(`${t.url}/host/sets?lang=en`);
    await editor.locator('main, #app, body').first().waitFor();

    for (const page of [host, phone, results, editor]) expect(await reported(page)).toEqual([]);
    expect(violations).toEqual([]);
  });

});
