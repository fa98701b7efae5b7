// A text placed in a box and fitted there: what the pure layouts of the projector's scenes return
// and the scenes draw (HostScene.draw). No Phaser here, so unit tests can lay out every screen.
import { fitText, type Fitted, type Measure } from '../../../view/fit.ts';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The projector view's logical size: scenes lay out on it, the page scales it to fit. */
export const VIEW_W = 1920;
export const VIEW_H = 1080;

/**
 * The smallest text the class must read, in logical px: 24 px on a 1280×720 screen, where the
 * view is drawn at about 0.62 of its size (the control bar takes the rest of the height).
 */
export const READ_MIN = 40;
/**
 * The floor for texts of any length a teacher may write (a 280-character question, a
 * 600-character explanation): they shrink down to it rather than being cut. The bank's texts
 * stay at READ_MIN or above (tests/client/layouts.test.ts).
 */
export const FLOOR = 28;

export interface TextItem {
  text: string;
  box: Box;
  fit: Fitted;
  align: 'left' | 'center' | 'right';
  valign: 'top' | 'middle' | 'bottom';
  bold: boolean;
  color?: string;
}

export interface ItemOptions {
  size?: number;
  minSize?: number;
  maxLines?: number;
  bold?: boolean;
  align?: TextItem['align'];
  valign?: TextItem['valign'];
  color?: string;
}

/** A number and its unit ("12 s", "99.2 %", "+10 s") stay on one line. */
export function keepUnits(text: string): string {
  return text.replace(/(\d) (?=(%|s|ms|min|pts|req\/s|pet\.\/s)(?![\p{L}\d]))/gu, '$1\u00a0');
}

export function item(measure: Measure, raw: string, box: Box, o: ItemOptions = {}): TextItem {
  const size = o.size ?? READ_MIN;
  const bold = o.bold ?? true;
  const text = keepUnits(raw);
  return {
    text,
    box,
    fit: fitText(text, box, { size, minSize: o.minSize ?? Math.min(size, READ_MIN), bold, maxLines: o.maxLines }, measure),
    align: o.align ?? 'left',
    valign: o.valign ?? 'top',
    bold,
    color: o.color,
  };
}

/** Where the fitted text's block actually sits (for placing things right after it). */
export function extent(t: TextItem): Box {
  const { width, height } = t.fit;
  const x = t.align === 'left' ? t.box.x : t.align === 'center' ? t.box.x + (t.box.width - width) / 2 : t.box.x + t.box.width - width;
  const y = t.valign === 'top' ? t.box.y : t.valign === 'middle' ? t.box.y + (t.box.height - height) / 2 : t.box.y + t.box.height - height;
  return { x, y, width, height };
}
