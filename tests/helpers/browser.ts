// Launches Debian's Chromium headless through playwright-core (no browser download), with a fresh
// profile, as the project's end-to-end tests and screenshot script need it.
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, devices } from 'playwright-core';

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('No Chromium found. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).');
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--use-gl=swiftshader', '--enable-unsafe-swiftshader'],
  });
}

/** A phone-sized context: 390×844, touch, mobile user agent. */
export async function phoneContext(browser: Browser, locale = 'en-US'): Promise<BrowserContext> {
  const phone = devices['Pixel 7'] ?? devices['iPhone 13'];
  return browser.newContext({ ...phone, viewport: { width: 390, height: 844 }, locale });
}

export async function projectorContext(browser: Browser, locale = 'en-US'): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1600, height: 900 }, locale });
}
