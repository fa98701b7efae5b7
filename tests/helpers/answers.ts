// A valid answer to whatever question a phone sees (the first option, or the shown order), for
// tests that need to answer without caring what is right.
import type { Room } from '@colyseus/sdk';

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
