// Seeded fuzzing of the room's message surface: any message of any type and shape, from a
// player or the host, is refused or applied, never crashes the room, never changes what the
// sender may not change. Failing seeds get pinned in SEEDS.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRng, nextFloat, nextInt } from '../../shared/rng.ts';
import { clientMessages } from '../../shared/protocol.ts';
import { recorder, startTestServer, type TestServer } from '../helpers/server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ QUESTION_SECONDS: '30' });
});
afterAll(async () => {
  await t.close();
});

const SEEDS = [1, 2, 3, 42, 1337];
const TYPES = [...Object.keys(clientMessages), 'x', '', '__proto__', 'constructor', 'host:', 'answer '];

function junk(rng: { state: number }, depth = 0): unknown {
  switch (nextInt(rng, 10)) {
    case 0: return null;
    case 1: return nextInt(rng, 2) === 0;
    case 2: return nextFloat(rng) * 1e9 - 5e8;
    case 3: return [NaN, Infinity, -0, 2 ** 53][nextInt(rng, 4)];
    case 4: return 'x'.repeat(nextInt(rng, 300));
    case 5: return depth > 2 ? 1 : Array.from({ length: nextInt(rng, 4) }, () => junk(rng, depth + 1));
    case 6: return depth > 2 ? {} : { seq: junk(rng, depth + 1), answer: junk(rng, depth + 1) };
    case 7: return { kind: ['choice', 'multi', 'order', 'numeric', 'evil'][nextInt(rng, 5)], index: nextInt(rng, 12) - 2, indices: [nextInt(rng, 9)], order: [1, 1], value: nextFloat(rng) };
    case 8: return { playerId: 'x'.repeat(nextInt(rng, 40)), team: nextInt(rng, 20) - 5, ms: nextInt(rng, 1e6), locked: 'yes' };
    default: return undefined;
  }
}

describe('fuzzed messages', () => {
  it.each(SEEDS)('seed %i: the room survives and phones cannot steer it', async (seed) => {
    const rng = createRng(seed);
    const game = await t.createGame({ lang: 'en', teams: 2 });
    const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
    const a = await t.client().joinById(game.code, { name: 'Ada' });
    const b = await t.client().joinById(game.code, { name: 'Bob' });
    const bLog = recorder(b);
    await vi.waitFor(() => expect((host.state as any).counts.playerCount).toBe(2));
    for (let i = 0; i < 60; i++) {
      const type = TYPES[nextInt(rng, TYPES.length)]!;
      b.send(type as never, junk(rng) as never);
      if (i % 20 === 10) await new Promise((r) => setTimeout(r, 50));
    }
    await vi.waitFor(() => expect(bLog.of('refused').length).toBeGreaterThan(5));
    // a phone never moved the game out of the lobby, locked it or kicked anyone
    expect((host.state as any).phase).toBe('lobby');
    expect((host.state as any).locked).toBe(false);
    expect((host.state as any).counts.playerCount).toBe(2);
    // the room still serves: the host starts, a player answers and is acknowledged
    host.send('host:start', {});
    await vi.waitFor(() => expect((a.state as any).phase).toBe('question'));
    const aLog = recorder(a);
    const q = (a.state as any).question;
    const answer = q.type === 'multi' ? { kind: 'multi', indices: [0] } : q.type === 'order' ? { kind: 'order', order: q.options.map((_: unknown, i: number) => i) } : q.type === 'numeric' ? { kind: 'numeric', value: q.min } : { kind: 'choice', index: 0 };
    a.send('answer', { seq: q.seq, answer });
    await vi.waitFor(() => expect(aLog.of('ack')).toHaveLength(1));
  });
});
