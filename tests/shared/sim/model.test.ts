// Behaviour a person who runs services would expect of the model, on steady synthetic cards.
import { describe, expect, it } from 'vitest';
import { createRun, runReport, stepRun, type SimRun } from '../../../shared/sim/index.ts';
import { steadyCard } from './fixtures.ts';

function play(run: SimRun, ticks = run.durationTicks - run.tick): { served: number; p95: number[]; arrived: number; fresh: number; retries: number } {
  let served = 0, arrived = 0, fresh = 0, retries = 0;
  const p95: number[] = [];
  for (let i = 0; i < ticks; i++) {
    const m = stepRun(run).metrics;
    served += m.served; arrived += m.arrived; fresh += m.fresh; retries += m.retries;
    p95.push(m.p95);
  }
  return { served, p95, arrived, fresh, retries };
}

describe('capacity and throughput', () => {
  it.each([400, 900, 1400, 2500])('at %i rps, more instances never serve less', (rps) => {
    let last = -1;
    for (let n = 1; n <= 8; n++) {
      const served = play(createRun(steadyCard({ baseRps: rps, zoneA: n, zoneB: n }), 3)).served;
      expect(served).toBeGreaterThanOrEqual(last - 1e-6);
      last = served;
    }
  });

  it('an overloaded fleet serves about its capacity, not less', () => {
    const small = play(createRun(steadyCard({ baseRps: 3000, zoneA: 1, zoneB: 1, maxRetries: 0 }), 3)).served;
    const big = play(createRun(steadyCard({ baseRps: 3000, zoneA: 10, zoneB: 10, maxRetries: 0 }), 3)).served;
    expect(small).toBeGreaterThan(0);
    expect(big).toBeGreaterThan(small);
  });
});

describe('latency under steady load', () => {
  it('p95 rises with utilization, steeply near saturation, and keeps rising while overloaded', () => {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const loads = [200, 500, 700, 850, 950, 1000];
    const p95s = loads.map((rps) => median(play(createRun(steadyCard({ baseRps: rps, zoneA: 3, zoneB: 3 }), 3)).p95.slice(50)));
    for (let i = 1; i < p95s.length; i++) expect(p95s[i]!).toBeGreaterThan(p95s[i - 1]!);
    // hockey stick: the last step up costs more than the first ones together
    expect(p95s[5]! - p95s[4]!).toBeGreaterThan(p95s[2]! - p95s[0]!);
    // overloaded (no retries, so only the queue grows): latency climbs tick after tick until the queue bound
    const over = play(createRun(steadyCard({ baseRps: 1300, zoneA: 3, zoneB: 3, maxRetries: 0 }), 3), 6).p95;
    for (let i = 1; i < over.length; i++) expect(over[i]!).toBeGreaterThan(over[i - 1]!);
  });

  it("Little's law: queued = origin throughput × time waited, once an overloaded queue sits at its 2 s bound", () => {
    const rps = 2000;
    const run = createRun(steadyCard({ baseRps: rps, zoneA: 3, zoneB: 3, maxRetries: 0 }), 3);
    play(run, 30);
    // what the instances processed: answered in time, or too late for the client
    const originServed = run.metrics.served - rps * 0.4 * 0.95 + run.metrics.failedBy.timeout;
    const waitSec = run.metrics.queued / originServed;
    expect(waitSec).toBeGreaterThan(1.8);
    expect(waitSec).toBeLessThan(2.2);
  });
});

describe('retries', () => {
  it('retries raise the offered load during a failure, up to (R+1)×', () => {
    const timeline = [{ at: 100, event: { type: 'config-error', hop: 'lb' } } as const];
    const run = createRun(steadyCard({ baseRps: 800, timeline, maxRetries: 2 }), 3);
    const before = play(run, 100);
    expect(before.retries).toBeLessThan(1e-6);
    const during = play(run, 60);
    expect(during.arrived).toBeGreaterThan(1.5 * during.fresh);
    expect(during.arrived).toBeLessThanOrEqual(3 * during.fresh + 1e-6);
    const noRetry = createRun(steadyCard({ baseRps: 800, timeline, maxRetries: 0 }), 3);
    play(noRetry, 100);
    const flat = play(noRetry, 60);
    expect(flat.arrived).toBeCloseTo(flat.fresh, 6);
  });
});

describe('health checks, cache and breaker', () => {
  it('a crashed instance keeps receiving (failing) traffic until health checks remove it', () => {
    const run = createRun(steadyCard({ timeline: [{ at: 50, event: { type: 'instance-crash', zone: 'a' } }] }), 3);
    play(run, 51);
    expect(run.metrics.failedBy.noHealthy).toBeGreaterThan(0);
    expect(run.metrics.health.lb).toBe('degraded');
    play(run, 20);
    expect(run.metrics.failedBy.noHealthy).toBeLessThan(1e-6);
  });

  it('a flushed cache sends the reads to the database, refills slowly by itself, and warming it brings it back', () => {
    const card = steadyCard({ timeline: [{ at: 50, event: { type: 'cache-flush' } }] });
    const run = createRun(card, 3);
    play(run, 49);
    const dbBefore = run.metrics.utilization.db;
    play(run, 10);
    expect(run.metrics.cacheHitRatio).toBeLessThan(0.2);
    expect(run.metrics.utilization.db).toBeGreaterThan(dbBefore * 3);
    const early = run.metrics.cacheHitRatio;
    play(run, 100);
    expect(run.metrics.cacheHitRatio).toBeGreaterThan(early);
    expect(run.metrics.cacheHitRatio).toBeLessThan(0.5);
    const warmed = createRun(card, 3);
    play(warmed, 60);
    stepRun(warmed, [{ type: 'warm-cache' }]);
    play(warmed, 30);
    expect(warmed.metrics.cacheHitRatio).toBeGreaterThan(0.8);
  });

  it('with the breaker on, a timing-out dependency fails fast instead of taking the site down', () => {
    const timeline = [{ at: 20, event: { type: 'dependency', latencyMs: 8000, errorRate: 0 } } as const];
    const off = createRun(steadyCard({ timeline }), 3);
    const on = createRun(steadyCard({ timeline }), 3);
    stepRun(on, [{ type: 'circuit-breaker', on: true }]);
    play(off);
    play(on);
    expect(runReport(on).availability).toBeGreaterThan(runReport(off).availability + 0.1);
    expect(on.breaker).not.toBe('closed');
  });

  it('rate limiting sheds on purpose: 429s are counted apart from failures', () => {
    const run = createRun(steadyCard({ baseRps: 800 }), 3);
    stepRun(run, [{ type: 'rate-limit', rps: 200 }]);
    play(run, 30);
    expect(run.metrics.shed).toBeGreaterThan(200);
    expect(run.metrics.failed).toBeLessThan(1e-6);
  });
});
