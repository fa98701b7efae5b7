import { describe, expect, it } from 'vitest';
import { SCENARIOS, createRun, replay, runReport, stepRun, type SimRun } from '../../../shared/sim/index.ts';

function ticksJson(run: SimRun, upTo = run.durationTicks): string[] {
  const out: string[] = [];
  while (run.tick < upTo) out.push(JSON.stringify(stepRun(run).metrics));
  return out;
}

describe('determinism', () => {
  it.each(SCENARIOS.map((c) => [c.id, c] as const))('%s: same seed and actions give byte-identical tick metrics and report', (_id, card) => {
    const a = createRun(card, 42);
    const b = createRun(card, 42);
    expect(ticksJson(a)).toEqual(ticksJson(b));
    expect(JSON.stringify(runReport(a))).toBe(JSON.stringify(runReport(b)));
    expect(JSON.stringify(replay(card, 42, card.recommended))).toBe(JSON.stringify(replay(card, 42, card.recommended)));
  });

  it('another seed gives different noise', () => {
    const card = SCENARIOS[1]!;
    const a = createRun(card, 1);
    const b = createRun(card, 2);
    const ta = ticksJson(a, 50);
    const tb = ticksJson(b, 50);
    expect(ta).not.toEqual(tb);
    expect(runReport(a).requests.arrived).not.toBe(runReport(b).requests.arrived);
  });

  it('a run is plain data: a JSON checkpoint continues exactly like the original', () => {
    const card = SCENARIOS.find((c) => c.id === 'chaos-monkey')!;
    const run = createRun(card, 9);
    for (let t = 0; t < 700; t++) stepRun(run, t === 503 ? [{ type: 'restart', zone: 'a' }] : []);
    const copy = JSON.parse(JSON.stringify(run)) as SimRun;
    expect(ticksJson(copy)).toEqual(ticksJson(run));
    expect(JSON.stringify(runReport(copy))).toBe(JSON.stringify(runReport(run)));
  });
});
