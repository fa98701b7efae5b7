// The teacher injects faults into a live game-day round through the real SDK: only the host may,
// refusals come back with readable reasons, every targeted team gets the fault at the same tick,
// the action log (teacher entries included) replays to the identical report, and the scenario
// CSV lists the faults.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { matchMaker } from '@colyseus/core';
import { parse } from 'csv-parse/sync';
import type { Room } from '@colyseus/sdk';
import { recorder, startTestServer, type TestServer } from '../helpers/server.ts';
import { isTeacherFault, replayTeam } from '../../shared/rules/scenario.ts';
import { getScenario } from '../../shared/sim/index.ts';
import type { GameModel } from '../../shared/rules/game.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ SCENARIO_TICK_MS: '20', SCENARIO_TICKS: '400', ROUND_INTRO_MS: '50', QUESTION_SECONDS: '30' });
});
afterAll(async () => {
  await t.close();
});

const st = (room: Room) => room.state as any;

async function gameDay() {
  const game = await t.createGame({ lang: 'en', teams: 2, plan: 'game-day' });
  const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
  const hostLog = recorder(host);
  const phones: { room: Room; log: ReturnType<typeof recorder> }[] = [];
  for (const name of ['Ana', 'Ben', 'Cai', 'Dee']) {
    const room = await t.client().joinById(game.code, { name });
    const log = recorder(room);
    await vi.waitFor(() => expect(log.last('welcome')).toBeDefined());
    phones.push({ room, log });
  }
  const model = () => (matchMaker.getLocalRoomById(game.code) as unknown as { game: GameModel }).game;
  return { game, host, hostLog, phones, model };
}

async function toScenario(host: Room) {
  host.send('host:start', {});
  await vi.waitFor(() => expect(st(host).phase).toBe('question'));
  while (st(host).phase !== 'leaderboard') {
    const seq = st(host).question.seq;
    host.send('host:skip', {});
    await vi.waitFor(() => expect(st(host).question.seq !== seq || st(host).phase === 'leaderboard').toBe(true));
  }
  host.send('host:next', {});
  await vi.waitFor(() => expect(st(host).phase).toBe('scenario'));
}

describe('the Faults console in a live room', () => {
  it('only the host injects; a fault for all teams hits every team at the same tick; the log replays to the identical report; the CSV lists it', async () => {
    const { game, host, hostLog, phones, model } = await gameDay();
    // before the round: the wrong phase, said in words
    host.send('host:inject', { fault: 'cache-flush', target: 'all' });
    await vi.waitFor(() => expect(hostLog.last('refused')).toMatchObject({ type: 'host:inject', code: 'wrong_phase', reason: expect.stringMatching(/scenario round/) }));

    await toScenario(host);
    expect(st(host).scenario.cardId).toBe('game-day');
    const student = phones[0]!;
    // a student's injection is refused and changes nothing
    student.room.send('host:inject', { fault: 'lose-zone', target: 'all' });
    await vi.waitFor(() => expect(student.log.last('refused')).toMatchObject({ type: 'host:inject', code: 'not_host' }));

    // bad requests from the host: readable refusals
    host.send('host:inject', { fault: 'launch-rockets', target: 'all' });
    host.send('host:inject', { fault: 'kill-instance', target: 'all', params: { count: 50 } });
    host.send('host:inject', { fault: 'cache-flush', target: 5 });
    host.send('host:inject', { fault: 'cache-flush', target: { team: 1 } });
    const refusals = () => hostLog.of('refused').filter((r: any) => r.type === 'host:inject');
    await vi.waitFor(() => expect(refusals().length).toBe(5));
    expect(refusals().slice(1).map((r: any) => r.code)).toEqual(['unknown_fault', 'out_of_range', 'no_such_team', 'bad_message']);
    expect(refusals().every((r: any) => typeof r.reason === 'string' && r.reason.length > 10)).toBe(true);
    expect(model().scenarios.at(-1)!.injections ?? []).toEqual([]);

    // the host loses zone A for everyone, then flushes team 2's cache
    host.send('host:inject', { fault: 'lose-zone', target: 'all', params: { zone: 'a', seconds: 60 } });
    await vi.waitFor(() => expect(hostLog.last('host:injected')).toMatchObject({ fault: 'lose-zone', target: 'all', params: { zone: 'a', seconds: 60 } }));
    const { tick } = hostLog.last('host:injected');
    host.send('host:inject', { fault: 'cache-flush', target: 1 });
    await vi.waitFor(() => expect(hostLog.of('host:injected')).toHaveLength(2));
    // the projector's ops center gets it in each team's feed, and the phones see their zone lost
    await vi.waitFor(() => {
      for (const team of [0, 1]) expect([...st(host).scenario.ops[team].feed].some((f: any) => f.kind === 'injected' && f.detail === 'lose-zone' && f.tick === tick)).toBe(true);
    });
    await vi.waitFor(() => expect(phones.map((p) => st(p.room).scenario.ops[0].incident)).toContain('ops.incident.zoneLost'));

    await vi.waitFor(() => expect(st(host).phase).toBe('scenario-report'), { timeout: 30_000 });
    const round = model().scenarios.at(-1)!;
    const card = getScenario(round.cardId)!;
    for (const res of round.results!) {
      const faults = res.log.filter(isTeacherFault);
      expect(faults.map((f) => f.fault)).toEqual(res.team === 1 ? ['lose-zone', 'cache-flush'] : ['lose-zone']);
      expect(faults[0]!.tick).toBe(tick);
      expect(res.report.incidents[0]).toMatchObject({ cause: 'zone-outage', startedAt: tick });
      // the log, teacher entries included, replays byte for byte
      const replayed = replayTeam(card, round.seed, res.credits, round.durationTicks, res.log, round.endedAtTick!);
      expect(JSON.stringify(replayed)).toBe(JSON.stringify(res.report));
    }

    // the scenario CSV lists what the teacher injected, per team
    await vi.waitFor(async () => {
      const res = await fetch(`${t.url}/api/games/${game.code}/scenarios.csv`, { headers: { authorization: `Bearer ${game.hostToken}` } });
      expect(res.status).toBe(200);
      const rows = parse(await res.text(), { bom: true }) as string[][];
      const col = rows[0]!.indexOf('faults injected by the teacher');
      expect(col).toBeGreaterThan(0);
      expect(rows[1]![col]).toMatch(/^\d+:\d\d Lose a zone \(zone A, 60 s\) → All teams$/);
      expect(rows[2]![col]).toMatch(/Lose a zone .*; \d+:\d\d Cache flush → Team Sockets$/);
    });
  });
});
