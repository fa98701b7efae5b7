// The server as the benchmarks run it: dist/server/main.js (what `npm start` runs; the npm
// scripts build it first) in its own process, measured from outside through /proc so the
// measuring adds nothing to what is measured.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../tests/helpers/port.ts';
import { SERVER_NODE_ARGS } from '../tests/helpers/build.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLOCK_TICKS = 100; // /proc/<pid>/stat utime+stime unit on Linux (USER_HZ)

export interface BenchServer {
  readonly url: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  stop(): Promise<void>;
}

/** Starts dist/server/main.js with an empty data dir, in-memory presence, warn-level logs to a file, and `env` on top. */
export async function startBuiltServer(env: Record<string, string>): Promise<BenchServer> {
  const bundle = path.join(ROOT, 'dist', 'server', 'main.js');
  if (!fs.existsSync(bundle)) throw new Error('dist/server/main.js is missing: run `npm run build:server` first');
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ua-bench-'));
  const logFile = path.join(dataDir, 'server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, bundle], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000',
      // every bot joins from this one address
      JOIN_LIMIT_PER_GAME: '1000000',
      JOIN_LIMIT_PER_ADDRESS: '1000000',
      JOIN_FAILURES_PER_MINUTE: '1000000',
      REDIS_URL: '',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', out, out],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see ${logFile}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, child, logFile, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`the server did not become ready in 20 s; see ${logFile}`);
}

/**
 * CPU seconds the process (all threads) has used so far, in user space and in the kernel; with
 * `thread`, that thread's alone (the main thread's id is the process id).
 */
export function cpuTimes(pid: number, thread?: number): { user: number; system: number } | undefined {
  try {
    const stat = fs.readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / CLOCK_TICKS, system: Number(fields[12]) / CLOCK_TICKS }; // utime, stime (fields 14, 15)
  } catch {
    return undefined;
  }
}

/** CPU seconds (all threads, user + system) the process has used so far. */
export function cpuSeconds(pid: number): number | undefined {
  const t = cpuTimes(pid);
  return t && t.user + t.system;
}

export function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The value of one sample of a /metrics text: `name`, with `label` (e.g. `kind="player"`) among
 * its labels when given; NaN when absent.
 */
export function metricValue(metricsText: string, name: string, label?: string): number {
  const labels = label ? `\\{[^}]*${label}[^}]*\\}` : '(?:\\{[^}]*\\})?';
  return Number(new RegExp(`^${name}${labels} (\\S+)$`, 'm').exec(metricsText)?.[1] ?? NaN);
}

/**
 * The q-quantile (0..1) of a Prometheus histogram in a /metrics text, interpolated linearly within
 * its bucket (as PromQL's histogram_quantile does); NaN when it has no observations.
 */
export function histogramQuantile(metricsText: string, name: string, q: number): number {
  const buckets: { le: number; count: number }[] = [];
  const re = new RegExp(`^${name}_bucket\\{[^}]*le="([^"]+)"[^}]*\\} (\\S+)$`, 'gm');
  for (let m = re.exec(metricsText); m; m = re.exec(metricsText)) buckets.push({ le: m[1] === '+Inf' ? Infinity : Number(m[1]), count: Number(m[2]) });
  buckets.sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return NaN;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of buckets) {
    if (b.count >= rank) {
      if (b.le === Infinity) return prevLe;
      return prevLe + ((b.le - prevLe) * (rank - prevCount)) / Math.max(1, b.count - prevCount);
    }
    prevLe = b.le;
    prevCount = b.count;
  }
  return prevLe;
}
