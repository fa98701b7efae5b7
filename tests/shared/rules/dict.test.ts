// Id-keyed collections of the game model hold prototype keys as plain entries and never reach
// Object.prototype, whether the key comes from a message, a nickname or a checkpoint.
import { describe, expect, it } from 'vitest';
import * as rules from '../../../shared/rules/game.ts';
import { dict, own, toDict } from '../../../shared/rules/dict.ts';
import type { Question } from '../../../shared/content/schema.ts';
import type { PlanSpec } from '../../../shared/rules/plans.ts';
import { playerIdSchema } from '../../../shared/protocol.ts';

const L = (en: string) => ({ en, es: en });
const q = (id: string): Question => ({ id, type: 'single', difficulty: 1, text: L(id), options: [{ text: L('yes'), correct: true }, { text: L('no'), correct: false }] });
const plan: PlanSpec = { id: 't', title: L('t'), rounds: [{ kind: 'quiz', title: L('r1'), topics: ['intro'], count: 1 }] };
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

function game() {
  const g = rules.createGame({ code: 'ABCDEF', lang: 'en', plan, teamCount: 2, seed: 1, questions: [[q('q1')]] });
  expect(rules.addPlayer(g, 'AAAAAAAA', 'Ana').ok).toBe(true);
  return g;
}

describe('prototype-free dictionaries', () => {
  it.each(KEYS)('moving or removing player %j is "no such player" and touches no prototype', (key) => {
    const g = game();
    expect(rules.movePlayer(g, key, 1)).toMatchObject({ ok: false, code: 'no_such_player' });
    expect(rules.removePlayer(g, key, true)).toMatchObject({ ok: false, code: 'no_such_player' });
    expect(({} as Record<string, unknown>).team).toBeUndefined();
    expect(g.order).toEqual(['AAAAAAAA']);
    expect(g.banned).toEqual([]);
  });

  it('a nickname that is a prototype key is an ordinary, unique name', () => {
    const g = game();
    for (const [i, name] of KEYS.entries()) expect(rules.addPlayer(g, `BBBBBBB${i}`, name).ok).toBe(true);
    for (const name of KEYS) expect(rules.addPlayer(g, 'CCCCCCCC', name)).toMatchObject({ ok: false, code: 'name_taken' });
    expect(rules.removePlayer(g, 'BBBBBBB0', false).ok).toBe(true);
    expect(rules.addPlayer(g, 'DDDDDDDD', '__proto__').ok).toBe(true);
  });

  it('own() sees only own entries; toDict() copies them and ignores non-objects', () => {
    const d = dict<number>();
    d.a = 1;
    expect(own(d, 'a')).toBe(1);
    expect(own({} as Record<string, number>, 'toString')).toBeUndefined();
    expect(Object.keys(toDict([1, 2]))).toEqual([]);
    expect(Object.keys(toDict(null))).toEqual([]);
  });

  it('player ids have their one real shape (which "toString" happens to fit: the dictionaries are what keep it harmless)', () => {
    for (const id of ['AAAAAAAA', 'a-b_c9Zz', 'toString']) expect(playerIdSchema.safeParse(id).success).toBe(true);
    for (const id of ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', '', 'x'.repeat(9), 'aaaa aaa', 'ÁAAAAAAA', 1234]) expect(playerIdSchema.safeParse(id).success).toBe(false);
  });
});
