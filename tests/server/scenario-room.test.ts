// A scenario round in a live room with scripted SDK clients in each role.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { matchMaker } from '@colyseus/core';
import type { Room } from '@colyseus/sdk';
import { recorder, startTestServer, type TestServer } from '../helpers/server.ts';
import { replayTeam } from '../../shared/rules/scenario.ts';
import { getScenario } from '../../shared/sim/index.ts';
import type { GameModel } from '../../shared/rules/game.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ SCENARIO_TICK_MS: '10', SCENARIO_TICKS: '1000', ROUND_INTRO_MS: '50', QUESTION_SECONDS: '30' }); // 10 s: room for the round trips below on a busy machine
});
afterAll(async () => {
  await t.close();
});

const st = (room: Room) => room.state as any;

async function toScenario() {
  const game = await t.createGame({ lang: 'en', teams: 2, plan: 'ops-drill' });
  const host = await t.client().joinById(game.code, { hostToken: game.hostToken });
  const names = ['A0', 'B0', 'A1', 'B1', 'A2', 'B2', 'A3'];
  const phones: { room: Room; log: ReturnType<typeof recorder>; team: number; id: string }[] = [];
  for (const name of names) {
    const room = await t.client().joinById(game.code, { name });
    const log = recorder(room);
    await vi.waitFor(() => expect(log.last('welcome')).toBeDefined());
    phones.push({ room, log, team: log.last('welcome').team, id: log.last('welcome').playerId });
  }
  host.send('host:start', {});
  await vi.waitFor(() => expect(st(host).phase).toBe('question'));
  for (let i = 0; i < 4 && st(host).phase === 'question'; i++) {
    const seq = st(host).question.seq;
    host.send('host:skip', {});
    await vi.waitFor(() => expect(st(host).question.seq !== seq || st(host).phase === 'leaderboard').toBe(true));
  }
  await vi.waitFor(() => expect(st(host).phase).toBe('leaderboard'));
  host.send('host:next', {});
  await vi.waitFor(() => expect(st(host).phase).toBe('scenario'));
  const room = matchMaker.getLocalRoomById(game.code) as unknown as { game: GameModel };
  return { game, host, phones, model: () => room.game };
}

describe('a scenario round in the live room', () => {
  it('plays with roles: applies allowed actions, refuses wrong roles, bad parameters and missing credits; keeps teams apart; replays exactly', async () => {
    const { host, phones, model } = await toScenario();
    await vi.waitFor(() => expect(st(phones[0]!.room).scenario.details.length).toBeGreaterThan(0));
    // every phone sees only its own team's details; the projector gets every team's summary only
    for (const p of phones) {
      const details = [...st(p.room).scenario.details];
      expect(details.length).toBe(1);
      expect(details.every((d: any) => d.team === p.team)).toBe(true);
    }
    expect(st(host).scenario.details?.length ?? 0).toBe(0);
    expect(st(host).scenario.ops.length).toBe(2);
    expect(st(host).scenario.title).toBe('Premiere night');
    // the live pace the screens turn ticks into seconds with, and the error-budget lives
    expect(st(host).scenario.ticksPerSecond).toBe(100);
    await vi.waitFor(() => expect(st(host).scenario.ops[0].lives).toBe(5));

    const team0 = phones.filter((p) => p.team === 0);
    expect(team0).toHaveLength(4);
    const members = () => [...st(team0[0]!.room).scenario.details[0].members] as any[];
    await vi.waitFor(() => expect(members()).toHaveLength(4));
    const roleOf = (p: (typeof phones)[number]) => members().find((m) => m.playerId === p.id)!.roles as string;
    const byRole = (role: string) => team0.find((p) => roleOf(p) === role)!;
    const edge = byRole('edge');
    const compute = byRole('compute');
    const data = byRole('data');

    // compute scales zone A: accepted, applied at the next tick, visible in the team's details
    compute.room.send('scenario:action', { action: { type: 'scale', zone: 'a', count: 5 } });
    await vi.waitFor(() => expect(compute.log.last('action-ack')).toMatchObject({ type: 'scale' }));
    await vi.waitFor(() => expect(st(compute.room).scenario.details[0].desiredA).toBe(5));
    // edge may not scale
    edge.room.send('scenario:action', { action: { type: 'scale', zone: 'a', count: 1 } });
    await vi.waitFor(() => expect(edge.log.last('refused')).toMatchObject({ code: 'not_your_role' }));
    // out of range, unknown action, malformed
    compute.room.send('scenario:action', { action: { type: 'scale', zone: 'a', count: 999 } });
    compute.room.send('scenario:action', { action: { type: 'launch-rockets' } });
    compute.room.send('scenario:action', { nope: true });
    await vi.waitFor(() => expect(compute.log.of('refused').length).toBeGreaterThanOrEqual(3));
    expect(compute.log.of('refused').map((r: any) => r.code)).toEqual(expect.arrayContaining(['bad_action', 'bad_message']));
    // the teacher cannot act in a scenario
    host.send('scenario:action', { action: { type: 'diagnose' } });
    // data spends credits until they run out
    for (let i = 0; i < 30; i++) data.room.send('scenario:action', { action: { type: 'add-replica' } });
    await vi.waitFor(() => expect(data.log.of('refused').some((r: any) => r.code === 'not_enough_credits')).toBe(true));
    expect(data.log.of('refused').find((r: any) => r.code === 'not_enough_credits').reason).toMatch(/credits/);
    // team 1's service is untouched by team 0's actions
    const team1 = phones.find((p) => p.team === 1)!;
    expect(st(team1.room).scenario.details[0].team).toBe(1);
    expect(st(team1.room).scenario.details[0].desiredA).not.toBe(5);

    await vi.waitFor(() => expect(st(host).phase).toBe('scenario-report'), { timeout: 40_000 });
    const reports = [...st(host).scenario.reports] as any[];
    expect(reports).toHaveLength(2);
    for (const r of reports) expect(r.availability).toBeGreaterThan(0);

    // the action log replays to the same report
    const round = model().scenarios.at(-1)!;
    const card = getScenario(round.cardId)!;
    for (const res of round.results!) {
      expect(res.log.length).toBeGreaterThanOrEqual(res.team === 0 ? 2 : 0);
      const replayed = replayTeam(card, round.seed, res.credits, round.durationTicks, res.log, round.endedAtTick!);
      expect(JSON.stringify(replayed)).toBe(JSON.stringify(res.report));
    }
    expect(round.results!.find((r) => r.team === 0)!.log[0]).toMatchObject({ playerId: compute.id, action: { type: 'scale', zone: 'a', count: 5 } });

    // points went into the game total
    const totalPoints = round.results!.reduce((s, r) => s + r.points, 0);
    expect(totalPoints).toBeGreaterThan(0);
    host.send('host:next', {});
    await vi.waitFor(() => expect(st(host).phase).toBe('podium'));
  });
});
