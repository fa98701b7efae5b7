// The question-set editor (/host/sets) in Debian's Chromium: write two questions of different
// types, reorder them, save, reopen through the edit link alone, edit, export CSV, and import a
// bad CSV. The client is built once into a private folder, so a concurrent build cannot wipe it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT_DIR } from '../../server/config.ts';
import { launchBrowser, projectorContext } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let browser: Browser;
const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ua-editor-client-'));

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT_DIR, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'client/vite.config.ts', '--outDir', clientDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT_DIR, stdio: 'inherit' });
  server = await startTestServer({ CLIENT_DIR: clientDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(clientDir, { recursive: true, force: true });
});

async function editorPage(url: string): Promise<Page> {
  const page = await (await projectorContext(browser)).newPage();
  page.setDefaultTimeout(10_000);
  page.on('dialog', (d) => void d.accept());
  await page.goto(url);
  return page;
}

const items = (page: Page) => page.locator('#questions li .summary');

describe('the question-set editor', () => {
  it('creates, reorders, saves, reopens by link, edits, exports CSV and reports a bad import by row and field', async () => {
    const page = await editorPage(`${server.url}/host/sets?lang=en`);
    await page.getByRole('heading', { name: 'Question sets', level: 1 }).waitFor();

    // Saving an empty set is refused in the page, next to the fields.
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Fix the marked problems first/).waitFor();
    expect(await page.locator('#set-title-err').textContent()).toBe('Write something here.');
    expect(await page.getByRole('textbox', { name: 'Set title' }).getAttribute('aria-invalid')).toBe('true');

    await page.getByRole('textbox', { name: 'Set title' }).fill('Networks 101');
    await page.getByRole('textbox', { name: 'Question text' }).fill('Which protocol does HTTP/1.1 run on?');
    await page.getByRole('textbox', { name: 'Option 1' }).fill('TCP');
    await page.getByRole('textbox', { name: 'Option 2' }).fill('Carrier pigeon');
    await page.getByRole('button', { name: 'Add option' }).click();
    await page.getByRole('textbox', { name: 'Option 3' }).fill('<b>bold</b>');
    expect(await page.locator('#opt-2-err').textContent()).toBe('No HTML or script, please.');
    await page.getByRole('button', { name: 'Remove option 3' }).click();
    // the phone preview shows the answer buttons with their text
    await page.locator('#screen').getByText('Carrier pigeon').waitFor();

    await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByRole('combobox', { name: 'Type' }).selectOption('truefalse');
    await page.getByRole('textbox', { name: 'Question text' }).fill('A load balancer can hide a crashed instance.');
    await page.getByRole('radio', { name: 'True' }).check();
    await page.getByRole('spinbutton', { name: 'Seconds to answer (optional)' }).fill('30');
    await page.locator('#screen').getByText('False').waitFor();

    // The answer-leak checks of `npm run content -- --lint` run as the teacher writes: a slider
    // whose middle is the answer is flagged, in the panel and on the question, until it moves.
    await page.locator('#fairness').getByText('No answer leaks found.').waitFor();
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByRole('combobox', { name: 'Type' }).selectOption('numeric');
    await page.getByRole('textbox', { name: 'Question text' }).fill('How many nines is 52 minutes of downtime a year?');
    await page.locator('#fairness').getByText(/The middle of the slider earns points/).waitFor();
    await page.locator('#question-fairness').getByText(/middle of the slider earns points here/).waitFor();
    expect(await page.locator('#questions li').nth(2).textContent()).toContain('⚖ 11 fairness note');
    await page.getByRole('spinbutton', { name: 'Right answer' }).fill('4');
    await page.locator('#fairness').getByText('No answer leaks found.').waitFor();
    expect(await page.locator('#question-fairness').textContent()).toBe('');
    await page.getByRole('button', { name: 'Delete question 3' }).click();
    await expect.poll(() => items(page).count()).toBe(2);

    await page.getByRole('button', { name: 'Move question 2 up' }).click();
    expect(await items(page).allTextContents()).toEqual(['1. True or falseA load balancer can hide a crashed instance.', '2. Single choiceWhich protocol does HTTP/1.1 run on?']);

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    const link = await page.getByRole('textbox', { name: 'Your edit link:' }).inputValue();
    expect(link).toMatch(/\/host\/sets\?id=[A-Za-z0-9_-]+#token=[A-Za-z0-9_-]+$/);
    expect(page.url()).toMatch(/\/host\/sets\?id=[A-Za-z0-9_-]+&lang=en#token=/);
    const id = new URL(link).searchParams.get('id')!;
    await page.getByRole('link', { name: 'Networks 101' }).waitFor();

    // A fresh browser with only the link: the set comes back, and edits save with the token.
    const again = await editorPage(`${link}`.replace('?id=', '?lang=en&id='));
    await expect.poll(() => again.getByRole('textbox', { name: 'Set title' }).inputValue()).toBe('Networks 101');
    expect(await items(again).allTextContents()).toEqual(['1. True or falseA load balancer can hide a crashed instance.', '2. Single choiceWhich protocol does HTTP/1.1 run on?']);
    await again.getByRole('button', { name: 'Edit question 2' }).click();
    expect(await again.getByRole('textbox', { name: 'Option 1' }).inputValue()).toBe('TCP');
    await again.getByRole('textbox', { name: 'Question text' }).fill('Which transport does HTTP/1.1 use?');
    await again.getByRole('button', { name: 'Save' }).click();
    await again.getByText('Saved.').waitFor();

    const download = again.waitForEvent('download');
    await again.getByRole('link', { name: 'Download CSV' }).click();
    const csv = fs.readFileSync((await (await download).path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^truefalse,A load balancer can hide a crashed instance\./);
    expect(lines[1]).toContain(',true,');
    expect(lines[1]).toContain(',30,');
    expect(lines[2]).toMatch(/^single,Which transport does HTTP\/1\.1 use\?,TCP,Carrier pigeon/);
    const stored = (await (await fetch(`${server.url}/api/sets/${id}`)).json()) as { questions: { text: { en: string } }[] };
    expect(stored.questions[1]!.text.en).toBe('Which transport does HTTP/1.1 use?');

    // A bad CSV stores nothing and names the row and the field.
    const before = await server.server.store.sets.count();
    await again.getByLabel('Import a file (JSON, CSV or Excel)').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('type,question,option1,option2,correct\nsingle,Which port is HTTPS?,443,80,1\nsingle,Which port is SSH?,22,25,\n'),
    });
    const alert = again.getByRole('alert').filter({ hasText: 'The file was not imported' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Row 3, correct: /);
    expect(await server.server.store.sets.count()).toBe(before);

    // "Play this set" opens the host form with the set chosen; a custom plan goes to POST /api/games.
    await again.getByRole('link', { name: 'Play this set in a game' }).click();
    await again.getByRole('combobox', { name: 'Game plan' }).selectOption('custom');
    await again.getByRole('checkbox', { name: 'Handling failures' }).check();
    await again.getByRole('spinbutton', { name: 'Questions per round' }).fill('5');
    await again.getByRole('checkbox', { name: 'Bad deploy' }).check();
    expect(await again.getByRole('combobox', { name: 'Questions from' }).inputValue()).toBe(id);
    const request = again.waitForRequest((r) => r.url().endsWith('/api/games') && r.method() === 'POST');
    await again.getByRole('button', { name: 'Create game' }).click();
    expect((await request).postDataJSON()).toMatchObject({
      plan: { kind: 'custom', topics: ['intro', 'protocols', 'failures'], quizRounds: 1, questionsPerRound: 5, timeLimitSec: 20, speedScoring: true, scenarios: ['bad-deploy'] },
      setId: id,
    });
    await again.getByTestId('join-code').waitFor();
  });
});
