// Runs in a worker thread (server/content/xlsx-reader.ts starts it with memory and time limits):
// checks the workbook's bounds, then lets the spreadsheet reader build the grid of the first sheet
// that holds anything, and posts it back as text cells. Nothing here touches the main event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { checkWorkbookBounds } from './xlsx-bounds.ts';

export type WorkerReply = { ok: true; rows: string[][] } | { ok: false; message: string };

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

async function read(bytes: Uint8Array): Promise<WorkerReply> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const problem = checkWorkbookBounds(buf);
  if (problem) return { ok: false, message: problem.message };
  try {
    // Loaded only for a workbook within bounds: a refused one costs no more than the check.
    const { default: readXlsxFile } = await import('read-excel-file/node');
    const sheets = (await readXlsxFile(buf)) as { sheet: string; data: unknown[][] }[];
    const sheet = sheets.find((s) => s.data.some((row) => row.some((c) => cellText(c).trim() !== '')));
    return { ok: true, rows: sheet ? sheet.data.map((cells) => cells.map(cellText)) : [] };
  } catch {
    // The reader's own message names its internals ("Out-of-place <row/>…"): a teacher gets a plain one.
    return { ok: false, message: 'its contents could not be read' };
  }
}

void read((workerData as { bytes: Uint8Array }).bytes).then((reply) => parentPort?.postMessage(reply));
