// A valid answer to whatever question a phone sees (the first option, or the shown order), for
// tests that need to answer without caring what is right.
import type { Room } from '@colyseus/sdk';
import { matchMaker } from '@colyseus/core';
import { currentQuestion, type GameModel } from '../../shared/rules/game.ts';
import { correctIndices } from '../../shared/rules/questions.ts';

export function answerFor(room: Room): { kind: string; [k: string]: unknown } {
  const q = (room.state as { question: { type: string; options: ArrayLike<string>; min: number } }).question;
  switch (q.type) {
    case 'multi':
      return { kind: 'multi', indices: [0] };
    case 'order':
      return { kind: 'order', order: Array.from(q.options, (_, i) => i) };
    case 'numeric':
      return { kind: 'numeric', value: q.min };
    default:
      return { kind: 'choice', index: 0 };
  }
}

/** The right answer to the open question of game `code`, read from the room's own model (in-process servers only). */
export function rightAnswer(code: string): { kind: string; [k: string]: unknown } {
  const g = (matchMaker.getLocalRoomById(code) as unknown as { game: GameModel }).game;
  const q = currentQuestion(g)!;
  const correct = correctIndices(q, g.current!.shown);
  if (q.type === 'multi') return { kind: 'multi', indices: correct };
  if (q.type === 'order') return { kind: 'order', order: correct };
  if (q.type === 'numeric') return { kind: 'numeric', value: q.answer };
  return { kind: 'choice', index: correct[0] ?? 0 };
}
