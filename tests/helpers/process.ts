// Runs the real server as a separate process, built as `npm start` runs it (dist/server/main.js),
// so tests can SIGKILL or SIGTERM it and start another on the same data.
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT_DIR } from '../../server/config.ts';
import { ensureServerBuilt, SERVER_NODE_ARGS } from './build.ts';

export interface ServerProcess {
  readonly url: string;
  readonly proc: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export async function startServerProcess(port: number, env: Record<string, string>): Promise<ServerProcess> {
  const proc = spawn(process.execPath, [...SERVER_NODE_ARGS, ensureServerBuilt()], {
    cwd: ROOT_DIR,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '100000', JOIN_LIMIT_PER_GAME: '1000000', JOIN_LIMIT_PER_ADDRESS: '1000000', JOIN_FAILURES_PER_MINUTE: '1000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, proc, output: () => out, exited };
}
