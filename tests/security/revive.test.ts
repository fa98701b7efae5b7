// A checkpoint is JSON: restoring it must rebuild the id-keyed collections as prototype-free
// dictionaries (shared/rules/dict.ts), or a restarted game would be open to "__proto__" again.
import { describe, expect, it } from 'vitest';
import * as rules from '../../shared/rules/game.ts';
import type { Question } from '../../shared/content/schema.ts';
import type { PlanSpec } from '../../shared/rules/plans.ts';
import { reviveModel } from '../../server/rooms/persistence.ts';

const L = (en: string) => ({ en, es: en });
const q = (id: string): Question => ({ id, type: 'single', difficulty: 1, text: L(id), options: [{ text: L('yes'), correct: true }, { text: L('no'), correct: false }] });
const plan: PlanSpec = { id: 't', title: L('t'), rounds: [{ kind: 'quiz', title: L('r1'), topics: ['intro'], count: 1 }] };

describe('a checkpoint revived', () => {
  it('has prototype-free players, names and answers holding only its own entries', () => {
    const g = rules.createGame({ code: 'ABCDEF', lang: 'en', plan, teamCount: 2, seed: 1, questions: [[q('q1')]] });
    rules.addPlayer(g, 'AAAAAAAA', 'Ana');
    rules.addPlayer(g, 'EEEEEEEE', '__proto__');
    rules.startGame(g, 0);
    rules.advanceTimers(g, 10_000);
    expect(g.phase).toBe('question');
    const json = JSON.stringify(g).replace('"players":{', '"players":{"__proto__":{"id":"__proto__","team":1},');
    const back = reviveModel(JSON.parse(json));
    for (const d of [back.players, back.nameIndex, back.current!.answers]) expect(Object.getPrototypeOf(d)).toBeNull();
    expect(back.nameIndex.__proto__).toBe('EEEEEEEE');
    expect(rules.movePlayer(back, 'toString', 0)).toMatchObject({ ok: false, code: 'no_such_player' });
    expect(rules.submitAnswer(back, 'AAAAAAAA', back.current!.seq, { kind: 'choice', index: 0 }, 10_001).ok).toBe(true);
    expect(({} as Record<string, unknown>).team).toBeUndefined();
    expect(Object.keys(back.players).sort()).toEqual(['AAAAAAAA', 'EEEEEEEE', '__proto__']);
  });

  it('keys names as today\'s rules do, whatever a checkpoint of older rules held', () => {
    const g = rules.createGame({ code: 'ABCDEF', lang: 'en', plan, teamCount: 2, seed: 1, questions: [[q('q1')]] });
    rules.addPlayer(g, 'AAAAAAAA', 'José');
    rules.addPlayer(g, 'BBBBBBBB', 'Zoë');
    rules.removePlayer(g, 'BBBBBBBB', true);
    const old = JSON.parse(JSON.stringify(g)) as rules.GameModel;
    old.nameIndex = { 'josé': 'AAAAAAAA' };
    old.banned = ['zoë'];
    const back = reviveModel(old);
    expect(rules.addPlayer(back, 'CCCCCCCC', 'Jose')).toMatchObject({ ok: false, code: 'name_taken' });
    expect(rules.addPlayer(back, 'DDDDDDDD', 'Zoe')).toMatchObject({ ok: false, code: 'name_banned' });
  });
});
