// Where the open question's texts go on the projector: the title across the top, the answers in
// tiles (2 × 2, or one column for ordering), the countdown ring at the left and the answered
// count at the right. Pure: the question scene draws it, the unit tests check the bank fits it.
import type { Measure } from '../../../view/fit.ts';
import { FLOOR, item, type Box, type TextItem } from './text.ts';

export const QUESTION = {
  header: { x: 60, y: 24, width: 1800, height: 56 },
  title: { x: 100, y: 96, width: 1720, height: 300 },
  ring: { x: 170, y: 560, r: 100 },
  answered: { x: 1620, y: 430, width: 280, height: 260 },
  area: { x: 320, y: 420, width: 1280, height: 630 },
  gap: 16,
  shapeW: 96,
} as const;

export interface TileLayout {
  box: Box;
  label: TextItem;
}

export interface QuestionLayout {
  title: TextItem;
  tiles: TileLayout[];
}

/** Tiles for `labels`: two columns of choices, or one column of items to order. */
export function tileBoxes(count: number, order: boolean): Box[] {
  const { area, gap } = QUESTION;
  const cols = order || count <= 1 ? 1 : 2;
  const rows = Math.ceil(count / cols);
  const width = (area.width - gap * (cols - 1)) / cols;
  const height = Math.min(300, (area.height - gap * (rows - 1)) / rows);
  return Array.from({ length: count }, (_, i) => ({ x: area.x + (i % cols) * (width + gap), y: area.y + Math.floor(i / cols) * (height + gap), width, height }));
}

export function layoutQuestion(measure: Measure, text: string, labels: readonly string[], order: boolean): QuestionLayout {
  const title = item(measure, text, QUESTION.title, { size: 64, minSize: FLOOR, align: 'center', valign: 'middle' });
  const tiles = tileBoxes(labels.length, order).map((box, i) => {
    const pad = 18;
    const labelBox = { x: box.x + QUESTION.shapeW, y: box.y + pad, width: box.width - QUESTION.shapeW - pad, height: box.height - pad * 2 };
    return { box, label: item(measure, labels[i] ?? '', labelBox, { size: 48, minSize: FLOOR, valign: 'middle' }) };
  });
  return { title, tiles };
}

export function layoutAnswered(measure: Measure, text: string): TextItem {
  return item(measure, text, QUESTION.answered, { size: 48, align: 'center', valign: 'middle' });
}
