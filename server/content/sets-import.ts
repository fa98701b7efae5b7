// One entry point for an uploaded set file: picks the reader by format.
import type { Lang } from '../../shared/i18n-types.ts';
import { importSetCsv, importSetJson, type ImportOptions } from './sets-io.ts';
import type { ImportResult } from './sets-validate.ts';
import { importSetXlsx } from './sets-xlsx.ts';

export type SetFormat = 'json' | 'csv' | 'xlsx';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The format of an upload from its Content-Type, sniffing the bytes where browsers are
 * vague (text/plain, application/octet-stream, application/vnd.ms-excel for .csv).
 * undefined: a type this API does not read.
 */
export function detectSetFormat(contentType: string | undefined, raw: Buffer): SetFormat | undefined {
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const isZip = raw.length >= 4 && raw.readUInt32LE(0) === 0x04034b50;
  const firstChar = raw.toString('utf8', 0, Math.min(raw.length, 64)).replace(/^\uFEFF/, '').trimStart()[0];
  if (mime === XLSX_MIME) return 'xlsx';
  if (mime === 'application/json' || mime.endsWith('+json')) return 'json';
  if (mime === 'text/csv' || mime === 'application/csv' || mime === 'text/comma-separated-values') return 'csv';
  if (mime === '' || mime === 'text/plain' || mime === 'application/octet-stream' || mime === 'application/vnd.ms-excel') {
    if (isZip) return 'xlsx';
    return firstChar === '{' ? 'json' : 'csv';
  }
  return undefined;
}

export async function importSet(raw: Buffer, format: SetFormat, opts: ImportOptions = {}): Promise<ImportResult> {
  switch (format) {
    case 'json':
      return importSetJson(raw);
    case 'csv':
      return importSetCsv(raw, opts);
    case 'xlsx':
      return importSetXlsx(raw, opts);
  }
}

export type { ImportOptions, Lang };
