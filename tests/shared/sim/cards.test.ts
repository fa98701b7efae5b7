import { describe, expect, it } from 'vitest';
import { isTopic } from '../../../shared/content/topics.ts';
import { LIVE_TICKS_PER_SECOND, SCENARIOS, checkActionShape, createRun, getScenario, replay, stepRun, type ActionLogEntry } from '../../../shared/sim/index.ts';

const cases = SCENARIOS.map((c) => [c.id, c] as const);

describe('scenario cards', () => {
  it('there are at least 12, with unique ids', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(SCENARIOS.map((c) => c.id)).size).toBe(SCENARIOS.length);
    expect(getScenario('bad-deploy')?.id).toBe('bad-deploy');
    expect(getScenario('nope')).toBeUndefined();
  });

  it.each(cases)('%s: topic, texts in es and en, a timeline and a classroom-sized round (3–6 real minutes at the live pace)', (_id, c) => {
    expect(isTopic(c.topic)).toBe(true);
    expect(c.topic).not.toBe('intro');
    for (const text of [c.title, c.description, c.concept]) {
      expect(text.es?.trim()).toBeTruthy();
      expect(text.en?.trim()).toBeTruthy();
    }
    expect(c.timeline.length > 0 || c.id === 'game-day').toBe(true);
    const realSeconds = c.durationTicks / LIVE_TICKS_PER_SECOND;
    expect(realSeconds).toBeGreaterThanOrEqual(180);
    expect(realSeconds).toBeLessThanOrEqual(360);
    for (const e of c.timeline) expect(e.at).toBeLessThan(c.durationTicks);
  });

  it.each(cases)('%s: every recommended action is well-formed and accepted when played', (_id, c) => {
    for (const e of c.recommended) expect(checkActionShape(e.action)).toEqual({ ok: true });
    const run = createRun(c, 1);
    const refused: string[] = [];
    while (run.tick < run.durationTicks) {
      const acts = c.recommended.filter((e) => e.tick === run.tick).map((e) => e.action);
      for (const ev of stepRun(run, acts).events) if (ev.type === 'action-refused') refused.push(`${ev.tick} ${ev.action}: ${ev.reason}`);
    }
    expect(refused).toEqual([]);
  });

  it('the topics of the talk are covered', () => {
    const topics = new Set(SCENARIOS.map((c) => c.topic));
    for (const t of ['centralized', 'protocols', 'failures', 'scalability', 'performance', 'monitoring', 'testing', 'maintenance', 'fault-tolerance', 'deployment']) expect(topics).toContain(t);
  });
});

// The full rules (recommended beats nothing by 10 %, late play, harmful, generic shortcuts) are the
// card audit's: tests/shared/sim/audit.test.ts.
describe('responses', () => {
  it.each(cases)('%s: scaling everything to zero at minute one scores below doing nothing', (_id, c) => {
    const zero: ActionLogEntry[] = [
      { tick: 60, action: { type: 'scale', zone: 'a', count: 0 } },
      { tick: 60, action: { type: 'scale', zone: 'b', count: 0 } },
    ];
    for (const seed of [1, 2]) expect(replay(c, seed, zero).score).toBeLessThan(replay(c, seed, []).score);
  });

  it('game-day is calm: nothing scripted, nothing recommended, the SLO met with nothing done, and cutting the fleet loses', () => {
    const c = getScenario('game-day')!;
    expect(c.timeline).toEqual([]);
    expect(c.recommended).toEqual([]);
    for (const seed of [1, 2]) {
      const none = replay(c, seed, []);
      expect(none.sloMet).toBe(true);
      expect(none.incidents).toEqual([]);
      expect(replay(c, seed, c.harmful).score).toBeLessThan(none.score);
    }
  });

  it('silent-slowdown: latency alone burns the budget and fires alerts while availability stays above 99 %', () => {
    const r = replay(getScenario('silent-slowdown')!, 1, []);
    expect(r.availability).toBeGreaterThan(0.99);
    expect(r.alertsFired).toBeGreaterThan(0);
    expect(r.sloMet).toBe(false);
  });
});
