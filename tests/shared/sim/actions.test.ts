import { describe, expect, it } from 'vitest';
import { ACTIONS, ACTION_TYPES, ROLES, SCENARIOS, createRun, runReport, stepRun, summarize, validateAction } from '../../../shared/sim/index.ts';
import { steadyCard } from './fixtures.ts';

describe('the action catalog', () => {
  it('gives every action a role, a cost and a delay', () => {
    expect(ACTION_TYPES.length).toBe(15);
    for (const t of ACTION_TYPES) {
      expect(ROLES).toContain(ACTIONS[t].role);
      expect(ACTIONS[t].cost).toBeGreaterThanOrEqual(0);
      expect(ACTIONS[t].delaySec).toBeGreaterThanOrEqual(0);
    }
    for (const r of ROLES) expect(ACTION_TYPES.some((t) => ACTIONS[t].role === r)).toBe(true);
  });
});

describe('validateAction', () => {
  const run = () => createRun(steadyCard(), 1, { credits: 10 });
  it.each([
    [{ type: 'reboot-universe' }, 'unknown_action'],
    [null, 'bad_params'],
    ['scale', 'bad_params'],
    [{ type: 'scale', zone: 'a' }, 'bad_params'],
    [{ type: 'scale', zone: 'c', count: 2 }, 'bad_params'],
    [{ type: 'scale', zone: 'a', count: 2.5 }, 'bad_params'],
    [{ type: 'scale', zone: 'a', count: 11 }, 'out_of_range'],
    [{ type: 'scale', zone: 'a', count: -1 }, 'out_of_range'],
    [{ type: 'rate-limit', rps: 10 }, 'out_of_range'],
    [{ type: 'autoscale', on: true, target: 0.95 }, 'out_of_range'],
    [{ type: 'cdn', on: true, extra: 1 }, 'bad_params'],
    [{ type: 'scale', zone: 'a', count: 10 }, 'not_enough_credits'],
    [{ type: 'cdn', on: true }, 'not_applicable'],
    [{ type: 'rollback' }, 'not_applicable'],
    [{ type: 'ack' }, 'not_applicable'],
    [{ type: 'scale', zone: 'a', count: 3 }, 'not_applicable'],
  ])('%j → %s', (action, code) => {
    const r = validateAction(run(), action);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.reason.length).toBeGreaterThan(5);
    }
  });

  it('accepts a valid action and charges its cost', () => {
    const r = run();
    expect(validateAction(r, { type: 'scale', zone: 'a', count: 5 })).toEqual({ ok: true });
    const { events } = stepRun(r, [{ type: 'scale', zone: 'a', count: 5 }]);
    expect(events.find((e) => e.type === 'action-applied')).toMatchObject({ action: 'scale', cost: 4 });
    expect(r.credits).toBe(6);
  });

  it('refuses garbage inside stepRun without throwing, and reports it', () => {
    const r = run();
    const { events } = stepRun(r, [{ type: 'nope' } as never, { type: 'scale', zone: 'a', count: 99 } as never, undefined as never]);
    expect(events.filter((e) => e.type === 'action-refused').length).toBe(3);
    expect(runReport(r).actions.refused).toBe(3);
  });
});

describe('incidents, alerts and detection', () => {
  it('an alert fires on burn rate; acknowledging it detects the incident; the report has TTD and TTR', () => {
    const card = SCENARIOS.find((c) => c.id === 'config-push')!;
    const run = createRun(card, 1);
    const fault = card.timeline[0]!.at;
    let fired = -1;
    while (run.tick < fault + 60) {
      const { events } = stepRun(run, run.tick === fault + 50 ? [{ type: 'ack' }] : run.tick === fault + 51 ? [{ type: 'rollback' }] : []);
      for (const e of events) if (e.type === 'alert-fired' && fired < 0) fired = e.tick;
    }
    expect(fired).toBeGreaterThan(fault);
    expect(fired).toBeLessThan(fault + 40);
    while (run.tick < run.durationTicks) stepRun(run);
    const inc = runReport(run).incidents[0]!;
    expect(inc.timeToDetect).toBe(50);
    expect(inc.timeToRecover).toBeGreaterThan(60);
    expect(inc.timeToRecover).toBeLessThan(120);
  });

  it('the summary is small plain data', () => {
    const run = createRun(SCENARIOS[0]!, 1);
    for (let i = 0; i < 100; i++) stepRun(run);
    const s = summarize(run);
    expect(s.components.zoneA.health).toBe('ok');
    expect(JSON.stringify(s).length).toBeLessThan(1200);
  });
});
