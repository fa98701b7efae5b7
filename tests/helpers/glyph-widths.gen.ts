// Regenerates tests/helpers/glyph-widths.json: the advance width of each character of the
// projector's font stack (which resolves to DejaVu Sans on Debian, one of the widest sans fonts)
// at 100 px, bold and regular, measured by Chromium's canvas. The unit tests of text fitting
// measure with it: `npx tsx tests/helpers/glyph-widths.gen.ts`.
import fs from 'node:fs';
import { launchBrowser } from './browser.ts';
import { FONT } from '../../client/src/scenes/host/font.ts';

const ranges: [number, number][] = [[0x20, 0x7e], [0xa0, 0x17f], [0x2010, 0x2044], [0x2190, 0x21ff], [0x2200, 0x22ff], [0x2460, 0x24ff], [0x25a0, 0x25ff], [0x2600, 0x27bf]];
const chars = ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i)));
const browser = await launchBrowser();
const page = await browser.newPage();
const widths = await page.evaluate(({ chars, font }) => {
  const ctx = document.createElement('canvas').getContext('2d')!;
  const out: Record<string, [number, number]> = {};
  for (const c of chars) {
    ctx.font = `bold 100px ${font}`;
    const b = ctx.measureText(c).width;
    ctx.font = `100px ${font}`;
    out[c] = [Math.round(b * 10) / 10, Math.round(ctx.measureText(c).width * 10) / 10];
  }
  return out;
}, { chars, font: FONT });
await browser.close();
fs.writeFileSync(new URL('./glyph-widths.json', import.meta.url), `${JSON.stringify(widths)}\n`);
console.log(`${Object.keys(widths).length} characters measured`);
