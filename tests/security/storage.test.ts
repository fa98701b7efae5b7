// Attack (or accident): a full disk was silent. Checkpoints failed only in the log, /readyz stayed
// 200, new games were still created, and a restart lost the progress. The server runs here with a
// file-size limit of 512 bytes set on the live process (prlimit: every store write past its first
// block fails, as on a full disk); then the limit is lifted, as when the disk gets room again.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { answerFor } from '../helpers/answers.ts';
import { messages, startTarget, type Target } from './harness.ts';

let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(async () => {
  await t.stop();
});

/** Sets the server process's file-size limit (bytes, or 'unlimited'): needs util-linux's prlimit. */
function fileSizeLimit(value: number | 'unlimited'): void {
  // the soft limit only: lifting it again needs no privilege
  execFileSync('prlimit', [`--pid=${t.proc.proc.pid}`, `--fsize=${value}:`]);
}

const metric = async (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(await (await fetch(`${t.url}/metrics`)).text())?.[1]);

describe('when the store cannot write', () => {
  it('readiness, new games, sets, a metric and the teacher’s banner say so; the game goes on; all recovers with the disk', async () => {
    const game = await t.createGame();
    const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
    const hostLog = messages(host);
    const phone = await t.client().joinById(game.code, { name: 'Ana' });
    const phoneLog = messages(phone);
    await vi.waitFor(() => expect(phoneLog.last('welcome')).toBeDefined());
    expect(await metric('ua_storage_writable')).toBe(1);

    fileSizeLimit(512);
    host.send('host:start', {}); // a phase change writes a checkpoint at once
    await vi.waitFor(() => expect(hostLog.last('host:storage')).toEqual({ writable: false }), { timeout: 15_000 });

    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'storage-failing' });
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200); // the process still serves its games: no restart wanted
    expect(await health.json()).toMatchObject({ status: 'ok', storage: 'failing' });
    const refused = await t.post('/api/games', { lang: 'en' });
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatch(/cannot save anything right now.*disk is full/);
    const set = await fetch(`${t.url}/api/sets`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'type,question,option1,option2,correct\nsingle,Q?,a,b,1\n' });
    expect(set.status).toBe(503);
    expect(((await set.json()) as { error: string }).error).toMatch(/this set was not saved/);
    expect(await metric('ua_storage_writable')).toBe(0);
    expect(await metric('ua_storage_write_failures_total')).toBeGreaterThan(0);
    // the class plays on
    await vi.waitFor(() => expect((phone.state as any).phase).toBe('question'), { timeout: 10_000 });
    phone.send('answer', { seq: (phone.state as any).question.seq, answer: answerFor(phone) });
    await vi.waitFor(() => expect(phoneLog.of('ack')).toHaveLength(1));
    // a teacher who reloads sees the banner at once
    const again = await t.client().joinById(game.code, { hostToken: game.hostToken });
    const againLog = messages(again);
    await vi.waitFor(() => expect(againLog.last('host:storage')).toEqual({ writable: false }));

    fileSizeLimit('unlimited');
    await vi.waitFor(() => expect(hostLog.last('host:storage')).toEqual({ writable: true }), { timeout: 20_000 });
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    expect((await t.post('/api/games', { lang: 'en' })).status).toBe(201);
    expect(await metric('ua_storage_writable')).toBe(1);
    // what was played meanwhile is saved now: its results are there
    await vi.waitFor(async () => expect((await fetch(`${t.url}/api/games/${game.code}/results`, { headers: { authorization: `Bearer ${game.hostToken}` } })).status).toBe(200), { timeout: 20_000 });
    // logged when it started and when it ended, not once per failed write
    expect(t.output().match(/storage write failed/g)).toHaveLength(1);
    expect(t.output()).toMatch(/storage writable again/);
    await Promise.all([host.leave(true), again.leave(true), phone.leave(true)]);
  });
});
