// Child process of bench/room.ts: one projector (host) and N phone bots on real SDK clients, in
// their own process so the server's CPU is measured alone. Counts bytes received per client
// while the scenario round runs, and reports them as one JSON message to the parent.
import { Client, type Room } from '@colyseus/sdk';
import { botScenarioAction } from './scenario-actions.ts';
import { answerClockPings } from '../client/src/net/clock-sync.ts';

interface Start { url: string; code: string; hostToken: string; players: number }

/** To the parent: the round has started (it reads the server's CPU then), then the figures. */
export type BotsMessage =
  | { kind: 'started' }
  | { kind: 'report'; seconds: number; phoneBytesPerSecond: number[]; projectorBytesPerSecond: number; actions: number; refusals: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let measuring = false;

function countBytes(room: Room, into: { bytes: number }): void {
  const ws = (room.connection as unknown as { transport?: { ws?: { addEventListener?: (t: string, f: (e: { data: unknown }) => void) => void } } }).transport?.ws;
  ws?.addEventListener?.('message', (e) => {
    if (!measuring) return;
    const d = e.data as ArrayBuffer | Buffer | string;
    into.bytes += typeof d === 'string' ? Buffer.byteLength(d) : (d as ArrayBuffer).byteLength;
  });
}

process.once('message', async (start: Start) => {
  const client = new Client(start.url.replace(/^http/, 'ws'));
  const host = await client.joinById(start.code, { hostToken: start.hostToken });
  host.onMessage('*', () => undefined);
  const hostCount = { bytes: 0 };
  countBytes(host, hostCount);
  const phones: { room: Room; id: string; count: { bytes: number }; actions: number; refusals: number }[] = [];
  for (let i = 0; i < start.players; i++) {
    const room = await new Client(start.url.replace(/^http/, 'ws')).joinById(start.code, { name: `Bot ${i + 1}` });
    const phone = { room, id: '', count: { bytes: 0 }, actions: 0, refusals: 0 };
    room.onMessage('welcome', (w: { playerId: string }) => (phone.id = w.playerId));
    room.onMessage('refused', () => phone.refusals++);
    room.onMessage('*', () => undefined);
    // as the page does: the server's clock pings are answered (a few a minute)
    answerClockPings(room);
    countBytes(room, phone.count);
    phones.push(phone);
  }
  const phase = () => (host.state as { phase?: string }).phase;
  host.onError((code, message) => console.log('host error', code, message));
  host.onLeave((code) => console.log('host left', code));
  host.send('host:start', {});
  const round = () => (host.state as { roundIndex?: number }).roundIndex ?? 0;
  while (phase() !== 'leaderboard' && round() < 1) {
    if (phase() === 'question') host.send('host:skip', {});
    await sleep(150);
  }
  while (phase() === 'leaderboard') {
    host.send('host:next', {});
    await sleep(300);
  }
  while (phase() !== 'scenario') await sleep(20);
  measuring = true;
  process.send?.({ kind: 'started' } satisfies BotsMessage);
  const began = Date.now();
  const timers = phones.map((p) =>
    setInterval(() => {
      const details = Array.from((p.room.state as { scenario?: { details?: ArrayLike<never> } }).scenario?.details ?? [])[0];
      const action = botScenarioAction(details, p.id, Math.random);
      if (action) {
        p.room.send('scenario:action', { action });
        p.actions++;
      }
    }, 4000 + Math.random() * 4000),
  );
  while (phase() === 'scenario') await sleep(50);
  measuring = false;
  const seconds = (Date.now() - began) / 1000;
  timers.forEach(clearInterval);
  process.send?.({
    kind: 'report',
    seconds,
    phoneBytesPerSecond: phones.map((p) => p.count.bytes / seconds),
    projectorBytesPerSecond: hostCount.bytes / seconds,
    actions: phones.reduce((s, p) => s + p.actions, 0),
    refusals: phones.reduce((s, p) => s + p.refusals, 0),
  } satisfies BotsMessage);
  // Leave politely but do not wait on it: the figures are already with the parent.
  for (const r of [host, ...phones.map((p) => p.room)]) void r.leave(true).catch(() => undefined);
  setTimeout(() => process.exit(0), 500);
});
