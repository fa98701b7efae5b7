// The reveal on the projector, in two halves: on the left the question and how the class
// answered (one row per answer: its label, then a bar of its count), on the right the right
// answer and the explanation, the lesson itself. Pure, like every layout here.
import type { Measure } from '../../../view/fit.ts';
import { FLOOR, item, type Box, type TextItem } from './text.ts';

export const REVEAL = {
  /** The question takes what it needs of this; the distribution the rest of the left half. */
  question: { x: 40, y: 24, width: 920, height: 400 },
  rows: { x: 40, y: 24, width: 920, height: 1032 },
  right: { x: 1010, y: 24, width: 870, height: 960 },
  /** How many answered, under the right half. */
  answered: { x: 1010, y: 996, width: 870, height: 60 },
  barH: 40,
  shapeW: 56,
} as const;

export interface RevealRow {
  label: TextItem;
  /** The full-length bar's box (the count is drawn at its end). */
  bar: Box;
}

export interface RevealLayout {
  question: TextItem;
  answered: TextItem;
  /** Where the distribution starts (a histogram for estimates takes from here down). */
  top: number;
  rows: RevealRow[];
  answer: TextItem | null;
  why: TextItem | null;
}

export function layoutReveal(measure: Measure, input: { question: string; labels: readonly string[]; answer: string; why: string; whyLabel: string; answered: string }): RevealLayout {
  // the question gets what the answers' rows leave (each row room for a two-line label and its bar)
  const n0 = Math.max(1, input.labels.length);
  const questionBox = { ...REVEAL.question, height: Math.max(200, Math.min(REVEAL.question.height, REVEAL.rows.height - n0 * 170)) };
  const question = item(measure, input.question, questionBox, { size: 48, minSize: FLOOR, color: '#cfe3ff' });
  const top = REVEAL.question.y + question.fit.height + 28;
  const bottom = REVEAL.rows.y + REVEAL.rows.height;
  const n = Math.max(1, input.labels.length);
  const rowH = Math.min(200, (bottom - top) / n);
  const rows = input.labels.map((label, i) => {
    const y = top + i * rowH;
    const labelBox = { x: REVEAL.rows.x + REVEAL.shapeW, y, width: REVEAL.rows.width - REVEAL.shapeW, height: rowH - REVEAL.barH - 20 };
    return {
      label: item(measure, label, labelBox, { size: 44, minSize: FLOOR, valign: 'bottom' }),
      bar: { x: REVEAL.rows.x + REVEAL.shapeW, y: y + rowH - REVEAL.barH - 12, width: REVEAL.rows.width - REVEAL.shapeW - 110, height: REVEAL.barH },
    };
  });
  const r = REVEAL.right;
  const answer = input.answer ? item(measure, input.answer, { x: r.x, y: r.y, width: r.width, height: 330 }, { size: 60, minSize: FLOOR, color: '#2ecc71' }) : null;
  const whyTop = answer ? r.y + answer.fit.height + 48 : r.y;
  const why = input.why ? item(measure, `${input.whyLabel}: ${input.why}`, { x: r.x, y: whyTop, width: r.width, height: r.y + r.height - whyTop }, { size: 48, minSize: FLOOR, bold: false }) : null;
  const answered = item(measure, input.answered, REVEAL.answered, { valign: 'middle', color: '#9fb3c8' });
  return { question, answered, top, rows, answer, why };
}
