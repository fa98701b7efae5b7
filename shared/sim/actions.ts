// The action catalog (role, credit cost, effect delay, parameter ranges) and validation.
// validateAction accepts anything a phone might send and answers with a stable code and a
// short English reason; it never throws. The same catalog drives the CLI's file checks.
import { z } from 'zod';
import { APP, CACHE, DB } from './constants.ts';
import type { ActionType, Role, SimAction, SimRun, ValidationResult } from './types.ts';

export type ParamSpec =
  | { kind: 'bool'; optional?: boolean }
  | { kind: 'int' | 'number'; min: number; max: number; optional?: boolean; /** also allowed besides [min, max] */ or?: number }
  | { kind: 'enum'; values: readonly string[]; optional?: boolean };

export interface ActionSpec {
  type: ActionType;
  role: Role;
  /** Credits charged when the action is accepted (scale: per instance added). */
  cost: number;
  /** Simulated seconds (= ticks) from acceptance to effect. */
  delaySec: number;
  /** What the delay is, for people. */
  delayNote: string;
  params: Readonly<Record<string, ParamSpec>>;
}

const zone = { kind: 'enum', values: ['a', 'b'] } as const;
const on = { kind: 'bool' } as const;

export const ACTIONS: Readonly<Record<ActionType, ActionSpec>> = {
  cdn: { type: 'cdn', role: 'edge', cost: 3, delaySec: 10, delayNote: 'configuration propagates to the edge; the CDN then warms up (τ 20 s)', params: { on } },
  'rate-limit': { type: 'rate-limit', role: 'edge', cost: 2, delaySec: 5, delayNote: 'rule propagates to the edge', params: { rps: { kind: 'int', min: 50, max: 100_000, or: 0 } } },
  'block-abuse': { type: 'block-abuse', role: 'edge', cost: 5, delaySec: 10, delayNote: 'WAF rule built and propagated', params: { on } },
  'lb-policy': { type: 'lb-policy', role: 'edge', cost: 1, delaySec: 5, delayNote: 'load-balancer configuration reload', params: { policy: { kind: 'enum', values: ['round-robin', 'least-connections'] } } },
  scale: { type: 'scale', role: 'compute', cost: 2, delaySec: 0, delayNote: `new instances boot for ${APP.bootSec} s; removed ones drain their queue`, params: { zone, count: { kind: 'int', min: 0, max: APP.maxPerZone } } },
  restart: { type: 'restart', role: 'compute', cost: 2, delaySec: 0, delayNote: `the instance leaves rotation at once and is back after ${APP.restartSec} s`, params: { zone, instance: { kind: 'int', min: 0, max: 1_000_000, optional: true } } },
  autoscale: { type: 'autoscale', role: 'compute', cost: 6, delaySec: 0, delayNote: 'the autoscaler acts every 15 s on 30 s-smoothed utilization; instances boot 30 s', params: { on, target: { kind: 'number', min: 0.3, max: 0.9, optional: true } } },
  rollback: { type: 'rollback', role: 'compute', cost: 4, delaySec: 10, delayNote: 'the previous release starts rolling out after 10 s and replaces the fleet over 20 s', params: {} },
  drain: { type: 'drain', role: 'compute', cost: 2, delaySec: 5, delayNote: 'the load balancer deregisters the zone; queued requests finish', params: { zone, on } },
  'warm-cache': { type: 'warm-cache', role: 'data', cost: 5, delaySec: 20, delayNote: `hot keys preloaded: hit ratio jumps to ${CACHE.warmedShare * 100} % of warm`, params: {} },
  'add-replica': { type: 'add-replica', role: 'data', cost: 10, delaySec: DB.addReplicaSec, delayNote: 'snapshot restored and caught up (compressed: 10–60 min on a real database)', params: {} },
  failover: { type: 'failover', role: 'data', cost: 6, delaySec: DB.promoteSec, delayNote: `a healthy primary switches over to a replica in ${DB.switchoverSec} s and rejoins as a replica; a failed one is replaced by a replica in ${DB.promoteSec} s, or restored from a backup without one (${DB.restoreSec} s, compressed); writes fail meanwhile`, params: {} },
  'circuit-breaker': { type: 'circuit-breaker', role: 'data', cost: 3, delaySec: 5, delayNote: 'configuration reload in the app', params: { on } },
  ack: { type: 'ack', role: 'observability', cost: 0, delaySec: 0, delayNote: 'immediate', params: { alert: { kind: 'int', min: 0, max: 1_000_000, optional: true } } },
  diagnose: { type: 'diagnose', role: 'observability', cost: 3, delaySec: 10, delayNote: 'traces and logs are searched', params: {} },
};

export const ACTION_TYPES = Object.keys(ACTIONS) as ActionType[];

const refuse = (code: Exclude<ValidationResult, { ok: true }>['code'], reason: string): ValidationResult => ({ ok: false, code, reason });

/** Shape and ranges only, without a run: what a file of actions can be checked against. */
export function checkActionShape(action: unknown): ValidationResult {
  if (typeof action !== 'object' || action === null || Array.isArray(action)) return refuse('bad_params', 'an action must be an object with a type');
  const a = action as Record<string, unknown>;
  const spec = typeof a.type === 'string' && Object.hasOwn(ACTIONS, a.type) ? ACTIONS[a.type as ActionType] : undefined;
  if (!spec) return refuse('unknown_action', `unknown action type ${JSON.stringify(a.type)}`);
  for (const key of Object.keys(a)) {
    if (key !== 'type' && !Object.hasOwn(spec.params, key)) return refuse('bad_params', `${spec.type} has no parameter "${key}"`);
  }
  for (const [name, p] of Object.entries(spec.params)) {
    const v = a[name];
    if (v === undefined) {
      if (p.optional) continue;
      return refuse('bad_params', `${spec.type} needs "${name}"`);
    }
    if (p.kind === 'bool') {
      if (typeof v !== 'boolean') return refuse('bad_params', `${name} must be true or false`);
    } else if (p.kind === 'enum') {
      if (typeof v !== 'string' || !p.values.includes(v)) return refuse('bad_params', `${name} must be one of ${p.values.join(', ')}`);
    } else {
      if (typeof v !== 'number' || !Number.isFinite(v)) return refuse('bad_params', `${name} must be a number`);
      if (p.kind === 'int' && !Number.isInteger(v)) return refuse('bad_params', `${name} must be a whole number`);
      if (v !== p.or && (v < p.min || v > p.max)) {
        const alt = p.or !== undefined ? ` (or ${p.or})` : '';
        return refuse('out_of_range', `${name} must be between ${p.min} and ${p.max}${alt}`);
      }
    }
  }
  return { ok: true };
}

/** Credits the action costs now (scale charges per instance added). */
export function actionCost(run: SimRun, action: SimAction): number {
  return costWith(run.desired, action);
}

/**
 * The same from the desired instance counts per zone alone (what a phone's synced details carry),
 * so a console can grey out what the team cannot afford: scaling up costs per added instance,
 * scaling down and switching autoscaling off are free.
 */
export function costWith(desired: readonly number[], action: SimAction): number {
  const spec = ACTIONS[action.type];
  if (action.type === 'scale') {
    const z = action.zone === 'a' ? 0 : 1;
    return Math.max(0, action.count - (desired[z] ?? 0)) * spec.cost;
  }
  if (action.type === 'autoscale' && !action.on) return 0;
  return spec.cost;
}

/** Whether `action` would be accepted now: shape, ranges, applicability, credits. Never throws. */
export function validateAction(run: SimRun, action: unknown): ValidationResult {
  const shape = checkActionShape(action);
  if (!shape.ok) return shape;
  const a = action as SimAction;
  if (run.tick >= run.durationTicks) return refuse('run_over', 'the round is over');
  const pendingSame = run.pending.some((p) => p.action.type === a.type);
  switch (a.type) {
    case 'cdn':
      if (run.cdnOn === a.on && !pendingSame) return refuse('not_applicable', `the CDN is already ${a.on ? 'on' : 'off'}`);
      break;
    case 'block-abuse':
      if (run.blockOn === a.on && !pendingSame) return refuse('not_applicable', `blocking is already ${a.on ? 'on' : 'off'}`);
      break;
    case 'circuit-breaker':
      if (run.breakerOn === a.on && !pendingSame) return refuse('not_applicable', `the circuit breaker is already ${a.on ? 'on' : 'off'}`);
      break;
    case 'lb-policy':
      if (run.lbPolicy === a.policy && !pendingSame) return refuse('not_applicable', `the policy is already ${a.policy}`);
      break;
    case 'rollback':
      if (!run.deployed && run.configError === '') return refuse('not_applicable', 'nothing was deployed this round: there is no previous release to roll back to');
      if (pendingSame || run.deployTarget === 0 && run.deployBad > 0) return refuse('not_applicable', 'a rollback is already under way');
      break;
    case 'failover': {
      if (pendingSame || run.failoverUntil >= 0) return refuse('not_applicable', 'a failover is already under way');
      const ready = run.replicas.some((r) => r.up && !run.zoneDown[r.zone] && r.readyAt <= run.tick);
      if (run.primaryUp && !run.zoneDown[run.primaryZone] && !ready) return refuse('not_applicable', 'the primary is healthy and no replica is ready to take over');
      break;
    }
    case 'add-replica': {
      const coming = run.pending.filter((p) => p.action.type === 'add-replica').length;
      if (run.replicas.length + coming >= DB.maxReplicas) return refuse('not_applicable', `at most ${DB.maxReplicas} replicas`);
      break;
    }
    case 'restart': {
      const z = a.zone === 'a' ? 0 : 1;
      const found = run.instances.some((i) => i.zone === z && (a.instance === undefined || i.id === a.instance) && (i.state === 'up' || i.state === 'dead'));
      if (!found) return refuse('not_applicable', a.instance === undefined ? `no running or crashed instance in zone ${a.zone}` : `no instance ${a.instance} to restart in zone ${a.zone}`);
      break;
    }
    case 'scale': {
      const z = a.zone === 'a' ? 0 : 1;
      if (run.desired[z] === a.count) return refuse('not_applicable', `zone ${a.zone} already has ${a.count} wanted`);
      break;
    }
    case 'drain': {
      const z = a.zone === 'a' ? 0 : 1;
      if (run.drained[z] === a.on && !pendingSame) return refuse('not_applicable', `zone ${a.zone} is already ${a.on ? 'drained' : 'in rotation'}`);
      break;
    }
    case 'ack': {
      const open = run.alerts.some((al) => al.ackedAt < 0 && (a.alert === undefined ? al.resolvedAt < 0 : al.id === a.alert));
      if (!open) return refuse('not_applicable', a.alert === undefined ? 'no firing alert to acknowledge' : `no unacknowledged alert ${a.alert}`);
      break;
    }
    case 'autoscale':
    case 'rate-limit':
    case 'warm-cache':
    case 'diagnose':
      break;
    default: {
      const never: never = a;
      return never;
    }
  }
  const cost = actionCost(run, a);
  if (cost > run.credits) return refuse('not_enough_credits', `costs ${cost} credits, ${run.credits} left`);
  return { ok: true };
}

/**
 * What a phone's controls offer where an action takes a free number (the rest is buttons and
 * steps of one): the rate limits in the Edge panel's list and the autoscaling target of its button.
 */
export const PHONE_CHOICES = {
  rateLimitRps: [100, 250, 500, 1000, 2500, 5000],
  autoscaleTarget: 0.6,
} as const;

/** Why a phone cannot send this action (null when it can): the card audit keeps scripts playable. */
export function phoneCannotSend(a: SimAction): string | null {
  if (a.type === 'rate-limit' && a.rps !== 0 && !(PHONE_CHOICES.rateLimitRps as readonly number[]).includes(a.rps)) return `a phone offers ${PHONE_CHOICES.rateLimitRps.join(', ')} per second, not ${a.rps}`;
  if (a.type === 'autoscale' && a.on && a.target !== undefined && a.target !== PHONE_CHOICES.autoscaleTarget) return `a phone's autoscaling aims at ${PHONE_CHOICES.autoscaleTarget * 100} %, not ${a.target * 100} %`;
  if (a.type === 'restart' && a.instance !== undefined) return 'a phone restarts the worst instance of a zone, not a chosen one';
  return null;
}

/** A file of timed actions, as `npm run sim -- --actions FILE.json` reads and `--list` prints. */
export const actionLogSchema = z
  .array(
    z
      .object({
        tick: z.number().int().min(0),
        action: z.looseObject({ type: z.enum(ACTION_TYPES as [ActionType, ...ActionType[]]) }),
      })
      .strict()
      .superRefine((entry, ctx) => {
        const r = checkActionShape(entry.action);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason, path: ['action'] });
      }),
  )
  .superRefine((log, ctx) => {
    for (let i = 1; i < log.length; i++) {
      if (log[i]!.tick < log[i - 1]!.tick) ctx.addIssue({ code: 'custom', message: 'entries must be in tick order', path: [i, 'tick'] });
    }
  });

