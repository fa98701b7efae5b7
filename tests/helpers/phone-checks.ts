// Checks of a phone page, measured in the browser: nothing wider than the screen, no word split
// across two lines, every control at least 44×44 CSS px and reachable (scrolled into view, it is
// the element a tap there hits, not the sticky header over it), the team chip's shape and nickname
// whole; and axe-core's serious and critical violations.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface LayoutProblem {
  readonly what: string;
  readonly where: string;
}

/** Every problem on the page as it is now (scrolls it; scroll position is restored). */
export async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(() => {
    const problems: { what: string; where: string }[] = [];
    const vw = document.documentElement.clientWidth;
    const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).join('.')}` : ''} "${(e.textContent ?? '').trim().slice(0, 40)}"`;
    const visible = (e: Element) => {
      if (e.closest('[hidden], .sr-only, .burst, noscript, script, style, head')) return false;
      const r = e.getBoundingClientRect();
      const cs = getComputedStyle(e);
      return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none';
    };
    if (document.scrollingElement!.scrollWidth > vw + 1) problems.push({ what: `the page scrolls sideways (${document.scrollingElement!.scrollWidth} > ${vw})`, where: 'document' });
    const all = [...document.body.querySelectorAll('*')].filter(visible);
    for (const e of all) {
      const r = e.getBoundingClientRect();
      if (r.left < -1 || r.right > vw + 1) problems.push({ what: `outside the screen's width (${Math.round(r.left)}..${Math.round(r.right)} of ${vw})`, where: describe(e) });
    }
    // words: each word's text range must sit on one line; a line may end after a hyphen, a dash
    // or a slash inside a compound ("client–" / "server"), as typesetting allows, never mid-word
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || !visible(parent)) continue;
      const text = n.textContent ?? '';
      for (const m of text.matchAll(/[^\s\-‐–—/]+[\-‐–—/]*|[\-‐–—/]+/g)) {
        const range = document.createRange();
        range.setStart(n, m.index!);
        range.setEnd(n, m.index! + m[0].length);
        const rects = [...range.getClientRects()].filter((rc) => rc.width > 0);
        const tops = new Set(rects.map((rc) => Math.round(rc.top / 4)));
        if (tops.size > 1) problems.push({ what: `word broken across lines: "${m[0]}"`, where: describe(parent) });
        if (rects.some((rc) => rc.right > vw + 1 || rc.left < -1)) problems.push({ what: `word runs off the screen: "${m[0]}"`, where: describe(parent) });
        const box = parent.closest('button, a, select, .chip')?.getBoundingClientRect();
        if (box && rects.some((rc) => rc.right > box.right + 1 || rc.left < box.left - 1 || rc.bottom > box.bottom + 1 || rc.top < box.top - 1)) problems.push({ what: `word spills out of its control: "${m[0]}"`, where: describe(parent) });
      }
    }
    // controls: size and reachability
    const x0 = scrollX;
    const y0 = scrollY;
    const controls = all.filter((e) => e.matches('button, a[href], input, select, textarea, [role="tab"]'));
    for (const c of controls) {
      const r = c.getBoundingClientRect();
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5) problems.push({ what: `touch target ${Math.round(r.width)}×${Math.round(r.height)} (< 44×44)`, where: describe(c) });
      c.scrollIntoView({ block: 'center', inline: 'center' });
      const rr = c.getBoundingClientRect();
      const hit = document.elementFromPoint(rr.left + rr.width / 2, rr.top + rr.height / 2);
      if (!hit || (hit !== c && !c.contains(hit) && !(c instanceof HTMLInputElement && c.labels && [...c.labels].some((l) => l.contains(hit))))) problems.push({ what: `not reachable: a tap at its centre hits ${hit ? describe(hit) : 'nothing'}`, where: describe(c) });
    }
    scrollTo(x0, y0);
    return problems;
  });
}

/** The team chip keeps the team's shape and the whole nickname on screen. */
export async function chipProblems(page: Page, nickname: string): Promise<LayoutProblem[]> {
  return page.evaluate((nick) => {
    const problems: { what: string; where: string }[] = [];
    const vw = document.documentElement.clientWidth;
    const chip = document.querySelector('#game .chip');
    const shape = chip?.querySelector('svg')?.getBoundingClientRect();
    const name = chip?.querySelector('.nick') as HTMLElement | null;
    if (!shape || shape.width < 12 || shape.height < 12 || shape.right > vw) problems.push({ what: 'the team shape is missing or off screen', where: 'chip' });
    if (!name || name.textContent !== nick) problems.push({ what: `the nickname shows as "${name?.textContent}"`, where: 'chip' });
    const r = name?.getBoundingClientRect();
    if (!r || r.right > vw || r.left < 0 || name!.scrollWidth > name!.clientWidth + 1) problems.push({ what: 'the nickname is cut or off screen', where: 'chip' });
    return problems;
  }, nickname);
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  // The pages' Content-Security-Policy (script-src 'self') refuses an injected <script>, as it
  // should; the DevTools protocol's evaluation is not subject to it, so axe goes in that way.
  if (!(await page.evaluate(() => 'axe' in window))) {
    const cdp = await page.context().newCDPSession(page);
    const r = (await cdp.send('Runtime.evaluate', { expression: readFileSync(axeSource, 'utf8') })) as { exceptionDetails?: { text: string } };
    await cdp.detach();
    if (r.exceptionDetails) throw new Error(`axe-core did not load: ${r.exceptionDetails.text}`);
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}`);
  });
  return violations;
}
