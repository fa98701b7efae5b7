// Read aloud on the teacher's page: what is spoken for each kind of question, in es and en (the
// pure text, for the question and for its reveal), and how the speaker is driven: a question or a reveal once, cut off when the phase changes or
// the game pauses, the voice's language from the game's, and nothing breaking without speech.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { CATALOGS } from '../../shared/i18n/index.ts';
import { t } from '../../client/src/i18n.ts';
import { createReadAloud, readAloudText, revealAloudText, voiceLang } from '../../client/src/host/read-aloud.ts';
import type { GameView, QuestionView, RevealView } from '../../client/src/view/model.ts';

beforeAll(async () => {
  await i18next.init({ lng: 'en', resources: { en: { translation: CATALOGS.en }, es: { translation: CATALOGS.es } }, interpolation: { escapeValue: false } });
});

const tr = (key: string, params?: Record<string, unknown>) => t(key, params);
const reveal = (over: Partial<RevealView>): RevealView => ({ seq: 1, correct: [], answer: 0, tolerance: 0, distribution: [], answered: 0, eligible: 0, explanation: '', skipped: false, ...over });
const question = (over: Partial<QuestionView>): QuestionView => ({ seq: 1, type: 'single', text: 'What does a load balancer do', options: [], index: 0, count: 1, limitMs: 20_000, min: 0, max: 0, step: 1, unit: '', ...over });

describe('readAloudText', () => {
  it.each([
    ['en', question({ options: ['Spreads requests', 'Stores data'] }), 'What does a load balancer do. Option 1: Spreads requests. Option 2: Stores data.'],
    ['en', question({ type: 'truefalse', text: 'A cache can serve stale data?' }), 'A cache can serve stale data? Option 1: True. Option 2: False.'],
    ['en', question({ type: 'multi', text: 'Which are stateless?', options: ['Web servers', 'Databases'] }), 'Which are stateless? More than one answer may be right. Option 1: Web servers. Option 2: Databases.'],
    ['en', question({ type: 'order', text: 'Order the deploy steps:', options: ['Build', 'Ship'] }), 'Order the deploy steps: Put these in order. Option 1: Build. Option 2: Ship.'],
    ['en', question({ type: 'numeric', text: 'How many nines in 99.9 %?', min: 1, max: 5, unit: '' }), 'How many nines in 99.9 %? Answer with a number from 1 to 5.'],
    ['es', question({ type: 'numeric', text: '¿Cuántos ms tarda?', min: 0, max: 500, unit: 'ms' }), '¿Cuántos ms tarda? Respondan con un número del 0 al 500 ms.'],
    ['es', question({ type: 'truefalse', text: 'Una caché puede servir datos viejos.' }), 'Una caché puede servir datos viejos. Opción 1: Verdadero. Opción 2: Falso.'],
    ['es', question({ type: 'poll', text: '¿Qué prefieren', options: ['Réplicas', 'Caché'] }), '¿Qué prefieren. Opción 1: Réplicas. Opción 2: Caché.'],
  ] as const)('%s: %j', async (lang, q, expected) => {
    await i18next.changeLanguage(lang);
    expect(readAloudText(q, tr)).toBe(expected);
  });

  it.each([
    ['en', question({ options: ['Spreads requests', 'Stores data'] }), reveal({ correct: [0], explanation: 'It sends each request to a healthy server' }), 'Right answer: Spreads requests. It sends each request to a healthy server.'],
    ['es', question({ type: 'truefalse' }), reveal({ correct: [1], explanation: 'Solo si expira.' }), 'Respuesta correcta: Falso. Solo si expira.'],
    ['en', question({ type: 'order', options: ['Ship', 'Build'] }), reveal({ correct: [1, 0] }), 'Right answer: Build → Ship.'],
    ['en', question({ type: 'numeric', unit: '%' }), reveal({ answer: 99.7, tolerance: 0.1 }), 'Right answer: 99.7 % (Accepted: 99.6 to 99.8).'],
    ['es', question({ type: 'numeric', unit: '%' }), reveal({ answer: 99.7, tolerance: 0.1 }), 'Respuesta correcta: 99,7 % (Se acepta de 99,6 a 99,8).'],
    ['es', question({ type: 'numeric' }), reveal({ answer: 3 }), 'Respuesta correcta: 3.'],
    ['en', question({ type: 'numeric', unit: 's' }), reveal({ answer: 0.0005, tolerance: 0.0001 }), 'Right answer: 0.0005 s (Accepted: 0.0004 to 0.0006).'],
    ['en', question({ type: 'poll', options: ['A', 'B'] }), reveal({ explanation: 'Both work' }), 'Both work.'],
    ['en', question({ options: ['A', 'B'] }), reveal({ correct: [0], explanation: 'Why', skipped: true }), ''],
  ] as const)('at the reveal, %s: %j %j', async (lang, q, r, expected) => {
    await i18next.changeLanguage(lang);
    expect(revealAloudText({ question: q, reveal: r }, tr)).toBe(expected);
  });

  it('says nothing for a question with no text', () => {
    expect(readAloudText(question({ text: '  ', options: ['a'] }), tr)).toBe('');
  });

  it('picks the voice by the game language', () => {
    expect(voiceLang('es')).toBe('es-ES');
    expect(voiceLang('en')).toBe('en-US');
  });
});

class FakeUtterance {
  lang = '';
  voice: unknown = null;
  constructor(readonly text: string) {}
}

function fakeSynth() {
  const log: string[] = [];
  const synth = {
    speak: (u: FakeUtterance) => log.push(`speak ${u.lang} ${u.voice ? (u.voice as { name: string }).name : '-'}: ${u.text}`),
    cancel: () => log.push('cancel'),
    getVoices: () => [{ lang: 'en-GB', name: 'uk' }, { lang: 'es-MX', name: 'mx' }, { lang: 'es-ES', name: 'es' }],
  };
  return { log, synth: synth as unknown as SpeechSynthesis };
}

const view = (over: Partial<GameView>): GameView => ({ phase: 'lobby', paused: false, lang: 'es', question: question({ options: ['A', 'B'] }), reveal: reveal({}), ...over }) as GameView;

describe('createReadAloud', () => {
  afterEach(() => {
    delete (globalThis as { SpeechSynthesisUtterance?: unknown }).SpeechSynthesisUtterance;
  });

  it('speaks each question once in the game language, and stops on a phase change or a pause', async () => {
    await i18next.changeLanguage('es');
    (globalThis as { SpeechSynthesisUtterance?: unknown }).SpeechSynthesisUtterance = FakeUtterance;
    const { log, synth } = fakeSynth();
    const r = createReadAloud(tr, synth);
    expect(r.available).toBe(true);
    r.update(view({ phase: 'question' }));
    expect(log.filter((l) => l.startsWith('speak'))).toEqual([]); // off until the teacher turns it on
    r.enabled = true;
    r.update(view({ phase: 'question' }));
    r.update(view({ phase: 'question' }));
    expect(log.filter((l) => l.startsWith('speak'))).toEqual(['speak es-ES es: What does a load balancer do. Opción 1: A. Opción 2: B.']);
    log.length = 0;
    r.update(view({ phase: 'question', paused: true }));
    expect(log).toEqual(['cancel']);
    log.length = 0;
    r.update(view({ phase: 'reveal', reveal: reveal({ correct: [1], explanation: 'Porque sí' }) }));
    r.update(view({ phase: 'reveal', reveal: reveal({ correct: [1], explanation: 'Porque sí' }) }));
    expect(log).toEqual(['cancel', 'speak es-ES es: Respuesta correcta: B. Porque sí.']);
    log.length = 0;
    r.update(view({ phase: 'question', lang: 'en', question: question({ seq: 2, text: 'Next one?', options: ['X'] }) }));
    expect(log).toEqual(['cancel', 'speak en-US uk: Next one? Opción 1: X.']);
    log.length = 0;
    r.enabled = false;
    expect(log).toEqual(['cancel']);
  });

  it('is unavailable, and harmless, where the browser has no speech synthesis', () => {
    const r = createReadAloud(tr, undefined);
    expect(r.available).toBe(false);
    r.enabled = true;
    expect(r.enabled).toBe(false);
    expect(() => r.update(view({ phase: 'question' }))).not.toThrow();
    expect(() => r.stop()).not.toThrow();
  });
});
