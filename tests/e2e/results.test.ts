// The results page (/host/results) in Debian's Chromium, on a stored game: the token message and
// form, the podium, missed concepts first, the right answer marked by a symbol, the post-mortem and
// the helped/hurt replays, the side-by-side replay, and both CSV downloads read back from disk.
// The client is built once into a private folder, so a concurrent build cannot wipe it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { ROOT_DIR } from '../../server/config.ts';
import { sha256 } from '../../server/tokens.ts';
import { launchBrowser, projectorContext } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { resultsFixture } from '../shared/rules/debrief-fixture.ts';

let server: TestServer;
let browser: Browser;
const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ua-results-client-'));
const CODE = 'ABC234';
const TOKEN = 'teacher-token-0123456789abcdef';
const fixture = resultsFixture(CODE);

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT_DIR, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'client/vite.config.ts', '--outDir', clientDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT_DIR, stdio: 'inherit' });
  server = await startTestServer({ CLIENT_DIR: clientDir });
  await server.server.store.games.saveCheckpoint(CODE, sha256(TOKEN), { v: 0 }, 'finished');
  await server.server.store.games.saveResult(CODE, 'results', fixture);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

async function openPage(url: string, hostToken?: string): Promise<Page> {
  const context = await projectorContext(browser);
  if (hostToken) await context.addInitScript(([code, token]) => localStorage.setItem('ua:host', JSON.stringify({ code, hostToken: token })), [CODE, hostToken] as const);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  return page;
}

async function downloaded(page: Page, button: string): Promise<{ bytes: Buffer; rows: string[][]; name: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const bytes = fs.readFileSync((await download.path())!);
  return { bytes, rows: parse(bytes.toString('utf8'), { bom: true }) as string[][], name: download.suggestedFilename() };
}

describe('the results page', () => {
  it('asks for the host token when it has none, says so when it is wrong, and opens with the right one', async () => {
    const page = await openPage(`${server.url}/host/results?game=${CODE}&lang=en`);
    await page.getByText(`This page needs the teacher’s link for game ${CODE}`).waitFor();
    const field = page.getByLabel('Host token');
    await field.fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Open the results' }).click();
    await page.getByText(`That host token does not open game ${CODE}.`).waitFor();
    await field.fill(TOKEN);
    await page.getByRole('button', { name: 'Open the results' }).click();
    await page.getByRole('heading', { name: `Game ${CODE}: Test plan`, level: 1 }).waitFor();
    expect(await page.getByLabel('Host token').isVisible()).toBe(false);

    const unknown = await openPage(`${server.url}/host/results?game=QQQ999&lang=en#token=${TOKEN}`);
    await unknown.getByText('There are no results for game QQQ999 on this server.').waitFor();
    await unknown.context().close();
    await page.context().close();
  });

  it('shows the podium, missed concepts, marked answers, the post-mortem, what helped, a side-by-side replay, and downloads both CSVs', async () => {
    const page = await openPage(`${server.url}/host/results?game=${CODE}&lang=en`, TOKEN);
    await page.getByRole('heading', { name: `Game ${CODE}: Test plan`, level: 1 }).waitFor();

    const podium = page.locator('.podium .teams li');
    expect(await podium.allInnerTexts()).toEqual([expect.stringMatching(/1\.\s*Team Routers\s*2600 pts/), expect.stringMatching(/2\.\s*Team Sockets\s*900 pts/)]);
    expect(await page.locator('.podium .players li').first().innerText()).toMatch(/Ana/);

    // missed concepts first, flagged in words and with a symbol
    const concepts = page.locator('.mastery li');
    expect(await concepts.first().innerText()).toMatch(/Scalability[\s\S]*33 %[\s\S]*⚠ Missed concept/);
    expect(await concepts.last().innerText()).toMatch(/Fault tolerance[\s\S]*75 %/);
    expect(await concepts.last().innerText()).not.toMatch(/Missed/);

    // the right answer carries a check mark (and screen-reader text), not only a colour
    const q0 = page.locator('article.question').first();
    const right = q0.locator('li.correct');
    expect(await right.count()).toBe(1);
    expect(await right.innerText()).toMatch(/✓[\s\S]*More machines, same code/);
    expect(await right.locator('.sr-only').textContent()).toBe('right answer: ');

    // the post-mortem of the team that rolled back, exact after the replay, and what its action was worth
    const teamRound = page.locator('article.team-round').first();
    await teamRound.locator('.impacts[data-done="true"]').waitFor();
    const events = await teamRound.locator('.events li').allInnerTexts();
    expect(events[0]).toMatch(/^2:00\s*✖\s*Incident starts: bad deploy/);
    expect(events.join('\n')).toMatch(/2:26\s*▶\s*Action: Roll back the deploy \(Ana\)/);
    expect(events.join('\n')).toMatch(/First symptom: errors above the SLO/);
    expect(events.join('\n')).toMatch(/Recovered/);
    expect(await teamRound.locator('svg.chart .marker').count()).toBe(events.length);
    const impact = await teamRound.locator('.impact-list li').innerText();
    expect(impact).toMatch(/▲ helped[\s\S]*2:26[\s\S]*Roll back the deploy \(Ana\)[\s\S]*\+\d+ points/);
    const idleTeam = page.locator('article.team-round').nth(1);
    expect(await idleTeam.locator('.impacts').innerText()).toMatch(/This team took no actions/);

    // side by side: both teams replayed to 3:20 (after the rollback)
    const slider = page.getByRole('slider', { name: 'Time' });
    await slider.fill('200');
    const panes = page.locator('.compare .pane');
    expect(await page.locator('.compare .clock').textContent()).toBe('3:20');
    expect(await panes.nth(0).innerText()).toMatch(/Team Routers[\s\S]*Last action\s*Roll back the deploy \(Ana\)/);
    expect(await panes.nth(1).innerText()).toMatch(/Team Sockets[\s\S]*Last action\s*—/);
    const errors = async (i: number) => Number(/Errors\s*([\d.]+) %/.exec(await panes.nth(i).innerText())![1]);
    expect(await errors(1)).toBeGreaterThan(await errors(0));

    await page.screenshot({ path: 'tests/.artifacts/e2e-results.png', fullPage: true });

    const answers = await downloaded(page, 'Download answers (CSV)');
    expect(answers.name).toBe(`uptime-arena-${CODE}-answers.csv`);
    expect([...answers.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(answers.rows[0]!.slice(0, 3)).toEqual(['game', 'round', 'question']);
    expect(answers.rows).toHaveLength(1 + fixture.questions.length * fixture.players.length);
    expect(answers.rows).toContainEqual([CODE, '1', '1', 'Scalability', '¿Qué añade "escalar horizontalmente", en una frase?', 'More machines, same code', 'Ana', 'Team Routers', 'More machines, same code', 'yes', '1', '900', '2.5']);

    const reports = await downloaded(page, 'Download scenario reports (CSV)');
    expect(reports.name).toBe(`uptime-arena-${CODE}-scenarios.csv`);
    expect(reports.rows.map((r) => r[3])).toEqual(['team', 'Team Routers', 'Team Sockets']);
    expect(reports.rows[1]![13]).toMatch(/^bad deploy: detect 26 s, recover \d+ s$/);
    await page.context().close();
  });

  it('opens from the teacher console at the podium of a game played here, with that game’s answers in the CSV', async () => {
    const context = await projectorContext(browser);
    const host = await context.newPage();
    host.setDefaultTimeout(15_000);
    await host.goto(`${server.url}/host?lang=en`);
    await host.getByRole('button', { name: 'Create game' }).click();
    const code = (await host.getByTestId('join-code').textContent())!.trim();
    const zoe = await server.client().joinById(code, { name: 'Zoe' });
    await host.getByRole('button', { name: 'Start game' }).click();
    await expect.poll(() => (zoe.state as any).phase, { timeout: 10_000 }).toBe('question');
    const q = (zoe.state as any).question;
    const answer = q.type === 'multi' ? { kind: 'multi', indices: [0] } : q.type === 'order' ? { kind: 'order', order: q.options.map((_: string, i: number) => i) } : q.type === 'numeric' ? { kind: 'numeric', value: q.min } : { kind: 'choice', index: 0 };
    zoe.send('answer', { seq: q.seq, answer });
    await expect.poll(() => (zoe.state as any).phase, { timeout: 10_000 }).toBe('reveal');
    await host.getByRole('button', { name: 'End game' }).click();
    await host.getByRole('button', { name: 'Yes, end the game' }).click();
    const open = host.getByRole('button', { name: 'Results' });
    await open.waitFor();
    const [results] = await Promise.all([context.waitForEvent('page'), open.click()]);
    await results.getByRole('heading', { name: new RegExp(`^Game ${code}: `), level: 1 }).waitFor();
    expect(await results.locator('.podium .players li').first().innerText()).toMatch(/Zoe/);
    const answers = await downloaded(results, 'Download answers (CSV)');
    expect(answers.rows).toHaveLength(2);
    expect(answers.rows[1]!.slice(0, 3)).toEqual([code, '1', '1']);
    expect(answers.rows[1]![6]).toBe('Zoe');
    expect(answers.rows[1]![8]).not.toBe('');
    await zoe.leave();
    await context.close();
  });
});
