// Import of a question set from an .xlsx workbook: Kahoot's "Import from spreadsheet"
// template or this project's CSV columns saved as a workbook. The zip's directory is checked
// here (cheap); the rest (worksheet bounds, then the spreadsheet reader) runs in a worker thread
// with memory and time limits (xlsx-reader.ts), so no upload can stall or kill the server.
import { LIMITS } from '../../shared/content/limits.ts';
import { importSetRows, type ImportOptions } from './sets-io.ts';
import type { ImportResult, SheetRow } from './sets-validate.ts';
import { XLSX_TUNABLES, zipDirectory } from './xlsx-bounds.ts';
import { readWorkbookRows } from './xlsx-reader.ts';

export { XLSX_TUNABLES };
export { ReaderBusyError } from './xlsx-reader.ts';

const notXlsx = (detail: string): ImportResult => ({
  ok: false,
  problems: [{ row: 0, field: 'file', message: `This is not a readable .xlsx workbook (${detail}). Save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8".` }],
});

/** Import a set from .xlsx bytes (the first sheet that holds rows). */
export async function importSetXlsx(raw: Buffer, opts: ImportOptions = {}): Promise<ImportResult> {
  if (raw.length > LIMITS.maxSetBytes) {
    return { ok: false, problems: [{ row: 0, field: 'file', message: `The file is too large: ${Math.ceil(raw.length / 1024)} KB (at most ${LIMITS.maxSetBytes / 1024} KB).` }] };
  }
  const dir = zipDirectory(raw);
  if ('message' in dir) return notXlsx(dir.message);
  const read = await readWorkbookRows(raw);
  if (!read.ok) return notXlsx(read.message);
  if (read.rows.length === 0) return { ok: false, problems: [{ row: 1, field: 'file', message: 'The workbook has no rows.' }] };
  const rows: SheetRow[] = read.rows.map((cells, i) => ({ row: i + 1, cells }));
  return importSetRows(rows, opts);
}
