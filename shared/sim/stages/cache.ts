// The cache in front of the database: reads hit it with ratio h (1 ms), misses cost several
// database queries; after a flush it warms back as h(t) = h_max·(1 − e^(−t/τ)).
import * as K from '../constants.ts';
import type { SimRun } from '../types.ts';

const CACHE = K.CACHE;
const DB = K.DB;
const CACHE_WARM_STEP = 1 - Math.exp(-K.TICK_SECONDS / CACHE.warmTauSec);

/** Time one read request spends on the cache and, on a miss, the database of zone z (last tick's latency), ms. */
export function readMs(run: SimRun, z: 0 | 1): number {
  const h = run.cacheHit;
  return h * CACHE.hitMs + (1 - h) * DB.queriesPerRead * run.dbReadMs[z];
}

/** Database query units per read request (the misses), given the read share of dynamic traffic. */
export function missQueries(run: SimRun, readShare: number): number {
  return readShare * (1 - run.cacheHit) * DB.queriesPerRead;
}

/** The cache refills toward its warm hit ratio. */
export function warmCache(run: SimRun): void {
  if (run.cacheHit < CACHE.maxHitRatio) run.cacheHit += (CACHE.maxHitRatio - run.cacheHit) * CACHE_WARM_STEP;
}
