// What the teacher's page shows on its projector view, as the browser tests read it.
import type { Page } from 'playwright-core';

/** The running scene (director.ts writes it on the stage): 'host-question', 'host-reveal', … */
export const projectorScene = (host: Page) => host.locator('.stage').getAttribute('data-scene');

/** The texts the projector's current scene shows (director.ts publishes them), as one line: a sentence may wrap. */
export const projectorTexts = (host: Page) => host.evaluate(() => (window as unknown as { uaProjector: { texts: string[] } }).uaProjector.texts.join(' ').replace(/\s+/g, ' '));
