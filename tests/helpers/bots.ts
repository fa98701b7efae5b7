// Phone bots on the real SDK for projector tests, screenshots and benchmarks: each joins with a
// nickname, answers every question at its own moment and, in a scenario round, now and then
// takes an action one of its roles allows (bench/scenario-actions.ts).
import { Client, type Room } from '@colyseus/sdk';
import { answerFor } from './answers.ts';
import { botScenarioAction } from '../../bench/scenario-actions.ts';

export interface BotOptions {
  /** Delay before answering an open question, ms: from..to (random); null: only when told (answerNow). */
  answerAfterMs?: [number, number] | null;
  /** Chance per half second of taking a scenario action. */
  actionChance?: number;
}

export async function joinBots(url: string, code: string, names: readonly string[], options: BotOptions = {}): Promise<Room[]> {
  const [from, to] = options.answerAfterMs === null ? [Infinity, Infinity] : (options.answerAfterMs ?? [500, 3000]);
  const rooms: Room[] = [];
  for (const name of names) {
    const room = await new Client(url.replace(/^http/, 'ws')).joinById(code, { name });
    let id = '';
    room.onMessage('welcome', (w: { playerId: string }) => (id = w.playerId));
    room.onMessage('*', () => undefined);
    let seen = -1;
    let answerAt = 0;
    const timer = setInterval(() => {
      const s = room.state as { phase?: string; question?: { seq: number }; scenario?: { details?: ArrayLike<never> } };
      if (s.phase === 'question' && s.question && s.question.seq !== seen && Number.isFinite(from)) {
        seen = s.question.seq;
        answerAt = Date.now() + from + Math.random() * (to - from);
      }
      if (s.phase === 'question' && s.question && answerAt && Date.now() >= answerAt) {
        answerAt = 0;
        room.send('answer', { seq: s.question.seq, answer: answerFor(room) });
      }
      if (s.phase === 'scenario' && Math.random() < (options.actionChance ?? 0.05)) {
        const action = botScenarioAction(Array.from(s.scenario?.details ?? [])[0], id, Math.random);
        if (action) room.send('scenario:action', { action });
      }
    }, 500);
    room.onLeave(() => clearInterval(timer));
    rooms.push(room);
  }
  return rooms;
}

/** Every bot answers the open question now. */
export function answerNow(rooms: readonly Room[]): void {
  for (const room of rooms) {
    const q = (room.state as { phase?: string; question?: { seq: number } }).question;
    if ((room.state as { phase?: string }).phase === 'question' && q) room.send('answer', { seq: q.seq, answer: answerFor(room) });
  }
}

export const NICKNAMES = ['Ana', 'Ben', 'Cai', 'Dana', 'Eli', 'Fer', 'Gus', 'Hana', 'Ivo', 'Jana', 'Kai', 'Lía', 'Max', 'Noa', 'Oto', 'Pía', 'Quim', 'Rosa', 'Sam', 'Teo', 'Uma', 'Vera', 'Wen', 'Xia'] as const;
