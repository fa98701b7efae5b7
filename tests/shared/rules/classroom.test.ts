// The classroom rules of a game (issue 17): the nickname policy (typed and screened, or generated
// only; held for approval; renamed; re-rolled a few times) and fair time (extra time and no speed
// points per student, scored on the student's own clock).
import { describe, expect, it } from 'vitest';
import * as rules from '../../../shared/rules/game.ts';
import { GAME, SCORING } from '../../../shared/constants.ts';
import type { Question } from '../../../shared/content/schema.ts';
import type { PlanSpec } from '../../../shared/rules/plans.ts';
import { correctIndices } from '../../../shared/rules/questions.ts';
import { nicknameChoices } from '../../../shared/rules/nicknames.ts';
import { loadNameFilter, readNameLists } from '../../../server/content/load-names.ts';

const filter = loadNameFilter();
const L = (en: string) => ({ en, es: en });
const q = (id: string): Question => ({ id, type: 'single', difficulty: 1, text: L(id), options: [{ text: L('yes'), correct: true }, { text: L('no'), correct: false }] });
const plan: PlanSpec = { id: 't', title: L('t'), rounds: [{ kind: 'quiz', title: L('r1'), topics: ['intro'], count: 3 }] };
const LIMIT = 10_000;
const INTRO = 1000;

function game(opts: { nicknames?: 'typed' | 'generated'; holdNames?: boolean; players?: string[]; seed?: number } = {}) {
  const g = rules.createGame({ code: 'ABCDEF', lang: 'en', plan, teamCount: 2, seed: opts.seed ?? 7, questions: [[q('q1'), q('q2'), q('q3')]], questionMsOverride: LIMIT, roundIntroMs: INTRO, nicknames: opts.nicknames, holdNames: opts.holdNames });
  for (const p of opts.players ?? []) expect(rules.addPlayer(g, p, opts.nicknames === 'generated' ? undefined : `Player ${p}`, filter).ok).toBe(true);
  return g;
}

/** The right option of the open question, wherever this game shows it. */
const right = (g: rules.GameModel) => ({ kind: 'choice', index: correctIndices(rules.currentQuestion(g)!, g.current!.shown)[0]! }) as const;

/** Starts the game and opens the first question at t = INTRO. */
function open(g: rules.GameModel): number {
  rules.startGame(g, 0);
  rules.advanceTimers(g, INTRO);
  return g.current!.seq;
}

/** The first offensive and reserved entries of the lists (no word is written in this file). */
const firstEntry = (kind: 'offensive' | 'reserved') =>
  readNameLists()
    .filter((l) => l.kind === kind)
    .flatMap((l) => l.text.split('\n'))
    .map((l) => l.replace(/#.*$/, '').trim())
    .find((l) => /^[a-z]+$/.test(l))!;

describe('nicknames: generated only', () => {
  it('refuses a typed nickname, readably, and gives a generated one to a join without a name', () => {
    const g = game({ nicknames: 'generated' });
    const typed = rules.addPlayer(g, 'a', 'Lucía', filter);
    expect(typed).toMatchObject({ ok: false, code: 'names_generated' });
    expect(!typed.ok && typed.reason).toMatch(/generated nickname/);
    const joined = rules.addPlayer(g, 'a', undefined, filter);
    expect(joined.ok).toBe(true);
    const name = g.players.a!.name;
    expect(nicknameChoices('en')).toContain(name);
    expect(rules.addPlayer(g, 'b', '', filter).ok).toBe(true);
    expect(g.players.b!.name).not.toBe(name);
    // the same seed draws the same names
    const again = game({ nicknames: 'generated', players: ['a', 'b'] });
    expect([again.players.a!.name, again.players.b!.name]).toEqual([name, g.players.b!.name]);
  });

  it('lets a player re-roll a few times, in the lobby only, and never into a taken name', () => {
    const g = game({ nicknames: 'generated', players: ['a', 'b'] });
    const seen = new Set([g.players.a!.name]);
    for (let i = 0; i < GAME.nameRerolls; i++) {
      expect(rules.rerollsLeft(g.players.a!)).toBe(GAME.nameRerolls - i);
      expect(rules.rerollName(g, 'a').ok).toBe(true);
      expect(g.players.a!.name).not.toBe(g.players.b!.name);
      seen.add(g.players.a!.name);
    }
    expect(seen.size).toBe(GAME.nameRerolls + 1);
    expect(rules.rerollName(g, 'a')).toMatchObject({ ok: false, code: 'no_rerolls' });
    expect(rules.isNameTaken(g, g.players.a!.name)).toBe(true);
    rules.startGame(g, 0);
    expect(rules.rerollName(g, 'b')).toMatchObject({ ok: false, code: 'wrong_phase' });
  });

  it('never offers a player a nickname they already passed on, whatever the game seed', () => {
    const repeats: number[] = [];
    for (let seed = 1; seed <= 300; seed++) {
      const g = game({ nicknames: 'generated', players: ['a', 'b', 'c'], seed });
      const offered = [g.players.a!.name];
      for (let i = 0; i < GAME.nameRerolls; i++) {
        expect(rules.rerollName(g, 'a').ok).toBe(true);
        offered.push(g.players.a!.name);
      }
      if (new Set(offered).size !== offered.length) repeats.push(seed);
    }
    expect(repeats).toEqual([]);
  });

  it('does not re-roll a typed name', () => {
    const g = game({ players: ['a'] });
    expect(rules.rerollName(g, 'a')).toMatchObject({ ok: false, code: 'no_rerolls' });
  });
});

describe('nicknames: typed', () => {
  it('refuses offensive names and names that pass for the teacher, politely, and accepts ordinary ones', () => {
    const g = game();
    const bad = rules.addPlayer(g, 'a', firstEntry('offensive').toUpperCase(), filter);
    expect(bad).toMatchObject({ ok: false, code: 'name_offensive' });
    expect(!bad.ok && bad.reason).toMatch(/pick another/);
    expect(rules.addPlayer(g, 'a', 'Profe Juan', filter)).toMatchObject({ ok: false, code: 'name_reserved' });
    expect(g.order).toEqual([]);
    for (const [id, name] of [['a', 'José'], ['b', 'Nguyễn'], ['c', 'Đorđe'], ['d', 'Cassandra']] as const) expect(rules.addPlayer(g, id, name, filter).ok, name).toBe(true);
  });

  it('holds new names for approval: shared screens get nothing until the teacher accepts', () => {
    const g = game({ holdNames: true, players: ['a', 'b'] });
    expect(g.players.a!.held).toBe(true);
    expect(rules.publicName(g.players.a!)).toBe('');
    expect(rules.reviewName(g, 'a', true).ok).toBe(true);
    expect(rules.publicName(g.players.a!)).toBe('Player a');
    // rejected: banned, and the player stays with a generated name
    expect(rules.reviewName(g, 'b', false).ok).toBe(true);
    expect(g.players.b!.held).toBeUndefined();
    expect(nicknameChoices('en')).toContain(g.players.b!.name);
    expect(rules.addPlayer(g, 'c', 'Player b', filter)).toMatchObject({ ok: false, code: 'name_banned' });
    // switching the hold off later holds nobody new
    g.settings.holdNames = false;
    expect(rules.addPlayer(g, 'd', 'Player d', filter).ok).toBe(true);
    expect(g.players.d!.held).toBeUndefined();
  });

  it('lets the teacher rename a player to any free valid name (the way out of a wrong refusal)', () => {
    const g = game({ holdNames: true, players: ['a', 'b'] });
    expect(rules.renamePlayer(g, 'a', 'Player b')).toMatchObject({ ok: false, code: 'name_taken' });
    expect(rules.renamePlayer(g, 'a', '   ')).toMatchObject({ ok: false, code: 'bad_name' });
    expect(rules.renamePlayer(g, 'nobody', 'X')).toMatchObject({ ok: false, code: 'no_such_player' });
    expect(rules.renamePlayer(g, 'a', 'Dick Smith').ok).toBe(true);
    expect(g.players.a).toMatchObject({ name: 'Dick Smith', nameSource: 'teacher' });
    expect(g.players.a!.held).toBeUndefined();
    expect(rules.isNameTaken(g, 'Player a')).toBe(false);
    expect(rules.isNameTaken(g, 'dick smith')).toBe(true);
    expect(rules.renamePlayer(g, 'a', 'Dick Smith').ok).toBe(true);
  });
});

describe('nicknames: look-alikes', () => {
  it('refuses a name that only looks different from a player\'s (other scripts, case, accents), and nothing else', () => {
    const g = game();
    expect(rules.addPlayer(g, 'a', 'Alice', filter).ok).toBe(true);
    // Cyrillic А, Cyrillic і and а, Greek Α and ε, upper case, a combining accent, a precomposed one
    for (const twin of ['\u0410lice', 'Al\u0456ce', '\u0391lic\u03b5', 'ALICE', 'Alice\u0301', 'Alicé', ' Alice  ']) {
      expect(rules.addPlayer(g, `x${twin}`, twin, filter), twin).toMatchObject({ ok: false, code: 'name_taken' });
    }
    // names of many cultures still join side by side, each once
    const names = ['Nguyễn', 'Nguyen Van', 'Zoë', 'Zoe Li', 'Đorđe', 'Aisha', 'Ayesha', 'Łukasz', 'Søren', 'Şükrü', 'Иван', 'Ivan', 'Γιώργος', 'राम', 'रमा', 'ガク', 'カク', '김민준', '陳', 'محمد', 'Ana', 'Anna'];
    for (const name of names) expect(rules.addPlayer(g, `p${name}`, name, filter), name).toMatchObject({ ok: true });
    expect(rules.addPlayer(g, 'dup1', 'Nguyen', filter)).toMatchObject({ ok: false, code: 'name_taken' });
    expect(rules.addPlayer(g, 'dup2', 'Dorde', filter)).toMatchObject({ ok: false, code: 'name_taken' });
    expect(rules.addPlayer(g, 'dup3', 'ИВАН', filter)).toMatchObject({ ok: false, code: 'name_taken' });
  });

  it('folds a rename and a ban the same way', () => {
    const g = game({ players: ['a', 'b'] });
    expect(rules.renamePlayer(g, 'a', 'Pl\u0430yer b')).toMatchObject({ ok: false, code: 'name_taken' });
    rules.removePlayer(g, 'b', true);
    expect(rules.addPlayer(g, 'c', 'PLAYER B', filter)).toMatchObject({ ok: false, code: 'name_banned' });
    expect(rules.addPlayer(g, 'd', 'Pl\u0430yer b', filter)).toMatchObject({ ok: false, code: 'name_banned' });
  });
});

describe('fair time: accommodations', () => {
  it("scores an accommodated student's slow right answer like an unaccommodated one at the same share of their own time", () => {
    for (const extraTime of [1.5, 2]) {
      for (const share of [0.2, 0.5, 0.8, 1]) {
        const g = game({ players: ['a', 'b'] });
        expect(rules.accommodate(g, 'b', { extraTime, noSpeed: false }).ok).toBe(true);
        const seq = open(g);
        expect(rules.submitAnswer(g, 'a', seq, right(g), INTRO + share * LIMIT).ok).toBe(true);
        expect(rules.submitAnswer(g, 'b', seq, right(g), INTRO + share * LIMIT * extraTime).ok).toBe(true);
        const rec = g.history.at(-1)!;
        const points = (id: string) => rec.answers.find((x) => x.playerId === id)!.points;
        expect(points('b'), `×${extraTime} at ${share}`).toBe(points('a'));
        expect(points('a')).toBe(Math.round(SCORING.maxPoints * (1 - (1 - SCORING.slowestShare) * share)));
      }
    }
  });

  it('keeps the question open after the class deadline only for the accommodated student, and closes at their own deadline', () => {
    const g = game({ players: ['a', 'b', 'c'] });
    rules.accommodate(g, 'c', { extraTime: 2, noSpeed: false });
    const seq = open(g);
    expect(rules.advanceTimers(g, INTRO + LIMIT)).toBe(true);
    expect([g.phase, g.current?.overtime]).toEqual(['question', true]);
    expect(rules.advanceTimers(g, INTRO + LIMIT + 100)).toBe(false);
    expect(rules.submitAnswer(g, 'a', seq, right(g), INTRO + LIMIT + 500)).toMatchObject({ ok: false, code: 'too_late' });
    expect(rules.advanceTimers(g, INTRO + 2 * LIMIT - 1)).toBe(false);
    expect(rules.advanceTimers(g, INTRO + 2 * LIMIT)).toBe(true);
    expect(g.phase).toBe('reveal');
  });

  it('closes as soon as the accommodated student answers in overtime, and does not wait for one who left', () => {
    const g = game({ players: ['a', 'b', 'c'] });
    rules.accommodate(g, 'c', { extraTime: 1.5, noSpeed: false });
    rules.accommodate(g, 'b', { extraTime: 2, noSpeed: false });
    const seq = open(g);
    rules.setConnected(g, 'b', false);
    rules.advanceTimers(g, INTRO + LIMIT);
    expect(g.current?.overtime).toBe(true);
    expect(rules.submitAnswer(g, 'c', seq, right(g), INTRO + 1.2 * LIMIT).ok).toBe(true);
    expect(g.phase).toBe('reveal');
    expect(g.history.at(-1)!.answers.find((a) => a.playerId === 'c')!.points).toBe(Math.round(SCORING.maxPoints * (1 - (1 - SCORING.slowestShare) * 0.8)));
  });

  it('keeps every clock across a pause, even one taken in overtime', () => {
    const g = game({ players: ['a', 'b'] });
    rules.accommodate(g, 'b', { extraTime: 2, noSpeed: false });
    const seq = open(g);
    rules.advanceTimers(g, INTRO + LIMIT);
    rules.pause(g, INTRO + 1.5 * LIMIT);
    rules.resume(g, INTRO + 1.5 * LIMIT + 60_000);
    // 0.5 × LIMIT of b's own time is left after the pause
    expect(rules.advanceTimers(g, INTRO + 2 * LIMIT + 60_000 - 1)).toBe(false);
    expect(rules.submitAnswer(g, 'b', seq, right(g), INTRO + 1.9 * LIMIT + 60_000).ok).toBe(true);
    expect(g.history.at(-1)!.answers[0]!.points).toBe(Math.round(SCORING.maxPoints * (1 - (1 - SCORING.slowestShare) * 0.95)));
  });

  it('gives full points whatever the time to a student with no speed points, and counts speed for the rest', () => {
    const g = game({ players: ['a', 'b'] });
    rules.accommodate(g, 'b', { extraTime: 1, noSpeed: true });
    const seq = open(g);
    rules.submitAnswer(g, 'a', seq, right(g), INTRO + LIMIT);
    rules.submitAnswer(g, 'b', seq, right(g), INTRO + LIMIT);
    const [a, b] = ['a', 'b'].map((id) => g.history.at(-1)!.answers.find((x) => x.playerId === id)!.points);
    expect(b).toBe(SCORING.maxPoints);
    expect(a).toBe(SCORING.maxPoints * SCORING.slowestShare);
  });

  it('refuses factors other than the offered ones and forgets a removed student', () => {
    const g = game({ players: ['a'] });
    expect(rules.accommodate(g, 'a', { extraTime: 5, noSpeed: false })).toMatchObject({ ok: false });
    expect(rules.accommodate(g, 'zz', { extraTime: 2, noSpeed: false })).toMatchObject({ ok: false, code: 'no_such_player' });
    rules.accommodate(g, 'a', { extraTime: 2, noSpeed: true });
    expect(rules.accommodationOf(g, 'a')).toEqual({ extraTime: 2, noSpeed: true });
    rules.accommodate(g, 'a', { extraTime: 1, noSpeed: false });
    expect(Object.keys(g.accommodations)).toEqual([]);
    rules.accommodate(g, 'a', { extraTime: 1.5, noSpeed: false });
    rules.removePlayer(g, 'a', false);
    expect(Object.keys(g.accommodations)).toEqual([]);
  });
});

describe('speed scoring, as the podium states it', () => {
  it('says whether speed counted in all, some or none of the scored questions', () => {
    const g = game({ players: ['a'] });
    expect(rules.speedCounted(g)).toBe('');
    let seq = open(g);
    rules.submitAnswer(g, 'a', seq, right(g), INTRO + 1000);
    expect(rules.speedCounted(g)).toBe('all');
    g.settings.speedScoring = false;
    rules.next(g, 20_000);
    seq = g.current!.seq;
    rules.submitAnswer(g, 'a', seq, right(g), 21_000);
    expect(rules.speedCounted(g)).toBe('some');
    const off = game({ players: ['a'] });
    off.settings.speedScoring = false;
    seq = open(off);
    rules.submitAnswer(off, 'a', seq, right(off), INTRO + 1000);
    expect(rules.speedCounted(off)).toBe('none');
  });
});
