// Shuffled options: the order a game shows is drawn from its seed and the question, the right
// answer's shown position is uniform, pinned options stay put, and what a player tapped maps to
// the option's identity and back.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../../shared/content/schema.ts';
import { correctIndices, recordAnswer, showOrder, shownAnswer, shownCounts, shownOptions } from '../../../shared/rules/questions.ts';
import { answerCredit } from '../../../shared/rules/scoring.ts';
import { loadBank } from '../../../server/content/load-bank.ts';

const L = (en: string) => ({ en, es: en });
const single = (id: string, right = 0, n = 4): Question => ({
  id,
  type: 'single',
  difficulty: 1,
  text: L(id),
  options: Array.from({ length: n }, (_, i) => ({ text: L(`${id}-${i}`), correct: i === right })),
});
const multi: Question = { id: 'm', type: 'multi', difficulty: 1, text: L('m'), options: ['a', 'b', 'c', 'd'].map((t, i) => ({ text: L(t), correct: i < 2 })) };
const order: Question = { id: 'o', type: 'order', difficulty: 1, text: L('o'), items: ['1', '2', '3', '4'].map(L) };
const poll: Question = { id: 'p', type: 'poll', difficulty: 1, text: L('p'), options: ['x', 'y', 'z'].map((t) => ({ text: L(t) })) };
const allOfTheAbove: Question = {
  id: 'all',
  type: 'single',
  difficulty: 1,
  text: L('all'),
  options: [{ text: L('a'), correct: false }, { text: L('b'), correct: false }, { text: L('c'), correct: false }, { text: L('All of the above'), correct: true, pinned: true }],
};
const slot = (seed: number, round = 0, index = 0) => ({ seed, round, index });

/** Pearson's χ² of observed counts against expected shares (default: uniform). */
function chiSquare(counts: readonly number[], shares: readonly number[] = counts.map(() => 1 / counts.length)): number {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.reduce((s, c, i) => s + (c - total * shares[i]!) ** 2 / (total * shares[i]!), 0);
}
/** χ² critical values at p = 0.001 by degrees of freedom: a fair shuffle fails this once in a thousand seed ranges. */
const CHI2_999 = { 1: 10.83, 2: 13.82, 3: 16.27 } as const;

describe('showOrder', () => {
  it('is a permutation, the same for the same game and question, and different between questions and games', () => {
    const q = single('s');
    const a = showOrder(q, slot(42, 1, 3));
    expect([...a].sort()).toEqual([0, 1, 2, 3]);
    expect(showOrder(q, slot(42, 1, 3))).toEqual(a);
    // Over many question slots and seeds, orders vary (24 permutations of 4: a constant order would be a leak).
    const orders = new Set<string>();
    for (let i = 0; i < 40; i++) orders.add(showOrder(single(`s${i}`), slot(42, 0, i)).join());
    expect(orders.size).toBeGreaterThan(12);
    const bySeed = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) bySeed.add(showOrder(q, slot(seed)).join());
    expect(bySeed.size).toBeGreaterThan(12);
    // the same question id in another slot of the same game is drawn again
    expect(Array.from({ length: 10 }, (_, i) => showOrder(q, slot(42, 0, i)).join()).some((o) => o !== a.join())).toBe(true);
  });

  it('puts the right answer of a single-choice question at each position equally often over seeds 1–4000', () => {
    for (const right of [0, 3]) {
      const q = single('uniform', right);
      const counts = [0, 0, 0, 0];
      for (let seed = 1; seed <= 4000; seed++) counts[correctIndices(q, showOrder(q, slot(seed)))[0]!]!++;
      expect(chiSquare(counts), `right option written at ${right}: ${counts.join(' ')}`).toBeLessThan(CHI2_999[3]);
    }
  });

  it('spreads the right answers of the built-in bank over the positions, question by question', () => {
    const bank = loadBank().filter((q) => q.type === 'single' && q.options.length === 4);
    const counts = [0, 0, 0, 0];
    for (let seed = 1; seed <= 50; seed++) bank.forEach((q, i) => counts[correctIndices(q, showOrder(q, slot(seed, 0, i)))[0]!]!++);
    expect(chiSquare(counts), counts.join(' ')).toBeLessThan(CHI2_999[3]);
  });

  it('makes "tap the first two" of a multi-select (two right of four) hit as often as any random pair', () => {
    const hits = [0, 0, 0];
    for (let seed = 1; seed <= 3000; seed++) {
      const recorded = recordAnswer(multi, { kind: 'multi', indices: [0, 1] }, showOrder(multi, slot(seed)));
      hits[recorded?.kind === 'multi' ? recorded.indices.filter((i) => multi.type === 'multi' && multi.options[i]!.correct).length : 0]!++;
    }
    // a random pair holds 0, 1 or 2 right options with probabilities 1/6, 4/6, 1/6
    expect(chiSquare(hits, [1 / 6, 4 / 6, 1 / 6]), hits.join(' ')).toBeLessThan(CHI2_999[2]);
  });

  it('keeps pinned options in their written place and shuffles the rest around them', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 200; seed++) {
      const shown = showOrder(allOfTheAbove, slot(seed));
      expect(shown[3]).toBe(3);
      expect(shownOptions(allOfTheAbove, 'en', shown)[3]).toBe('All of the above');
      seen.add(shown.slice(0, 3).join());
    }
    expect(seen.size).toBe(6);
    const scale: Question = { ...poll, options: poll.options.map((o) => ({ ...o, pinned: true })) };
    expect(showOrder(scale, slot(9))).toEqual([0, 1, 2]);
  });

  it('never shows an ordering question already in the right order; true/false and estimates have nothing to shuffle', () => {
    for (let seed = 1; seed <= 300; seed++) expect(showOrder(order, slot(seed))).not.toEqual([0, 1, 2, 3]);
    expect(showOrder({ id: 't', type: 'truefalse', difficulty: 1, text: L('t'), answer: true }, slot(1))).toEqual([]);
  });
});

describe('taps and identities', () => {
  it('a tap on the shown right option is recorded as the written right option, and maps back to the tap', () => {
    for (let seed = 1; seed <= 100; seed++) {
      for (const q of [single('s', 2), multi, poll, allOfTheAbove, order]) {
        const shown = showOrder(q, slot(seed));
        const texts = shownOptions(q, 'en', shown);
        const taps =
          q.type === 'multi'
            ? [{ kind: 'multi', indices: correctIndices(q, shown) } as const]
            : q.type === 'order'
              ? [{ kind: 'order', order: correctIndices(q, shown) } as const]
              : texts.map((_, index) => ({ kind: 'choice', index }) as const);
        for (const tap of taps) {
          const recorded = recordAnswer(q, tap, shown)!;
          expect(shownAnswer(q, recorded, shown)).toEqual(tap.kind === 'multi' ? { ...tap, indices: [...tap.indices].sort((a, b) => a - b) } : tap);
          if (recorded.kind === 'choice' && (q.type === 'single' || q.type === 'poll')) expect(texts[tap.kind === 'choice' ? tap.index : -1]).toBe(q.options[recorded.index]!.text.en);
          if (q.type === 'multi' || q.type === 'order') expect(answerCredit(q, recorded)).toBe(1);
        }
      }
    }
  });

  it('refuses taps that do not fit what was shown', () => {
    const shown = showOrder(multi, slot(3));
    expect(recordAnswer(multi, { kind: 'multi', indices: [0, 0] }, shown)).toBeNull();
    expect(recordAnswer(multi, { kind: 'multi', indices: [4] }, shown)).toBeNull();
    expect(recordAnswer(multi, { kind: 'choice', index: 0 }, shown)).toBeNull();
    expect(recordAnswer(single('s'), { kind: 'choice', index: 4 }, showOrder(single('s'), slot(3)))).toBeNull();
    expect(recordAnswer(order, { kind: 'order', order: [0, 1, 2] }, showOrder(order, slot(3)))).toBeNull();
    expect(recordAnswer(order, { kind: 'order', order: [0, 1, 2, 2] }, showOrder(order, slot(3)))).toBeNull();
  });

  it('reads a record from before the shuffle (no shown order) in written order', () => {
    const q = single('old', 1);
    expect(shownOptions(q, 'en', [])).toEqual(['old-0', 'old-1', 'old-2', 'old-3']);
    expect(correctIndices(q, [])).toEqual([1]);
    expect(recordAnswer(q, { kind: 'choice', index: 1 }, [])).toEqual({ kind: 'choice', index: 1 });
    expect(shownCounts(q, [5, 6, 7, 8], [])).toEqual([5, 6, 7, 8]);
  });

  it('counts kept per option identity come out in shown order', () => {
    const shown = [2, 0, 3, 1];
    expect(shownCounts(single('c'), [10, 11, 12, 13], shown)).toEqual([12, 10, 13, 11]);
    expect(shownCounts(order, [1, 2, 3, 4], shown)).toEqual([1, 2, 3, 4]);
  });
});
