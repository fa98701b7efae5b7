// Bots for homework tests through the real SDK: a teacher who plays a live game to its podium with
// its phones, then assigns it; a student who starts (or resumes) an attempt over HTTP and plays it
// in its room to the end, reacting to the synced state as a page would.
import type { Client, Room } from '@colyseus/sdk';
import { answerFor } from './answers.ts';

const st = (room: Room) => room.state as any;

/** POST/PATCH/GET JSON against a test server; returns status and parsed body. */
export async function call(url: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/**
 * Plays whatever the room shows until `stop` says so (default: the podium): goes on from every
 * screen that waits for the student, answers every question with the first valid answer, and in
 * a scenario round takes `actions` once each.
 */
export function playAttempt(room: Room, opts: { actions?: readonly Record<string, unknown>[]; stop?: (state: any) => boolean } = {}): Promise<void> {
  const stop = opts.stop ?? ((s: any) => s.phase === 'podium');
  return new Promise((resolve) => {
    let last = '';
    let acted = false;
    const act = () => {
      const s = st(room);
      if (!s?.phase) return;
      if (stop(s)) {
        resolve();
        return;
      }
      const key = `${s.phase}:${s.question?.seq}:${s.roundIndex}:${s.paused}`;
      if (key === last) return;
      last = key;
      switch (s.phase) {
        case 'question':
          room.send('answer', { seq: s.question.seq, answer: answerFor(room) });
          break;
        case 'scenario':
          if (!acted) for (const action of opts.actions ?? []) room.send('scenario:action', { action });
          acted = true;
          break;
        default:
          room.send('homework:next', {});
      }
    };
    room.onStateChange(act);
    act();
  });
}

/** A live game of `plan` played to its podium by a teacher and `names` phones (every question answered). */
export async function playLiveGame(client: () => Client, game: { code: string; hostToken: string }, names: readonly string[]): Promise<void> {
  const host = await client().joinById(game.code, { hostToken: game.hostToken });
  host.onMessage('*', () => undefined);
  const phones: Room[] = [];
  for (const name of names) {
    const phone = await client().joinById(game.code, { name });
    phone.onMessage('*', () => undefined);
    phones.push(phone);
  }
  const answered = new Set<string>();
  await new Promise<void>((resolve) => {
    let last = '';
    const drive = () => {
      const s = st(host);
      if (!s?.phase) return;
      if (s.phase === 'podium') return resolve();
      const key = `${s.phase}:${s.question?.seq}:${s.roundIndex}:${s.counts?.playerCount}`;
      if (key === last) return;
      last = key;
      if (s.phase === 'lobby' && s.counts.playerCount >= names.length) host.send('host:start', {});
      if (['reveal', 'leaderboard', 'scenario-report', 'round-intro'].includes(s.phase)) host.send('host:next', {});
    };
    host.onStateChange(drive);
    for (const phone of phones) {
      phone.onStateChange(() => {
        const s = st(phone);
        const key = `${phone.sessionId}:${s.question?.seq}`;
        if (s.phase === 'question' && !answered.has(key)) {
          answered.add(key);
          phone.send('answer', { seq: s.question.seq, answer: answerFor(phone) });
        }
      });
    }
    drive();
  });
  await Promise.all([host, ...phones].map((r) => r.leave(true).catch(() => undefined)));
}
