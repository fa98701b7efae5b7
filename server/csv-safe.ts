// Cells that a spreadsheet would run. A CSV cell whose text starts with = + - @ (after spaces),
// a tab or a carriage return is read as a formula by Excel, LibreOffice and Google Sheets: a
// nickname "=HYPERLINK(…)" in the teacher's answers.csv would be live. Every CSV the server
// writes passes its text cells through spreadsheetSafe (an apostrophe in front: the text shows,
// nothing runs); an import reads such a cell back without the apostrophe, so export → import
// gives the same text, which the game shows as text and every export neutralizes again.
const FORMULA = /^[\s]*[=+\-@]|^[\t\r]/;
const NEUTRALIZED = /^'(?=[\s]*[=+\-@]|[\t\r])/;

/** The cell as a spreadsheet may open it: strings that would run get a leading apostrophe. */
export function spreadsheetSafe<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA.test(value) ? `'${value}` : value;
}

/** An imported cell without the apostrophe an export put before formula-like text. */
export function fromSpreadsheet(cell: string): string {
  return cell.replace(NEUTRALIZED, '');
}
