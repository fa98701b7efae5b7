import { describe, expect, it } from 'vitest';
import { SCENARIOS, createRun, runReport, stepRun } from '../../../shared/sim/index.ts';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

describe('requests are conserved at every tick', () => {
  for (const card of SCENARIOS) {
    for (const [name, log] of [['no action', []], ['recommended', card.recommended], ['harmful', card.harmful]] as const) {
      it(`${card.id}, ${name}: arrived + queued before = served + failed + shed + queued after`, () => {
        const run = createRun(card, 5);
        let queuedBefore = 0;
        let arrived = 0, served = 0, failed = 0, shed = 0;
        let bad = 0;
        while (run.tick < run.durationTicks) {
          const acts = log.filter((e) => e.tick === run.tick).map((e) => e.action);
          const m = stepRun(run, acts).metrics;
          if (!close(m.arrived + queuedBefore, m.served + m.failed + m.shed + m.queued)) bad++;
          if (Math.min(m.arrived, m.served, m.failed, m.shed, m.queued) < -1e-9) bad++;
          queuedBefore = m.queued;
          arrived += m.arrived; served += m.served; failed += m.failed; shed += m.shed;
        }
        expect(bad).toBe(0);
        expect(close(arrived, served + failed + shed + queuedBefore)).toBe(true);
        const r = runReport(run).requests;
        expect(r.arrived).toBe(r.served + r.failed + r.shed + r.queued);
        expect(Math.abs(r.queued - queuedBefore)).toBeLessThan(3);
      });
    }
  }
});
