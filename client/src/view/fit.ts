// Text fitting for the projector: one function measures, wraps and, if it must, scales a text
// down to fit a box. Scenes draw what it returns; unit tests run it on the bank's longest texts
// with a conservative measurer, so "it fits" is checked without a browser. Pure: the caller
// passes the measurer (a canvas in the page, a glyph-width table in tests).

/** Width in px of `text` drawn at `size` px, bold or not. */
export type Measure = (text: string, size: number, bold: boolean) => number;

export interface FitOptions {
  /** Preferred font size, px. */
  size: number;
  /** Smallest acceptable size, px; below it the text is cut with an ellipsis and `fits` is false. */
  minSize?: number;
  bold?: boolean;
  /** At most this many lines (default: as many as the height holds). */
  maxLines?: number;
  /** Line height as a multiple of the size (what the scene draws with; see LINE_HEIGHT). */
  lineHeight?: number;
}

export interface Fitted {
  size: number;
  lines: string[];
  /** The widest line, px. */
  width: number;
  /** lines × size × lineHeight, px. */
  height: number;
  /** False when even minSize needed cutting the text. */
  fits: boolean;
}

/** Line height the scenes draw text with (font size × this). */
export const LINE_HEIGHT = 1.22;
const ELLIPSIS = '…';

/**
 * Breaks `text` into lines no wider than `width` (at spaces; a word wider than a line is split,
 * and `split.words` counts how many were). Keeps explicit newlines; a no-break space (U+00A0, as
 * in "99.2 %" or "12 s") never breaks.
 */
export function wrap(text: string, width: number, size: number, bold: boolean, measure: Measure, split = { words: 0 }): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate, size, bold) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      if (measure(rest, size, bold) > width) split.words++;
      while (measure(rest, size, bold) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && measure(rest.slice(0, cut), size, bold) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The largest size from `size` down to `minSize` at which `text` fits `box` (wrapped to its width,
 * its lines within its height and maxLines), preferring a size at which no word has to be split.
 * If none fits, the text at minSize cut to the lines that fit, the last ending in "…".
 */
export function fitText(text: string, box: { width: number; height: number }, options: FitOptions, measure: Measure): Fitted {
  const bold = options.bold ?? true;
  const lh = options.lineHeight ?? LINE_HEIGHT;
  const minSize = Math.min(options.size, options.minSize ?? options.size);
  const clean = text.replace(/[ \t]+/g, ' ').trim();
  const result = (size: number, lines: string[], fits: boolean): Fitted => ({
    size,
    lines,
    width: Math.max(0, ...lines.map((l) => measure(l, size, bold))),
    height: lines.length * size * lh,
    fits,
  });
  const sizes: number[] = [];
  for (let size = Math.round(options.size); size >= minSize; size -= size > 60 ? 4 : 2) sizes.push(size);
  for (const wholeWords of [true, false]) {
    for (const size of sizes) {
      const split = { words: 0 };
      const lines = wrap(clean, box.width, size, bold, measure, split);
      const capacity = Math.min(options.maxLines ?? Infinity, Math.floor(box.height / (size * lh) + 1e-6));
      if (lines.length <= capacity && (!wholeWords || split.words === 0)) return result(size, lines, true);
    }
  }
  const lines = wrap(clean, box.width, minSize, bold, measure);
  const capacity = Math.max(1, Math.min(options.maxLines ?? Infinity, Math.floor(box.height / (minSize * lh) + 1e-6)));
  const kept = lines.slice(0, capacity);
  let last = `${kept[capacity - 1] ?? ''}${ELLIPSIS}`;
  while (last.length > 1 && measure(last, minSize, bold) > box.width) last = `${last.slice(0, -2).trimEnd()}${ELLIPSIS}`;
  kept[capacity - 1] = last;
  return result(minSize, kept, false);
}
