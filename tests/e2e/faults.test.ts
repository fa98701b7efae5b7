// A game day in Chromium: the teacher's page (1280×720) opens Faults during the calm scenario
// round, picks a fault, its duration and a team, clicks Inject, and sees it reach the ops center's
// feed; after the round the results page's post-mortem shows it, injected by the teacher at its
// round time. Two SDK phones make the teams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Room } from '@colyseus/sdk';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ensureClientBuilt } from '../helpers/build.ts';
import { projectorScene } from '../helpers/projector.ts';

let server: TestServer;
let browser: Browser;
const phones: Room[] = [];

beforeAll(async () => {
  ensureClientBuilt();
  server = await startTestServer({ QUESTION_SECONDS: '60', ROUND_INTRO_MS: '300', SCENARIO_TICK_MS: '50', SCENARIO_TICKS: '1200', PATCH_RATE_MS: '50', TICK_MS: '50' });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const p of phones) await p.leave().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

describe('the Faults menu on the teacher’s page', () => {
  it('injects a fault into one team during a game day and finds it in the feed and the debrief', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    const host = await context.newPage();
    host.setDefaultTimeout(30_000);
    await host.goto(`${server.url}/host?lang=en`);
    await host.getByLabel('Number of teams').fill('2');
    await host.getByLabel('Game plan').selectOption('game-day');
    await host.getByRole('button', { name: 'Create game' }).click();
    const code = (await host.getByTestId('join-code').textContent())!.trim();
    for (const name of ['Ana', 'Ben']) {
      const phone = await new Client(server.wsUrl).joinById(code, { name });
      phone.onMessage('*', () => undefined);
      phones.push(phone);
    }

    await host.getByRole('button', { name: 'Start game' }).click();
    // the quiz round: skipped through to the standings, then on to the scenario round
    const skip = host.getByRole('button', { name: 'Skip' });
    await skip.waitFor();
    while (await skip.isVisible()) {
      await skip.click();
      await host.waitForTimeout(200);
    }
    await host.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => projectorScene(host), { timeout: 30_000 }).toBe('host-ops-center');

    await host.getByRole('button', { name: 'Faults' }).click();
    // every fault of the catalog is a button in the menu
    for (const name of ['Kill an instance', 'Lose a zone', 'Traffic spike', 'Bot flood', 'Slow payments API', 'Failing payments API', 'Database primary failure', 'Replication lag', 'Partition between zones', 'Bad config push', 'Cache flush']) {
      await expect.poll(() => host.getByRole('button', { name, exact: true }).count()).toBe(1);
    }
    await host.getByRole('button', { name: 'Lose a zone', exact: true }).click();
    await host.getByLabel('Zone', { exact: true }).selectOption({ label: 'B' });
    await host.getByLabel('Duration (s)', { exact: true }).fill('30');
    await expect.poll(() => host.getByLabel('Target', { exact: true }).inputValue()).toBe('all');
    await host.getByLabel('Target', { exact: true }).selectOption({ label: 'Team Sockets' });
    await host.screenshot({ path: 'tests/.artifacts/e2e-faults-menu.png' });
    await host.getByRole('button', { name: 'Inject', exact: true }).click();

    const status = host.locator('.faults-panel [role=status]');
    await expect.poll(() => status.textContent()).toBe('Injected: Lose a zone (zone B, 30 s) → Team Sockets');
    // it reached the ops center: Team Sockets' synced feed carries it
    const entry = host.locator('.faults-panel .fault-history li').first();
    await expect.poll(() => entry.textContent()).toMatch(/^\d+:\d\d Lose a zone \(zone B, 30 s\) → Team Sockets · on the ops center$/);
    // a setting out of range is refused with a reason, and nothing else is injected
    await host.getByRole('button', { name: 'Kill an instance', exact: true }).click();
    await host.getByLabel('Instances', { exact: true }).fill('9');
    await host.getByRole('button', { name: 'Inject', exact: true }).click();
    await expect.poll(() => status.textContent()).toBe('A setting of that fault is out of range.');
    expect(await host.locator('.faults-panel .fault-history li').count()).toBe(1);
    await host.screenshot({ path: 'tests/.artifacts/e2e-faults-injected.png' });
    await host.keyboard.press('Escape');
    await expect.poll(() => host.locator('.faults-panel').isHidden()).toBe(true);

    await host.getByRole('button', { name: 'End round' }).click();
    await expect.poll(() => projectorScene(host)).toBe('host-scenario-report');
    await expect.poll(() => host.getByRole('button', { name: 'Faults' }).isHidden()).toBe(true);

    // the debrief: the post-mortem of Team Sockets shows the fault, with the round time it was injected at
    const { hostToken } = JSON.parse((await host.evaluate(() => localStorage.getItem('ua:host')))!) as { hostToken: string };
    await expect
      .poll(async () => {
        const res = await fetch(`${server.url}/api/games/${code}/results`, { headers: { authorization: `Bearer ${hostToken}` } });
        return res.ok ? ((await res.json()) as { scenarios: { teams: unknown[] }[] }).scenarios[0]?.teams.length : 0;
      })
      .toBe(2);
    const results = await context.newPage();
    await results.goto(`${server.url}/host/results?game=${code}&lang=en`);
    const sockets = results.locator('article.team-round', { hasText: 'Team Sockets' });
    const injected = sockets.locator('ol.events li.kind-injected');
    await expect.poll(() => injected.textContent(), { timeout: 30_000 }).toMatch(/Fault injected: Lose a zone \(zone B, 30 s\) · Team Sockets · injected by the teacher at \d+:\d\d/);
    expect(await results.locator('article.team-round', { hasText: 'Team Routers' }).locator('li.kind-injected').count()).toBe(0);
    await results.screenshot({ path: 'tests/.artifacts/e2e-faults-debrief.png', fullPage: true });
    await context.close();
  });
});
