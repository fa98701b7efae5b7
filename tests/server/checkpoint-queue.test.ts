// Checkpoints of every room share one write queue: one write per event-loop turn (so sockets are
// served between SQLite writes), and a request made while a write is still queued joins it.
import { expect, it } from 'vitest';
import { Checkpointer, type GameSnapshot } from '../../server/rooms/persistence.ts';
import { createLogger } from '../../server/log.ts';
import type { Store } from '../../server/store/index.ts';
import * as rules from '../../shared/rules/game.ts';
import { getPlan } from '../../shared/rules/plans.ts';

it('writes one room per event-loop turn, joins repeated requests, and saves the newest state', async () => {
  const events: string[] = [];
  let turn = 0;
  const countTurns = () => {
    turn++;
    if (turn < 1000) setImmediate(countTurns);
  };
  setImmediate(countTurns);
  const store = {
    games: {
      saveCheckpoint: async (code: string, _hash: string, snap: { json: string }) => {
        events.push(`${code}@${turn}:${JSON.parse(snap.json).model.order.length}`);
      },
      saveResult: async (code: string) => {
        events.push(`${code}:results`);
      },
    },
  } as unknown as Store;
  const games = ['AAAAAA', 'BBBBBB', 'CCCCCC'].map((code) => rules.createGame({ code, lang: 'en', plan: getPlan('intro')!, teamCount: 2, seed: 1, questions: [] }));
  const cps = games.map((g) => new Checkpointer(store, g.code, 'hash', createLogger('silent'), (): GameSnapshot => ({ v: 1, model: g, seats: [] })));

  const first = cps[0]!.now(false);
  cps[1]!.now(true);
  const last = cps[2]!.now(false);
  // asked again while queued: joins the queued write, which now also writes the results
  expect(cps[0]!.now(true)).toBe(first);
  rules.addPlayer(games[0]!, 'p1', 'Ana'); // after the request, before the write: saved too
  await last;

  const writes = events.filter((e) => e.includes('@'));
  expect(writes.map((e) => e.split('@')[0])).toEqual(['AAAAAA', 'BBBBBB', 'CCCCCC']);
  const turns = writes.map((e) => Number(e.split('@')[1]!.split(':')[0]));
  expect(new Set(turns).size).toBe(3);
  expect(writes[0]!.endsWith(':1')).toBe(true);
  expect(events.filter((e) => e.endsWith(':results'))).toEqual(['AAAAAA:results', 'BBBBBB:results']);
});
