// The podium's line on whether speed counted (rules.speedCounted), in the strip under the podium
// blocks: one line across the view at the legible size. Pure, so tests check it fits in es and en.
import type { Measure } from '../../../view/fit.ts';
import { READ_MIN, VIEW_H, VIEW_W, item, type TextItem } from './text.ts';

/** The strip under the podium blocks (their base is 60 px above the view's bottom). */
export const SPEED_LINE_BOX = { x: 60, y: VIEW_H - 58, width: VIEW_W - 120, height: 54 };

const KEYS = { all: 'classroom.speedAll', none: 'classroom.speedNone', some: 'classroom.speedSome' } as const;

/** The line to draw, or null before any scored question (nothing to say). */
export function layoutSpeedLine(measure: Measure, speedCounted: string, tr: (key: string) => string): TextItem | null {
  const key = KEYS[speedCounted as keyof typeof KEYS];
  if (!key) return null;
  return item(measure, tr(key), SPEED_LINE_BOX, { size: READ_MIN, bold: false, align: 'center', valign: 'middle', color: '#cfe3ff', maxLines: 1 });
}
