// The teacher opens "Under the hood" with a few phones in the game, in Chromium: the view shows
// this game's measurements, and its figures are the server's own (read from the live room).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchMaker } from '@colyseus/core';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phoneContext } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ensureClientBuilt } from '../helpers/build.ts';
import type { NetWatch } from '../../server/rooms/net/under-the-hood.ts';
import { LINK } from '../../shared/constants.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureClientBuilt();
  server = await startTestServer({ QUESTION_SECONDS: '120', ROUND_INTRO_MS: '500', PATCH_RATE_MS: '50', TICK_MS: '50' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits for a value as long as a busy machine needs (expect.poll gives up after 1 s by default). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 60_000 });
const netOf = (code: string) => (matchMaker.getLocalRoomById(code) as unknown as { net: NetWatch }).net;

async function joinPhone(code: string, name: string): Promise<Page> {
  const page = await (await phoneContext(browser)).newPage();
  await page.goto(`${server.url}/?code=${code}&lang=en`);
  await page.getByRole('textbox', { name: 'Nickname' }).fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await page.getByTestId('my-score').waitFor();
  return page;
}

async function host(lang: 'en' | 'es'): Promise<{ page: Page; code: string }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: lang === 'en' ? 'en-US' : 'es-ES' });
  await page.goto(`${server.url}/host?lang=${lang}`);
  await page.getByRole('button', { name: lang === 'en' ? 'Create game' : 'Crear partida' }).click();
  const code = (await page.getByTestId('join-code').textContent())!.trim();
  return { page, code };
}

describe('"Under the hood" on the teacher’s page', () => {
  it('shows the round trips and reconnections the server measured, and stops the feed when closed', async () => {
    const { page, code } = await host('en');
    const phones = [await joinPhone(code, 'Ana'), await joinPhone(code, 'Ben'), await joinPhone(code, 'Cai')];
    const net = netOf(code);
    const ids = () => [...net.links.all()].map(([id]) => id);
    // every page answers its clock burst (client/src/net/clock-sync.ts)
    await poll(() => ids().length).toBe(3);
    await poll(() => ids().map((id) => net.links.samples(id).clocks)).toEqual([LINK.burstPings + 1, LINK.burstPings + 1, LINK.burstPings + 1]);

    await page.getByRole('button', { name: 'Under the hood' }).click();
    const view = page.getByRole('region', { name: /Under the hood/ });
    await view.waitFor();
    const median = page.getByTestId('rtt-median-ms');
    const reconnections = page.getByTestId('reconnections');
    await poll(() => median.textContent()).toMatch(/^\d+$/);
    // the page shows the server's own figures (the latest report; they settle within a second)
    await poll(async () => Number(await median.textContent()) === net.report(Date.now()).rtt.medianMs).toBe(true);
    expect(await reconnections.textContent()).toBe('0');
    for (const title of ['Latency is not zero', 'The network is not reliable', 'Bandwidth is not infinite', 'There is no global clock', 'Fair speed points', 'One server or many']) {
      await view.getByRole('heading', { name: title }).waitFor();
    }
    await page.screenshot({ path: '/tmp/ua-under-the-hood-en.png' });

    // a phone's page reloads: it drops and comes back to its seat, and the view counts it
    await phones[1]!.reload();
    await phones[1]!.getByTestId('my-score').waitFor();
    await poll(() => reconnections.textContent()).toBe('1');
    expect(net.reconnections.count).toBe(1);
    await poll(() => view.getByText(/Back after \d+/).count()).toBe(1);

    // closing the view stops the server's feed
    expect(net.viewing).toBe(true);
    await view.getByRole('button', { name: 'Close' }).click();
    await poll(() => net.viewing).toBe(false);
    await page.getByRole('button', { name: 'Start game' }).waitFor();
    for (const p of [page, ...phones]) await p.context().close();
  });

  it('speaks Spanish: "Bajo el capó"', async () => {
    const { page, code } = await host('es');
    const phone = await joinPhone(code, 'Dora');
    await page.getByRole('button', { name: 'Bajo el capó' }).click();
    const view = page.getByRole('region', { name: /Bajo el capó/ });
    await view.getByRole('heading', { name: 'La latencia no es cero' }).waitFor();
    await poll(() => page.getByTestId('rtt-median-ms').textContent()).toMatch(/^\d+$/);
    await page.screenshot({ path: '/tmp/ua-under-the-hood-es.png' });
    await view.getByRole('button', { name: 'Cerrar' }).click();
    await poll(() => netOf(code).viewing).toBe(false);
    for (const p of [page, phone]) await p.context().close();
  });
});
