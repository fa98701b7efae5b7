// The score's money part: each doubling of the bill over the starting setup's costs SCORE.spend
// points while users get the SLO's nines, less in proportion to the nines they got below it;
// halving the bill earns as much, but only as far as the error budget held.
import { describe, expect, it } from 'vitest';
import { createRun, scoreOf, type SimRun } from '../../../shared/sim/index.ts';
import { SCORE } from '../../../shared/sim/constants.ts';
import { steadyCard } from './fixtures.ts';

/** A run 100 s in whose bill is `ratio` times the starting setup's. */
function billed(ratio: number): SimRun {
  const run = createRun(steadyCard(), 1);
  run.tick = 100;
  run.spend = run.baselineSpendPerSec * 100 * ratio;
  return run;
}

describe('the score’s bill', () => {
  it('a doubling costs SCORE.spend points when users got the SLO, two doublings twice that', () => {
    expect(billed(2).sloAvailability).toBe(0.99);
    expect(scoreOf(billed(2), 0.999, 0.999, 1, 0).spend).toBeCloseTo(-SCORE.spend, 6);
    expect(scoreOf(billed(4), 0.999, 0.999, 1, 0).spend).toBeCloseTo(-2 * SCORE.spend, 6);
    expect(scoreOf(billed(1), 0.999, 0.999, 1, 0).spend).toBe(0);
  });

  it('weighs less while users fail: at 90 % (one nine of the SLO’s two) a doubling costs half', () => {
    expect(scoreOf(billed(2), 0.9, 0.9, 0, 0).spend).toBeCloseTo(-SCORE.spend / 2, 6);
    // a slow answer counts half: 80 % good and 20 % slow is 90 % got
    expect(scoreOf(billed(2), 0.8, 1, 0, 0).spend).toBeCloseTo(-SCORE.spend / 2, 6);
  });

  it('a team that served everyone at six times the bill outscores one that let 42 % fail for free', () => {
    const served = scoreOf(billed(6), 1, 1, 1, 0);
    const failed = scoreOf(billed(0.8), 0.58, 0.58, 0, 0);
    const total = (p: { reliability: number; budget: number; spend: number }) => p.reliability + p.budget + p.spend;
    expect(total(served)).toBeGreaterThan(total(failed) + 300);
  });

  it('halving the bill earns as much as a doubling costs, only as far as the error budget held', () => {
    expect(scoreOf(billed(0.5), 0.999, 0.999, 1, 0).spend).toBeCloseTo(SCORE.spend, 6);
    expect(scoreOf(billed(0.5), 0.999, 0.999, 0.25, 0).spend).toBeCloseTo(SCORE.spend / 4, 6);
    expect(scoreOf(billed(0.5), 0.5, 0.5, 0, 0).spend).toBe(0);
  });
});
