// Attack: flooding a room. A message over the size limit or over 30 a second closed the socket
// with a bare code (the transport's 1009, Colyseus's 4002). Now the sender is told why in words
// first ("refused" with a reason), then the socket closes with a code and that reason. A phone
// sending at a human pace is never touched.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLOSE } from '../../shared/codes.ts';
import { MESSAGE_LIMITS } from '../../server/rooms/message-guard.ts';
import { messages, startTarget, type Target } from './harness.ts';

let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(async () => {
  await t.stop();
});

async function phone(code: string, name: string) {
  const room = await t.client().joinById(code, { name });
  const log = messages(room);
  const left = new Promise<{ code: number; reason?: string }>((resolve) => room.onLeave((c, reason) => resolve({ code: c, reason })));
  await vi.waitFor(() => expect(log.last('welcome')).toBeDefined());
  return { room, log, left };
}

describe('message limits', () => {
  it('a message over 4 KB is refused in words, then the socket closes with a code and a reason', async () => {
    const game = await t.createGame();
    const p = await phone(game.code, 'Big');
    p.room.send('answer', { seq: 1, answer: { kind: 'numeric', value: 1 }, pad: 'x'.repeat(MESSAGE_LIMITS.maxBytes + 100) } as never);
    const left = await p.left;
    expect(p.log.last('refused')).toMatchObject({ code: 'too_large', reason: expect.stringMatching(/at most 4096 bytes/) });
    expect(left.code).toBe(CLOSE.tooLarge);
    expect(left.reason).toMatch(/at most 4096 bytes/);
  });

  it('more than 30 messages in a second are refused in words, then the socket closes; the game goes on', async () => {
    const game = await t.createGame();
    const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
    host.onMessage('*', () => undefined);
    const flooder = await phone(game.code, 'Flood');
    const calm = await phone(game.code, 'Calm');
    for (let i = 0; i < 100; i++) flooder.room.send('host:start', {});
    const left = await flooder.left;
    expect(flooder.log.of('refused').at(-1)).toMatchObject({ code: 'rate_limited', reason: expect.stringMatching(/at most 30 a second/) });
    expect(left.code).toBe(CLOSE.flood);
    // at most the allowance reached the room: one "not_host" refusal per message let through
    expect(flooder.log.of('refused').filter((r) => r.code === 'not_host').length).toBeLessThanOrEqual(MESSAGE_LIMITS.perSecond);
    // a phone at a human pace (10 a second for over a second) stays
    for (let i = 0; i < 12; i++) {
      calm.room.send('answer', { seq: 0, answer: { kind: 'choice', index: 0 } });
      await new Promise((r) => setTimeout(r, 100));
    }
    await vi.waitFor(() => expect(calm.log.of('refused').length).toBe(12));
    expect(calm.log.of('refused').every((r) => r.code !== 'rate_limited')).toBe(true);
    host.send('host:start', {});
    await vi.waitFor(() => expect((calm.room.state as any).phase).not.toBe('lobby'), { timeout: 10_000 });
    await Promise.all([host.leave(true), calm.room.leave(true)]);
  });

  it("a frame over the transport's cap is closed by the transport itself, and nothing else happens", async () => {
    const game = await t.createGame();
    const p = await phone(game.code, 'Huge');
    p.room.send('answer', { pad: 'x'.repeat(MESSAGE_LIMITS.transportMaxBytes + 10) } as never);
    const left = await p.left;
    expect(left.code).toBe(1009);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});
