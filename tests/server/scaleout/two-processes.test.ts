// Two real server processes (dist/server/main.js, as `npm start` runs it) sharing one Redis (presence and
// matchmaking driver) and one PostgreSQL database: the host plays through process A, students
// join by code through process B, a question set saved through A is read through B, and join
// codes stay unique across processes. Runs only when REDIS_URL_TEST and TEST_DATABASE_URL are
// set (.ci/services.sh starts both on loopback).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, type Room } from '@colyseus/sdk';
import { Redis } from 'ioredis';
import { RedisPresence } from '@colyseus/redis-presence';
import { createGameCodes } from '../../../server/codes.ts';
import { JOIN_DEFAULTS, ROOT_DIR } from '../../../server/config.ts';
import { RATE_LIMIT } from '../../../server/http/rate-limit.ts';
import { GAME } from '../../../shared/constants.ts';
import { freePort, recorder } from '../../helpers/server.ts';
import { inOneWindow } from '../../helpers/windows.ts';
import { ensureServerBuilt, SERVER_NODE_ARGS } from '../../helpers/build.ts';
import { createTempDatabase } from '../store/pg-fixture.ts';

const REDIS_URL = process.env.REDIS_URL_TEST ?? '';
const PG_URL = process.env.TEST_DATABASE_URL ?? '';

interface Proc {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly ws: string;
  readonly child: ChildProcess;
  readonly output: string[];
}

async function startProcess(name: string, env: Record<string, string>, port?: number): Promise<Proc> {
  port ??= await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, ensureServerBuilt()], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), `ua-scale-${name}-`)),
      QUESTION_SECONDS: '5',
      ROUND_INTRO_MS: '200',
      LOG_LEVEL: 'warn',
      ...(env.PUBLIC_ADDRESS ? { PUBLIC_ADDRESS: env.PUBLIC_ADDRESS } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  await vi.waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`process ${name} exited: ${output.join('')}`);
      const res = await fetch(`${url}/readyz`);
      expect(res.status).toBe(200);
    },
    { timeout: 20_000, interval: 200 },
  );
  return { name, port, url, ws: `ws://127.0.0.1:${port}`, child, output };
}

async function stopProcess(p: Proc | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null) return;
  const exited = new Promise((resolve) => p.child.once('exit', resolve));
  p.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (p.child.exitCode === null) p.child.kill('SIGKILL');
}

const state = (room: Room) => room.state as any;

describe.runIf(REDIS_URL && PG_URL)('two processes behind one Redis and one PostgreSQL', () => {
  let a: Proc | undefined;
  let b: Proc | undefined;
  let db: Awaited<ReturnType<typeof createTempDatabase>> | undefined;

  beforeAll(async () => {
    // A fresh Redis db: stale process entries from an earlier killed run would attract room creations.
    const redis = new Redis(REDIS_URL);
    await redis.flushdb();
    redis.disconnect();
    db = await createTempDatabase();
    const env = { REDIS_URL, DATABASE_URL: db.url };
    a = await startProcess('a', env);
    b = await startProcess('b', env);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([stopProcess(a), stopProcess(b)]);
    await db?.drop();
  }, 30_000);

  it('plays a question with the host on process A and the students on process B', async () => {
    const created = await fetch(`${a!.url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lang: 'en', teams: 2 }) });
    expect(created.status).toBe(201);
    const game = (await created.json()) as { code: string; hostToken: string };

    const host = await new Client(a!.ws).joinById(game.code, { hostToken: game.hostToken });
    const hostLog = recorder(host);
    const students = [] as { room: Room; log: ReturnType<typeof recorder> }[];
    for (const name of ['Ana', 'Ben', 'Cai']) {
      const room = await new Client(b!.ws).joinById(game.code, { name });
      students.push({ room, log: recorder(room) });
    }
    expect(students.every((s) => s.room.roomId === game.code)).toBe(true);
    await vi.waitFor(() => expect(state(host).counts.playerCount).toBe(3));

    // exactly one process holds the room; the matchmaker may have placed it on either
    const rooms = await Promise.all([a!, b!].map(async (p) => (await (await fetch(`${p.url}/healthz`)).json()).rooms as number));
    expect(rooms[0]! + rooms[1]!).toBe(1);

    host.send('host:start', {});
    await vi.waitFor(() => expect(state(students[0]!.room).phase).toBe('question'), { timeout: 10_000 });
    const seq = state(students[0]!.room).question.seq;
    for (const s of students) s.room.send('answer', { seq, answer: answerFor(s.room) });
    await vi.waitFor(() => expect(students.every((s) => s.log.of('ack').length === 1)).toBe(true));
    await vi.waitFor(() => expect(state(host).phase).toBe('reveal'), { timeout: 10_000 });
    await vi.waitFor(() => expect(students.every((s) => s.log.last('result')?.seq === seq)).toBe(true));
    expect(state(host).reveal.answered).toBe(3);
    expect(hostLog.of('refused')).toEqual([]);
    // the teacher's "Under the hood" view reads both processes from the shared presence
    host.send('host:under-the-hood', { open: true });
    await vi.waitFor(() => expect(hostLog.last('host:under-the-hood')?.server).toMatchObject({ processes: 2, redis: true }));

    await Promise.all([host, ...students.map((s) => s.room)].map((r) => r.leave(true)));
  });

  it('serves a question set saved through A from B (PostgreSQL)', async () => {
    const example = await (await fetch(`${a!.url}/api/sets/example.json`)).text();
    const saved = await fetch(`${a!.url}/api/sets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: example });
    expect(saved.status).toBe(201);
    const { id } = (await saved.json()) as { id: string };
    const read = await fetch(`${b!.url}/api/sets/${id}`);
    expect(read.status).toBe(200);
    expect((await read.json()).title).toBe(JSON.parse(example).title);
  });

  it('never hands out one join code twice, across processes', async () => {
    const posts = Array.from({ length: 16 }, (_, i) => fetch(`${(i % 2 ? a : b)!.url}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then((r) => r.json() as Promise<{ code: string }>));
    const codes = (await Promise.all(posts)).map((g) => g.code);
    expect(new Set(codes).size).toBe(16);

    // two presences = two processes racing for the same code: exactly one wins
    const p1 = new RedisPresence(REDIS_URL);
    const p2 = new RedisPresence(REDIS_URL);
    try {
      const [x, y] = [createGameCodes(p1), createGameCodes(p2)];
      for (const code of ['RACE22', 'RACE33', 'RACE44']) {
        const wins = await Promise.all([x.claimExact(code), y.claimExact(code), x.claimExact(code), y.claimExact(code)]);
        expect(wins.filter(Boolean)).toHaveLength(1);
      }
      // a code already live as a room on the other process is not reusable
      expect(await y.claimExact(codes[0]!)).toBe(false);
    } finally {
      p1.shutdown();
      p2.shutdown();
    }
  });

  it('shares the rate limit across processes', async () => {
    // Counted per process, alternating posts would first be refused at post 2 × limit + 1; shared
    // through Redis, at post limit + 1.
    const refused = await inOneWindow(async (address) => {
      for (let i = 0; i < 2 * RATE_LIMIT.perWindow + 5; i++) {
        const res = await fetch(`${(i % 2 ? a : b)!.url}/api/sets`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: '{' });
        await res.text();
        if (res.status === 429) return i + 1;
      }
      return 0;
    });
    expect(refused).toBe(RATE_LIMIT.perWindow + 1);
  });

  it('shares the join limits across processes: code guesses spread over A and B are cut at one allowance', async () => {
    // Counted per process, alternating guesses would be refused at guess 2 × failures + 1.
    const letter = (n: number) => GAME.codeAlphabet[n % GAME.codeAlphabet.length];
    const guess = (i: number) => `${'Z'.repeat(GAME.codeLength - 2)}${letter(i)}${letter(Math.floor(i / GAME.codeAlphabet.length))}`;
    const refused = await inOneWindow(async (address) => {
      for (let i = 0; i < 2 * JOIN_DEFAULTS.failures + 5; i++) {
        const res = await fetch(`${(i % 2 ? a : b)!.url}/matchmake/joinById/${guess(i)}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: '{"name":"Guess"}' });
        await res.text();
        if (res.status === 429) return i + 1;
      }
      return 0;
    });
    expect(refused).toBe(JOIN_DEFAULTS.failures + 1);
  });
});

function answerFor(room: Room): any {
  const q = state(room).question;
  switch (q.type) {
    case 'multi':
      return { kind: 'multi', indices: [0] };
    case 'order':
      return { kind: 'order', order: q.options.map((_: string, i: number) => i) };
    case 'numeric':
      return { kind: 'numeric', value: q.min };
    default:
      return { kind: 'choice', index: 0 };
  }
}

const NGINX = '/usr/sbin/nginx';

/** deploy/nginx.conf with its ports rewritten, wrapped in a main config that runs unprivileged in `dir`. */
function nginxConfig(dir: string, listen: number, p1: number, p2: number): string {
  const site = fs
    .readFileSync(path.join(ROOT_DIR, 'deploy/nginx.conf'), 'utf8')
    .replaceAll('127.0.0.1:2567', `127.0.0.1:${p1}`)
    .replaceAll('127.0.0.1:2568', `127.0.0.1:${p2}`)
    .replace('listen 80;', `listen 127.0.0.1:${listen};`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `${k}_temp_path ${dir}/${k};`).join('\n');
  return `worker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\ndaemon off;\nevents { worker_connections 512; }\nhttp {\naccess_log off;\n${temp}\n${site}\n}\n`;
}

describe.runIf(REDIS_URL && PG_URL && fs.existsSync(NGINX))('deploy/nginx.conf in front of two processes', () => {
  let a: Proc | undefined;
  let b: Proc | undefined;
  let nginx: ChildProcess | undefined;
  let db: Awaited<ReturnType<typeof createTempDatabase>> | undefined;
  let base = '';

  beforeAll(async () => {
    const redis = new Redis(REDIS_URL);
    await redis.flushdb();
    redis.disconnect();
    db = await createTempDatabase();
    const [listen, p1, p2] = [await freePort(), await freePort(), await freePort()];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ua-nginx-'));
    fs.chmodSync(dir, 0o777);
    fs.writeFileSync(path.join(dir, 'nginx.conf'), nginxConfig(dir, listen, p1, p2));
    const check = spawnSync(NGINX, ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    nginx = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: 'ignore' });
    base = `127.0.0.1:${listen}`;
    const env = { REDIS_URL, DATABASE_URL: db.url };
    a = await startProcess('p1', { ...env, PUBLIC_ADDRESS: `${base}/p1` }, p1);
    b = await startProcess('p2', { ...env, PUBLIC_ADDRESS: `${base}/p2` }, p2);
    await vi.waitFor(async () => expect((await fetch(`http://${base}/readyz`)).status).toBe(200), { timeout: 10_000 });
  }, 60_000);

  afterAll(async () => {
    nginx?.kill('SIGQUIT');
    await Promise.all([stopProcess(a), stopProcess(b)]);
    await db?.drop();
  }, 30_000);

  it('routes HTTP to any process and each game socket to the process holding the room', async () => {
    expect((await fetch(`http://${base}/metrics`)).status).toBe(404);
    const games = [] as { code: string; hostToken: string }[];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`http://${base}/api/games`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lang: 'en' }) });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/); // nginx's $request_id, also in its own logs
      games.push((await res.json()) as { code: string; hostToken: string });
    }
    // new games go to the process with fewer rooms: both processes hold some
    const held = await Promise.all([a!, b!].map(async (p) => (await (await fetch(`${p.url}/healthz`)).json()).rooms as number));
    expect(held[0]! > 0 && held[1]! > 0).toBe(true);

    for (const game of games) {
      const host = await new Client(`ws://${base}`).joinById(game.code, { hostToken: game.hostToken });
      host.onMessage('*', () => undefined);
      const ana = await new Client(`ws://${base}`).joinById(game.code, { name: 'Ana' });
      const log = recorder(ana);
      await vi.waitFor(() => expect(state(host).counts.playerCount).toBe(1));
      host.send('host:start', {});
      await vi.waitFor(() => expect(state(ana).phase).toBe('question'), { timeout: 10_000 });
      ana.send('answer', { seq: state(ana).question.seq, answer: answerFor(ana) });
      await vi.waitFor(() => expect(log.of('ack')).toHaveLength(1));
      await Promise.all([host.leave(true), ana.leave(true)]);
    }
  });
});
