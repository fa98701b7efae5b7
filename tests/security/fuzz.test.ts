// A seeded fuzz from the host's seat (anyone can create a game and hold it: the host is no trust
// boundary): every client message type, with prototype keys and hostile ids in every field, and
// payloads whose own keys are "__proto__" or "constructor". The server process (run with
// --disable-proto=throw, as deployed) must refuse them in words, keep the room and every other
// game running, and keep serving new games. tests/server/fuzz.test.ts fuzzes a phone's seat.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { clientMessages } from '../../shared/protocol.ts';
import { createRng, nextInt } from '../../shared/rng.ts';
import { assertStillServes, messages, startTarget, type Target } from './harness.ts';

const SEEDS = [1, 7, 2024];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];
/** Strings that are not what a field wants: prototype keys, an id of the right shape that is no one, paths, markup, control and look-alike text. */
const HOSTILE = [...PROTOTYPE_KEYS, 'AAAAAAAA', 'ZZZZZZ', '../../../etc/passwd', '<img src=x onerror=alert(1)>', '=HYPERLINK("x")', '\u0000\u202e', '\u0410lice', '', ' ', 'x'.repeat(300), '-1', '1e309', 'NaN'];
/** Payloads JSON would build with own prototype-named keys (msgpack carries them as plain keys). */
const OWN_KEYS = ['{"__proto__":{"team":1,"playerId":"AAAAAAAA"}}', '{"constructor":{"prototype":{"team":1}}}', '{"playerId":"__proto__","team":1,"__proto__":{"polluted":true}}'];
/** Messages per batch: under the 30 a second a client may send, with the marker. */
const BATCH = 20;

let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(async () => {
  await t.stop();
});

function hostileValue(rng: { state: number }, depth = 0): unknown {
  switch (nextInt(rng, depth > 1 ? 2 : 5)) {
    case 0:
    case 1:
      return HOSTILE[nextInt(rng, HOSTILE.length)];
    case 2:
      return [HOSTILE[nextInt(rng, HOSTILE.length)], hostileValue(rng, depth + 1)];
    case 3:
      return JSON.parse(OWN_KEYS[nextInt(rng, OWN_KEYS.length)]!);
    default:
      return { kind: HOSTILE[nextInt(rng, HOSTILE.length)], [PROTOTYPE_KEYS[nextInt(rng, PROTOTYPE_KEYS.length)]!]: hostileValue(rng, depth + 1) };
  }
}

/** A payload for `type`: each of its fields hostile, sometimes with an own prototype-named key. */
function hostilePayload(rng: { state: number }, type: keyof typeof clientMessages): unknown {
  const schema = clientMessages[type] as unknown;
  const fields = schema instanceof z.ZodObject ? Object.keys(schema.shape) : ['playerId', 'id', 'name'];
  const payload: Record<string, unknown> = nextInt(rng, 3) === 0 ? JSON.parse(OWN_KEYS[nextInt(rng, OWN_KEYS.length)]!) : {};
  for (const f of fields) payload[f] = hostileValue(rng);
  // A message without fields gets one it does not have (an own "__proto__" key alone is dropped
  // by the decoder, which leaves a valid empty message).
  if (fields.length === 0) payload.playerId = hostileValue(rng);
  return payload;
}

describe('hostile messages from the host seat', () => {
  it.each(SEEDS)('seed %i: every message type is refused in words; the room, other games and the process go on', async (seed) => {
    const rng = createRng(seed);
    const bystander = await t.createGame();
    const bystanderHost = await t.client().joinById(bystander.code, { hostToken: bystander.hostToken });
    bystanderHost.onMessage('*', () => undefined);
    const game = await t.createGame();
    const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
    const phone = await t.client().joinById(game.code, { name: 'Ana' });
    phone.onMessage('*', () => undefined);
    const log = messages(host);
    let closed = false;
    host.onLeave(() => (closed = true));
    await vi.waitFor(() => expect((host.state as any).counts.playerCount).toBe(1));

    const types = Object.keys(clientMessages) as (keyof typeof clientMessages)[];
    const queue = types.flatMap((type) => [0, 1, 2].map(() => ({ type, payload: hostilePayload(rng, type) })));
    let markers = 0;
    for (let i = 0; i < queue.length; i += BATCH) {
      for (const m of queue.slice(i, i + BATCH)) host.send(m.type as never, m.payload as never);
      // Messages are handled in order: the marker's refusal means the batch was handled; one
      // second after it, the sender's message window has started over.
      host.send('fuzz:marker' as never, {} as never);
      markers++;
      await vi.waitFor(() => expect(log.of('refused').filter((r) => r.type === 'fuzz:marker')).toHaveLength(markers), { timeout: 10_000 });
      await new Promise((r) => setTimeout(r, 1000));
    }
    const refusals = log.of('refused').filter((r) => r.type !== 'fuzz:marker');
    expect(refusals.length).toBe(queue.length);
    for (const r of refusals) expect(r.reason).toMatch(/^[A-Z][^\n]{5,200}$/);
    expect(closed).toBe(false);
    // nothing changed: the game is in its lobby with its one player, unlocked
    expect((host.state as any).phase).toBe('lobby');
    expect((host.state as any).locked).toBe(false);
    expect((host.state as any).counts.playerCount).toBe(1);
    expect(({} as Record<string, unknown>).team).toBeUndefined();
    expect(t.output()).not.toMatch(/TypeError|Cannot read|Object\.prototype|__proto__ is not allowed/);
    // the room still runs, and so does the bystander's game
    host.send('host:start', {});
    await vi.waitFor(() => expect((phone.state as any).phase).toBe('question'), { timeout: 10_000 });
    bystanderHost.send('host:start', {});
    await vi.waitFor(() => expect((bystanderHost.state as any).phase).not.toBe('lobby'), { timeout: 10_000 });
    await Promise.all([host.leave(true), phone.leave(true), bystanderHost.leave(true)]);
    await assertStillServes(t);
  });
});
