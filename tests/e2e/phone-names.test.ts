// The student's phone under the classroom settings, through the LAN address at 360×640 with the
// CPU throttled 4×: a generated-only game joined without typing (its name shown, re-rolled until
// none are left); a typed name refused by the word lists with the readable reason, the field kept
// for a new try; a held name's notice until the teacher (an SDK host sending host:review-name)
// accepts it, and the teacher's rename; a student with extra time whose countdown is their own,
// longer than the class's, after a reload too; "Read aloud" speaking the question in the game's
// language, and absent from a browser without speech synthesis.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Room } from '@colyseus/sdk';
import { launchBrowser } from '../helpers/browser.ts';
import { rosterOf, startTestServer, type TestServer } from '../helpers/server.ts';
import { ensureClientBuilt } from '../helpers/build.ts';
import { requireLanAddress } from '../helpers/lan.ts';
import { axeViolations, chipProblems, layoutProblems } from '../helpers/phone-checks.ts';
import { nicknameChoices } from '../../shared/rules/nicknames.ts';
import { GAME } from '../../shared/constants.ts';
import { readNameLists } from '../../server/content/load-names.ts';

const QUESTION_SECONDS = 60;

let server: TestServer;
let browser: Browser;
let lan: string;
const contexts: BrowserContext[] = [];

/** A plain entry of the offensive word list (the filter's own data). */
const offensiveEntry = readNameLists()
  .filter((l) => l.kind === 'offensive')
  .flatMap((l) => l.text.split('\n'))
  .map((l) => l.replace(/#.*$/, '').trim())
  .find((l) => /^[a-z]{3,}$/.test(l))!;

beforeAll(async () => {
  lan = requireLanAddress();
  ensureClientBuilt();
  server = await startTestServer({ HOST: '0.0.0.0', QUESTION_SECONDS: String(QUESTION_SECONDS), ROUND_INTRO_MS: '300', PATCH_RATE_MS: '50', TICK_MS: '50' });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

/** A 360×640 phone, CPU throttled 4×, on the join page of `code` through the LAN address; speech calls are recorded. */
async function phone(code: string, options: { speech?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'en-US', reducedMotion: 'reduce' });
  contexts.push(context);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (options.speech === false) {
    await page.addInitScript(() => {
      // as in a browser without the Web Speech API
      Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
    });
  } else {
    // Headless Chromium has no voice to hear: what the page asks to speak is recorded instead.
    await page.addInitScript(() => {
      const w = window as unknown as { spoken: { text: string; lang: string }[] };
      w.spoken = [];
      window.speechSynthesis.speak = (u: SpeechSynthesisUtterance) => void w.spoken.push({ text: u.text, lang: u.lang });
    });
  }
  await page.goto(`http://${lan}:${server.port}/?code=${code}&lang=en`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'join');
  return page;
}

const nickOf = (page: Page) => page.locator('#game .chip .nick').textContent();
const joined = (page: Page) => page.getByTestId('my-score').waitFor();

async function expectFitsAndAccessible(page: Page, nick: string, screen: string): Promise<void> {
  const problems = [...(await layoutProblems(page)), ...(await chipProblems(page, nick))];
  expect(problems.map((p) => `${screen}: ${p.what} — ${p.where}`)).toEqual([]);
  expect((await axeViolations(page)).map((v) => `${screen}: ${v}`)).toEqual([]);
}

async function teacherOf(game: { code: string; hostToken: string }) {
  const host: Room = await server.client().joinById(game.code, { hostToken: game.hostToken });
  const roster = rosterOf(host);
  host.onMessage('*', () => undefined);
  const idOf = async (name: string) => {
    await vi.waitFor(() => expect([...roster.values()].some((r) => r.name === name)).toBe(true), { timeout: 30_000 });
    return [...roster.values()].find((r) => r.name === name)!.id;
  };
  return { host, roster, idOf };
}

describe('the phone under the classroom settings', () => {
  it('joins a generated-only game without typing, shows its name and re-rolls it until none are left', async () => {
    const game = await server.createGame({ lang: 'en', teams: 2, nicknames: 'generated' });
    const page = await phone(game.code);
    await page.getByRole('button', { name: 'Join' }).click();
    await joined(page);
    let name = (await nickOf(page))!;
    expect(nicknameChoices('en')).toContain(name);
    await page.getByRole('heading', { name: `You're in, ${name}!` }).waitFor();
    await expectFitsAndAccessible(page, name, 'lobby with a re-roll');

    for (let left: number = GAME.nameRerolls; left > 0; left--) {
      await page.getByRole('button', { name: `Another nickname (${left} left)` }).click();
      const before = name;
      await vi.waitFor(async () => expect(await nickOf(page)).not.toBe(before), { timeout: 30_000 });
      name = (await nickOf(page))!;
      expect(nicknameChoices('en')).toContain(name);
      await page.getByRole('heading', { name: `You're in, ${name}!` }).waitFor();
    }
    expect(await page.getByRole('button', { name: /Another nickname/ }).count()).toBe(0);

    // A student who types a name anyway is told the game gives them one, and gets it with one more tap.
    const typer = await phone(game.code);
    await typer.getByRole('textbox', { name: 'Nickname' }).fill('Ana');
    await typer.getByRole('button', { name: 'Join' }).click();
    await typer.getByText('In this game the teacher gives everyone a nickname. Tap Join to get yours.').waitFor();
    expect(await typer.getByRole('textbox', { name: 'Nickname' }).count()).toBe(0);
    expect(await typer.locator('#join-error').textContent()).toBe('');
    await typer.getByRole('button', { name: 'Join' }).click();
    await joined(typer);
    expect(nicknameChoices('en')).toContain(await nickOf(typer));
    await typer.getByRole('button', { name: `Another nickname (${GAME.nameRerolls} left)` }).waitFor();
  });

  it('refuses an offensive or a teacher-like typed name with the readable reason and keeps the form for a new try', async () => {
    const game = await server.createGame({ lang: 'en', teams: 2 });
    const page = await phone(game.code);
    const name = page.getByRole('textbox', { name: 'Nickname' });
    const error = page.locator('#join-error');
    const join = page.getByRole('button', { name: 'Join' });

    await join.click();
    await vi.waitFor(async () => expect(await error.textContent()).toBe('Type a nickname (up to 20 characters).'), { timeout: 30_000 });

    await name.fill(offensiveEntry);
    await join.click();
    await vi.waitFor(async () => expect(await error.textContent()).toBe("That nickname can't be used in class. Please pick another one."), { timeout: 30_000 });
    expect(await name.inputValue()).toBe(offensiveEntry);
    expect(await page.getByRole('textbox', { name: 'Game code' }).inputValue()).toBe(game.code);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('name');

    await name.fill('Profe');
    await join.click();
    await vi.waitFor(async () => expect(await error.textContent()).toBe("Nicknames can't look like the teacher's (Teacher, Profe, Host…). Please pick another one."), { timeout: 30_000 });
    expect(await name.inputValue()).toBe('Profe');

    await name.fill('Nguyễn');
    await join.click();
    await joined(page);
    expect(await nickOf(page)).toBe('Nguyễn');
    // a typed name has no re-rolls
    expect(await page.getByRole('button', { name: /Another nickname/ }).count()).toBe(0);
  });

  it('says a held name waits for the teacher until accepted, and shows the name the teacher gives', async () => {
    const game = await server.createGame({ lang: 'en', teams: 2, holdNames: true });
    const { host, roster, idOf } = await teacherOf(game);
    const page = await phone(game.code);
    await page.getByRole('textbox', { name: 'Nickname' }).fill('Zoë');
    await page.getByRole('button', { name: 'Join' }).click();
    await joined(page);
    const held = page.getByTestId('name-held');
    await held.waitFor();
    expect(await held.textContent()).toBe('Your nickname shows on the big screen once the teacher accepts it.');
    expect(await held.getAttribute('role')).toBe('status');
    await expectFitsAndAccessible(page, 'Zoë', 'lobby with a held name');

    const id = await idOf('Zoë');
    expect(roster.get(id)?.held).toBe(true);
    host.send('host:review-name', { playerId: id, accept: true });
    await held.waitFor({ state: 'hidden' });
    expect(await nickOf(page)).toBe('Zoë');

    host.send('host:rename', { playerId: id, name: 'Luna' });
    await page.getByRole('heading', { name: "You're in, Luna!" }).waitFor();
    expect(await nickOf(page)).toBe('Luna');
    await vi.waitFor(async () => expect(await page.locator('#game [aria-live="polite"][aria-atomic="true"]').textContent()).toContain('Your nickname is now Luna.'));
    expect(await held.isHidden()).toBe(true);
    // the seat this browser keeps carries the new name
    expect(JSON.parse((await page.evaluate((c) => localStorage.getItem(`ua:seat:${c}`), game.code))!).name).toBe('Luna');
    await host.leave();
  });

  it("counts down a student's own extra time on their phone only, and reads the question aloud", async () => {
    const game = await server.createGame({ lang: 'en', teams: 2 });
    const { host, roster, idOf } = await teacherOf(game);
    const ana = await phone(game.code);
    await ana.getByRole('textbox', { name: 'Nickname' }).fill('Ana');
    await ana.getByRole('button', { name: 'Join' }).click();
    await joined(ana);
    const ben = await phone(game.code, { speech: false });
    await ben.getByRole('textbox', { name: 'Nickname' }).fill('Ben');
    await ben.getByRole('button', { name: 'Join' }).click();
    await joined(ben);

    const anaId = await idOf('Ana');
    host.send('host:accommodate', { playerId: anaId, extraTime: 2, noSpeed: false });
    await vi.waitFor(() => expect(roster.get(anaId)?.extraTime).toBe(2));
    host.send('host:start', {});
    await vi.waitFor(() => expect((host.state as { phase: string }).phase).toBe('question'), { timeout: 30_000 });
    expect((host.state as { timerDurationMs: number }).timerDurationMs).toBe(QUESTION_SECONDS * 1000);

    const secondsOn = async (page: Page) => {
      const clock = page.getByRole('timer', { name: 'Time left' });
      await clock.waitFor();
      let s = NaN;
      await vi.waitFor(async () => {
        s = Number(/^(\d+) s$/.exec((await clock.textContent()) ?? '')?.[1]);
        expect(s).toBeGreaterThan(0);
      });
      return s;
    };
    const benLeft = await secondsOn(ben);
    const anaLeft = await secondsOn(ana);
    // (a phone's clock offset comes from the welcome's server time, so it reads up to one network trip long: the +1)
    expect(benLeft).toBeLessThanOrEqual(QUESTION_SECONDS + 1);
    // Ana's clock runs to her own deadline: twice the question's time from its opening.
    expect(anaLeft).toBeGreaterThan(QUESTION_SECONDS + 30);
    expect(anaLeft).toBeLessThanOrEqual(2 * QUESTION_SECONDS + 1);

    // After a reload her phone learns her time again from the welcome.
    await ana.reload();
    await ana.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await secondsOn(ana)).toBeGreaterThan(QUESTION_SECONDS + 30);
    expect(await secondsOn(ben)).toBeLessThanOrEqual(QUESTION_SECONDS + 1);

    // Read aloud: the question and its options, in the game's language; none where speech is missing.
    const question = (await ana.locator('#game h1.question').textContent())!;
    await ana.getByRole('button', { name: 'Read aloud' }).click();
    const spoken = await ana.evaluate(() => (window as unknown as { spoken: { text: string; lang: string }[] }).spoken);
    expect(spoken).toHaveLength(1);
    expect(spoken[0]!.lang).toBe('en-US');
    expect(spoken[0]!.text.startsWith(question)).toBe(true);
    for (const option of await ana.locator('#game .answer, #game .order-item').allTextContents()) expect(spoken[0]!.text).toContain(option.trim());
    await ben.locator('#game h1.question').waitFor();
    expect(await ben.getByRole('button', { name: 'Read aloud' }).count()).toBe(0);
    await expectFitsAndAccessible(ana, 'Ana', 'question with Read aloud');
    await host.leave();
  });
});
