// The built-in bank's structure (both languages, right number of correct options, unique ids,
// topics and types covered, sane numeric sliders) and the pure bank functions.
import { describe, expect, it } from 'vitest';
import { bankStats, pickQuestions, validateBank, type BankFile } from '../../../shared/content/bank.ts';
import { LIMITS } from '../../../shared/content/limits.ts';
import { QUESTION_TYPES, questionTexts, type Question } from '../../../shared/content/schema.ts';
import { TOPICS, type Topic } from '../../../shared/content/topics.ts';
import { readBankFiles } from '../../../server/content/load-bank.ts';

const { files, parseErrors } = readBankFiles();
const { questions: bank, problems } = validateBank(files);

/** Longest option/item text we accept in the built-in bank, so it fits a phone button. */
const PHONE_OPTION_CHARS = 60;

const labelsOf = (q: Question) =>
  q.type === 'order' ? q.items : q.type === 'single' || q.type === 'multi' || q.type === 'poll' ? q.options.map((o) => o.text) : [];

describe('built-in bank: structure', () => {
  it('has one file per topic and every file parses and validates', () => {
    expect(parseErrors).toEqual([]);
    expect(files.map((f) => f.name).sort()).toEqual(TOPICS.map((t) => `${t}.json`).sort());
    expect(problems).toEqual([]);
  });

  it('counts: ≥ 140 questions, ≥ 12 per topic, every type with ≥ 20 (polls ≥ 8)', () => {
    const stats = bankStats(bank);
    expect(stats.total).toBeGreaterThanOrEqual(140);
    for (const topic of TOPICS) expect(stats.byTopic[topic], topic).toBeGreaterThanOrEqual(12);
    for (const type of QUESTION_TYPES) expect(stats.byType[type], type).toBeGreaterThanOrEqual(type === 'poll' ? 8 : 20);
  });

  it('every topic mixes at least five of the six types', () => {
    for (const topic of TOPICS) {
      const types = new Set(bank.filter((q) => q.topic === topic).map((q) => q.type));
      expect(types.size, topic).toBeGreaterThanOrEqual(5);
    }
  });

  it('the first quiz round (intro, protocols) has ≥ 6 easy single/truefalse/multi questions per topic', () => {
    for (const topic of ['intro', 'protocols'] as const) {
      const easy = bank.filter((q) => q.topic === topic && q.difficulty <= 2 && ['single', 'truefalse', 'multi'].includes(q.type));
      expect(easy.length, topic).toBeGreaterThanOrEqual(6);
    }
  });

  it('every text field (question, options, items, unit, explanation) is in es and en', () => {
    for (const q of bank) {
      expect(q.explanation, q.id).toBeDefined();
      for (const t of questionTexts(q)) {
        expect(t.es, q.id).toBeTruthy();
        expect(t.en, q.id).toBeTruthy();
      }
    }
  });

  it('ids are unique across files and prefixed by their topic; every question cites a source', () => {
    const ids = bank.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of bank) {
      expect(q.id.startsWith(`${q.topic}-`), q.id).toBe(true);
      expect(q.source, q.id).toBeTruthy();
    }
  });

  it('single has exactly one correct option; multi has at least one correct and one wrong', () => {
    for (const q of bank) {
      if (q.type === 'single') expect(q.options.filter((o) => o.correct).length, q.id).toBe(1);
      if (q.type === 'multi') {
        expect(q.options.some((o) => o.correct), q.id).toBe(true);
        expect(q.options.some((o) => !o.correct), q.id).toBe(true);
      }
    }
  });

  it('polls carry no correct flag in the raw JSON', () => {
    for (const file of files) {
      for (const raw of file.data as { type: string; id: string; options?: object[] }[]) {
        if (raw.type !== 'poll') continue;
        for (const option of raw.options ?? []) expect(Object.keys(option), raw.id).toEqual(['text']);
      }
    }
  });

  it('numeric answers lie in [min, max] on the step grid, with a tolerance smaller than the range', () => {
    for (const q of bank) {
      if (q.type !== 'numeric') continue;
      expect(q.answer, q.id).toBeGreaterThanOrEqual(q.min);
      expect(q.answer, q.id).toBeLessThanOrEqual(q.max);
      const k = (q.answer - q.min) / q.step;
      expect(Math.abs(k - Math.round(k)), q.id).toBeLessThan(1e-9);
      expect(q.tolerance, q.id).toBeLessThan(q.max - q.min);
    }
  });

  it('option and order-item texts are distinct within a question and fit a phone button', () => {
    for (const q of bank) {
      const labels = labelsOf(q);
      for (const lang of ['es', 'en'] as const) {
        const texts = labels.map((t) => t[lang]!.toLowerCase());
        expect(new Set(texts).size, `${q.id} ${lang}`).toBe(texts.length);
        for (const text of texts) expect(text.length, `${q.id}: ${text}`).toBeLessThanOrEqual(PHONE_OPTION_CHARS);
      }
      expect(q.text.es!.length, q.id).toBeLessThanOrEqual(LIMITS.questionChars);
      expect(q.text.en!.length, q.id).toBeLessThanOrEqual(LIMITS.questionChars);
    }
  });
});

// --- validateBank on broken input -------------------------------------------------------------

const good = {
  id: 'intro-x',
  topic: 'intro',
  difficulty: 1,
  type: 'single',
  text: { es: '¿Pregunta?', en: 'Question?' },
  options: [
    { text: { es: 'Sí', en: 'Yes' }, correct: true },
    { text: { es: 'No', en: 'No' }, correct: false },
  ],
  explanation: { es: 'Porque sí.', en: 'Because.' },
  source: 'Test',
};
const { options: _options, ...withoutOptions } = good;
const file = (data: unknown, name = 'intro.json'): BankFile => ({ name, data });

describe('validateBank', () => {
  it('accepts a good question', () => {
    const { questions, problems: found } = validateBank([file([good])]);
    expect(found).toEqual([]);
    expect(questions.map((q) => q.id)).toEqual(['intro-x']);
  });

  it('keeps a concept key and pinned options', () => {
    const pinnedLast = { ...good, concept: 'client-server', options: [good.options[0], { ...good.options[1], pinned: true }] };
    const { questions, problems: found } = validateBank([file([pinnedLast])]);
    expect(found).toEqual([]);
    expect(questions[0]).toMatchObject({ concept: 'client-server', options: [{}, { pinned: true }] });
    const bad = validateBank([file([{ ...good, concept: 'Client Server' }])]);
    expect(bad.problems).toContainEqual(expect.objectContaining({ path: 'concept', message: expect.stringMatching(/lowercase/) }));
  });

  it.each([
    ['a file that is not an array', file({ questions: [] }), -1, '', /JSON array/],
    ['a file not named after a topic', file([{ ...good }], 'misc.json'), -1, '', /topic id/],
    ['a topic that does not match the file', file([{ ...good, topic: 'protocols' }]), 0, 'topic', /does not match/],
    ['an id without the topic prefix', file([{ ...good, id: 'x' }]), 0, 'id', /must start with "intro-"/],
    ['a missing English option text', file([{ ...good, options: [{ text: { es: 'Sí' }, correct: true }, good.options[1]] }]), 0, '', /missing in "en"/],
    ['two correct options in a single', file([{ ...good, options: good.options.map((o) => ({ ...o, correct: true })) }]), 0, 'options', /exactly one correct/],
    ['duplicate option texts', file([{ ...good, options: [good.options[0], { ...good.options[0], correct: false }] }]), 0, 'options', /distinct/],
    ['a missing explanation', file([{ ...good, explanation: undefined }]), 0, 'explanation', /required/],
    ['a missing source', file([{ ...good, source: undefined }]), 0, 'source', /required/],
    ['a poll option marked correct', file([{ ...good, type: 'poll' }]), 0, 'options.0', /unrecognized/i],
    [
      'a numeric answer off the step grid',
      file([{ ...withoutOptions, type: 'numeric', min: 0, max: 10, step: 2, answer: 3, tolerance: 1 }]),
      0,
      'answer',
      /grid/,
    ],
    ['HTML in a text', file([{ ...good, text: { es: '<b>hola</b>', en: 'hi' } }]), 0, 'text.es', /HTML/],
  ])('reports %s', (_label, input, index, path, message) => {
    const { questions, problems: found } = validateBank([input]);
    expect(found).toContainEqual(expect.objectContaining({ file: input.name, index, path, message: expect.stringMatching(message) }));
    if (index >= 0) expect(questions).toEqual([]);
  });

  it('reports an id repeated in another file', () => {
    const { questions, problems: found } = validateBank([file([good]), file([{ ...good }], 'intro.json')]);
    expect(found).toEqual([expect.objectContaining({ index: 0, path: 'id', message: expect.stringMatching(/duplicate id "intro-x"/) })]);
    expect(questions).toHaveLength(1);
  });
});

describe('bankStats', () => {
  it('counts a question for a language only when all its texts are in it', () => {
    const [q] = validateBank([file([good])]).questions;
    const esOnly = { ...q!, id: 'intro-y', options: [{ text: { es: 'Sí' }, correct: true }, { text: { es: 'No', en: 'No' }, correct: false }] } as Question;
    const stats = bankStats([q!, esOnly]);
    expect(stats.total).toBe(2);
    expect(stats.byLanguage).toEqual({ es: 2, en: 1 });
    expect(stats.byTopic.intro).toBe(2);
    expect(stats.byTopic.protocols).toBe(0);
    expect(stats.byType).toEqual({ single: 2, truefalse: 0, multi: 0, order: 0, numeric: 0, poll: 0 });
  });
});

// --- pickQuestions --------------------------------------------------------------------------------

describe('pickQuestions', () => {
  const topics: Topic[] = ['intro', 'protocols'];
  const ids = (qs: Question[]) => qs.map((q) => q.id);

  it('is deterministic for a seed and varies across seeds', () => {
    const a = pickQuestions(bank, { topics, count: 8, seed: 42 });
    expect(ids(pickQuestions(bank, { topics, count: 8, seed: 42 }))).toEqual(ids(a));
    const variants = new Set([1, 2, 3, 4, 5].map((seed) => ids(pickQuestions(bank, { topics, count: 8, seed })).join()));
    expect(variants.size).toBeGreaterThan(1);
  });

  it('draws only from the given topics, balanced, without repeats', () => {
    for (const seed of [0, 7, 123456789]) {
      for (const count of [1, 5, 8, 11]) {
        const picked = pickQuestions(bank, { topics, count, seed });
        expect(picked).toHaveLength(count);
        expect(new Set(ids(picked)).size).toBe(count);
        const per = topics.map((t) => picked.filter((q) => q.topic === t).length);
        expect(per.reduce((s, n) => s + n, 0)).toBe(count);
        expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('presents easiest first and, with easyFirst, prefers easy questions', () => {
    const picked = pickQuestions(bank, { topics, count: 6, seed: 9 });
    const difficulties = picked.map((q) => q.difficulty);
    expect(difficulties).toEqual([...difficulties].sort((x, y) => x - y));
    const easiestAvailable = Math.min(...bank.filter((q) => q.topic === 'intro').map((q) => q.difficulty));
    expect(picked.filter((q) => q.topic === 'intro').every((q) => q.difficulty === easiestAvailable)).toBe(true);
  });

  it('honours types and exclude, and returns what exists when asked for more', () => {
    const onlyTf = pickQuestions(bank, { topics: ['monitoring'], count: 50, seed: 3, types: ['truefalse'] });
    expect(onlyTf.length).toBe(bank.filter((q) => q.topic === 'monitoring' && q.type === 'truefalse').length);
    expect(onlyTf.every((q) => q.type === 'truefalse')).toBe(true);
    const first = pickQuestions(bank, { topics, count: 4, seed: 5 });
    const next = pickQuestions(bank, { topics, count: 4, seed: 5, exclude: ids(first) });
    expect(ids(next).some((id) => ids(first).includes(id))).toBe(false);
    expect(pickQuestions(bank, { topics, count: 0, seed: 1 })).toEqual([]);
  });

  it('never draws two questions of one concept, and skips concepts already played', () => {
    const shared = bank.filter((q) => q.concept !== undefined && bank.some((o) => o !== q && o.concept === q.concept));
    expect(shared.length).toBeGreaterThan(0);
    for (let seed = 1; seed <= 60; seed++) {
      const picked = pickQuestions(bank, { topics: [...TOPICS], count: 200, seed });
      const concepts = picked.flatMap((q) => (q.concept ? [q.concept] : []));
      expect(new Set(concepts).size, `seed ${seed}`).toBe(concepts.length);
      const again = pickQuestions(bank, { topics: [...TOPICS], count: 200, seed, exclude: ids(picked).slice(0, 10), excludeConcepts: concepts.slice(0, 10) });
      expect(again.some((q) => q.concept !== undefined && concepts.slice(0, 10).includes(q.concept))).toBe(false);
    }
    // every concept group still gets played, one member at a time
    const groups = new Set(shared.map((q) => q.concept));
    const everPlayed = new Set<string>();
    for (let seed = 1; seed <= 60; seed++) for (const q of pickQuestions(bank, { topics: [...TOPICS], count: 200, seed })) if (q.concept) everPlayed.add(q.concept);
    for (const g of groups) expect(everPlayed.has(g!)).toBe(true);
  });

  it('fills from the other topics when one runs short', () => {
    const intro = bank.filter((q) => q.topic === 'intro');
    const picked = pickQuestions(bank, { topics: ['intro', 'deployment'], count: 12, seed: 1, exclude: ids(intro).slice(2) });
    expect(picked.filter((q) => q.topic === 'intro')).toHaveLength(2);
    expect(picked).toHaveLength(12);
  });
});
