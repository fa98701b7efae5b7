// /metrics on the real server: a game is played with real SDK clients and the Prometheus text
// must count what happened (rooms, clients by kind, messages, refusals, joins, ticks, patches,
// HTTP requests). Plus the metric functions on their own (reconnects, label bounds).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Room } from '@colyseus/sdk';
import { createMetrics } from '../../server/metrics.ts';
import { recorder, rosterOf, startTestServer, type TestServer } from '../helpers/server.ts';
import { answerFor } from '../helpers/answers.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

async function scrape(): Promise<string> {
  const res = await fetch(`${t.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** The value of one sample line, e.g. value(text, 'ua_clients{kind="player"}'); undefined if absent. */
function value(text: string, series: string): number | undefined {
  const [name, labels] = series.includes('{') ? [series.slice(0, series.indexOf('{')), series.slice(series.indexOf('{') + 1, -1)] : [series, ''];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',').filter(Boolean);
    if (labels.split(',').filter(Boolean).every((l) => have.includes(l))) return Number(m[3]);
  }
  return undefined;
}

const state = (room: Room) => room.state as any;

describe('GET /metrics', () => {
  it('reports process metrics and zero rooms before any game', async () => {
    const text = await scrape();
    expect(text).toContain('# TYPE ua_process_cpu_seconds_total counter');
    expect(value(text, 'ua_process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(value(text, 'ua_rooms')).toBe(0);
    expect(value(text, 'ua_clients{kind="player"}')).toBe(0);
  });

  it('counts rooms, clients by kind, messages, refusals, joins, ticks, patches and HTTP requests of a played question', async () => {
    const game = await t.createGame({ lang: 'en', teams: 2 });
    const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
    const ana = await t.client().joinById(game.code, { name: 'Ana' });
    const ben = await t.client().joinById(game.code, { name: 'Ben' });
    const anaLog = recorder(ana);
    const benLog = recorder(ben);
    await vi.waitFor(() => expect(state(host).counts.playerCount).toBe(2));

    host.send('host:start', {});
    await vi.waitFor(() => expect(state(ana).phase).toBe('question'));
    const seq = state(ana).question.seq;
    ana.send('answer', { seq, answer: answerFor(ana) });
    await vi.waitFor(() => expect(anaLog.of('ack')).toHaveLength(1));
    ben.send('host:next', {});
    ben.send('no-such-message', {});
    await vi.waitFor(() => expect(benLog.of('refused')).toHaveLength(2));

    const text = await scrape();
    expect(value(text, 'ua_rooms')).toBe(1);
    expect(value(text, 'ua_clients{kind="host"}')).toBe(1);
    expect(value(text, 'ua_clients{kind="player"}')).toBe(2);
    expect(value(text, 'ua_messages_in_total{type="host:start"}')).toBe(1);
    expect(value(text, 'ua_messages_in_total{type="answer"}')).toBe(1);
    expect(value(text, 'ua_messages_out_total{type="ack"}')).toBe(1);
    expect(value(text, 'ua_messages_out_total{type="welcome"}')).toBe(2);
    expect(value(text, 'ua_messages_refused_total{type="host:next",code="not_host"}')).toBe(1);
    expect(value(text, 'ua_messages_refused_total{type="unknown",code="unknown_message"}')).toBe(1);
    expect(value(text, 'ua_join_seconds_count{kind="player"}')).toBe(2);
    expect(value(text, 'ua_join_seconds_count{kind="host"}')).toBe(1);
    expect(value(text, 'ua_room_tick_seconds_count')).toBeGreaterThan(0);
    // how late the rooms' beats run: measured, and near zero in an idle test server (not a
    // sampling period passed off as lag); prom-client's timer-sampled lag series are left out
    expect(value(text, 'ua_room_beat_lag_seconds_count')).toBeGreaterThan(0);
    expect(value(text, 'ua_room_beat_lag_seconds_sum')! / value(text, 'ua_room_beat_lag_seconds_count')!).toBeLessThan(0.25);
    expect(text).not.toMatch(/^ua_nodejs_eventloop_lag_p99_seconds/m);
    expect(text).toMatch(/^ua_nodejs_eventloop_lag_seconds\{/m);
    expect(text).toMatch(/^ua_process_cpu_user_seconds_total\{/m);
    // the question went out as a patch every phone received: its text alone is tens of bytes
    expect(value(text, 'ua_state_patch_bytes_count{kind="shared"}')).toBeGreaterThan(0);
    expect(value(text, 'ua_state_patch_bytes_sum{kind="shared"}')).toBeGreaterThan(50);
    expect(value(text, 'ua_state_patch_bytes_count{kind="view"}')).toBeGreaterThan(0);
    expect(value(text, 'ua_state_patch_seconds_count')).toBeGreaterThan(0);
    expect(value(text, 'ua_http_requests_total{method="POST",route="/api/games",status="201"}')).toBe(1);
    expect(value(text, 'ua_http_requests_total{method="GET",route="/metrics",status="200"}')).toBe(1);

    await ben.leave(true);
    await vi.waitFor(async () => expect(value(await scrape(), 'ua_clients{kind="player"}')).toBe(1));
    await Promise.all([host.leave(true), ana.leave(true)]);
  });
});

describe('reconnection through the SDK (Node 20 has no global WebSocket, which Colyseus 0.18.17 reads)', () => {
  it('keeps the seat of a phone whose socket dropped, and counts the reconnect', async () => {
    const game = await t.createGame({ lang: 'en', teams: 2 });
    const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
    const roster = rosterOf(host);
    host.onMessage('*', () => undefined);
    const ana = await t.client().joinById(game.code, { name: 'Ana' });
    ana.onMessage('*', () => undefined);
    const left: number[] = [];
    let reconnected = false;
    ana.onLeave((code) => left.push(code));
    ana.onReconnect(() => {
      reconnected = true;
    });
    (ana as any).reconnection.minUptime = 0;
    (ana.connection as any).transport.ws.close(); // the network goes away, not a consented leave
    await vi.waitFor(() => expect(reconnected).toBe(true), { timeout: 10_000 });
    await vi.waitFor(async () => expect(value(await scrape(), 'ua_reconnects_total{kind="player"}')).toBe(1));
    expect(left).toEqual([]);
    await vi.waitFor(() => expect([...roster.values()].find((p) => p.name === 'Ana')?.connected).toBe(true));
    await Promise.all([host.leave(true), ana.leave(true)]);
  });
});

describe('createMetrics', () => {
  it('counts reconnects by kind and folds unknown message types into one label', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.reconnected('player');
    m.reconnected('player');
    m.reconnected('host');
    for (let i = 0; i < 50; i++) m.messageIn(`junk-${i}`);
    m.refused('x'.repeat(40), 'unknown_message');
    const text = await m.registry.metrics();
    expect(value(text, 'ua_reconnects_total{kind="player"}')).toBe(2);
    expect(value(text, 'ua_reconnects_total{kind="host"}')).toBe(1);
    expect(value(text, 'ua_messages_in_total{type="unknown"}')).toBe(50);
    expect(text).not.toContain('junk-');
    expect(value(text, 'ua_messages_refused_total{type="unknown",code="unknown_message"}')).toBe(1);
    expect(text).not.toContain('ua_process_cpu');
  });
});
