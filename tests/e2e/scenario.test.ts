// A projector page and one team of three phones play a short scenario round in Chromium: roles
// are handed out, a phone's action shows up in the team's console, the projector runs the ops
// center and then the round report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phoneContext, projectorContext } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ensureClientBuilt } from '../helpers/build.ts';
import { projectorScene } from '../helpers/projector.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureClientBuilt();
  server = await startTestServer({ QUESTION_SECONDS: '30', ROUND_INTRO_MS: '300', SCENARIO_TICK_MS: '50', SCENARIO_TICKS: '2400', PATCH_RATE_MS: '50', TICK_MS: '50' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a scenario round in real browsers', () => {
  it('one team of three phones keeps its service up while the projector shows the ops center', async () => {
    const host = await (await projectorContext(browser)).newPage();
    await host.goto(`${server.url}/host?lang=en`);
    await host.getByLabel('Number of teams').fill('2');
    await host.getByLabel('Game plan').selectOption('ops-drill');
    await host.getByRole('button', { name: 'Create game' }).click();
    const code = (await host.getByTestId('join-code').textContent())!.trim();

    const phones: Page[] = [];
    for (const name of ['Ana', 'Ben', 'Cai']) {
      const page = await (await phoneContext(browser)).newPage();
      await page.goto(`${server.url}/?code=${code}&lang=en`);
      await page.getByRole('textbox', { name: 'Nickname' }).fill(name);
      await page.getByRole('button', { name: 'Join' }).click();
      await page.getByTestId('my-score').waitFor();
      phones.push(page);
    }
    // the teacher puts Ben (auto-balanced into the second team) into the first team
    await host.getByRole('button', { name: 'Players' }).click();
    await host.getByRole('combobox', { name: 'Move Ben to' }).selectOption({ label: 'Routers' });
    await expect.poll(() => phones[1]!.locator('#game .chip').textContent()).toContain('Routers');
    await host.getByRole('button', { name: 'Players' }).click();

    await host.getByRole('button', { name: 'Start game' }).click();
    const skip = host.getByRole('button', { name: 'Skip' });
    await skip.waitFor();
    while (await skip.isVisible()) {
      await skip.click({ timeout: 5000 }).catch(() => undefined); // it may go as the round ends
      await host.waitForTimeout(300);
    }
    await host.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => projectorScene(host), { timeout: 15_000 }).toBe('host-ops-center');

    // three players: compute, data, edge + observability
    for (const p of phones) await p.locator('.ops .role').first().waitFor();
    const roleText = await Promise.all(phones.map((p) => p.locator('.ops .roles').textContent()));
    expect(roleText.join(' ')).toContain('Compute');
    expect(roleText.join(' ')).toContain('Observability');
    const compute = phones[roleText.findIndex((r) => r!.includes('Compute'))]!;
    const before = await compute.locator('.scale .count').first().textContent();
    await compute.getByRole('button', { name: /Scale Zone A → \d+/ }).last().click();
    // the console says what was done and when it takes effect
    await expect.poll(() => compute.locator('.ops .done').textContent()).toMatch(/Zone A: \d+ → \d+ instances/);
    await expect.poll(() => compute.locator('.scale .count').first().textContent()).not.toBe(before);

    // an action of another role is not on this phone at all
    expect(await compute.getByRole('button', { name: /Roll back|Warm the cache/ }).count()).toBeLessThanOrEqual(1);

    await host.screenshot({ path: 'tests/.artifacts/e2e-ops-center.png' });
    // the round is long enough for a slow phone to do all of the above; the teacher ends it
    await host.getByRole('button', { name: 'End round' }).click();
    await expect.poll(() => projectorScene(host), { timeout: 30_000 }).toBe('host-scenario-report');
    await expect.poll(() => phones[0]!.locator('#game h1').textContent()).toContain('Round report');
    await host.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => projectorScene(host)).toBe('host-podium');
  });
});
