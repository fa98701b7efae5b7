// The teacher's fault injection as pure rules: bounds and readable refusals, the same tick for
// every team, teacher entries in the log that replay byte-identically (and stay in every "what
// if" rerun), the debrief's timeline entry, and the simulation's entry point on its own.
import { describe, expect, it } from 'vitest';
import * as rules from '../../../shared/rules/game.ts';
import { FAULT_IDS, FAULT_LIMITS, FAULTS, checkFaultParams, faultInWords, injectFault, roundClock } from '../../../shared/rules/faults.ts';
import { isTeacherFault, replayTeam, submitAction, type TeacherFault } from '../../../shared/rules/scenario.ts';
import { actionImpacts, playerActionIndices, postMortem, sloOf } from '../../../shared/rules/debrief.ts';
import type { PlanSpec } from '../../../shared/rules/plans.ts';
import { clientMessages } from '../../../shared/protocol.ts';
import { createRun, getScenario, injectFault as simInject, runReport, stepRun } from '../../../shared/sim/index.ts';
import { en } from '../../../shared/i18n/en.ts';

const L = (en: string) => ({ en, es: en });
const plan: PlanSpec = { id: 'gd', title: L('gd'), rounds: [{ kind: 'scenario', title: L('s'), scenarioId: 'game-day' }] };

/** A game in its scenario round: 3 teams, 1 tick per round second (so a minute is 60 ticks), 400 ticks. */
function inScenario(teams = 3) {
  const g = rules.createGame({ code: 'ABCDEF', lang: 'en', plan, teamCount: teams, seed: 7, questions: [[]], roundIntroMs: 10, scenarioTickMs: 1000, scenarioTicksOverride: 400 });
  for (let i = 0; i < teams * 2; i++) expect(rules.addPlayer(g, `p${i}`, `Player ${i}`).ok).toBe(true);
  expect(rules.startGame(g, 0).ok).toBe(true);
  expect(rules.next(g, 0).ok).toBe(true);
  expect(g.phase).toBe('scenario');
  return g;
}
const round = (g: rules.GameModel) => rules.currentScenario(g)!;
const ticks = (g: rules.GameModel, n: number) => {
  for (let i = 0; i < n; i++) rules.tickScenario(g, 0);
};
const teacherEntries = (g: rules.GameModel, team: number) => round(g).teams[team]!.log.filter(isTeacherFault);

describe('injecting a fault: refusals with readable reasons', () => {
  it('refuses outside a scenario round, while paused, unknown faults, out-of-range settings and unknown teams', () => {
    const lobby = rules.createGame({ code: 'ABCDEF', lang: 'en', plan, teamCount: 2, seed: 7, questions: [[]] });
    expect(injectFault(lobby, { fault: 'cache-flush', target: 'all' })).toMatchObject({ ok: false, code: 'wrong_phase', reason: expect.stringMatching(/scenario round/) });

    const g = inScenario();
    expect(injectFault(g, { fault: 'launch-rockets', target: 'all' })).toMatchObject({ ok: false, code: 'unknown_fault', reason: 'There is no fault called "launch-rockets".' });
    expect(injectFault(g, { fault: 'constructor', target: 'all' })).toMatchObject({ ok: false, code: 'unknown_fault' });
    expect(injectFault(g, { fault: '__proto__', target: 'all' })).toMatchObject({ ok: false, code: 'unknown_fault' });
    expect(injectFault(g, { fault: 'kill-instance', target: 'all', params: { count: 99 } })).toMatchObject({ ok: false, code: 'out_of_range', reason: 'count must be a whole number between 1 and 5.' });
    expect(injectFault(g, { fault: 'kill-instance', target: 'all', params: { count: 1.5 } })).toMatchObject({ ok: false, code: 'out_of_range' });
    expect(injectFault(g, { fault: 'kill-instance', target: 'all', params: { zone: 'c' } })).toMatchObject({ ok: false, code: 'out_of_range', reason: 'zone must be one of a, b.' });
    expect(injectFault(g, { fault: 'traffic-spike', target: 'all', params: { factor: 50 } })).toMatchObject({ ok: false, code: 'out_of_range' });
    expect(injectFault(g, { fault: 'traffic-spike', target: 'all', params: { seconds: 5 } })).toMatchObject({ ok: false, code: 'out_of_range' });
    expect(injectFault(g, { fault: 'cache-flush', target: 'all', params: { zone: 'a' } })).toMatchObject({ ok: false, code: 'bad_message', reason: expect.stringMatching(/no parameter "zone"/) });
    expect(injectFault(g, { fault: 'cache-flush', target: 3 })).toMatchObject({ ok: false, code: 'no_such_team', reason: 'This game has teams 1 to 3.' });
    rules.pause(g, 0);
    expect(injectFault(g, { fault: 'cache-flush', target: 'all' })).toMatchObject({ ok: false, code: 'paused' });
    rules.resume(g, 0);
    // nothing refused changed the round
    expect(round(g).injections).toBeUndefined();
    ticks(g, 1);
    for (const t of round(g).teams) expect(t.run.incidents).toEqual([]);
  });

  it('every fault of the catalog has presets inside its own ranges, and a name in the catalogs', () => {
    for (const id of FAULT_IDS) {
      expect(checkFaultParams(id)).toMatchObject({ ok: true });
      expect(en.faults.names[id]).toBeTruthy();
      for (const name of Object.keys(FAULTS[id].params)) expect(Object.keys(en.faults.params)).toContain(name);
    }
  });
});

describe('injecting a fault: when and to whom', () => {
  it('with all teams, every team gets the fault at the same next tick, logged as a teacher entry and shown in its feed', () => {
    const g = inScenario();
    ticks(g, 37);
    const r = injectFault(g, { fault: 'lose-zone', target: 'all', params: { zone: 'b', seconds: 30 } });
    expect(r).toMatchObject({ ok: true, value: { fault: 'lose-zone', target: 'all', tick: 37, roundMs: 37_000, params: { zone: 'b', seconds: 30 } } });
    // queued, not applied yet
    for (const t of round(g).teams) expect(t.run.zoneDown).toEqual([false, false]);
    ticks(g, 1);
    for (const t of round(g).teams) {
      expect(t.run.zoneDown).toEqual([false, true]);
      expect(t.run.incidents).toEqual([expect.objectContaining({ cause: 'zone-outage', component: 'zoneB', startedAt: 37, endsAt: 67 })]);
      expect(teacherEntries(g, t.team)).toEqual([expect.objectContaining({ tick: 37, teacher: true, fault: 'lose-zone', target: 'all', event: { type: 'zone-outage', zone: 'b', duration: 30 } })]);
      expect(t.feed).toContainEqual({ tick: 37, kind: 'injected', detail: 'lose-zone' });
    }
    // and it ends after its duration, for everyone at once
    ticks(g, 30);
    for (const t of round(g).teams) expect(t.run.zoneDown).toEqual([false, false]);
  });

  it('with one team, only that team gets it', () => {
    const g = inScenario();
    ticks(g, 5);
    expect(injectFault(g, { fault: 'cache-flush', target: 1 }).ok).toBe(true);
    ticks(g, 1);
    expect(round(g).teams.map((t) => t.run.incidents.length)).toEqual([0, 1, 0]);
    expect(round(g).teams.map((t) => teacherEntries(g, t.team).length)).toEqual([0, 1, 0]);
  });

  it(`takes at most ${FAULT_LIMITS.perMinute} faults per minute of round time, then says when the next can go`, () => {
    const g = inScenario();
    const faults = ['cache-flush', 'kill-instance', 'traffic-spike'] as const;
    for (const fault of faults) {
      expect(injectFault(g, { fault, target: 'all' }).ok).toBe(true);
      ticks(g, 10);
    }
    // the first went in at tick 0: the window of 60 round seconds frees a slot at tick 60
    expect(injectFault(g, { fault: 'bot-flood', target: 2 })).toMatchObject({ ok: false, code: 'too_many_faults', reason: `At most ${FAULT_LIMITS.perMinute} faults per minute of the round: the next one can go in 30 s.` });
    ticks(g, 29);
    expect(injectFault(g, { fault: 'bot-flood', target: 2 })).toMatchObject({ ok: false, code: 'too_many_faults' });
    ticks(g, 1);
    expect(injectFault(g, { fault: 'bot-flood', target: 2 }).ok).toBe(true);
  });

  it('refuses a second fault of a kind still running on a targeted team (the payments API has one fault at a time)', () => {
    const g = inScenario();
    expect(injectFault(g, { fault: 'slow-payments', target: 0, params: { seconds: 10 } }).ok).toBe(true);
    expect(injectFault(g, { fault: 'failing-payments', target: 'all' })).toMatchObject({ ok: false, code: 'fault_running', reason: expect.stringMatching(/^Team 1 still has a dependency fault running/) });
    ticks(g, 1);
    expect(injectFault(g, { fault: 'failing-payments', target: 0 })).toMatchObject({ ok: false, code: 'fault_running' });
    expect(injectFault(g, { fault: 'failing-payments', target: 1 }).ok).toBe(true);
    ticks(g, 10);
    expect(injectFault(g, { fault: 'failing-payments', target: 0 }).ok).toBe(true);
  });

  it('a primary failed "until fixed" stays down until the team fails over, then may fail again', () => {
    const g = inScenario(2);
    expect(injectFault(g, { fault: 'db-primary-failure', target: 'all' }).ok).toBe(true);
    ticks(g, 1);
    for (const t of round(g).teams) expect(t.run.primaryUp).toBe(false);
    const data = Object.keys(round(g).roles).find((id) => round(g).roles[id]!.includes('data') && g.players[id]!.team === 0)!;
    expect(submitAction(round(g), data, 0, { type: 'failover' }).ok).toBe(true);
    ticks(g, 80);
    expect(round(g).teams[0]!.run.primaryUp).toBe(true);
    expect(round(g).teams[1]!.run.primaryUp).toBe(false);
    expect(injectFault(g, { fault: 'db-primary-failure', target: 1 })).toMatchObject({ ok: false, code: 'fault_running' });
    expect(injectFault(g, { fault: 'db-primary-failure', target: 0 }).ok).toBe(true);
  });
});

describe('replays and the debrief', () => {
  /** A round with a player's action and three teacher faults (two for everyone, one for team 0), played to its end. */
  function played() {
    const g = inScenario(2);
    ticks(g, 20);
    expect(injectFault(g, { fault: 'traffic-spike', target: 'all', params: { factor: 4, seconds: 40 } }).ok).toBe(true);
    ticks(g, 25);
    const compute = Object.keys(round(g).roles).find((id) => round(g).roles[id]!.includes('compute') && g.players[id]!.team === 0)!;
    expect(submitAction(round(g), compute, 0, { type: 'scale', zone: 'a', count: 10 }).ok).toBe(true);
    expect(injectFault(g, { fault: 'kill-instance', target: 0, params: { zone: 'a', count: 3 } }).ok).toBe(true);
    ticks(g, 60);
    expect(injectFault(g, { fault: 'partition', target: 'all', params: { seconds: 30 } }).ok).toBe(true);
    ticks(g, 400);
    expect(g.phase).toBe('scenario-report');
    return round(g);
  }

  it('the log with its teacher entries replays to the identical report; without them it would not', () => {
    const s = played();
    const card = getScenario(s.cardId)!;
    for (const res of s.results!) {
      const replayed = replayTeam(card, s.seed, res.credits, s.durationTicks, res.log, s.endedAtTick!);
      expect(JSON.stringify(replayed)).toBe(JSON.stringify(res.report));
      const withoutTeacher = replayTeam(card, s.seed, res.credits, s.durationTicks, res.log.filter((e) => !isTeacherFault(e)), s.endedAtTick!);
      expect(withoutTeacher.score).toBeGreaterThan(res.report.score);
      expect(withoutTeacher.incidents).toEqual([]);
    }
    // both teams faced the shared faults at the same ticks
    const shared = (team: number) => s.results![team]!.log.filter(isTeacherFault).filter((f) => f.target === 'all').map((f) => [f.tick, f.event.type]);
    expect(shared(0)).toEqual([[20, 'traffic-spike'], [105, 'partition']]);
    expect(shared(1)).toEqual(shared(0));
  });

  it('"what if" reruns keep the teacher\'s faults and analyse only the players\' actions', () => {
    const s = played();
    const team = s.results![0]!;
    expect(playerActionIndices(team.log)).toHaveLength(1);
    const input = { card: getScenario(s.cardId)!, seed: s.seed, credits: team.credits, durationTicks: s.durationTicks, endTick: s.endedAtTick!, log: team.log };
    const { base, impacts, notAnalysed } = actionImpacts(input);
    expect(base).toBe(team.report.score);
    expect(notAnalysed).toBe(0);
    expect(impacts).toHaveLength(1);
    expect(impacts[0]!.entry).toMatchObject({ action: { type: 'scale' } });
    // the rerun without the scale-up keeps every teacher fault: it is the replay of the log minus that one action…
    const withoutAction = team.log.filter((e) => isTeacherFault(e));
    const rerun = replayTeam(input.card, input.seed, input.credits, input.durationTicks, withoutAction, input.endTick).score;
    expect(impacts[0]!.scoreWithout).toBe(rerun);
    // …not a round without the faults (which would have scored far higher)
    expect(replayTeam(input.card, input.seed, input.credits, input.durationTicks, [], input.endTick).score).toBeGreaterThan(rerun);
    expect(impacts[0]!.delta).toBe(base - rerun);
    // Ten instances kept in zone A for the ~350 s after a 40 s spike cost more than they give back
    // (a spike absorbed, then the bill): the debrief says so rather than praising any scale-up.
    expect(impacts[0]!.verdict).toBe('hurt');
  });

  it('the post-mortem shows each injected fault before the incident it started, with its round time', () => {
    const s = played();
    const team = s.results![0]!;
    const entries = postMortem(team, sloOf(getScenario(s.cardId)), s.durationTicks);
    const injected = entries.filter((e) => e.kind === 'injected');
    expect(injected.map((e) => [e.tick, e.detail])).toEqual([[20, 'traffic-spike'], [45, 'kill-instance'], [105, 'partition']]);
    for (const e of injected) {
      const i = entries.indexOf(e);
      expect(entries[i + 1]).toMatchObject({ kind: 'incident', tick: e.tick, incident: e.incident });
      expect(e.incident).not.toBeNull();
    }
    const words = (key: string, vars: Record<string, string | number> = {}) => {
      const raw = key.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], en) as string;
      return raw.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(vars[k]));
    };
    expect(faultInWords(injected[0]!.fault as TeacherFault, words)).toBe('Traffic spike (×4, 40 s)');
    expect(faultInWords(injected[1]!.fault as TeacherFault, words)).toBe('Kill an instance (zone A, instances: 3)');
    expect(roundClock(injected[2]!.fault!.roundMs)).toBe('1:45');
  });
});

describe('the simulation entry point (injectFault in shared/sim)', () => {
  it('starts the fault at the next step like a card entry, and a checkpoint taken after it continues identically', () => {
    const card = getScenario('game-day')!;
    const a = createRun(card, 3, { durationTicks: 300 });
    for (let t = 0; t < 50; t++) stepRun(a);
    const expected = a.expectedFresh;
    simInject(a, { type: 'traffic-spike', factor: 2, rampSec: 10, duration: 30 });
    simInject(a, { type: 'bot-flood', rps: 1000, duration: 20 });
    // the spike's users join the expected requests the error budget is measured against
    expect(a.expectedFresh).toBeGreaterThan(expected);
    const checkpoint = JSON.parse(JSON.stringify(a));
    const events = stepRun(a).events;
    expect(events.filter((e) => e.type === 'incident-started').map((e) => e.type === 'incident-started' && [e.tick, e.cause])).toEqual([[50, 'traffic-spike'], [50, 'bot-flood']]);
    for (let t = 0; t < 100; t++) stepRun(a);
    for (let t = 0; t < 101; t++) stepRun(checkpoint);
    expect(JSON.stringify(runReport(checkpoint))).toBe(JSON.stringify(runReport(a)));
    // the bot flood ended after its 20 s and took only its own bots away
    expect(a.botRps).toBe(0);
  });

  it('a finished run ignores an injection', () => {
    const run = createRun(getScenario('game-day')!, 1, { durationTicks: 5 });
    for (let t = 0; t < 5; t++) stepRun(run);
    simInject(run, { type: 'cache-flush' });
    expect(run.injected).toBeUndefined();
  });
});

describe('the host:inject message', () => {
  const schema = clientMessages['host:inject'];
  it('takes a fault name, a target and known parameter names only', () => {
    expect(schema.parse({ fault: 'cache-flush' })).toEqual({ fault: 'cache-flush', target: 'all', params: {} });
    expect(schema.parse({ fault: 'kill-instance', target: 3, params: { zone: 'a', count: 2 } })).toMatchObject({ target: 3 });
    for (const bad of [
      { fault: 'Cache Flush' },
      { fault: '__proto__' },
      { fault: 'x'.repeat(40) },
      { fault: 'cache-flush', target: 'everyone' },
      { fault: 'cache-flush', target: 8 },
      { fault: 'cache-flush', target: -1 },
      { fault: 'cache-flush', params: JSON.parse('{"__proto__": 1}') },
      { fault: 'cache-flush', params: { constructor: 1 } },
      { fault: 'cache-flush', params: { count: Number.NaN } },
      { fault: 'cache-flush', params: { zone: 'x'.repeat(17) } },
      { fault: 'cache-flush', extra: true },
    ]) {
      expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
