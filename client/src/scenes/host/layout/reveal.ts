// The reveal on the projector, in two halves: on the left the question and how the class
// answered (one row per answer: its label, then a bar of its count), on the right the right
// answer and the explanation, the lesson itself. Pure, like every layout here.
import type { Measure } from '../../../view/fit.ts';
import { FLOOR, item, type Box, type TextItem } from './text.ts';

export const REVEAL = {
  header: { x: 60, y: 24, width: 880, height: 56 },
  /** The question takes what it needs of this; the distribution the rest of the left half. */
  question: { x: 60, y: 92, width: 880, height: 320 },
  rows: { x: 60, y: 92, width: 880, height: 958 },
  right: { x: 1000, y: 92, width: 860, height: 958 },
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
  /** Where the distribution starts (a histogram for estimates takes from here down). */
  top: number;
  rows: RevealRow[];
  answer: TextItem | null;
  why: TextItem | null;
}

export function layoutReveal(measure: Measure, input: { question: string; labels: readonly string[]; answer: string; why: string; whyLabel: string }): RevealLayout {
  const question = item(measure, input.question, REVEAL.question, { size: 48, minSize: FLOOR, color: '#cfe3ff' });
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
  return { question, top, rows, answer, why };
}
