// The results document and the answers CSV agree with what each player saw and tapped, once
// options are shuffled: every position maps back to the same written option. A checkpoint from
// before the shuffle (model version 1) still restores and reads the same.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../../shared/content/schema.ts';
import type { AnswerPayload } from '../../../shared/protocol.ts';
import * as rules from '../../../shared/rules/game.ts';
import type { PlanSpec } from '../../../shared/rules/plans.ts';
import { correctIndices, shownAnswer, shownOptions } from '../../../shared/rules/questions.ts';
import { buildResults } from '../../../shared/rules/results.ts';
import { answerInWords } from '../../../shared/rules/debrief.ts';
import { createRng, nextInt, shuffled } from '../../../shared/rng.ts';
import { answersCsvRows } from '../../../server/http/results.ts';

const L = (en: string, es = en) => ({ en, es });
const QUESTIONS: Question[] = [
  { id: 'single', type: 'single', difficulty: 1, text: L('Which one?'), options: ['Alpha', 'Bravo', 'Charlie', 'Delta'].map((t, i) => ({ text: L(t), correct: i === 2 })) },
  {
    id: 'multi',
    type: 'multi',
    difficulty: 1,
    text: L('Which ones?'),
    options: [{ text: L('Echo'), correct: true }, { text: L('Foxtrot'), correct: false }, { text: L('Golf'), correct: true }, { text: L('None of these'), correct: false, pinned: true }],
  },
  { id: 'poll', type: 'poll', difficulty: 1, text: L('Favourite?'), options: ['Hotel', 'India', 'Juliett'].map((t) => ({ text: L(t) })) },
  { id: 'order', type: 'order', difficulty: 1, text: L('In order'), items: ['Kilo', 'Lima', 'Mike', 'November'].map((t) => L(t)) },
  { id: 'tf', type: 'truefalse', difficulty: 1, text: L('True?'), answer: false },
];
const plan: PlanSpec = { id: 't', title: L('t'), rounds: [{ kind: 'quiz', title: L('r'), topics: ['intro'], count: QUESTIONS.length }] };
const PLAYERS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];

interface Seen {
  readonly seq: number;
  readonly options: string[];
  readonly taps: Map<string, AnswerPayload>;
}

/** Plays every question: each player taps a random shown option (or a random order), as a phone would. */
function play(seed: number) {
  const g = rules.createGame({ code: 'ABCDEF', lang: 'en', plan, teamCount: 2, seed, questions: [QUESTIONS], questionMsOverride: 10_000, roundIntroMs: 10 });
  for (const id of PLAYERS) rules.addPlayer(g, id, `Name ${id}`);
  rules.startGame(g, 0);
  rules.advanceTimers(g, 10);
  const rng = createRng(seed * 7 + 1);
  const seen: Seen[] = [];
  let now = 100;
  while (g.phase === 'question') {
    const q = rules.currentQuestion(g)!;
    const open = g.current!;
    const options = shownOptions(q, 'en', open.shown);
    const taps = new Map<string, AnswerPayload>();
    for (const id of PLAYERS) {
      const n = Math.max(2, options.length);
      const tap: AnswerPayload =
        q.type === 'multi'
          ? { kind: 'multi', indices: shuffled(rng, [0, 1, 2, 3]).slice(0, 1 + nextInt(rng, 3)) }
          : q.type === 'order'
            ? { kind: 'order', order: shuffled(rng, [0, 1, 2, 3]) }
            : { kind: 'choice', index: nextInt(rng, n) };
      taps.set(id, tap);
      expect(rules.submitAnswer(g, id, open.seq, tap, (now += 10)).ok).toBe(true);
    }
    seen.push({ seq: open.seq, options, taps });
    rules.next(g, (now += 10));
  }
  return { g, seen };
}

describe('results of a game with shuffled options', () => {
  it('show every option, right answer, count and answer at the position the class saw it', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { g, seen } = play(seed);
      const doc = buildResults(g);
      expect(doc.questions).toHaveLength(QUESTIONS.length);
      for (const r of doc.questions) {
        const q = QUESTIONS.find((x) => x.id === r.questionId)!;
        const s = seen.find((x) => x.seq === r.seq)!;
        if (q.type !== 'truefalse') expect(r.options).toEqual(s.options);
        // shown maps each position back to the written option
        if (q.type === 'single' || q.type === 'multi' || q.type === 'poll') {
          expect(r.options).toEqual(r.shown!.map((i) => q.options[i]!.text.en));
          expect(r.correct.map((p) => r.options[p])).toEqual(r.shown!.flatMap((i) => (q.type !== 'poll' && q.options[i]!.correct ? [q.options[i]!.text.en] : [])));
          const counts = r.options.map((_, p) => [...s.taps.values()].filter((t) => (t.kind === 'choice' ? t.index === p : t.kind === 'multi' && t.indices.includes(p))).length);
          expect(r.distribution).toEqual(counts);
        }
        if (q.type === 'order') expect(r.correct.map((p) => r.options[p])).toEqual(q.items.map((i) => i.en));
        for (const a of r.answers) {
          const tap = s.taps.get(a.playerId)!;
          expect(a.answer).toEqual(tap.kind === 'multi' ? { ...tap, indices: [...tap.indices].sort((x, y) => x - y) } : tap);
        }
      }
    }
  });

  it('the answers CSV names the option each player tapped, by its text, and judges it by the written right option', () => {
    const { g, seen } = play(11);
    const doc = buildResults(g);
    const rows = answersCsvRows(doc);
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    for (const r of doc.questions) {
      const q = QUESTIONS.find((x) => x.id === r.questionId)!;
      const s = seen.find((x) => x.seq === r.seq)!;
      for (const id of PLAYERS) {
        const row = rows.find((x) => x[col('question')] === r.index + 1 && x[col('player')] === `Name ${id}`)!;
        const tap = s.taps.get(id)!;
        const words = tap.kind === 'choice' ? s.options[tap.index] : tap.kind === 'multi' ? [...tap.indices].sort((a, b) => a - b).map((i) => s.options[i]).join(' + ') : tap.kind === 'order' ? tap.order.map((i) => s.options[i]).join(' > ') : '';
        if (q.type !== 'truefalse') expect(row[col('answer')]).toBe(words);
        if (q.type === 'single' && tap.kind === 'choice') {
          const written = q.options.find((o) => o.text.en === s.options[tap.index])!;
          expect(row[col('correct')]).toBe(written.correct ? 'yes' : 'no');
          expect(row[col('right answer')]).toBe('Charlie');
        }
      }
    }
  });
});

describe('a checkpoint from before the shuffle (model version 1)', () => {
  it('restores: ordering answers recorded by position are read as items, choice answers in written order', () => {
    const { g } = play(5);
    const v2 = JSON.parse(JSON.stringify(g)) as rules.GameModel;
    // The same game as version 1 wrote it: no version, a sequential rng, choice options unshuffled, ordering answers by position.
    const v1 = JSON.parse(JSON.stringify(g)) as rules.GameModel & { rng?: { state: number } };
    delete (v1 as { modelVersion?: number }).modelVersion;
    v1.rng = { state: 12345 };
    v1.history = v1.history.map((rec) => {
      const q = QUESTIONS.find((x) => x.id === rec.questionId)!;
      if (rec.type === 'order') return { ...rec, answers: rec.answers.map((a) => ({ ...a, answer: shownAnswer(q, a.answer, rec.shown) })) };
      return q.type === 'truefalse' ? rec : { ...rec, shown: [] };
    });
    rules.resumeAfterRestart(v1, 1_000_000);
    expect(v1.modelVersion).toBe(rules.MODEL_VERSION);
    const orderOf = (m: rules.GameModel) => m.history.find((r) => r.type === 'order')!;
    expect(orderOf(v1).answers).toEqual(orderOf(v2).answers);
    const doc = buildResults(v1);
    const single = doc.questions.find((r) => r.questionId === 'single')!;
    expect(single.options).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    expect(single.shown).toEqual([0, 1, 2, 3]);
    expect(single.correct).toEqual([2]);
    for (const a of single.answers) expect(answerInWords(single, a.answer)).toBe(single.options[a.answer.kind === 'choice' ? a.answer.index : -1]);
    expect(buildResults(v1).questions.find((r) => r.type === 'order')).toEqual(buildResults(v2).questions.find((r) => r.type === 'order'));
    // and a restored version-2 game is left as it was
    const again = JSON.parse(JSON.stringify(v2)) as rules.GameModel;
    rules.resumeAfterRestart(again, 1_000_000);
    expect(again.history).toEqual(v2.history);
  });

  it('re-asks a question that was open with the same shown order', () => {
    const g = rules.createGame({ code: 'ABCDEF', lang: 'en', plan, teamCount: 2, seed: 77, questions: [QUESTIONS], questionMsOverride: 10_000, roundIntroMs: 10 });
    rules.addPlayer(g, 'a', 'Ana');
    rules.startGame(g, 0);
    rules.advanceTimers(g, 10);
    const before = g.current!.shown;
    const copy = JSON.parse(JSON.stringify(g)) as rules.GameModel;
    rules.resumeAfterRestart(copy, 50_000);
    expect(copy.current!.shown).toEqual(before);
    expect(correctIndices(rules.currentQuestion(copy)!, copy.current!.shown)).toEqual(correctIndices(rules.currentQuestion(g)!, before));
  });
});
