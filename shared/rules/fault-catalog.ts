// The faults a teacher may inject during a scenario round (a game day), each with its few
// parameters preset (how many, how strong, how long — durations in seconds of round time) and the
// simulation event it becomes; how parameters are checked; and the faults in words (the host's
// menu, the debrief, the CSV). Data and pure functions only: the wire shape (shared/protocol.ts)
// and the pages import this without the game rules; the rule deciding an injection is faults.ts.
import type { ScenarioEvent } from '../sim/types.ts';
import { PAYMENTS, TICK_SECONDS } from '../sim/constants.ts';
import type { Refusal } from '../protocol.ts';
import { own } from './dict.ts';
import type { Result } from './game.ts';
import type { TeacherFault } from './scenario.ts';

export const FAULT_LIMITS = {
  /**
   * Injections per minute of round time, per round ("all teams" counts once): a game day paces
   * its incidents so teams can notice, talk and act; a pile of faults at once teaches nothing.
   */
  perMinute: 3,
  /** Round seconds a traffic spike takes to ramp up (and down): users arrive over seconds, not at once. */
  spikeRampSec: 10,
} as const;

export type FaultParamSpec =
  | { readonly kind: 'int' | 'number'; readonly min: number; readonly max: number; readonly step: number; readonly preset: number }
  | { readonly kind: 'choice'; readonly values: readonly string[]; readonly preset: string };

/** Parameter values as the teacher set them (presets filled in). */
export type FaultParams = Readonly<Record<string, number | string>>;

export interface FaultSpec {
  readonly params: Readonly<Record<string, FaultParamSpec>>;
  /** The simulation event for checked parameters, at the round's pace (ticks per round second). */
  event(p: FaultParams, ticksPerSec: number): ScenarioEvent;
}

const zone = { kind: 'choice', values: ['a', 'b'], preset: 'a' } as const;
/** How long, in round seconds: long enough to see and act on, short enough to leave room for the next. */
const seconds = { kind: 'int', min: 10, max: 120, step: 5, preset: 60 } as const;
/** Round seconds → the simulation's seconds (its durations), at the round's pace. */
const simSec = (sec: number, tps: number): number => Math.max(1, Math.round(sec * tps)) * TICK_SECONDS;
const num = (p: FaultParams, k: string): number => p[k] as number;
const zoneOf = (p: FaultParams): 'a' | 'b' => (p.zone === 'b' ? 'b' : 'a');

export const FAULTS = {
  'kill-instance': {
    params: { zone, count: { kind: 'int', min: 1, max: 5, step: 1, preset: 2 } },
    event: (p) => ({ type: 'instance-crash', zone: zoneOf(p), count: num(p, 'count') }),
  },
  'lose-zone': {
    params: { zone, seconds },
    event: (p, tps) => ({ type: 'zone-outage', zone: zoneOf(p), duration: simSec(num(p, 'seconds'), tps) }),
  },
  'traffic-spike': {
    params: { factor: { kind: 'number', min: 1.5, max: 5, step: 0.5, preset: 3 }, seconds },
    event: (p, tps) => ({ type: 'traffic-spike', factor: num(p, 'factor'), rampSec: simSec(FAULT_LIMITS.spikeRampSec, tps), duration: simSec(num(p, 'seconds'), tps) }),
  },
  'bot-flood': {
    params: { rps: { kind: 'int', min: 500, max: 5000, step: 500, preset: 2500 }, seconds },
    event: (p, tps) => ({ type: 'bot-flood', rps: num(p, 'rps'), duration: simSec(num(p, 'seconds'), tps) }),
  },
  'slow-payments': {
    params: { ms: { kind: 'int', min: 1000, max: 10_000, step: 500, preset: 8000 }, seconds },
    event: (p, tps) => ({ type: 'dependency', latencyMs: num(p, 'ms'), errorRate: 0, duration: simSec(num(p, 'seconds'), tps) }),
  },
  'failing-payments': {
    params: { errors: { kind: 'int', min: 10, max: 100, step: 10, preset: 50 }, seconds },
    event: (p, tps) => ({ type: 'dependency', latencyMs: PAYMENTS.baseMs, errorRate: num(p, 'errors') / 100, duration: simSec(num(p, 'seconds'), tps) }),
  },
  'db-primary-failure': {
    // 0: until the team fails over (the lesson of a primary that is gone); more: a blip
    params: { seconds: { kind: 'int', min: 0, max: 120, step: 5, preset: 0 } },
    event: (p, tps) => (num(p, 'seconds') > 0 ? { type: 'db-primary-failure', duration: simSec(num(p, 'seconds'), tps) } : { type: 'db-primary-failure' }),
  },
  'replication-lag': {
    // replicas apply writes at this share of their normal speed
    params: { speed: { kind: 'int', min: 5, max: 50, step: 5, preset: 10 }, seconds },
    event: (p, tps) => ({ type: 'replication-lag', applyFactor: num(p, 'speed') / 100, duration: simSec(num(p, 'seconds'), tps) }),
  },
  partition: {
    params: { seconds },
    event: (p, tps) => ({ type: 'partition', duration: simSec(num(p, 'seconds'), tps) }),
  },
  'bad-config': {
    params: { hop: { kind: 'choice', values: ['lb', 'edge'], preset: 'lb' } },
    event: (p) => ({ type: 'config-error', hop: p.hop === 'edge' ? 'edge' : 'lb' }),
  },
  'cache-flush': {
    params: {},
    event: () => ({ type: 'cache-flush' }),
  },
} as const satisfies Readonly<Record<string, FaultSpec>>;

export type FaultId = keyof typeof FAULTS;
export const FAULT_IDS = Object.keys(FAULTS) as FaultId[];
/** Every parameter name a fault may take (the wire shape in shared/protocol.ts lists these). */
export const FAULT_PARAM_NAMES = ['zone', 'count', 'seconds', 'factor', 'rps', 'ms', 'errors', 'speed', 'hop'] as const;

export function faultSpec(id: string): FaultSpec | undefined {
  return own<FaultSpec>(FAULTS, id);
}

const refuse = (code: Refusal['code'], reason: string): { ok: false } & Refusal => ({ ok: false, code, reason });

/** The parameters with presets filled in, or why one does not fit the fault. */
export function checkFaultParams(id: string, raw: Readonly<Partial<Record<string, number | string | undefined>>> = {}): Result<FaultParams> {
  const spec = faultSpec(id);
  if (!spec) return refuse('unknown_fault', `There is no fault called "${id.slice(0, 40)}".`);
  for (const [key, v] of Object.entries(raw)) {
    if (v !== undefined && !own(spec.params, key)) return refuse('bad_message', `The fault "${id}" has no parameter "${key.slice(0, 20)}".`);
  }
  const out: Record<string, number | string> = {};
  for (const [key, p] of Object.entries(spec.params)) {
    const v = raw[key] ?? p.preset;
    if (p.kind === 'choice') {
      if (typeof v !== 'string' || !p.values.includes(v)) return refuse('out_of_range', `${key} must be one of ${p.values.join(', ')}.`);
    } else {
      const whole = p.kind === 'int';
      if (typeof v !== 'number' || !Number.isFinite(v) || (whole && !Number.isInteger(v)) || v < p.min || v > p.max) {
        return refuse('out_of_range', `${key} must be ${whole ? 'a whole number ' : ''}between ${p.min} and ${p.max}.`);
      }
    }
    out[key] = v;
  }
  return { ok: true, value: out };
}

// ---------------------------------------------------------------- in words

/** A translator: a catalog key and its variables → text (the client's t, the server's lookup). */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Round time as m:ss. */
export function roundClock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "Traffic spike (×3, 60 s)": the fault's name and its parameters, in the catalog's words (faults.*). */
export function faultInWords(f: Pick<TeacherFault, 'fault' | 'params'>, tr: Translate): string {
  const spec = faultSpec(f.fault);
  const name = tr(`faults.names.${f.fault}`);
  if (!spec) return name;
  const parts = Object.keys(spec.params).flatMap((key) => {
    const v = f.params[key];
    if (v === undefined) return [];
    if (key === 'seconds' && v === 0) return [tr('faults.untilFixed')];
    return [tr(`faults.show.${key}`, { v: typeof v === 'string' ? tr(`faults.values.${v}`) : v })];
  });
  return parts.length ? `${name} (${parts.join(', ')})` : name;
}

/** Who got it: "all teams" or the team's name (given by `teamName`). */
export function targetInWords(f: Pick<TeacherFault, 'target'>, tr: Translate, teamName: (team: number) => string): string {
  return f.target === 'all' ? tr('faults.allTeams') : teamName(f.target);
}
