// Import of a question set from an .xlsx workbook: Kahoot's "Import from spreadsheet"
// template or this project's CSV columns saved as a workbook. Before unzipping, the
// zip's central directory is checked so that a small file cannot expand into a huge one.
import readXlsxFile from 'read-excel-file/node';
import { LIMITS } from '../../shared/content/limits.ts';
import { importSetRows, type ImportOptions } from './sets-io.ts';
import type { ImportResult, Problem, SheetRow } from './sets-validate.ts';

export const XLSX_TUNABLES = {
  /** Most bytes all entries of the workbook may unzip to. */
  maxUnzippedBytes: 32 * 1024 * 1024,
  /** Most entries (files) in the workbook's zip. */
  maxEntries: 500,
} as const;

const notXlsx = (detail: string): ImportResult => ({
  ok: false,
  problems: [{ row: 0, field: 'file', message: `This is not a readable .xlsx workbook (${detail}). Save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8".` }],
});

/** Reads the zip central directory; a problem when the workbook would unzip too large or is not a zip. */
export function checkZipBounds(buf: Buffer): Problem | undefined {
  const eocdSig = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === eocdSig) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { row: 0, field: 'file', message: 'not a zip archive' };
  const entries = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries > XLSX_TUNABLES.maxEntries) return { row: 0, field: 'file', message: `too many parts (${entries})` };
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return { row: 0, field: 'file', message: 'damaged zip directory' };
    const size = buf.readUInt32LE(p + 24);
    if (size === 0xffffffff) return { row: 0, field: 'file', message: 'zip64 parts are not accepted' };
    total += size;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  if (total > XLSX_TUNABLES.maxUnzippedBytes) return { row: 0, field: 'file', message: `it unzips to ${Math.round(total / 1024 / 1024)} MB, more than ${XLSX_TUNABLES.maxUnzippedBytes / 1024 / 1024} MB` };
  return undefined;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** Import a set from .xlsx bytes (the first sheet that holds rows). */
export async function importSetXlsx(raw: Buffer, opts: ImportOptions = {}): Promise<ImportResult> {
  if (raw.length > LIMITS.maxSetBytes) {
    return { ok: false, problems: [{ row: 0, field: 'file', message: `The file is too large: ${Math.ceil(raw.length / 1024)} KB (at most ${LIMITS.maxSetBytes / 1024} KB).` }] };
  }
  const bounds = checkZipBounds(raw);
  if (bounds) return notXlsx(bounds.message);
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = (await readXlsxFile(raw)) as { sheet: string; data: unknown[][] }[];
  } catch (err) {
    return notXlsx(err instanceof Error ? err.message : 'unknown error');
  }
  const sheet = sheets.find((s) => s.data.some((row) => row.some((c) => cellText(c).trim() !== '')));
  if (!sheet) return { ok: false, problems: [{ row: 1, field: 'file', message: 'The workbook has no rows.' }] };
  const rows: SheetRow[] = sheet.data.map((cells, i) => ({ row: i + 1, cells: cells.map(cellText) }));
  return importSetRows(rows, opts);
}
