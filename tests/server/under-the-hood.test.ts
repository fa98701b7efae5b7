// The game measures its own network: phones' round trips and clocks from pings, speed scoring that
// takes each phone's distance off, and the teacher's "Under the hood" feed. Real SDK clients on
// real sockets; phones sit "far" behind a TCP proxy that delays every byte (tests/helpers/delay-proxy.ts).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { matchMaker } from '@colyseus/core';
import type { Room } from '@colyseus/sdk';
import { recorder, startTestServer, type TestServer } from '../helpers/server.ts';
import { ProxiedClient, startDelayProxy, type DelayProxy } from '../helpers/delay-proxy.ts';
import { answerFor, rightAnswer } from '../helpers/answers.ts';
import { answerClockPings, phoneClock } from '../../client/src/net/clock-sync.ts';
import { LINK } from '../../shared/constants.ts';
import { scoreAnswer } from '../../shared/rules/scoring.ts';
import type { GameModel } from '../../shared/rules/game.ts';
import type { UnderTheHoodReport } from '../../shared/protocol.ts';
import type { NetWatch } from '../../server/rooms/net/under-the-hood.ts';

let t: TestServer;
const proxies: DelayProxy[] = [];
const QUESTION_MS = 10_000;

beforeAll(async () => {
  // WebSocket pings every second, so phones have socket round trips on record quickly.
  t = await startTestServer({ QUESTION_SECONDS: String(QUESTION_MS / 1000), PING_INTERVAL_MS: '1000' });
});
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
  await t.close();
});

/** The room's own model and measurements (tests only). */
const roomOf = (code: string) => matchMaker.getLocalRoomById(code) as unknown as { game: GameModel; net: NetWatch; beats: number };
const st = (room: Room) => room.state as any;

async function proxy(oneWayMs: number): Promise<DelayProxy> {
  const p = await startDelayProxy(t.port, oneWayMs);
  proxies.push(p);
  return p;
}

interface Phone {
  room: Room;
  log: ReturnType<typeof recorder>;
  id: string;
}

/** A phone that joins through `via` (or directly) and answers clock pings like the page does; `pongDelayMs` makes it lie about its link. */
async function phone(code: string, name: string, via: DelayProxy | null, pongDelayMs = 0): Promise<Phone> {
  const client = via ? new ProxiedClient(via.endpoint) : t.client();
  const room = await client.joinById(code, { name });
  const log = recorder(room);
  if (pongDelayMs === 0) answerClockPings(room);
  else room.onMessage('clock:ping', ({ n }: { n: number }) => setTimeout(() => room.send('clock:pong', { n, at: phoneClock() }), pongDelayMs));
  await vi.waitFor(() => expect(log.last('welcome')).toBeDefined());
  return { room, log, id: log.last('welcome').playerId };
}

async function game() {
  const g = await t.createGame({ lang: 'en', teams: 2 });
  const host = await t.client().joinById(g.code, { hostToken: g.hostToken });
  const hostLog = recorder(host);
  return { ...g, host, hostLog };
}

/** Waits until every phone has its clock burst and `socketPongs` WebSocket round trips on record. */
async function measured(code: string, phones: readonly Phone[], socketPongs = 0): Promise<void> {
  const { net } = roomOf(code);
  await vi.waitFor(() => {
    for (const p of phones) {
      const s = net.links.samples(p.id);
      expect(s.clocks).toBe(LINK.burstPings + 1);
      expect(s.socketPongs).toBeGreaterThanOrEqual(socketPongs);
    }
  });
}

/**
 * Starts the game and brings up a scored question (polls skipped), then each phone taps its right
 * answer `reactionMs` after the question reached it, stamping `tapAt(now)` as the tap time.
 */
async function tapTogether(code: string, host: Room, phones: readonly Phone[], reactionMs: number, tapAt: (p: Phone, now: number) => number = (_p, now) => now): Promise<void> {
  for (const p of phones) {
    let seen = -1;
    p.room.onStateChange((s: any) => {
      if (s.phase !== 'question' || s.question.seq === seen || s.question.type === 'poll') return;
      seen = s.question.seq;
      const seq = seen;
      setTimeout(() => p.room.send('answer', { seq, answer: rightAnswer(code), tapAt: tapAt(p, phoneClock()) }), reactionMs);
    });
  }
  host.send('host:start', {});
  await vi.waitFor(() => expect(st(host).phase).toBe('question'));
  while (st(host).question.type === 'poll') {
    const seq = st(host).question.seq;
    host.send('host:skip', {});
    await vi.waitFor(() => expect(st(host).question.seq).toBeGreaterThan(seq));
  }
  for (const p of phones) await vi.waitFor(() => expect(p.log.of('result')).toHaveLength(1), { timeout: 30_000 });
}

/** Points an answer would have scored at `elapsedMs` (the first question: no streak). */
const pointsAt = (elapsedMs: number, credit: number) => scoreAnswer({ credit, elapsedMs, limitMs: QUESTION_MS, streakBefore: 0, speedScoring: true, scored: true }).points;

describe('latency-fair speed scoring', () => {
  it('two phones 20 ms and 400 ms away that tap at the same moment get the same points, within 2 %', async () => {
    const { code, host } = await game();
    const near = await phone(code, 'Near', await proxy(20));
    const far = await phone(code, 'Far', await proxy(400));
    await measured(code, [near, far]);
    const { net } = roomOf(code);
    // the server measured both links: ~40 ms and ~800 ms round trips (Node's timers round to the millisecond)
    expect(net.links.estimate(near.id).rttMs).toBeGreaterThanOrEqual(36);
    expect(net.links.estimate(near.id).rttMs).toBeLessThan(300);
    expect(net.links.estimate(far.id).rttMs).toBeGreaterThanOrEqual(790);
    expect(net.links.estimate(far.id).rttMs).toBeLessThan(1100);

    await tapTogether(code, host, [near, far], 800);
    const [a, b] = [near.log.last('result'), far.log.last('result')];
    expect(a.correct && b.correct).toBe(true);
    expect(Math.abs(a.points - b.points) / a.points).toBeLessThanOrEqual(0.02);

    // Without the correction the far phone would have lost more than 2 %: the test can fail.
    const answers = roomOf(code).game.history.at(-1)!.answers;
    const raw = (p: Phone) => {
      const rec = answers.find((x) => x.playerId === p.id)!;
      return pointsAt(rec.elapsedMs + (net.links.estimate(p.id).rttMs ?? 0), rec.credit);
    };
    expect((raw(near) - raw(far)) / raw(near)).toBeGreaterThan(0.02);
  });

  it('a phone that claims an impossible tap time and fakes a slow link gains nothing', async () => {
    const { code, host, hostLog } = await game();
    const link = await proxy(20);
    const honest = await phone(code, 'Honest', link);
    // The liar answers clock pings 300 ms late (to look far away) and says it tapped 5 s before it did.
    const liar = await phone(code, 'Liar', link, 300);
    await measured(code, [honest, liar], 2);
    const { net } = roomOf(code);
    // its WebSocket pongs, which a page cannot hold back, give its real distance away
    expect(net.links.estimate(liar.id).rttMs).toBeLessThan(300);
    expect(net.links.estimate(liar.id).clock!.rttMs).toBeGreaterThanOrEqual(290);

    host.send('host:under-the-hood', { open: true });
    await tapTogether(code, host, [honest, liar], 800, (p, now) => (p === liar ? now - 5000 : now));
    const [h, l] = [honest.log.last('result'), liar.log.last('result')];
    expect(h.correct && l.correct).toBe(true);
    expect(l.points).toBeLessThanOrEqual(h.points + 3);
    // had its claim been believed, it would have had far more
    expect(pointsAt(0, 1) - h.points).toBeGreaterThan(10);
    await vi.waitFor(() => expect((hostLog.last('host:under-the-hood') as UnderTheHoodReport).speed).toMatchObject({ corrected: 2, impossibleTaps: 1 }));
    host.send('host:under-the-hood', { open: false });
  });
});

describe('the "Under the hood" feed', () => {
  it('goes to the host only while the view is open, with this game’s measurements, and stops when the page drops', async () => {
    const { code, host, hostLog } = await game();
    const phones = [await phone(code, 'Ana', null), await phone(code, 'Ben', await proxy(100))];
    await measured(code, phones);
    const room = roomOf(code);
    const reports = () => hostLog.of('host:under-the-hood') as UnderTheHoodReport[];
    expect(reports()).toHaveLength(0);

    // a phone cannot open it
    phones[0]!.room.send('host:under-the-hood', { open: true });
    await vi.waitFor(() => expect(phones[0]!.log.last('refused')).toMatchObject({ type: 'host:under-the-hood', code: 'not_host' }));
    expect(phones[0]!.log.of('host:under-the-hood')).toHaveLength(0);

    host.send('host:under-the-hood', { open: true });
    await vi.waitFor(() => expect(reports().length).toBeGreaterThanOrEqual(2));
    const r = reports().at(-1)!;
    expect(r.phones).toBe(2);
    expect(r.rtt.measured).toBe(2);
    const rtts = phones.map((p) => room.net.links.estimate(p.id).rttMs!);
    expect(r.rtt.medianMs).toBe(Math.round((rtts[0]! + rtts[1]!) / 2));
    expect(r.rtt.maxMs).toBe(Math.round(Math.max(...rtts)));
    expect(r.rtt.histogram.reduce((s, n) => s + n, 0)).toBe(2);
    expect(r.farthest[0]).toMatchObject({ name: 'Ben' });
    expect(r.farthest[0]!.rttMs).toBeGreaterThanOrEqual(200);
    expect(r.clocks.measured).toBe(2);
    // phones on this machine share its clock: offsets within their round trips
    expect(Math.abs(r.clocks.medianOffsetMs!)).toBeLessThan(250);
    expect(r.server).toEqual({ processes: 1, rooms: expect.any(Number), redis: false });
    expect(r.server.rooms).toBeGreaterThanOrEqual(1);
    expect(r.traffic.patchBytes).toBeGreaterThan(0);
    // the lobby sends little; a question sends more
    host.send('host:start', {});
    await vi.waitFor(() => expect(reports().some((x) => x.traffic.messagesPerSecond > 0 && x.traffic.bytesPerSecond > 0)).toBe(true));

    // closing stops the feed: nothing more arrives while more than a report period of beats passes
    host.send('host:under-the-hood', { open: false });
    await vi.waitFor(() => expect(room.net.viewing).toBe(false));
    const count = reports().length;
    const beats = room.beats;
    await vi.waitFor(() => expect(room.beats).toBeGreaterThan(beats + (3 * LINK.reportEveryMs) / 20));
    expect(reports()).toHaveLength(count);

    // the page's socket drops while the view is open: the server stops at once
    host.send('host:under-the-hood', { open: true });
    await vi.waitFor(() => expect(reports().length).toBeGreaterThan(count));
    (host as any).reconnection.minUptime = 0;
    (host.connection as any).transport.ws.close();
    await vi.waitFor(() => expect(room.net.viewing).toBe(false));
  });

  it('counts phones that dropped and came back, and how long they were away', async () => {
    const { code, host, hostLog } = await game();
    const ana = await phone(code, 'Ana', null);
    const ben = await phone(code, 'Ben', null);
    host.send('host:under-the-hood', { open: true });
    await vi.waitFor(() => expect(hostLog.last('host:under-the-hood')).toBeDefined());
    expect((hostLog.last('host:under-the-hood') as UnderTheHoodReport).reconnections).toEqual({ count: 0, medianMs: null, maxMs: null, away: 0 });

    // Ana's network goes away; the SDK reconnects to the same seat
    let back = false;
    ana.room.onReconnect(() => (back = true));
    (ana.room as any).reconnection.minUptime = 0;
    (ana.room.connection as any).transport.ws.close();
    await vi.waitFor(() => expect(back).toBe(true));
    // Ben's page reloads: it rejoins with its seat token
    (ben.room.connection as any).transport.ws.terminate();
    await vi.waitFor(() => expect((hostLog.last('host:under-the-hood') as UnderTheHoodReport).reconnections.away).toBe(1));
    const again = await t.client().joinById(code, { seat: ben.log.last('welcome').seat });
    recorder(again);
    answerClockPings(again);
    await vi.waitFor(() => {
      const r = (hostLog.last('host:under-the-hood') as UnderTheHoodReport).reconnections;
      expect(r.count).toBe(2);
      expect(r.away).toBe(0);
      expect(r.maxMs).toBeGreaterThan(0);
      expect(r.medianMs).toBeGreaterThan(0);
    });
    // and the phones are measured again on their new connections
    await vi.waitFor(() => expect(roomOf(code).net.links.samples(ben.id).clocks).toBe(LINK.burstPings + 1));
  });
});

describe('bad input', () => {
  it('refuses malformed pongs, pongs from the teacher and impossible tap readings readably, and changes nothing', async () => {
    const { code, host, hostLog } = await game();
    const ana = await phone(code, 'Ana', null);
    await measured(code, [ana]);
    // WebSocket pings keep timing the link meanwhile (every second in this file), so the round trip
    // may move; the clock readings only a clock:pong can change must not.
    const before = roomOf(code).net.links.estimate(ana.id).clock;
    expect(before).toMatchObject({ rttMs: expect.any(Number), offsetMs: expect.any(Number) });

    ana.room.send('clock:pong', { n: 'x', at: 1 });
    await vi.waitFor(() => expect(ana.log.last('refused')).toMatchObject({ type: 'clock:pong', code: 'bad_message' }));
    ana.room.send('clock:pong', { n: 1, at: -5 });
    ana.room.send('clock:pong', { n: 1, at: 1e20 });
    ana.room.send('clock:pong', { n: 1, at: 5, extra: true });
    await vi.waitFor(() => expect(ana.log.of('refused')).toHaveLength(4));
    expect(ana.log.of('refused').every((r: any) => r.code === 'bad_message' && /clock:pong/.test(r.reason))).toBe(true);
    // a well-formed reply to no ping: lost and duplicated replies happen; it changes nothing
    ana.room.send('clock:pong', { n: 123_456, at: phoneClock() });
    host.send('clock:pong', { n: 0, at: phoneClock() });
    await vi.waitFor(() => expect(hostLog.last('refused')).toMatchObject({ type: 'clock:pong', code: 'not_a_player' }));
    host.send('host:under-the-hood', { open: 'yes' });
    await vi.waitFor(() => expect(hostLog.last('refused')).toMatchObject({ type: 'host:under-the-hood', code: 'bad_message' }));
    expect(roomOf(code).net.links.estimate(ana.id).clock).toEqual(before);

    host.send('host:start', {});
    await vi.waitFor(() => expect(st(ana.room).phase).toBe('question'));
    const seq = st(ana.room).question.seq;
    for (const tapAt of ['now', -1, Number.MAX_VALUE]) ana.room.send('answer', { seq, answer: answerFor(ana.room), tapAt });
    await vi.waitFor(() => expect(ana.log.of('refused')).toHaveLength(7));
    expect(ana.log.of('refused').slice(4).every((r: any) => r.type === 'answer' && r.code === 'bad_message')).toBe(true);
    expect(roomOf(code).game.current?.answeredCount).toBe(0);
    ana.room.send('answer', { seq, answer: answerFor(ana.room), tapAt: phoneClock() });
    await vi.waitFor(() => expect(ana.log.of('ack')).toHaveLength(1));
  });
});
