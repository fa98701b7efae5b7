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
  /** Answer like a class would (any option, any order) instead of always the first one. */
  varied?: boolean;
}

/** A valid answer to the open question, chosen at random. */
export function randomAnswer(room: Room): { kind: string; [k: string]: unknown } {
  const q = (room.state as { question: { type: string; options: ArrayLike<string>; min: number; max: number; step: number } }).question;
  const n = Math.max(1, q.options.length);
  const pick = () => Math.floor(Math.random() * n);
  switch (q.type) {
    case 'multi':
      return { kind: 'multi', indices: [...new Set([pick(), pick()])] };
    case 'order':
      return { kind: 'order', order: Array.from({ length: n }, (_, i) => i).sort(() => Math.random() - 0.5) };
    case 'numeric':
      return { kind: 'numeric', value: q.min + Math.round((Math.random() * (q.max - q.min)) / (q.step || 1)) * (q.step || 1) };
    case 'truefalse':
      return { kind: 'choice', index: Math.floor(Math.random() * 2) };
    default:
      return { kind: 'choice', index: pick() };
  }
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
        room.send('answer', { seq: s.question.seq, answer: options.varied ? randomAnswer(room) : answerFor(room) });
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
