// Users and their clients: the offered load λ(t) = base × curve(t) × spikes(t) × (1 + AR(1) noise),
// plus bots, plus the retries falling due this second; and, at the end of the tick, clients
// retrying what failed with capped exponential backoff and full jitter (spread evenly here).
import * as K from '../constants.ts';
import { nextNormal } from '../rng.ts';
import type { ScenarioCard, SimRun } from '../types.ts';
import { B, type FlowTick } from './tick.ts';

const CLIENT = K.CLIENT;
const DT = K.TICK_SECONDS;
/** AR(1) coefficient of the traffic noise per tick: bursts last a few seconds. */
const NOISE_PHI = 0.9;

/** Product of the spike factors active at tick t (spikes flattened as [start, rampSec, duration, factor]). */
export function spikeFactor(spikes: readonly number[], t: number): number {
  let f = 1;
  for (let i = 0; i < spikes.length; i += 4) {
    const start = spikes[i]!, ramp = spikes[i + 1]!, dur = spikes[i + 2]!, k = spikes[i + 3]!;
    const x = t - start;
    if (x < 0 || x >= 2 * ramp + dur) continue;
    const up = ramp > 0 ? Math.min(1, x / ramp, (2 * ramp + dur - x) / ramp) : 1;
    f *= 1 + (k - 1) * up;
  }
  return f;
}

/** The card's piecewise-linear traffic curve at a simulated second. */
export function curveFactor(curve: ScenarioCard['traffic']['curve'], simSec: number): number {
  if (curve.length === 0) return 1;
  const first = curve[0]!;
  if (simSec <= first[0]) return first[1];
  for (let i = 1; i < curve.length; i++) {
    const b = curve[i]!;
    if (simSec <= b[0]) {
      const a = curve[i - 1]!;
      return a[1] + ((b[1] - a[1]) * (simSec - a[0])) / (b[0] - a[0] || 1);
    }
  }
  return curve[curve.length - 1]![1];
}

/** Spikes a card schedules, flattened as the run stores them. */
export function cardSpikes(card: ScenarioCard): number[] {
  const out: number[] = [];
  for (const e of card.timeline) if (e.event.type === 'traffic-spike') out.push(Math.round(e.at / DT), e.event.rampSec, e.event.duration, e.event.factor);
  return out;
}

/** Fresh users, bots and the retries due this second; arrivals per retry generation go to B.gens. */
export function offeredLoad(run: SimRun, f: FlowTick): void {
  const t = f.t;
  const tr = run.card.traffic;
  run.noise = NOISE_PHI * run.noise + tr.noise * Math.sqrt(1 - NOISE_PHI * NOISE_PHI) * nextNormal(run.rng);
  const legitFresh = tr.baseRps * curveFactor(tr.curve, t * DT) * spikeFactor(run.spikes, t) * Math.max(0, 1 + run.noise) * DT;
  const bots = run.botRps * DT;
  const fresh = legitFresh + bots;
  let retries = 0;
  const R = run.maxRetries;
  const gens = B.gens;
  gens[0] = fresh;
  for (let g = 1; g <= R; g++) {
    const r = run.retryRing[g - 1]!;
    gens[g] = r[f.slot]!;
    retries += r[f.slot]!;
    r[f.slot] = 0;
  }
  f.legitFresh = legitFresh;
  f.fresh = fresh;
  f.retries = retries;
  f.arrived = fresh + retries;
  f.legitShare = fresh > 0 ? legitFresh / fresh : 1;
}

/** Clients retry this tick's failures, each generation into the ring of the next, over 2^(k−1) s. */
export function scheduleRetries(run: SimRun, f: FlowTick): void {
  const R = run.maxRetries;
  const failed = f.failed, arrived = f.arrived;
  if (!(failed > 0 && R > 0)) return;
  const ring = CLIENT.retryRing;
  const gens = B.gens;
  for (let g = 0; g < R; g++) {
    const share = arrived > 0 ? gens[g]! / arrived : g === 0 ? 1 : 0;
    const amount = failed * share;
    if (amount <= 0) continue;
    const span = Math.min(ring - 1, Math.round((CLIENT.backoffBaseSec * (1 << g)) / DT));
    const per = amount / span;
    const target = run.retryRing[g]!;
    for (let d = 1; d <= span; d++) target[(f.slot + d) % ring]! += per;
  }
}
