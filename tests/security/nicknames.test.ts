// Attack: passing for someone else by nickname. "Аlice" with a Cyrillic А joined beside "Alice"
// (the duplicate check only folded case), and "Teacher", "Host" or "Profesor" could be typed by
// a student. Both are refused at the door of a real server with a reason a student can act on,
// while names from many cultures keep joining side by side.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages, startTarget, type Target } from './harness.ts';

let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(async () => {
  await t.stop();
});

describe('nicknames that pass for someone else', () => {
  it('a look-alike of a seated name and the teacher\'s names are refused; Nguyễn, Zoë, Đorđe and Aisha join', async () => {
    const game = await t.createGame();
    const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
    host.onMessage('*', () => undefined);
    const seated = [];
    for (const name of ['Alice', 'Nguyễn', 'Zoë', 'Đorđe', 'Aisha']) {
      const phone = await t.client().joinById(game.code, { name });
      const log = messages(phone);
      await vi.waitFor(() => expect(log.last('welcome')?.name).toBe(name));
      seated.push(phone);
    }
    for (const twin of ['\u0410lice', 'ALICE', 'Al\u0456ce', 'Zoe']) {
      await expect(t.client().joinById(game.code, { name: twin }), twin).rejects.toThrow(/taken/);
    }
    for (const teacher of ['Teacher', 'Host', 'Profesor', 'T\u0435acher']) {
      await expect(t.client().joinById(game.code, { name: teacher }), teacher).rejects.toThrow(/look like the teacher/);
    }
    await vi.waitFor(() => expect((host.state as any).counts.playerCount).toBe(5));
    await Promise.all([host.leave(true), ...seated.map((p) => p.leave(true))]);
  });
});
