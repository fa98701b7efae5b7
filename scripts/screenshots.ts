// Plays a short game in headless Chromium against a running server and saves screenshots of the
// projector and a phone for the README: `npm run screenshots -- [--url http://localhost:2567]`.
import path from 'node:path';
import { launchBrowser, phoneContext, projectorContext } from '../tests/helpers/browser.ts';

const url = process.argv.includes('--url') ? process.argv[process.argv.indexOf('--url') + 1]! : 'http://localhost:2567';
const out = path.resolve('docs/screenshots');

const browser = await launchBrowser();
try {
  const host = await (await projectorContext(browser)).newPage();
  await host.goto(`${url}/host?lang=en`);
  await host.getByRole('button', { name: 'Create game' }).click();
  const code = (await host.getByTestId('join-code').textContent())!.trim();
  const phones = [];
  for (const name of ['Ana', 'Ben', 'Cai']) {
    const page = await (await phoneContext(browser)).newPage();
    await page.goto(`${url}/?code=${code}&lang=en`);
    await page.getByRole('textbox', { name: 'Nickname' }).fill(name);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByTestId('my-score').waitFor();
    phones.push(page);
  }
  await host.waitForTimeout(800);
  await host.screenshot({ path: `${out}/projector-lobby.png` });
  await phones[0]!.screenshot({ path: `${out}/phone-lobby.png` });
  await host.getByRole('button', { name: 'Start game' }).click();
  await phones[0]!.locator('.answer, .order-item, input[type=range]').first().waitFor({ timeout: 15000 });
  await host.waitForTimeout(900);
  await host.screenshot({ path: `${out}/projector-question.png` });
  await phones[0]!.screenshot({ path: `${out}/phone-question.png` });
  for (const p of phones) {
    const answer = p.locator('.answer').first();
    if (await answer.count()) await answer.click();
    else {
      const items = p.locator('.order-item');
      for (let i = 0; i < (await items.count()); i++) await items.nth(i).click();
      await p.getByRole('button', { name: 'Send answer' }).click();
    }
  }
  await host.getByRole('button', { name: 'Next' }).waitFor({ timeout: 25000 });
  await host.waitForTimeout(1200);
  await host.screenshot({ path: `${out}/projector-reveal.png` });
  await phones[0]!.screenshot({ path: `${out}/phone-reveal.png` });
  await host.getByRole('button', { name: 'End round' }).click();
  await host.waitForTimeout(1500);
  await host.screenshot({ path: `${out}/projector-leaderboard.png` });
  await host.getByRole('button', { name: 'Next' }).click();
  await host.waitForTimeout(2500);
  await host.screenshot({ path: `${out}/projector-podium.png` });
  console.log(`screenshots of game ${code} written to ${out}`);

  // A scenario round: the on-call drill plan, its quiz skipped, four phones in one team.
  const host2 = await (await projectorContext(browser)).newPage();
  await host2.goto(`${url}/host?lang=en`);
  await host2.getByLabel('Number of teams').fill('2');
  await host2.getByLabel('Game plan').selectOption('ops-drill');
  await host2.getByRole('button', { name: 'Create game' }).click();
  const code2 = (await host2.getByTestId('join-code').textContent())!.trim();
  const crew = [];
  for (const name of ['Dana', 'Eli', 'Fer', 'Gus', 'Hana', 'Ivo']) {
    const page = await (await phoneContext(browser)).newPage();
    await page.goto(`${url}/?code=${code2}&lang=en`);
    await page.getByRole('textbox', { name: 'Nickname' }).fill(name);
    await page.getByRole('button', { name: 'Join' }).click();
    await page.getByTestId('my-score').waitFor();
    crew.push(page);
  }
  await host2.getByRole('button', { name: 'Start game' }).click();
  await host2.getByRole('button', { name: 'Skip' }).waitFor({ timeout: 15000 });
  while (await host2.getByRole('button', { name: 'Skip' }).isVisible()) {
    await host2.getByRole('button', { name: 'Skip' }).click();
    await host2.waitForTimeout(400);
  }
  await host2.getByRole('button', { name: 'Next' }).click();
  await crew[0]!.locator('.ops .act').first().waitFor({ timeout: 20000 });
  await host2.waitForTimeout(12000);
  await host2.screenshot({ path: `${out}/projector-ops-center.png` });
  for (let i = 0; i < crew.length; i += 2) await crew[i]!.screenshot({ path: `${out}/phone-ops-${i / 2}.png`, fullPage: true });
  await host2.getByRole('button', { name: 'End round' }).click();
  await host2.waitForTimeout(2500);
  await host2.screenshot({ path: `${out}/projector-scenario-report.png` });
  console.log(`scenario screenshots of game ${code2} written to ${out}`);
} finally {
  await browser.close();
}
