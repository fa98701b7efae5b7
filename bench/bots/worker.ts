// One bot worker process (forked by bench/load.ts). Runs a share of the bots as real
// @colyseus/sdk clients: phones join at their given moment, answer each question at a random
// moment within ANSWER_WINDOW_MS of it opening (timing the 'ack'), sometimes drop and come
// back with their seat token; host bots start their game and press 'host:next' after each
// reveal and leaderboard. Reports raw samples to the parent over IPC.
import { Client, type Room } from '@colyseus/sdk';
import { BOT, type BotPlan, type WorkerReport, type WorkerStart } from './protocol.ts';
import { scenarioAction } from './scenario.ts';

// The SDK narrates every reconnection attempt on console.info: thousands of bots would drown the output.
console.info = () => undefined;

const joinMs: number[] = [];
const ackMs: number[] = [];
const counters = { connected: 0, joined: 0, answers: 0, acks: 0, refusals: 0, hostRefusals: 0, drops: 0, rejoins: 0, seatFallbacks: 0, reconnects: 0, errors: 0, scenarioActions: 0, bytes: 0 };
const errorSamples: string[] = [];
const refusalCodes: Record<string, number> = {};
let measuring = false;
let stopping = false;
const rooms = new Set<Room>();

function error(what: string): void {
  counters.errors++;
  if (errorSamples.length < 10) errorSamples.push(what.slice(0, 200));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts every WebSocket frame the phone receives (patches, messages), in bytes. */
function countBytes(room: Room): void {
  const ws = (room.connection as unknown as { transport?: { ws?: { addEventListener?: (t: string, f: (e: { data: unknown }) => void) => void } } }).transport?.ws;
  ws?.addEventListener?.('message', (e) => {
    if (!measuring) return;
    const d = e.data as ArrayBuffer | Buffer | string;
    counters.bytes += typeof d === 'string' ? Buffer.byteLength(d) : (d as ArrayBuffer).byteLength;
  });
}

function answerFor(q: { type: string; options: ArrayLike<string>; min: number; max: number }): unknown {
  const n = Math.max(1, q.options.length);
  switch (q.type) {
    case 'truefalse':
      return { kind: 'choice', index: Math.floor(Math.random() * 2) };
    case 'multi':
      return { kind: 'multi', indices: [Math.floor(Math.random() * n)] };
    case 'order':
      return { kind: 'order', order: Array.from({ length: n }, (_, i) => i) };
    case 'numeric':
      return { kind: 'numeric', value: q.min + Math.random() * (q.max - q.min) };
    default:
      return { kind: 'choice', index: Math.floor(Math.random() * n) };
  }
}

async function runPlayer(url: string, plan: BotPlan, startAt: number): Promise<void> {
  await sleep(Math.max(0, startAt + plan.joinAtMs - Date.now()));
  let seat: string | undefined;
  let playerId = '';
  let joinOptions: Record<string, unknown> = { name: plan.name };
  let answeredSeq = -1; // survives a reload: the seat already answered that question
  while (!stopping) {
    const started = performance.now();
    let room: Room;
    try {
      room = await new Client(url).joinById(plan.code, joinOptions);
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      error(`join ${plan.name}: ${(err as Error).message}${cause ? ` (${cause.code ?? ''} ${cause.message ?? ''})` : ''}`);
      return;
    }
    joinMs.push(performance.now() - started);
    rooms.add(room);
    counters.joined++;
    counters.connected++;
    countBytes(room);
    // The SDK skips auto-reconnection within minUptime of joining (default 5 s); bots drop later anyway.
    (room as unknown as { reconnection: { minUptime: number } }).reconnection.minUptime = 1000;
    let sentAt = 0;
    let dropThis = false;
    let fellBack = false;
    let left = false;
    const done = new Promise<void>((resolve) => {
      room.onMessage('welcome', (m: { seat: string; playerId: string }) => {
        seat = m.seat;
        playerId = m.playerId;
      });
      room.onMessage('ack', () => {
        counters.acks++;
        if (sentAt) ackMs.push(performance.now() - sentAt);
        sentAt = 0;
      });
      room.onMessage('refused', (m: { code?: string }) => {
        counters.refusals++;
        const code = String(m?.code ?? 'unknown');
        refusalCodes[code] = (refusalCodes[code] ?? 0) + 1;
      });
      room.onMessage('*', () => undefined);
      room.onError((code, message) => error(`room error ${code}: ${message ?? ''}`));
      room.onReconnect(() => {
        counters.reconnects++;
        countBytes(room);
      });
      room.onLeave((code) => {
        left = true;
        rooms.delete(room);
        counters.connected--;
        // Like the phone page: an unexpected leave (the SDK gave up reconnecting, e.g. a drop within
        // its minUptime of joining) is followed by a new join with the seat token; a phone
        // without a seat yet, or whose seat join then fails, is an error.
        if (!stopping && !dropThis) {
          if (seat) {
            fellBack = true;
            counters.seatFallbacks++;
          } else {
            error(`left unexpectedly with code ${code} after ${Math.round(performance.now() - started)} ms, phase ${(room.state as any)?.phase}`);
          }
        }
        resolve();
      });
      room.onStateChange((s: any) => {
        if (s.phase === 'question' && s.question?.seq && s.question.seq !== answeredSeq) {
          const seq = s.question.seq as number;
          answeredSeq = seq;
          const q = { type: s.question.type, options: [...(s.question.options ?? [])], min: s.question.min, max: s.question.max };
          setTimeout(() => {
            if (left || stopping) return;
            if (room.state?.phase !== 'question' || (room.state as any).question?.seq !== seq) return;
            sentAt = performance.now();
            counters.answers++;
            room.send('answer', { seq, answer: answerFor(q) });
            // now and then a phone loses its network (the SDK reconnects it) or the page reloads
            // (a new join with the seat token from 'welcome'), right after answering
            if (Math.random() < BOT.dropChancePerQuestion) {
              counters.drops++;
              const reload = Math.random() < 0.5;
              setTimeout(() => {
                if (reload) {
                  dropThis = true;
                  (room as unknown as { reconnection: { enabled: boolean } }).reconnection.enabled = false;
                  void room.leave(false);
                } else {
                  (room.connection as unknown as { transport: { ws: { close(): void } } }).transport.ws.close();
                }
              }, BOT.dropAfterAnswerMs);
            }
          }, Math.random() * BOT.answerWindowMs);
        } else if (s.phase === 'scenario') {
          const action = scenarioAction(s, playerId, Math.random);
          if (action) {
            counters.scenarioActions++;
            room.send('scenario:action', { action });
          }
        }
      });
    });
    await done;
    if (stopping || !(dropThis || fellBack) || !seat) return;
    await sleep(BOT.rejoinAfterMs);
    counters.rejoins++;
    joinOptions = { seat };
  }
}

async function runHost(url: string, code: string, hostToken: string, startGameAt: number): Promise<void> {
  let room: Room;
  try {
    room = await new Client(url).joinById(code, { hostToken });
  } catch (err) {
    error(`host join ${code}: ${(err as Error).message}`);
    return;
  }
  rooms.add(room);
  room.onMessage('*', () => undefined);
  room.onMessage('refused', () => {
    counters.hostRefusals++;
  });
  room.onLeave((c) => {
    rooms.delete(room);
    if (!stopping) error(`host left ${code} with code ${c}`);
  });
  let lastPhaseKey = '';
  room.onStateChange((s: any) => {
    const key = `${s.phase}:${s.question?.seq ?? 0}:${s.roundIndex}`;
    if (key === lastPhaseKey) return;
    lastPhaseKey = key;
    if (s.phase === 'reveal' || s.phase === 'leaderboard' || s.phase === 'scenario-report') {
      setTimeout(() => {
        if (!stopping && `${(room.state as any).phase}:${(room.state as any).question?.seq ?? 0}:${(room.state as any).roundIndex}` === key) room.send('host:next', {});
      }, s.phase === 'reveal' ? BOT.hostRevealHoldMs : BOT.hostLeaderboardHoldMs);
    }
  });
  await sleep(Math.max(0, startGameAt - Date.now()));
  room.send('host:start', {});
}

process.on('message', async (msg: WorkerStart | { type: 'measure' } | { type: 'stop' }) => {
  if (msg.type === 'measure') {
    measuring = true;
    return;
  }
  if (msg.type === 'stop') {
    stopping = true;
    const report: WorkerReport = { type: 'report', joinMs, ackMs, counters, errorSamples, refusalCodes };
    process.send!(report);
    setTimeout(() => process.exit(0), 1500);
    for (const r of rooms) void r.leave(true).catch(() => undefined);
    return;
  }
  const { url, hosts, players, startAt, startGameAt } = msg;
  for (const h of hosts) void runHost(url, h.code, h.hostToken, startGameAt);
  for (const p of players) void runPlayer(url, p, startAt);
  const progress = setInterval(() => process.send!({ type: 'progress', counters, acks: ackMs.length }), BOT.progressEveryMs);
  progress.unref();
});
process.on('unhandledRejection', (err) => error(`unhandled: ${String(err)}`));
process.send!({ type: 'ready' });
