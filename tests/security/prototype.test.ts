// Attack: "one message stops every game". A visitor creates a game, joins it as its host (the
// host is not a trust boundary) and names a prototype key where a player id goes. On the old
// server `host:move { playerId: "__proto__", team: 1 }` wrote `team` into Object.prototype:
// every room's beat threw, POST /api/games answered 400, /metrics 500, /healthz still "ok".
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../server/store/index.ts';
import { assertStillServes, messages, startTarget, type Target } from './harness.ts';

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf'];

let t: Target;
beforeAll(async () => {
  t = await startTarget();
});
afterAll(async () => {
  await t.stop();
});

describe('prototype keys in messages', () => {
  it('host:move and host:kick naming prototype keys are refused as "no such player"; nothing else changes', async () => {
    const victim = await t.createGame();
    const victimHost = await t.client().joinById(victim.code, { hostToken: victim.hostToken });
    victimHost.onMessage('*', () => undefined);

    const mine = await t.createGame();
    const host = await t.client().joinById(mine.code, { hostToken: mine.hostToken });
    const log = messages(host);
    let sent = 0;
    for (const playerId of PROTOTYPE_KEYS) {
      for (const team of [0, 1]) host.send('host:move', { playerId, team });
      host.send('host:kick', { playerId, ban: true });
      sent += 3;
    }
    await vi.waitFor(() => expect(log.of('refused')).toHaveLength(sent));
    expect(new Set(log.of('refused').map((r) => r.code))).toEqual(new Set(['no_such_player']));
    expect(log.of('refused')[0].reason).toMatch(/no such player/);

    // nothing reached a prototype: this process still creates, runs and measures games
    expect(({} as Record<string, unknown>).team).toBeUndefined();
    await assertStillServes(t);
    // and the victim's room still beats: its teacher can start it
    victimHost.send('host:start', {});
    await vi.waitFor(() => expect((victimHost.state as any).phase).not.toBe('lobby'), { timeout: 10_000 });
    await Promise.all([host.leave(true), victimHost.leave(true)]);
  });

  it('nicknames that are prototype keys are players like any other, each once per game, and survive a checkpoint round trip', async () => {
    const game = await t.createGame();
    const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
    host.onMessage('*', () => undefined);
    const phones = [];
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const phone = await t.client().joinById(game.code, { name });
      const log = messages(phone);
      await vi.waitFor(() => expect(log.last('welcome')?.name).toBe(name));
      phones.push(phone);
    }
    await expect(t.client().joinById(game.code, { name: '__proto__' })).rejects.toThrow(/taken/);
    await expect(t.client().joinById(game.code, { name: 'constructor' })).rejects.toThrow(/taken/);
    await vi.waitFor(() => expect((host.state as any).counts.playerCount).toBe(3));
    await Promise.all([host.leave(true), ...phones.map((p) => p.leave(true))]);
    await assertStillServes(t);
  });

  it('a game whose nicknames are prototype keys comes back after a restart with its players, and the keys stay plain entries', async () => {
    const a = await startTarget();
    const game = await a.createGame();
    const seats = new Map<string, string>();
    for (const name of ['__proto__', 'constructor']) {
      const phone = await a.client().joinById(game.code, { name });
      const log = messages(phone);
      await vi.waitFor(() => expect(log.last('welcome')).toBeDefined());
      seats.set(name, log.last('welcome').seat);
    }
    const host = await a.client().joinById(game.code, { hostToken: game.hostToken });
    host.send('host:start', {}); // a phase change is checkpointed at once
    const store = await openStore({ sqliteFile: path.join(a.dataDir, 'uptime-arena.sqlite') });
    await vi.waitFor(async () => {
      const cp = await store.games.loadCheckpoint<any>(game.code);
      expect(cp?.snapshot.model.phase).not.toBe('lobby');
      expect(cp?.snapshot.model.order).toHaveLength(2);
    });
    await store.close();
    await a.stop();
    const b = await startTarget({}, a.dataDir);
    try {
      await vi.waitFor(async () => expect((await (await fetch(`${b.url}/healthz`)).json()).rooms).toBe(1));
      const back = await b.client().joinById(game.code, { seat: seats.get('__proto__')! });
      const log = messages(back);
      await vi.waitFor(() => expect(log.last('welcome')?.name).toBe('__proto__'));
      await expect(b.client().joinById(game.code, { name: 'constructor' })).rejects.toThrow(/taken/);
      const host2 = await b.client().joinById(game.code, { hostToken: game.hostToken });
      host2.send('host:kick', { playerId: '__proto__', ban: true });
      host2.send('host:kick', { playerId: log.last('welcome').playerId, ban: false });
      await vi.waitFor(() => expect(log.last('kicked')).toBeDefined());
      await assertStillServes(b);
    } finally {
      await b.stop();
    }
  });
});
