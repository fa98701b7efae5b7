// One game's network, measured, for the teacher's "Under the hood" view. The room tells it what
// happens (who joined, dropped, came back, answered) and calls beat(); everything it keeps is a
// counter or a short list. The report is built and sent only while a teacher page has the view
// open, once every LINK.reportEveryMs, to those pages alone; a page that drops stops its feed.
import { matchMaker, type Client } from '@colyseus/core';
import { LINK } from '../../../shared/constants.ts';
import type { UnderTheHoodReport } from '../../../shared/protocol.ts';
import type { AnswerTiming } from '../../../shared/rules/latency.ts';
import { PhoneLinks, type SendPing } from './links.ts';
import { GameTraffic, Reconnections } from './meter.ts';

export interface NetWatchDeps {
  readonly sendPing: SendPing;
  readonly sendReport: (client: Client, report: UnderTheHoodReport) => void;
  /** A connected player's nickname, or undefined. */
  readonly nameOf: (playerId: string) => string | undefined;
  /** Phones connected now. */
  readonly phones: () => number;
  readonly redis: boolean;
}

export class NetWatch {
  readonly links: PhoneLinks;
  readonly traffic = new GameTraffic();
  readonly reconnections = new Reconnections();
  private readonly viewers = new Set<Client>();
  private readonly corrections: number[] = [];
  private readonly tapFlights: number[] = [];
  /** The correction of each player's last answer (ms). */
  private readonly lastCorrection = new Map<string, number>();
  private corrected = 0;
  private impossibleTaps = 0;
  private nextReportAt = 0;
  private lastSample = { at: 0, frames: 0, bytes: 0 };
  private cluster = { processes: 1, rooms: 1, at: -Infinity, busy: false };

  constructor(private readonly deps: NetWatchDeps) {
    this.links = new PhoneLinks(deps.sendPing);
  }

  hostJoined(client: Client): void {
    this.traffic.meter(client, 'host');
  }

  /** A teacher page's socket dropped or left: its feed stops (the page asks again when it is back). */
  hostGone(client: Client): void {
    this.viewers.delete(client);
  }

  /** A phone is connected on `client` (a join, a seat reclaimed, a reconnection). */
  phoneConnected(playerId: string, client: Client, now: number): void {
    this.traffic.meter(client, 'player');
    this.links.attach(playerId, client, now);
    this.reconnections.back(playerId, now);
  }

  phoneDropped(playerId: string, now: number): void {
    this.links.detach(playerId);
    this.reconnections.dropped(playerId, now);
  }

  phoneRemoved(playerId: string): void {
    this.links.detach(playerId);
    this.reconnections.gone(playerId);
    this.lastCorrection.delete(playerId);
  }

  answered(playerId: string, timing: AnswerTiming): void {
    if (timing.correctionMs > 0) {
      this.corrected++;
      keep(this.corrections, timing.correctionMs);
    }
    this.lastCorrection.set(playerId, timing.correctionMs);
    if (timing.tap === 'impossible') this.impossibleTaps++;
    if (timing.tapFlightMs !== null) keep(this.tapFlights, timing.tapFlightMs);
  }

  /** The host's 'host:under-the-hood' message. */
  view(client: Client, open: boolean, now: number): void {
    if (!open) {
      this.viewers.delete(client);
      return;
    }
    if (this.viewers.size === 0) {
      this.lastSample = { at: now, ...this.phoneTotals() };
      this.nextReportAt = now + LINK.reportEveryMs;
      this.refreshCluster(now);
    }
    this.viewers.add(client);
    // A page that just opened the view gets a report at once (rates from the next one on).
    this.deps.sendReport(client, this.report(now));
  }

  get viewing(): boolean {
    return this.viewers.size > 0;
  }

  /** From the room's beat. */
  beat(now: number): void {
    this.links.beat(now);
    if (this.viewers.size === 0 || now < this.nextReportAt) return;
    this.nextReportAt = now + LINK.reportEveryMs;
    this.refreshCluster(now);
    const report = this.report(now);
    for (const client of this.viewers) this.deps.sendReport(client, report);
  }

  private phoneTotals(): { frames: number; bytes: number } {
    return { frames: this.traffic.phones.frames, bytes: this.traffic.phones.bytes };
  }

  /** How many processes and games: from the presence the matchmaker shares (Redis when scaled out). */
  private refreshCluster(now: number): void {
    if (this.cluster.busy || now - this.cluster.at < LINK.clusterEveryMs) return;
    this.cluster.busy = true;
    this.cluster.at = now;
    matchMaker.stats
      .fetchAll()
      .then((all) => {
        const local = matchMaker.stats.local;
        this.cluster.processes = Math.max(1, all.length);
        this.cluster.rooms = Math.max(local.roomCount, all.reduce((sum, p) => sum + (Number.isFinite(p.roomCount) ? p.roomCount : 0), 0), 1);
      })
      .catch(() => undefined)
      .finally(() => {
        this.cluster.busy = false;
      });
  }

  /** The report, built from the counters (O(phones), only while the view is open). */
  report(now: number): UnderTheHoodReport {
    const rtts: { id: string; rtt: number }[] = [];
    const offsets: number[] = [];
    for (const [id, e] of this.links.all()) {
      if (e.rttMs !== null) rtts.push({ id, rtt: e.rttMs });
      if (e.clock) offsets.push(e.clock.offsetMs);
    }
    rtts.sort((a, b) => a.rtt - b.rtt);
    const seconds = Math.max(0.001, (now - this.lastSample.at) / 1000);
    const totals = this.phoneTotals();
    const sinceOpened = this.lastSample.at > 0 && now > this.lastSample.at;
    const messagesPerSecond = sinceOpened ? (totals.frames - this.lastSample.frames) / seconds : 0;
    const bytesPerSecond = sinceOpened ? (totals.bytes - this.lastSample.bytes) / seconds : 0;
    if (sinceOpened) this.lastSample = { at: now, ...totals };
    const phones = this.deps.phones();
    const farthest = rtts
      .slice(-5)
      .reverse()
      .map(({ id, rtt }) => ({ name: this.deps.nameOf(id) ?? '?', rttMs: ms(rtt), correctionMs: ms(this.lastCorrection.get(id) ?? Math.min(rtt, LINK.maxCorrectionMs)) }));
    return {
      phones,
      rtt: { measured: rtts.length, medianMs: msOrNull(median(rtts.map((r) => r.rtt))), maxMs: msOrNull(rtts.at(-1)?.rtt ?? null), histogram: histogram(rtts.map((r) => r.rtt), LINK.rttBucketsMs) },
      farthest,
      traffic: {
        messagesPerSecond: round1(messagesPerSecond),
        bytesPerSecond: Math.round(bytesPerSecond),
        bytesPerSecondPerPhone: phones > 0 ? Math.round(bytesPerSecond / phones) : 0,
        patchBytes: this.traffic.lastPatchBytes,
      },
      reconnections: { count: this.reconnections.count, medianMs: msOrNull(median(this.reconnections.durations)), maxMs: msOrNull(max(this.reconnections.durations)), away: this.reconnections.away },
      server: { processes: this.cluster.processes, rooms: this.cluster.rooms, redis: this.deps.redis },
      clocks: {
        measured: offsets.length,
        medianOffsetMs: msOrNull(median(offsets)),
        spreadMs: offsets.length > 0 ? ms(Math.max(...offsets) - Math.min(...offsets)) : null,
        histogram: histogram(offsets.map(Math.abs), LINK.clockBucketsMs),
      },
      speed: { corrected: this.corrected, medianCorrectionMs: msOrNull(median(this.corrections)), impossibleTaps: this.impossibleTaps, medianTapFlightMs: msOrNull(median(this.tapFlights)) },
    };
  }
}

function keep(list: number[], value: number): void {
  list.push(value);
  if (list.length > LINK.historyKept) list.shift();
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function max(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
}

/** Counts of `values` per bar: ≤ bounds[0], ≤ bounds[1], …, and one more for the rest. */
function histogram(values: readonly number[], bounds: readonly number[]): number[] {
  const counts = new Array<number>(bounds.length + 1).fill(0);
  for (const v of values) {
    let i = bounds.findIndex((b) => v <= b);
    if (i < 0) i = bounds.length;
    counts[i]! += 1;
  }
  return counts;
}

const ms = (v: number) => Math.round(v);
const msOrNull = (v: number | null) => (v === null ? null : Math.round(v));
const round1 = (v: number) => Math.round(v * 10) / 10;
