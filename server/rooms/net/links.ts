// Each phone's link as the server measures it: round trips and the phone's clock offset.
// Two kinds of ping, both cheap:
// - the WebSocket pings the transport already sends every PING_INTERVAL_MS to notice dead
//   sockets; we only note when each went out and when its pong came back. A browser answers them
//   itself, below the page, so page scripts can neither slow nor fake them;
// - a few clock pings of the game's own ('clock:ping' → 'clock:pong'), which also read the phone's
//   clock (Cristian's algorithm): a burst of four, 1.5 s apart, after a phone joins or comes back,
//   then one every LINK.pingEveryMs. They are sent from the room's beat, in order of due time: no timer per phone.
// A phone's round trip is the smallest of its recent ones; its clock offset comes from the clock
// reading with the smallest round trip.
import type { Client } from '@colyseus/core';
import { LINK } from '../../../shared/constants.ts';
import { clockSample, fastest, type AnswerLink, type ClockSample } from '../../../shared/rules/latency.ts';

/** Sends one clock ping to a phone (the room's reply path, so it is counted like any message). */
export type SendPing = (client: Client, n: number) => void;

interface Link {
  client: Client;
  /** Recent round trips (ms), a ring of LINK.roundTripsKept. */
  readonly rtts: number[];
  rttNext: number;
  /** Recent clock readings, a ring of LINK.clockSamplesKept. */
  readonly clocks: ClockSample[];
  clockNext: number;
  /** The clock ping awaiting its pong: its number and when it went out (monotonic and wall clock). */
  pending: { n: number; sentPerf: number; sentWall: number } | null;
  nextN: number;
  burstLeft: number;
  /** Round trips timed on the WebSocket's own pings so far. */
  socketPongs: number;
  /** Bumped on every attach, so queue entries of an earlier connection are skipped. */
  generation: number;
}

interface Due {
  readonly playerId: string;
  readonly generation: number;
  readonly at: number;
}

/** A FIFO of due times; every entry is pushed with the same delay, so it stays in time order. */
class DueQueue {
  private items: Due[] = [];
  private head = 0;
  constructor(private readonly delayMs: number) {}
  push(playerId: string, generation: number, now: number): void {
    this.items.push({ playerId, generation, at: now + this.delayMs });
  }
  popDue(now: number): Due | undefined {
    const next = this.items[this.head];
    if (!next || next.at > now) return undefined;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return next;
  }
}

/** Sockets whose pongs are already timed (the transport pings the raw socket, not our client object). */
const timed = new WeakSet<object>();

interface RawSocket {
  ping(...args: unknown[]): unknown;
  on(event: 'pong', listener: () => void): unknown;
}

/**
 * Times the transport's own WebSocket pings on this client's socket: notes when each goes out,
 * and reports the round trip when its pong arrives. A no-op on transports without such pings.
 */
function timeSocketPings(client: Client, onRoundTrip: (ms: number) => void): void {
  const ws = (client as unknown as { ref?: Partial<RawSocket> }).ref;
  if (!ws || typeof ws.ping !== 'function' || typeof ws.on !== 'function' || timed.has(ws)) return;
  timed.add(ws);
  const socket = ws as RawSocket;
  const ping = socket.ping;
  let sentAt = 0;
  socket.ping = function (this: unknown, ...args: unknown[]) {
    sentAt = performance.now();
    return ping.apply(this, args);
  };
  socket.on('pong', () => {
    if (sentAt === 0) return;
    onRoundTrip(performance.now() - sentAt);
    sentAt = 0;
  });
}

export interface LinkEstimate {
  /** The smallest recent round trip (ms), or null. */
  readonly rttMs: number | null;
  /** The clock reading with the smallest round trip, or null. */
  readonly clock: ClockSample | null;
}

export class PhoneLinks {
  private readonly links = new Map<string, Link>();
  private readonly first = new DueQueue(LINK.firstPingAfterMs);
  private readonly burst = new DueQueue(LINK.burstEveryMs);
  private readonly steady = new DueQueue(LINK.pingEveryMs);

  constructor(private readonly send: SendPing) {}

  /** A phone joined or came back on `client`: measure it afresh (its network may have changed). */
  attach(playerId: string, client: Client, now: number): void {
    const before = this.links.get(playerId);
    const link: Link = { client, rtts: [], rttNext: 0, clocks: [], clockNext: 0, pending: null, nextN: 0, burstLeft: LINK.burstPings, socketPongs: 0, generation: (before?.generation ?? 0) + 1 };
    this.links.set(playerId, link);
    timeSocketPings(client, (ms) => {
      if (this.links.get(playerId) !== link || link.client !== client) return;
      link.socketPongs++;
      addRoundTrip(link, ms);
    });
    this.first.push(playerId, link.generation, now);
  }

  /** The phone's connection dropped or it left: stop pinging it. */
  detach(playerId: string): void {
    this.links.delete(playerId);
  }

  /** From the room's beat: sends the clock pings that are due. */
  beat(now: number): void {
    for (let due = this.first.popDue(now); due; due = this.first.popDue(now)) this.due(due, now, true);
    for (let due = this.burst.popDue(now); due; due = this.burst.popDue(now)) this.due(due, now, false);
    for (let due = this.steady.popDue(now); due; due = this.steady.popDue(now)) this.due(due, now, true);
  }

  /** Pings a phone whose ping is due; `again`: schedule its next steady one. */
  private due(due: Due, now: number, again: boolean): void {
    const link = this.links.get(due.playerId);
    if (!link || link.generation !== due.generation) return;
    this.ping(link, now);
    if (again) this.steady.push(due.playerId, link.generation, now);
  }

  private ping(link: Link, now: number): void {
    // An answer still outstanding after pingTimeoutMs is given up: the reply was lost or never comes.
    if (link.pending && now - link.pending.sentWall < LINK.pingTimeoutMs) return;
    const n = link.nextN;
    link.nextN = (link.nextN + 1) % 2 ** 31;
    link.pending = { n, sentPerf: performance.now(), sentWall: now };
    this.send(link.client, n);
  }

  /**
   * A phone's 'clock:pong'. A reply to no outstanding ping (late, repeated, made up) is ignored:
   * replies get lost and duplicated on real networks, and a made-up one changes nothing.
   */
  pong(playerId: string, n: number, phoneAt: number, now: number): void {
    const link = this.links.get(playerId);
    const pending = link?.pending;
    if (!link || !pending || pending.n !== n) return;
    link.pending = null;
    const rtt = performance.now() - pending.sentPerf;
    addRoundTrip(link, rtt);
    const sample = clockSample(pending.sentWall, pending.sentWall + rtt, phoneAt);
    link.clocks[link.clockNext] = sample;
    link.clockNext = (link.clockNext + 1) % LINK.clockSamplesKept;
    if (link.burstLeft > 0) {
      link.burstLeft--;
      this.burst.push(playerId, link.generation, now);
    }
  }

  estimate(playerId: string): LinkEstimate {
    const link = this.links.get(playerId);
    if (!link) return { rttMs: null, clock: null };
    return { rttMs: link.rtts.length > 0 ? Math.min(...link.rtts) : null, clock: fastest(link.clocks) };
  }

  /** What the rules need of an answer's phone: its round trip and its reported tap on the server's clock. */
  answerLink(playerId: string, tapAt: number | undefined): AnswerLink {
    const { rttMs, clock } = this.estimate(playerId);
    if (tapAt === undefined || !clock) return { rttMs, tapAt: null, tapUncertaintyMs: 0 };
    return { rttMs, tapAt: tapAt - clock.offsetMs, tapUncertaintyMs: clock.rttMs / 2 };
  }

  /** Every linked phone's estimate (for the report; only while the view is open). */
  *all(): IterableIterator<[string, LinkEstimate]> {
    for (const id of this.links.keys()) yield [id, this.estimate(id)];
  }

  /** What a phone has on record: round trips kept, WebSocket pongs timed, clock readings kept (tests wait on these). */
  samples(playerId: string): { roundTrips: number; socketPongs: number; clocks: number } {
    const link = this.links.get(playerId);
    return { roundTrips: link?.rtts.length ?? 0, socketPongs: link?.socketPongs ?? 0, clocks: link?.clocks.length ?? 0 };
  }
}

function addRoundTrip(link: Link, ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) return;
  link.rtts[link.rttNext] = ms;
  link.rttNext = (link.rttNext + 1) % LINK.roundTripsKept;
}
