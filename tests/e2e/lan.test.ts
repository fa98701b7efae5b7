// A phone in the classroom: the teacher opens the game on the laptop itself (localhost), the
// phone opens the join URL the laptop shows, which goes through this machine's non-loopback IPv4
// address, joins, and plays a question; its WebSocket goes to that same address, never to
// loopback. Join failures say what to do. Fails (never skips) when the machine has no such address.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phoneContext, projectorContext } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ensureClientBuilt } from '../helpers/build.ts';
import { requireLanAddress } from '../helpers/lan.ts';
import { answerWhateverIsOpen } from '../helpers/play.ts';

let server: TestServer;
let browser: Browser;
let lan: string;

beforeAll(async () => {
  lan = requireLanAddress();
  ensureClientBuilt();
  server = await startTestServer({ HOST: '0.0.0.0', QUESTION_SECONDS: '30', ROUND_INTRO_MS: '300', PATCH_RATE_MS: '50', TICK_MS: '50' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function phoneAt(url: string): Promise<{ page: Page; sockets: string[] }> {
  const page = await (await phoneContext(browser)).newPage();
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.goto(url);
  return { page, sockets };
}

describe('a phone joins over the classroom network', () => {
  it('through the LAN address from the join URL, and plays a question', async () => {
    const host = await (await projectorContext(browser)).newPage();
    await host.goto(`http://localhost:${server.port}/host?lang=en`);
    await host.getByRole('button', { name: 'Create game' }).click();
    const code = (await host.getByTestId('join-code').textContent())!.trim();
    const joinUrl = ((await (await fetch(`http://localhost:${server.port}/api/games/${code}/join-url`)).json()) as { joinUrl: string }).joinUrl;
    expect(joinUrl).toBe(`http://${lan}:${server.port}/?code=${code}`);

    const { page, sockets } = await phoneAt(`${joinUrl}&lang=en`);
    await page.getByRole('textbox', { name: 'Nickname' }).fill('Ana');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByTestId('my-score').waitFor();
    expect(sockets.length).toBeGreaterThan(0);
    for (const s of sockets) expect(new URL(s).host).toBe(`${lan}:${server.port}`);

    // a second phone keeps the question open while the first one reloads
    const ben = await phoneAt(`${joinUrl}&lang=en`);
    await ben.page.getByRole('textbox', { name: 'Nickname' }).fill('Ben');
    await ben.page.getByRole('button', { name: 'Join' }).click();
    await ben.page.getByTestId('my-score').waitFor();

    await host.getByRole('button', { name: 'Start game' }).click();
    await answerWhateverIsOpen(page);
    const given = (await page.locator('#game .mine').innerText()).trim();
    // a reload mid-question shows the answer already given, not the buttons again
    await page.reload();
    await page.locator('#game .mine').waitFor({ timeout: 30_000 });
    expect((await page.locator('#game .mine').innerText()).trim()).toBe(given);
    expect(await page.locator('#game button.answer, #game .order-item, #game input[type=range]').count()).toBe(0);
    await answerWhateverIsOpen(ben.page);
    await page.locator('#game .why').waitFor({ timeout: 30_000 });
    // …and the reveal shows it as given
    expect((await page.locator('#game .mine').innerText()).trim()).toBe(given);
    expect(await page.locator('#game h1').innerText()).not.toBe('No answer');
    expect(await page.getByTestId('my-score').textContent()).toMatch(/^\d+$/);
    for (const s of sockets) expect(new URL(s).host).toBe(`${lan}:${server.port}`);
  });

  it('keeps the code a student typed while the page was still loading its script', async () => {
    const game = await server.createGame();
    const page = await (await phoneContext(browser)).newPage();
    // a slow phone: the server's pre-filled form is on screen before the script arrives
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/.*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`http://${lan}:${server.port}/?lang=en`, { waitUntil: 'commit' });
    await page.getByRole('textbox', { name: 'Game code' }).fill(game.code);
    await page.getByRole('textbox', { name: 'Nickname' }).fill('Early');
    release();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.ready ?? '')).toBe('join');
    expect(await page.getByRole('textbox', { name: 'Game code' }).inputValue()).toBe(game.code);
    expect(await page.getByRole('textbox', { name: 'Nickname' }).inputValue()).toBe('Early');
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByTestId('my-score').waitFor({ timeout: 30_000 });
    await page.context().close();
  });

  it('says what to do when the join fails: no such game, a locked game, no network', async () => {
    const alert = (page: Page) => page.locator('#join-error');
    const join = async (page: Page, code: string, name: string) => {
      await page.getByRole('textbox', { name: 'Game code' }).fill(code);
      await page.getByRole('textbox', { name: 'Nickname' }).fill(name);
      await page.getByRole('button', { name: 'Join' }).click();
    };
    const { page } = await phoneAt(`http://${lan}:${server.port}/?lang=en`);
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.ready ?? '')).toBe('join');
    await join(page, 'ZZZZZZ', 'Lost');
    await expect.poll(() => alert(page).textContent(), { timeout: 30_000 }).toMatch(/No game has the code ZZZZZZ/);

    const game = await server.createGame();
    const teacher = await server.client().joinById(game.code, { hostToken: game.hostToken });
    teacher.send('host:lock', { locked: true });
    await vi.waitFor(() => expect((teacher.state as { locked?: boolean }).locked).toBe(true));
    await join(page, game.code, 'Late');
    await expect.poll(() => alert(page).textContent(), { timeout: 30_000 }).toMatch(/locked: ask the teacher/);

    await page.context().setOffline(true);
    await join(page, game.code, 'Offline');
    await expect.poll(() => alert(page).textContent(), { timeout: 30_000 }).toContain(`Can't reach the game server at ${lan}:${server.port}`);
    await teacher.leave();
  });
});
