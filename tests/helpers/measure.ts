// A measurer for the text-fitting function without a browser: advance widths of the projector's
// font stack as Chromium draws it on Debian (DejaVu Sans, one of the widest sans fonts: a
// school's Segoe UI or Roboto is narrower), from glyph-widths.json, plus a 3 % margin. A
// character not in the table counts as wide as "W".
import type { Measure } from '../../client/src/view/fit.ts';
import widths from './glyph-widths.json' with { type: 'json' };

const table = widths as unknown as Record<string, [number, number]>;
const WIDE = table.W!;

export const tableMeasure: Measure = (text, size, bold) => {
  let sum = 0;
  for (const c of text) sum += (table[c] ?? WIDE)[bold ? 0 : 1];
  return (sum * size * 1.03) / 100;
};
