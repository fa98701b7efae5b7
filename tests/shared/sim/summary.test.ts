// What the screens read each second: recent availability beside the total, error-budget lives,
// and the incident as the team's monitoring shows it.
import { describe, expect, it } from 'vitest';
import { LIVES_MAX, createRun, getScenario, livesFor, parseIncidentParams, stepRun, summarize, type SimAction, type SimRun } from '../../../shared/sim/index.ts';
import { steadyCard } from './fixtures.ts';

function playTo(run: SimRun, tick: number, actions: Record<number, SimAction[]> = {}): void {
  while (run.tick < tick) stepRun(run, actions[run.tick] ?? []);
}

describe('lives', () => {
  it('count down with the share of the error budget spent, past the budget into the overdraft', () => {
    expect(livesFor(0)).toBe(LIVES_MAX);
    expect(livesFor(0.3)).toBe(LIVES_MAX - 1);
    expect(livesFor(0.99)).toBe(LIVES_MAX - 2);
    expect(livesFor(1)).toBe(LIVES_MAX - 3);
    expect(livesFor(2.4)).toBe(LIVES_MAX - 3);
    expect(livesFor(64)).toBe(0);
  });

  it('separate a team that overspent its budget a little from one whose service is gone', () => {
    const card = steadyCard({ durationTicks: 600, timeline: [{ at: 100, event: { type: 'config-error', hop: 'lb' } }] });
    const briefly = createRun(card, 1);
    playTo(briefly, 600, { 110: [{ type: 'rollback' }] });
    const never = createRun(card, 1);
    playTo(never, 600);
    const a = summarize(briefly), b = summarize(never);
    expect(a.budgetRemaining).toBe(0);
    expect(b.budgetRemaining).toBe(0);
    expect(a.lives).toBeGreaterThan(b.lives);
    expect(b.lives).toBe(0);
  });
});

describe('recent availability', () => {
  it('turns green again after the team fixed the fault while the round total stays marked', () => {
    const run = createRun(steadyCard({ durationTicks: 600, timeline: [{ at: 100, event: { type: 'config-error', hop: 'lb' } }] }), 1);
    playTo(run, 130, { 110: [{ type: 'rollback' }] });
    expect(summarize(run).availabilityRecent).toBeLessThan(0.9);
    playTo(run, 300);
    const s = summarize(run);
    expect(s.availabilityRecent).toBeGreaterThan(0.999);
    expect(s.availability).toBeLessThan(0.99);
  });
});

describe('incident as monitoring shows it', () => {
  it('nothing while all is well; the symptom first, the root cause after a diagnostic', () => {
    const run = createRun(steadyCard({ durationTicks: 600, timeline: [{ at: 100, event: { type: 'config-error', hop: 'lb' } }] }), 1);
    playTo(run, 90);
    expect(summarize(run).incident).toBeNull();
    playTo(run, 105);
    expect(summarize(run).incident).toMatchObject({ key: 'ops.incident.errors' });
    expect(summarize(run).incident!.params.pct).toBeGreaterThan(50);
    playTo(run, 130, { 110: [{ type: 'diagnose' }] });
    expect(summarize(run).incident).toEqual({ key: 'ops.incident.configErrorLb', params: {} });
  });

  it('instances health checks removed, by zone and count', () => {
    const run = createRun(steadyCard({ durationTicks: 600, timeline: [{ at: 100, event: { type: 'instance-crash', zone: 'b', count: 2 } }] }), 1);
    playTo(run, 120);
    expect(summarize(run).incident).toEqual({ key: 'ops.incident.instancesLost', params: { zone: 'B', count: 2 } });
  });

  it('an announced maintenance before it starts', () => {
    const card = getScenario('node-upgrade')!;
    const e = card.timeline.find((x) => x.announce)!;
    const run = createRun(card, 1);
    playTo(run, e.at - e.announce! + 1);
    expect(summarize(run).incident).toMatchObject({ key: 'ops.incident.planned', params: { zone: 'A' } });
  });

  it('its parameters read back from the synced JSON, junk ignored', () => {
    expect(parseIncidentParams('{"zone":"A","count":2}')).toEqual({ zone: 'A', count: 2 });
    expect(parseIncidentParams('')).toEqual({});
    expect(parseIncidentParams('not json')).toEqual({});
    expect(parseIncidentParams('[1,2]')).toEqual({});
    expect(parseIncidentParams('{"__proto__":{"x":1},"a":{"b":1},"n":3}')).toEqual({ n: 3 });
  });
});
