// The rule that decides a teacher's fault injection (a game day). An accepted fault becomes a
// TeacherFault of the round (shared/rules/scenario.ts), applied at the next tick of every targeted
// team and logged there; with "all teams" every team gets it at the same tick, so the scores stay
// comparable. The faults and their parameters are in fault-catalog.ts; the building blocks are the
// simulation's own timeline events (injectFault in shared/sim). Refusals are values with a
// readable reason; nothing here throws or reads a clock.
import type { Refusal } from '../protocol.ts';
import { checkFaultParams, FAULT_LIMITS, faultSpec, type FaultParams } from './fault-catalog.ts';
import { currentScenario, type GameModel, type Result } from './game.ts';
import type { TeacherFault } from './scenario.ts';

export * from './fault-catalog.ts';

/** What a host asks for (the validated `host:inject` message). */
export interface InjectRequest {
  readonly fault: string;
  readonly target: 'all' | number;
  readonly params?: Readonly<Partial<Record<string, number | string | undefined>>>;
}

export interface Injected {
  readonly fault: string;
  readonly target: 'all' | number;
  /** The tick it applies at (every targeted team's next tick), and that tick in round time. */
  readonly tick: number;
  readonly roundMs: number;
  readonly params: FaultParams;
}

const refuse = (code: Refusal['code'], reason: string): { ok: false } & Refusal => ({ ok: false, code, reason });

const targets = (f: Pick<TeacherFault, 'target'>, team: number): boolean => f.target === 'all' || f.target === team;

/**
 * Decides a host's injection: only while a scenario round runs (not paused), a known fault with
 * parameters in range, an existing team, at most FAULT_LIMITS.perMinute per minute of round time,
 * and not while a targeted team still has a fault of the same kind running (the simulation has
 * one of each: a second partition on top of one cannot start). Queues it for the next tick.
 */
export function injectFault(g: GameModel, req: InjectRequest): Result<Injected> {
  const s = currentScenario(g);
  if (!s || g.phase !== 'scenario') return refuse('wrong_phase', 'Faults can be injected only while a scenario round runs.');
  if (g.paused) return refuse('paused', 'The game is paused: resume it, then inject.');
  const params = checkFaultParams(req.fault, req.params);
  if (!params.ok) return params;
  const spec = faultSpec(req.fault)!;
  const target = req.target;
  if (target !== 'all' && (!Number.isInteger(target) || target < 0 || target >= s.teams.length)) return refuse('no_such_team', `This game has teams 1 to ${s.teams.length}.`);
  const tick = s.teams[0]?.run.tick ?? 0;
  if (tick >= s.durationTicks) return refuse('wrong_phase', 'The scenario round is over.');
  const tps = 1000 / g.scenarioTickMs;
  const windowTicks = Math.round(60 * tps);
  const injections = s.injections ?? [];
  const recent = injections.filter((f) => f.tick > tick - windowTicks);
  if (recent.length >= FAULT_LIMITS.perMinute) {
    const wait = Math.max(1, Math.ceil((recent[0]!.tick + windowTicks - tick) / tps));
    return refuse('too_many_faults', `At most ${FAULT_LIMITS.perMinute} faults per minute of the round: the next one can go in ${wait} s.`);
  }
  const event = spec.event(params.value, tps);
  for (const team of s.teams) {
    if (target !== 'all' && team.team !== target) continue;
    const running = team.run.incidents.some((i) => i.cause === event.type && i.faultEndedAt < 0) || injections.some((f) => f.tick === tick && targets(f, team.team) && f.event.type === event.type);
    if (running) return refuse('fault_running', `Team ${team.team + 1} still has a ${event.type} fault running: wait until it ends.`);
  }
  const entry: TeacherFault = { tick, teacher: true, fault: req.fault, params: params.value, target, roundMs: Math.round(tick * g.scenarioTickMs), event };
  (s.injections ??= []).push(entry);
  return { ok: true, value: { fault: entry.fault, target, tick, roundMs: entry.roundMs, params: entry.params } };
}

