// The teacher's classroom settings in Chromium (1280×720): a game created with speed scoring off,
// generated-only nicknames and "hold new names"; an SDK phone gets a generated name (a typed one
// is refused); the teacher switches to typed names in the lobby's settings, and a typed name is
// held: marked and first in Players, absent from the projector until approved (a rejected one is
// replaced by a generated name). Then a rename refused in words and a rename done, extra time ×2
// and no speed points reaching the server (the student's own phone is told its extra time), the
// side panel beside the view and the control bar on one line, and Read aloud speaking the first
// question in the game's language.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type Room } from '@colyseus/sdk';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.ts';
import { startTestServer, recorder, type TestServer } from '../helpers/server.ts';
import { ensureClientBuilt } from '../helpers/build.ts';
import { projectorScene, projectorTexts } from '../helpers/projector.ts';

let server: TestServer;
let browser: Browser;
const phones: Room[] = [];

beforeAll(async () => {
  ensureClientBuilt();
  server = await startTestServer({ QUESTION_SECONDS: '60', ROUND_INTRO_MS: '300', PATCH_RATE_MS: '50', TICK_MS: '50' });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const p of phones) await p.leave().catch(() => undefined);
  await browser?.close();
  await server?.close();
});


async function phone(code: string, name?: string) {
  const room = await new Client(server.wsUrl).joinById(code, name === undefined ? {} : { name });
  const log = recorder(room);
  phones.push(room);
  await expect.poll(() => log.last('welcome')).toBeDefined();
  return { room, log, name: (log.last('welcome') as { name: string }).name };
}

describe('the teacher’s classroom settings', () => {
  it('holds new names off the projector until approved, renames, and gives a student extra time', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    // Records what the page asks the browser to speak (the page's own read-aloud code runs as is).
    await context.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { uaSpoken: typeof spoken }).uaSpoken = spoken;
      if (window.speechSynthesis) window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => void spoken.push({ text: u.text, lang: u.lang });
    });
    const host = await context.newPage();
    host.setDefaultTimeout(30_000);
    await host.goto(`${server.url}/host?lang=en`);
    await host.getByLabel('Number of teams').fill('2');
    const speed = host.getByRole('checkbox', { name: 'Speed scoring' });
    await expect.poll(() => speed.isChecked()).toBe(true);
    await speed.uncheck();
    await host.getByRole('combobox', { name: 'Nicknames', exact: true }).selectOption('generated');
    await host.getByRole('checkbox', { name: 'Hold new names for my approval' }).check();
    await host.getByRole('button', { name: 'Create game' }).click();
    const code = (await host.getByTestId('join-code').textContent())!.trim();

    // generated only: a typed name is refused in words, a phone without one gets a generated name
    await expect(new Client(server.wsUrl).joinById(code, { name: 'Typed' })).rejects.toThrow(/generated/i);
    const first = await phone(code);
    expect(first.name).toMatch(/^\S+ \S+$/);
    await expect.poll(() => projectorTexts(host)).toContain(first.name);

    // the settings the game was created with, and the switch to typed names in the lobby
    await host.getByRole('button', { name: 'Settings' }).click();
    expect(await host.getByRole('checkbox', { name: 'Speed scoring' }).isChecked()).toBe(false);
    expect(await host.getByRole('checkbox', { name: 'Hold new names for my approval' }).isChecked()).toBe(true);
    const mode = host.getByRole('combobox', { name: 'Nicknames', exact: true });
    expect(await mode.inputValue()).toBe('generated');
    await mode.selectOption('typed');
    await expect.poll(() => (phones[0]!.state as { nicknames: string }).nicknames).toBe('typed');
    const readAloud = host.getByRole('checkbox', { name: 'Read aloud' });
    expect(await readAloud.isEnabled()).toBe(true);
    await readAloud.check();

    // a typed name is held: first in Players, marked, not on the projector
    const rosa = await phone(code, 'Rosa');
    expect(rosa.log.last('welcome').nickname.held).toBe(true);
    await host.getByRole('button', { name: 'Players' }).click();
    const rosaRow = host.getByRole('group', { name: /^Rosa/ });
    await rosaRow.waitFor();
    expect(await rosaRow.getAttribute('aria-label')).toBe('Rosa (Waiting for your approval)');
    expect(await host.locator('.side li').first().getAttribute('aria-label')).toMatch(/^Rosa/);
    expect(await host.locator('.side .held-count').textContent()).toBe('1 nickname waits for your approval');
    expect(await projectorTexts(host)).not.toContain('Rosa');
    expect(await projectorTexts(host)).toContain(first.name);
    await rosaRow.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => projectorTexts(host)).toContain('Rosa');
    await expect.poll(() => host.getByRole('group', { name: 'Rosa', exact: true }).count()).toBe(1);
    expect(await host.locator('.side li.held').count()).toBe(0);

    // a rejected name never reaches the projector: the student gets a generated one
    const zed = await phone(code, 'Zedd');
    const zedRow = host.getByRole('group', { name: /^Zedd/ });
    await zedRow.getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => zed.log.last('nickname')?.name).toMatch(/^\S+ \S+$/);
    const zedNew = zed.log.last('nickname').name as string;
    await expect.poll(() => projectorTexts(host)).toContain(zedNew);
    expect(await projectorTexts(host)).not.toContain('Zedd');

    // rename: a refusal in words beside the field, then a rename that reaches the phone and the projector
    const firstRow = host.getByRole('group', { name: first.name, exact: true });
    await firstRow.getByRole('button', { name: 'Rename' }).click();
    const field = firstRow.getByRole('textbox', { name: `New nickname for ${first.name}` });
    await field.fill('Rosa');
    await field.press('Enter');
    await expect.poll(() => firstRow.getByRole('alert').textContent()).toBe('Not done: That nickname is taken in this game.');
    await field.fill('Luna');
    await firstRow.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => first.log.last('nickname')?.name).toBe('Luna');
    const lunaRow = host.getByRole('group', { name: 'Luna', exact: true });
    await lunaRow.waitFor();
    await expect.poll(() => projectorTexts(host)).toContain('Luna');
    expect(await projectorTexts(host)).not.toContain(first.name);

    // accommodations: only the student's own phone learns the extra time
    await lunaRow.getByLabel('Extra time').selectOption('2');
    await expect.poll(() => first.log.last('extra-time')?.extraTime).toBe(2);
    expect(rosa.log.of('extra-time')).toEqual([]);
    await lunaRow.getByRole('checkbox', { name: 'No speed points' }).check();
    // the row is drawn again from the server's roster: the choices stay as the server took them
    await expect.poll(() => host.getByRole('group', { name: 'Luna', exact: true }).getByRole('checkbox', { name: 'No speed points' }).isChecked()).toBe(true);
    expect(await host.getByRole('group', { name: 'Luna', exact: true }).getByLabel('Extra time').inputValue()).toBe('2');
    expect(await host.getByRole('group', { name: 'Rosa', exact: true }).getByLabel('Extra time').inputValue()).toBe('1');

    // the side panel sits beside the view, and the control bar stays one line
    const layout = await host.evaluate(() => {
      const canvas = document.querySelector('#console .stage canvas')!.getBoundingClientRect();
      const side = document.querySelector('#console .side')!.getBoundingClientRect();
      const tops = [...document.querySelectorAll<HTMLElement>('#console .controls .buttons button')].filter((b) => b.offsetParent !== null).map((b) => Math.round(b.getBoundingClientRect().top));
      return { overlap: side.left < canvas.right - 0.5 && side.right > canvas.left + 0.5, rows: new Set(tops).size, sideScrolls: getComputedStyle(document.querySelector('#console .side')!).overflowY };
    });
    expect(layout).toEqual({ overlap: false, rows: 1, sideScrolls: 'auto' });

    // the game starts: nickname settings are locked, and the first question is read aloud in English
    await host.getByRole('button', { name: 'Start game' }).click();
    await expect.poll(() => projectorScene(host), { timeout: 30_000 }).toBe('host-question');
    const spoken = await host.evaluate(() => (window as unknown as { uaSpoken: { text: string; lang: string }[] }).uaSpoken);
    const text = (phones[0]!.state as { question: { text: string } }).question.text;
    expect(spoken).toHaveLength(1);
    expect(spoken[0]!.lang).toBe('en-US');
    expect(spoken[0]!.text.startsWith(text)).toBe(true);
    await host.getByRole('button', { name: 'Settings' }).click();
    expect(await host.getByRole('combobox', { name: 'Nicknames', exact: true }).isDisabled()).toBe(true);
    expect(await host.getByRole('checkbox', { name: 'Hold new names for my approval' }).isDisabled()).toBe(true);
    await context.close();
  });
});
