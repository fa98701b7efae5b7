// The round report: title, the scenario's concept, one line saying what Score and Points are,
// then a table with a row per team in the order of this round's result. Columns are as wide as
// their widest value or header word needs; the incident columns (time to detect / recover of the
// round's most common incidents) share what is left, as many as fit. Pure.
import type { Measure } from '../../../view/fit.ts';
import { READ_MIN, item, type Box, type TextItem } from './text.ts';

export const REPORT = {
  x: 40,
  width: 1840,
  title: { y: 10, height: 76 },
  bottom: 1072,
  cellPad: 20,
  /** Narrowest incident column worth showing. */
  minIncidentW: 230,
  /** Room for the team's shape before its name. */
  shapeW: 48,
} as const;

export interface ReportInput {
  title: string;
  concept: string;
  explain: string;
  headers: string[];
  /** Rows of cells, one per header (the team cell without its shape). */
  rows: string[][];
  /** Headers of the incident columns, most common incident first; each row has their cells after the fixed ones. */
  incidentHeaders: string[];
  incidentRows: string[][];
}

export interface ReportLayout {
  title: TextItem;
  concept: TextItem;
  explain: TextItem;
  headers: TextItem[];
  /** cells[row][col]; the team column's box starts after the shape. */
  cells: TextItem[][];
  /** Row boxes (for the team shape and the row's entrance). */
  rows: Box[];
  /** How many incident columns fit. */
  incidentColumns: number;
}

const widest = (measure: Measure, texts: readonly string[], bold = true) => Math.max(0, ...texts.map((s) => measure(s, READ_MIN, bold)));
const longestWord = (measure: Measure, text: string) => widest(measure, text.split(/\s+/), true);

export function layoutReport(measure: Measure, input: ReportInput): ReportLayout {
  const { x, width, cellPad } = REPORT;
  const title = item(measure, input.title, { x, y: REPORT.title.y, width, height: REPORT.title.height }, { size: 56, align: 'center', valign: 'middle' });
  let y = REPORT.title.y + REPORT.title.height + 6;
  const concept = item(measure, input.concept, { x, y, width, height: 160 }, { bold: false, align: 'center', maxLines: 3, color: '#cfe3ff' });
  y += concept.fit.height + 10;
  const explain = item(measure, input.explain, { x, y, width, height: 110 }, { bold: false, align: 'center', maxLines: 2, color: '#9fb3c8' });
  y += explain.fit.height + 16;

  const fixed = input.headers.map((h, col) => Math.ceil(Math.max(longestWord(measure, h), widest(measure, input.rows.map((r) => r[col] ?? ''), true)) + cellPad + (col === 0 ? REPORT.shapeW : 0)));
  const left = width - fixed.reduce((a, b) => a + b, 0);
  /** Headers wrap to up to five lines; the row of headers is as tall as the tallest. */
  const headerMax = 5 * Math.ceil(READ_MIN * 1.22);
  // as many incident columns as fit with their headers whole (most common incident first)
  let incidentColumns = Math.min(input.incidentHeaders.length, Math.max(0, Math.floor(left / REPORT.minIncidentW)));
  const headerFits = (text: string, w: number) => item(measure, text, { x: 0, y: 0, width: w - cellPad, height: headerMax }, { maxLines: 5 }).fit.fits;
  const cellsFit = (w: number) => widest(measure, input.incidentRows.flat(), false) <= w - cellPad;
  while (incidentColumns > 1 && !(cellsFit(left / incidentColumns) && input.incidentHeaders.slice(0, incidentColumns).every((h) => headerFits(h, left / incidentColumns)))) incidentColumns--;
  const incidentW = incidentColumns > 0 ? left / incidentColumns : 0;
  const widths = [...fixed.map((w) => w + (incidentColumns === 0 ? left / fixed.length : 0)), ...Array.from({ length: incidentColumns }, () => incidentW)];
  const starts = widths.map((_, i) => x + widths.slice(0, i).reduce((a, b) => a + b, 0));

  const headerTexts = [...input.headers, ...input.incidentHeaders.slice(0, incidentColumns)];
  const tallest = Math.max(...headerTexts.map((h, col) => item(measure, h, { x: 0, y: 0, width: widths[col]! - cellPad, height: headerMax }, { maxLines: 5 }).fit.height));
  const headerH = Math.ceil(tallest) + 2;
  const headers = headerTexts.map((h, col) => item(measure, h, { x: starts[col]!, y, width: widths[col]! - cellPad, height: headerH }, { valign: 'bottom', maxLines: 5, color: '#9fb3c8' }));
  y += headerH + 8;
  const n = Math.max(1, input.rows.length);
  const rowH = Math.min(110, (REPORT.bottom - y) / n);
  const rows: Box[] = [];
  const cells = input.rows.map((row, r) => {
    const top = y + r * rowH;
    rows.push({ x, y: top, width, height: rowH });
    const texts = [...row, ...(input.incidentRows[r] ?? []).slice(0, incidentColumns)];
    return texts.map((text, col) => {
      const shape = col === 0 ? REPORT.shapeW : 0;
      return item(measure, text, { x: starts[col]! + shape, y: top, width: widths[col]! - cellPad - shape, height: rowH }, { valign: 'middle', maxLines: 1, bold: col < input.headers.length });
    });
  });
  return { title, concept, explain, headers, cells, rows, incidentColumns };
}
