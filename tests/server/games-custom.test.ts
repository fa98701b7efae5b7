import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Room } from '@colyseus/sdk';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

const state = (room: Room) => room.state as any;

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json().catch(() => null) };
}

async function storeSet(): Promise<string> {
  const res = await post('/api/sets', {
    title: 'Redes de 2ºB',
    lang: 'es',
    questions: [
      { id: 'first', type: 'single', text: { es: '¿Qué puerto usa HTTPS por defecto?' }, options: [{ text: { es: '443' }, correct: true }, { text: { es: '21' }, correct: false }] },
      { id: 'second', type: 'truefalse', text: { es: 'DNS traduce nombres a direcciones.' }, answer: true },
      { id: 'third', type: 'poll', text: { es: '¿Os gusta el juego?' }, options: [{ text: { es: 'Sí' } }, { text: { es: 'Mucho' } }] },
    ],
  });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

/** Joins as host and one player, starts, and returns the player's room once a question is up. */
async function firstQuestion(game: { code: string; hostToken: string }) {
  const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
  const player = await t.client().joinById(game.code, { name: 'Ana' });
  for (const room of [host, player]) room.onMessage('*', () => undefined);
  await vi.waitFor(() => expect(state(host).counts.playerCount).toBe(1));
  host.send('host:start', {});
  await vi.waitFor(() => expect(state(player).phase).toBe('question'));
  return { host, player, question: state(player).question };
}

describe('POST /api/games with a teacher-configured plan', () => {
  it('plays the first question of a stored set in a custom plan', async () => {
    const setId = await storeSet();
    const game = await t.createGame({ lang: 'es', teams: 2, plan: { kind: 'custom', quizRounds: 1, timeLimitSec: 30 }, setId });
    const { host, player, question } = await firstQuestion(game);
    expect(question.text).toBe('¿Qué puerto usa HTTPS por defecto?');
    expect([...question.options].sort()).toEqual(['21', '443']); // in this game's shuffled order
    expect(question.count).toBe(3);
    await player.leave();
    await host.leave();
  });

  it('plays a built-in plan with a stored set', async () => {
    const setId = await storeSet();
    const game = await t.createGame({ lang: 'en', teams: 2, plan: 'intro', setId });
    const { host, player, question } = await firstQuestion(game);
    expect(question.text).toBe('¿Qué puerto usa HTTPS por defecto?');
    expect(question.count).toBe(1);
    await player.leave();
    await host.leave();
  });

  it('plays a custom plan from the bank with the chosen topics and question count', async () => {
    const game = await t.createGame({ lang: 'en', teams: 2, plan: { kind: 'custom', topics: ['protocols'], questionsPerRound: 3, speedScoring: false } });
    const { host, player, question } = await firstQuestion(game);
    expect(question.count).toBe(3);
    expect(question.text.length).toBeGreaterThan(0);
    await player.leave();
    await host.leave();
  });

  it('keeps the string form of plan working', async () => {
    const res = await post('/api/games', { plan: 'quick', lang: 'en' });
    expect(res.status).toBe(201);
    expect(res.json.code).toMatch(/^[A-Z0-9]{6}$/);
  });

  it.each([
    ['too many questions per round', { plan: { kind: 'custom', topics: ['intro'], questionsPerRound: 50 } }, /"plan\.questionsPerRound"/],
    ['too little time', { plan: { kind: 'custom', topics: ['intro'], timeLimitSec: 2 } }, /"plan\.timeLimitSec"/],
    ['an unknown topic', { plan: { kind: 'custom', topics: ['cooking'] } }, /"plan\.topics\.0"/],
    ['an unknown scenario', { plan: { kind: 'custom', topics: ['intro'], scenarios: ['nope'] } }, /"plan\.scenarios\.0": is not a scenario card/],
    ['an unknown field in the plan', { plan: { kind: 'custom', topics: ['intro'], extra: 1 } }, /unknown field/],
    ['no topics and no set', { plan: { kind: 'custom', topics: [] } }, /at least one topic/],
    ['an unknown set', { plan: 'quick', setId: 'doesNotExist' }, /No question set has the id/],
    ['a malformed set id', { plan: 'quick', setId: '../etc' }, /"setId"/],
    ['a plan that is a number', { plan: 7 }, /"plan"/],
  ])('refuses %s with 400 and a readable error', async (_name, body, message) => {
    const res = await post('/api/games', body);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatch(message);
    expect(JSON.stringify(res.json)).not.toMatch(/at .*\.ts:\d+/);
  });
});
