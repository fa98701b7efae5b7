// `npm run bench:phone`: how soon a student's join form is usable on a slow phone. Headless
// Chromium with a 390×844 touch screen, the network throttled to Chrome's "Fast 3G" profile
// (562.5 ms RTT, 1.44 Mbps down, 675 kbps up) and the CPU slowed 4×, opens /?code=CODE on a
// fresh profile (nothing cached) and times navigation start → the form wired and typable.
// Prints each run and, last, JSON: formUsableMs {median, max}, transferredKB, target 2500 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, phoneContext } from '../tests/helpers/browser.ts';
import { freePort } from '../tests/helpers/port.ts';
import { ensureClientBuilt } from '../tests/helpers/build.ts';
import { loadConfig } from '../server/config.ts';
import { createLogger } from '../server/log.ts';
import { createGameServer } from '../server/app.ts';

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
ensureClientBuilt();
const port = await freePort();
const server = await createGameServer(loadConfig({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'ua-phone-')), LOG_LEVEL: 'warn' }), createLogger('warn'));
await server.listen();
const url = `http://127.0.0.1:${port}`;
const game = (await (await fetch(`${url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { code: string };

const browser = await launchBrowser();
const times: number[] = [];
let transferred = 0;
for (let run = 0; run < RUNS; run++) {
  const context = await phoneContext(browser, 'es-ES');
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 562.5, downloadThroughput: (1.44 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
  await page.goto(`${url}/?code=${game.code}`, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'join', undefined, { timeout: 30_000 });
  await page.getByRole('textbox', { name: 'Apodo' }).fill('Ana');
  const ms = await page.evaluate(() => performance.getEntriesByName('join-form-usable')[0]?.startTime ?? NaN);
  times.push(Math.round(ms));
  transferred = bytes;
  console.log(`run ${run + 1}: join form usable after ${Math.round(ms)} ms, ${(bytes / 1024).toFixed(1)} KB transferred`);
  await context.close();
}
await browser.close();
await server.shutdown();
const sorted = [...times].sort((a, b) => a - b);
console.log(JSON.stringify({ profile: 'Fast 3G + 4x CPU', runs: RUNS, formUsableMs: { median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) }, transferredKB: Math.round(transferred / 102.4) / 10, targetMs: 2500 }));
process.exit(0);
