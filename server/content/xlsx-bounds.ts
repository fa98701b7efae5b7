// What an uploaded workbook may ask of the reader, checked before the reader sees it. A
// spreadsheet reader builds a grid up to the furthest cell: one cell at XFD1048576 in a 1.4 KB
// file made it allocate 16,384 × 1,048,576 cells and killed the process. So the zip's directory
// (sizes, part count), every worksheet's declared <dimension>, its row numbers and its cell
// references must stay within what a question set can hold, and no part may carry a DTD (XML
// entity expansion). Parts are inflated with a hard output cap, whatever their headers claim.
import { inflateRawSync } from 'node:zlib';
import { LIMITS } from '../../shared/content/limits.ts';

export const XLSX_TUNABLES = {
  /** Most bytes all entries of the workbook may unzip to (a full 200-question workbook is ~2 MB). */
  maxUnzippedBytes: 16 * 1024 * 1024,
  /** Most entries (files) in the workbook's zip. */
  maxEntries: 500,
  /**
   * Furthest row a sheet may use: a set's questions plus a header, Kahoot's instruction rows and
   * blank lines between. Everything a set can hold fits well inside.
   */
  maxRows: 4 * LIMITS.maxQuestionsPerSet + 100,
  /** Furthest column (64 = BL): this project's bilingual CSV columns number 31, Kahoot's 8. */
  maxColumns: 64,
} as const;

export interface BoundsProblem {
  readonly message: string;
}

interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** The zip's central directory, or a problem when it is not a zip or would unzip too large. */
export function zipDirectory(buf: Buffer): { entries: ZipEntry[] } | BoundsProblem {
  const eocdSig = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === eocdSig) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { message: 'not a zip archive' };
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count > XLSX_TUNABLES.maxEntries) return { message: `too many parts (${count})` };
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return { message: 'damaged zip directory' };
    const size = buf.readUInt32LE(p + 24);
    const compressedSize = buf.readUInt32LE(p + 20);
    if (size === 0xffffffff || compressedSize === 0xffffffff) return { message: 'zip64 parts are not accepted' };
    const nameLength = buf.readUInt16LE(p + 28);
    if (p + 46 + nameLength > buf.length) return { message: 'damaged zip directory' };
    entries.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLength), method: buf.readUInt16LE(p + 10), compressedSize, size, localOffset: buf.readUInt32LE(p + 42) });
    total += size;
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  if (total > XLSX_TUNABLES.maxUnzippedBytes) return { message: `it unzips to ${Math.round(total / 1024 / 1024)} MB, more than ${XLSX_TUNABLES.maxUnzippedBytes / 1024 / 1024} MB` };
  return { entries };
}

/** One entry's bytes, never more than its declared size (a lying header cannot inflate further). */
function entryData(buf: Buffer, e: ZipEntry): Buffer | BoundsProblem {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== 0x04034b50) return { message: `damaged part ${e.name}` };
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return data.subarray(0, e.size);
  if (e.method !== 8) return { message: `part ${e.name} uses an unknown compression` };
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
  } catch {
    return { message: `part ${e.name} is damaged or larger than it says` };
  }
}

/** "XFD" → 16384 (1-based). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function columnName(n: number): string {
  let out = '';
  for (let m = n; m > 0; m = Math.floor((m - 1) / 26)) out = String.fromCharCode(65 + ((m - 1) % 26)) + out;
  return out;
}

const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;
/** <dimension ref>, <row r>, <c r>, <mergeCell ref>, with or without a namespace prefix. */
const REFS = /<(?:[A-Za-z_][\w.-]*:)?(dimension|row|c|mergeCell)\b[^>]*?\s(?:r|ref)\s*=\s*["']([^"']*)["']/g;
const CELL = /\$?([A-Za-z]{1,4})\$?(\d{1,10})/g;
const ROW_TAG = /<(?:[A-Za-z_][\w.-]*:)?row[\s/>]/g;
const CELL_TAG = /<(?:[A-Za-z_][\w.-]*:)?c[\s/>]/g;

function count(re: RegExp, text: string): number {
  let n = 0;
  re.lastIndex = 0;
  while (re.exec(text)) n++;
  return n;
}

function tooFar(sheet: string, row: number, col: number): BoundsProblem | undefined {
  const { maxRows, maxColumns } = XLSX_TUNABLES;
  if (row <= maxRows && col <= maxColumns) return undefined;
  const where = row > maxRows ? `row ${row}` : `column ${columnName(col)}`;
  return {
    message: `sheet ${sheet} reaches ${where}; a question set fits in ${maxRows} rows and ${maxColumns} columns (A to ${columnName(maxColumns)}). Delete the empty rows and columns after your questions, or copy the questions into a new workbook`,
  };
}

/**
 * The bounds check of a whole workbook: a problem (the reason a person reads) or undefined when
 * the reader may go ahead. Cheap: only the worksheet parts are inflated (capped) and scanned.
 */
export function checkWorkbookBounds(buf: Buffer): BoundsProblem | undefined {
  const dir = zipDirectory(buf);
  if ('message' in dir) return dir;
  for (const e of dir.entries) {
    if (!/\.(xml|rels)$/i.test(e.name)) continue;
    const data = entryData(buf, e);
    if ('message' in data) return data;
    const xml = data.toString('utf8');
    if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return { message: `part ${e.name} declares a DTD, which spreadsheets never need` };
    if (!SHEET_PART.test(e.name)) continue;
    const sheet = e.name.replace(/^.*\//, '').replace(/\.xml$/i, '');
    // Rows and cells without a reference count too: the reader numbers them one after another.
    const rows = count(ROW_TAG, xml);
    if (rows > XLSX_TUNABLES.maxRows) return { message: `sheet ${sheet} has ${rows} rows; a question set fits in ${XLSX_TUNABLES.maxRows}` };
    const cells = count(CELL_TAG, xml);
    if (cells > XLSX_TUNABLES.maxRows * XLSX_TUNABLES.maxColumns) return { message: `sheet ${sheet} has ${cells} cells, more than a question set can fill` };
    for (const m of xml.matchAll(REFS)) {
      const [, tag, value] = m as unknown as [string, string, string];
      if (tag === 'row') {
        const problem = tooFar(sheet, Number(value) || 0, 1);
        if (problem) return problem;
        continue;
      }
      for (const ref of value.matchAll(CELL)) {
        const problem = tooFar(sheet, Number(ref[2]), columnNumber(ref[1]!.toUpperCase()));
        if (problem) return problem;
      }
    }
  }
  return undefined;
}
