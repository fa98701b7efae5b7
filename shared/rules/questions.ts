// How a question is shown and what its right answer is, in the terms players see, and the one
// translation between what a player tapped and what the game records. Used by the rules, the
// synced state and the results document, so they always agree.
//
// Identity and position: an option's (or an ordering item's) identity is its written index in
// the question; `shown[position] = identity` is the order one game shows them in. Phones answer
// in shown positions (the index of the button tapped); the rules record answers by identity
// (`RecordedAnswer`), so a record means the same option whatever order it was shown in; every
// screen and document shows options in shown order. A record with `shown` empty is from a game
// that did not shuffle that question: position = identity.
import type { Lang } from '../i18n-types.ts';
import { pick } from '../i18n-types.ts';
import type { Question } from '../content/schema.ts';
import type { AnswerPayload } from '../protocol.ts';
import { createRng, hashString, shuffled, type Rng } from '../rng.ts';

/**
 * An answer by identity: `choice.index` and `multi.indices` are written option indices, `order.order`
 * lists item identities (their index in the right order) in the order the player put them.
 * Same shape as the wire's AnswerPayload, whose indices are shown positions.
 */
export type RecordedAnswer = AnswerPayload;

/** Where question `index` of round `round` comes in a game: the shuffle is drawn from the game's seed and this. */
export interface QuestionSlot {
  readonly seed: number;
  readonly round: number;
  readonly index: number;
}

/**
 * The order one game shows a question's options or items in: shown[position] = identity.
 * Deterministic per game seed and question (a restarted game shows the same order), different
 * from question to question. Choice options: a uniform shuffle of the options not pinned, into the
 * positions not pinned (pinned ones keep their written place). Ordering: never the right order
 * itself. True/false and estimates: [] (nothing to shuffle).
 */
export function showOrder(q: Question, slot: QuestionSlot): number[] {
  const rng = createRng(hashString(`${slot.seed >>> 0}/${slot.round}/${slot.index}/${q.id}`));
  switch (q.type) {
    case 'single':
    case 'multi':
    case 'poll': {
      const free = q.options.flatMap((o, i) => (o.pinned ? [] : [i]));
      const order = shuffled(rng, free);
      return q.options.map((o, i) => (o.pinned ? i : (order.shift() as number)));
    }
    case 'order':
      return shuffledNotIdentity(rng, q.items.length);
    case 'truefalse':
    case 'numeric':
      return [];
    default: {
      const never: never = q;
      return never;
    }
  }
}

function shuffledNotIdentity(rng: Rng, n: number): number[] {
  const identity = Array.from({ length: n }, (_, i) => i);
  for (let tries = 0; tries < 8; tries++) {
    const s = shuffled(rng, identity);
    if (s.some((v, i) => v !== i)) return s;
  }
  return identity.reverse();
}

/** How many options or items a question shuffles (true/false and estimates: none). */
function shownCount(q: Question): number {
  switch (q.type) {
    case 'single':
    case 'multi':
    case 'poll':
      return q.options.length;
    case 'order':
      return q.items.length;
    case 'truefalse':
    case 'numeric':
      return 0;
    default: {
      const never: never = q;
      return never;
    }
  }
}

/** `shown`, or the written order when it is empty (a record from before options were shuffled). */
export function shownOrIdentity(q: Question, shown: readonly number[]): readonly number[] {
  const n = shownCount(q);
  return shown.length === n ? shown : Array.from({ length: n }, (_, i) => i);
}

/** Option texts as shown (true/false and estimates: none, the pages word them). */
export function shownOptions(q: Question, lang: Lang, shown: readonly number[]): string[] {
  switch (q.type) {
    case 'single':
    case 'multi':
    case 'poll':
      return shownOrIdentity(q, shown).map((i) => pick(q.options[i]?.text ?? {}, lang));
    case 'order':
      return shownOrIdentity(q, shown).map((i) => pick(q.items[i] ?? {}, lang));
    case 'truefalse':
    case 'numeric':
      return [];
    default: {
      const never: never = q;
      return never;
    }
  }
}

/** Choice types: the shown positions of the correct options (true/false: 0 = true). Ordering: the shown positions in the right order. Else []. */
export function correctIndices(q: Question, shown: readonly number[]): number[] {
  const at = shownOrIdentity(q, shown);
  switch (q.type) {
    case 'single':
    case 'multi':
      return at.flatMap((id, position) => (q.options[id]?.correct ? [position] : []));
    case 'truefalse':
      return [q.answer ? 0 : 1];
    case 'order':
      return q.items.map((_, k) => at.indexOf(k));
    case 'poll':
    case 'numeric':
      return [];
    default: {
      const never: never = q;
      return never;
    }
  }
}

/**
 * What a player tapped (shown positions) as the game records it (identities); null when it does
 * not fit the question: wrong kind, a position out of range, a repeated pick, an ordering that
 * is not a permutation of every item. Estimates and true/false pass through unchanged.
 */
export function recordAnswer(q: Question, answer: AnswerPayload, shown: readonly number[]): RecordedAnswer | null {
  const at = shownOrIdentity(q, shown);
  const n = shownCount(q);
  const id = (position: number): number | undefined => (position < n ? at[position] : undefined);
  switch (q.type) {
    case 'single':
    case 'poll': {
      if (answer.kind !== 'choice') return null;
      const picked = id(answer.index);
      return picked === undefined ? null : { kind: 'choice', index: picked };
    }
    case 'truefalse':
      return answer.kind === 'choice' && answer.index < 2 ? answer : null;
    case 'multi': {
      if (answer.kind !== 'multi' || new Set(answer.indices).size !== answer.indices.length) return null;
      const ids = answer.indices.map(id);
      return ids.every((i) => i !== undefined) ? { kind: 'multi', indices: (ids as number[]).sort((a, b) => a - b) } : null;
    }
    case 'order': {
      if (answer.kind !== 'order' || answer.order.length !== n || new Set(answer.order).size !== n) return null;
      const ids = answer.order.map(id);
      return ids.every((i) => i !== undefined) ? { kind: 'order', order: ids as number[] } : null;
    }
    case 'numeric':
      return answer.kind === 'numeric' && answer.value >= q.min && answer.value <= q.max ? answer : null;
    default: {
      const never: never = q;
      return never;
    }
  }
}

/** A recorded answer in the terms its player saw (shown positions): the inverse of recordAnswer. */
export function shownAnswer(q: Question, recorded: RecordedAnswer, shown: readonly number[]): AnswerPayload {
  const at = shownOrIdentity(q, shown);
  const position = (identity: number) => {
    const p = at.indexOf(identity);
    return p < 0 ? identity : p;
  };
  if (q.type === 'truefalse' || q.type === 'numeric') return recorded;
  switch (recorded.kind) {
    case 'choice':
      return { kind: 'choice', index: position(recorded.index) };
    case 'multi':
      return { kind: 'multi', indices: recorded.indices.map(position).sort((a, b) => a - b) };
    case 'order':
      return { kind: 'order', order: recorded.order.map(position) };
    case 'numeric':
      return recorded;
    default: {
      const never: never = recorded;
      return never;
    }
  }
}

/** Counts kept per identity (choice types) in shown order; other types' counts are not per option and stay as they are. */
export function shownCounts(q: Question, counts: readonly number[], shown: readonly number[]): number[] {
  if (q.type !== 'single' && q.type !== 'multi' && q.type !== 'poll') return [...counts];
  return shownOrIdentity(q, shown).map((id) => counts[id] ?? 0);
}
