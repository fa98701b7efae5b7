// Reads an uploaded workbook away from the event loop: a worker thread with a memory cap and a
// time limit (server/content/xlsx-worker.ts), so a hostile file costs at most one bounded worker
// and no game on the server notices. At most XLSX_READER.concurrent workbooks are read at once;
// a few more wait their turn, and beyond that an upload is refused as "busy".
//
// The worker runs as built JavaScript: dist/server/xlsx-worker.js next to the server bundle
// (scripts/build-server.mjs), or, when the server runs from its TypeScript sources (tsx, tests),
// bundled on first use with esbuild into an in-memory script.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerReply } from './xlsx-worker.ts';

export const XLSX_READER = {
  /** Longest a workbook may take to read, ms (a 200-question workbook takes ~50 ms). */
  timeoutMs: 3000,
  /** The worker's heap caps, MB. */
  maxOldGenerationSizeMb: 96,
  maxYoungGenerationSizeMb: 16,
  /** Workbooks read at the same time, and how many more may wait. */
  concurrent: 2,
  queued: 8,
} as const;

export type ReadResult = { ok: true; rows: string[][] } | { ok: false; message: string };

/** Too many workbooks are being read: the upload should be retried shortly (HTTP 503). */
export class ReaderBusyError extends Error {
  constructor() {
    super('The server is reading other spreadsheets right now. Try again in a few seconds.');
  }
}

type WorkerSource = { kind: 'file'; url: URL } | { kind: 'eval'; code: string };
let source: Promise<WorkerSource> | undefined;

function workerSource(): Promise<WorkerSource> {
  source ??= (async (): Promise<WorkerSource> => {
    const built = new URL('./xlsx-worker.js', import.meta.url);
    if (import.meta.url.endsWith('.js') && fs.existsSync(built)) return { kind: 'file', url: built };
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [fileURLToPath(new URL('./xlsx-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'error',
    });
    return { kind: 'eval', code: out.outputFiles[0]!.text };
  })();
  return source;
}

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<boolean> {
  if (running < XLSX_READER.concurrent) {
    running++;
    return true;
  }
  if (waiting.length >= XLSX_READER.queued) return false;
  await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return true;
}

function release(): void {
  running--;
  waiting.shift()?.();
}

/** The first non-empty sheet's cells as text, or why the workbook cannot be read; throws ReaderBusyError. */
export async function readWorkbookRows(raw: Buffer, limits: { readonly timeoutMs: number; readonly maxOldGenerationSizeMb: number; readonly maxYoungGenerationSizeMb: number } = XLSX_READER): Promise<ReadResult> {
  if (!(await slot())) throw new ReaderBusyError();
  try {
    const src = await workerSource();
    const bytes = new Uint8Array(raw);
    return await new Promise<ReadResult>((resolve) => {
      const worker = new Worker(src.kind === 'file' ? src.url : src.code, {
        eval: src.kind === 'eval',
        workerData: { bytes },
        transferList: [bytes.buffer],
        resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: limits.maxYoungGenerationSizeMb },
        stdout: true,
        stderr: true,
      });
      let done = false;
      const finish = (r: ReadResult) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(r);
      };
      const timer = setTimeout(() => finish({ ok: false, message: `it takes too long to read (more than ${limits.timeoutMs / 1000} s)` }), limits.timeoutMs);
      worker.on('message', (m: WorkerReply) => finish(m));
      worker.on('error', (err: Error & { code?: string }) => finish({ ok: false, message: err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'it needs too much memory to read' : 'its contents could not be read' }));
      worker.on('exit', () => finish({ ok: false, message: 'its contents could not be read' }));
    });
  } finally {
    release();
  }
}
