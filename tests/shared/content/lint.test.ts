// The answer-leak checks on small, hand-made lists: each fails on the leak it looks for, passes
// once the leak is gone, and leaves too-small lists unjudged; per-question flags name the question.
import { describe, expect, it } from 'vitest';
import type { Question } from '../../../shared/content/schema.ts';
import { LINT, lintQuestions, midpointCredit, midpointValues, similarPairs, type CheckId } from '../../../shared/content/lint.ts';

const L = (en: string, es?: string) => (es === undefined ? { en } : { en, es });
const single = (id: string, right: number, texts = ['alpha', 'bravo', 'delta', 'gamma']): Question => ({
  id,
  type: 'single',
  difficulty: 2,
  text: L(`Question ${id} about ${texts.join(' ')}?`),
  options: texts.map((t, i) => ({ text: L(t), correct: i === right })),
});
const tf = (id: string, answer: boolean, topic: Question['topic'] = 'intro', text = `Statement ${id}.`): Question => ({ id, type: 'truefalse', difficulty: 2, topic, text: L(text), answer });
const numeric = (id: string, min: number, max: number, step: number, answer: number, tolerance: number, text = `Estimate ${id}`): Question => ({ id, type: 'numeric', difficulty: 2, text: L(text), min, max, step, answer, tolerance });
const checkOf = (qs: Question[], id: CheckId) => lintQuestions(qs).checks.find((c) => c.id === id)!;

describe('lint checks', () => {
  it('written position: right options all written first fail, spread ones pass, a few are not judged', () => {
    const first = Array.from({ length: 12 }, (_, i) => single(`q${i}`, 0));
    expect(checkOf(first, 'position')).toMatchObject({ judged: true, ok: false, value: 0.75, offenders: first.map((q) => q.id) });
    const spread = Array.from({ length: 12 }, (_, i) => single(`q${i}`, i % 4));
    expect(checkOf(spread, 'position')).toMatchObject({ judged: true, ok: true, value: 0 });
    expect(checkOf(first.slice(0, LINT.minSample.value - 1), 'position')).toMatchObject({ judged: false, ok: true });
  });

  it('true/false: 40–60 % "true" overall, and no topic lopsided beyond max(1, 20 %)', () => {
    const lopsided = [...Array.from({ length: 8 }, (_, i) => tf(`t${i}`, true)), tf('f1', false), tf('f2', false)];
    expect(checkOf(lopsided, 'trueFalse')).toMatchObject({ ok: false, value: 0.8 });
    const balanced = [...Array.from({ length: 5 }, (_, i) => tf(`t${i}`, true, i < 3 ? 'intro' : 'testing')), ...Array.from({ length: 5 }, (_, i) => tf(`f${i}`, false, i < 2 ? 'intro' : 'testing'))];
    expect(checkOf(balanced, 'trueFalse')).toMatchObject({ ok: true, value: 0.5 });
    expect(checkOf(balanced, 'trueFalseTopics')).toMatchObject({ ok: true, value: 0 });
    const skewedTopic = [...balanced.filter((q) => q.topic === 'testing'), ...['a', 'b', 'c', 'd', 'e'].map((x, i) => tf(x, i < 4, 'intro'))];
    expect(checkOf(skewedTopic, 'trueFalseTopics')).toMatchObject({ ok: false, offenders: ['intro: 4 true, 1 false'] });
  });

  it('longest: the right option strictly longest in more than a third of the questions fails', () => {
    const long = (id: string, right: number) => single(id, right, ['a', 'bb', 'ccc', 'dddd'].map((t, i) => (i === right ? `${t} and a long tail` : t)));
    const leaky = Array.from({ length: 12 }, (_, i) => long(`q${i}`, i % 4));
    expect(checkOf(leaky, 'longest')).toMatchObject({ ok: false, value: 1 });
    const fair = Array.from({ length: 12 }, (_, i) => (i < 4 ? long(`q${i}`, i % 4) : single(`q${i}`, i % 4)));
    expect(checkOf(fair, 'longest')).toMatchObject({ ok: true, value: 4 / 12 });
  });

  it('absolute words: only in wrong options fails once enough texts carry them; in right ones too passes', () => {
    const q = (id: string, rightAbsolute: boolean) =>
      single(id, 0, [rightAbsolute ? 'It always retries' : 'It retries', 'It never retries', 'Only once', 'None of them']);
    const leaky = Array.from({ length: 4 }, (_, i) => q(`q${i}`, false));
    expect(checkOf(leaky, 'absolute')).toMatchObject({ judged: true, ok: false });
    const mixed = Array.from({ length: 4 }, (_, i) => q(`q${i}`, true));
    expect(checkOf(mixed, 'absolute').value).toBeLessThan(checkOf(leaky, 'absolute').value);
    expect(checkOf(mixed, 'absolute')).toMatchObject({ ok: true });
    // Spanish has its own list
    const es = (id: string): Question => ({ id, type: 'single', difficulty: 2, options: ['Reintenta', 'Nunca reintenta', 'Solo una vez', 'Siempre todas'].map((t, i) => ({ text: { es: t }, correct: i === 0 })), text: { es: `¿Pregunta ${id}?` } });
    expect(checkOf(['a', 'b', 'c'].map(es), 'absolute')).toMatchObject({ judged: true, ok: false });
  });

  it("midpoint: the slider's middle (or the steps next to it) must earn no credit", () => {
    expect(midpointValues({ ...numeric('n', 0, 10, 1, 3, 0), type: 'numeric' } as Extract<Question, { type: 'numeric' }>)).toEqual([5]);
    expect(midpointValues(numeric('n', 1, 6, 1, 4, 0) as Extract<Question, { type: 'numeric' }>)).toEqual([3, 4]);
    expect(midpointCredit(numeric('n', 1, 6, 1, 4, 0))).toBe(1);
    expect(midpointCredit(numeric('n', 0, 100, 5, 60, 5))).toBe(0);
    expect(midpointCredit(numeric('n', 0, 100, 1, 58, 5))).toBeCloseTo(0.4, 9);
    const report = lintQuestions([numeric('a', 0, 10, 1, 5, 0, 'How many replicas?'), numeric('b', 0, 10, 1, 2, 1, 'Seconds of latency budget')]);
    expect(report.checks.find((c) => c.id === 'midpoint')).toMatchObject({ ok: false, offenders: ['a'] });
    expect(report.flags.a).toEqual([{ kind: 'midpoint' }]);
    expect(report.flags.b).toBeUndefined();
  });

  it('near duplicates: look-alike questions need a concept key on both (the same one, or different ones on purpose)', () => {
    const a = tf('vertical', true, 'scalability', 'Vertical scaling means moving the service to a bigger machine with more CPU and memory.');
    const b = tf('horizontal', false, 'scalability', 'Horizontal scaling means moving the service to a bigger machine with more CPU and memory.');
    const other = tf('dns', true, 'protocols', 'DNS resolves names to addresses.');
    expect(similarPairs([a, b, other], ['en'], LINT.nearDuplicates.similarity).map((p) => [p.a, p.b])).toEqual([['vertical', 'horizontal']]);
    expect(checkOf([a, b, other], 'nearDuplicates')).toMatchObject({ ok: false, offenders: ['vertical + horizontal'] });
    expect(lintQuestions([a, b, other]).flags.vertical).toEqual([{ kind: 'nearDuplicate', other: 'horizontal' }]);
    expect(checkOf([{ ...a, concept: 'scaling' }, b, other], 'nearDuplicates').ok).toBe(false);
    expect(checkOf([{ ...a, concept: 'scaling' }, { ...b, concept: 'scaling' }, other], 'nearDuplicates').ok).toBe(true);
    expect(checkOf([{ ...a, concept: 'scale-up' }, { ...b, concept: 'scale-out' }, other], 'nearDuplicates')).toMatchObject({ ok: true, figures: { similar: 1, keyedApart: 1 } });
  });

  it('translations: a question missing a language the others use is flagged; a one-language set is fine', () => {
    const both: Question = { ...tf('both', true), text: L('Both', 'Ambos') };
    const enOnly = tf('en-only', false);
    const report = lintQuestions([both, enOnly]);
    expect(report.checks.find((c) => c.id === 'translations')).toMatchObject({ ok: false, offenders: ['en-only'] });
    expect(report.flags['en-only']).toEqual([{ kind: 'translation', lang: 'es' }]);
    expect(checkOf([enOnly, tf('x', true)], 'translations').ok).toBe(true);
  });

  it('a report is ok only when every judged check is', () => {
    expect(lintQuestions([tf('a', true, 'intro', 'Replicas add redundancy.'), tf('b', false, 'intro', 'DNS encrypts traffic.')]).ok).toBe(true);
    expect(lintQuestions([numeric('m', 0, 10, 1, 5, 0)]).ok).toBe(false);
  });
});
