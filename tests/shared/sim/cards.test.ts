import { describe, expect, it } from 'vitest';
import { isTopic } from '../../../shared/content/topics.ts';
import { SCENARIOS, checkActionShape, createRun, getScenario, replay, stepRun, type ActionLogEntry, type ScenarioCard } from '../../../shared/sim/index.ts';

const cases = SCENARIOS.map((c) => [c.id, c] as const);
/** Cards with a scripted fault; the calm game-day card (the teacher injects the faults) has none. */
const scripted = cases.filter(([, c]) => c.timeline.length > 0);

describe('scenario cards', () => {
  it('there are at least 12, with unique ids', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(SCENARIOS.map((c) => c.id)).size).toBe(SCENARIOS.length);
    expect(getScenario('bad-deploy')?.id).toBe('bad-deploy');
    expect(getScenario('nope')).toBeUndefined();
  });

  it.each(cases)('%s: topic, texts in es and en, a timeline and 3–5 minutes at 10 Hz', (_id, c) => {
    expect(isTopic(c.topic)).toBe(true);
    expect(c.topic).not.toBe('intro');
    for (const text of [c.title, c.description, c.concept]) {
      expect(text.es?.trim()).toBeTruthy();
      expect(text.en?.trim()).toBeTruthy();
    }
    expect(c.timeline.length > 0 || c.id === 'game-day').toBe(true);
    expect(c.durationTicks).toBeGreaterThanOrEqual(1800);
    expect(c.durationTicks).toBeLessThanOrEqual(3000);
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

describe('responses', () => {
  it.each(scripted)('%s: the recommended response scores higher and ends with higher availability than doing nothing', (_id, c: ScenarioCard) => {
    for (const seed of [1, 2]) {
      const none = replay(c, seed, []);
      const rec = replay(c, seed, c.recommended);
      expect(rec.score).toBeGreaterThan(none.score);
      expect(rec.availability).toBeGreaterThan(none.availability);
      expect(rec.incidents.length).toBe(none.incidents.length);
    }
  });

  it.each(cases)('%s: an obviously harmful response scores lower than doing nothing', (_id, c) => {
    const none = replay(c, 1, []);
    expect(replay(c, 1, c.harmful).score).toBeLessThan(none.score);
    const zero: ActionLogEntry[] = [
      { tick: 60, action: { type: 'scale', zone: 'a', count: 0 } },
      { tick: 60, action: { type: 'scale', zone: 'b', count: 0 } },
    ];
    expect(replay(c, 1, zero).score).toBeLessThan(none.score);
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

  it('turning the CDN off during the premiere spike scores lower than doing nothing', () => {
    const c = getScenario('premiere-spike')!;
    expect(replay(c, 1, [{ tick: 620, action: { type: 'cdn', on: false } }]).score).toBeLessThan(replay(c, 1, []).score);
  });
});
