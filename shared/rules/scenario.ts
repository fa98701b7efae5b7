// Scenario rounds as pure rules over the simulation: each team runs its own copy of the same
// card on the same seed (fair ranks), players act through their roles, actions queue and apply
// at the next tick, every applied action is logged (tick, player, action) so the round can be
// replayed exactly, and the round ends with a report per team and points for the game total.
// The teacher's injected faults (shared/rules/faults.ts decides them) apply at the next tick of
// every targeted team and enter the same log as teacher entries, so replays include them.
import {
  ACTIONS,
  actionCost,
  checkActionShape,
  createRun,
  getScenario,
  injectFault,
  ROLES,
  runReport,
  stepRun,
  summarize,
  validateAction,
  type Role,
  type RunReport,
  type ScenarioCard,
  type ScenarioEvent,
  type SimAction,
  type SimEvent,
  type SimRun,
} from '../sim/index.ts';
import { hashString } from '../rng.ts';
import { SCENARIO } from '../constants.ts';

export interface LoggedAction {
  readonly tick: number;
  readonly playerId: string;
  readonly action: SimAction;
}

/**
 * A fault the teacher injected (shared/rules/faults.ts): the simulation event it starts at `tick`
 * (injectFault in shared/sim), and what the teacher chose, for the debrief and the CSV.
 */
export interface TeacherFault {
  readonly tick: number;
  readonly teacher: true;
  /** The fault's id in the catalog (FAULTS) and its parameters as applied (defaults filled in). */
  readonly fault: string;
  readonly params: Readonly<Record<string, number | string>>;
  /** Every team, or one team's number. */
  readonly target: 'all' | number;
  /** Round time at which it applied, ms (ticks × the room's real time per tick). */
  readonly roundMs: number;
  readonly event: ScenarioEvent;
}

/** A team's log: its players' actions and the teacher's faults, in tick order. */
export type LogEntry = LoggedAction | TeacherFault;

export function isTeacherFault(e: LogEntry): e is TeacherFault {
  return (e as Partial<TeacherFault>).teacher === true;
}

/** What the projector's incident feed and the phones' alarms show, by code (the pages translate). */
export interface FeedItem {
  readonly tick: number;
  /** 'injected': the teacher injected a fault (detail: its catalog id). */
  readonly kind: 'incident' | 'detected' | 'recovered' | 'alert' | 'action' | 'refused' | 'diagnosis' | 'announcement' | 'injected';
  /** The cause, the action type, or the alert severity. */
  readonly detail: string;
}

/** A point of the curves the debrief draws, every SCENARIO.historyEveryTicks ticks. */
export interface Sample {
  readonly tick: number;
  readonly p95: number;
  readonly errorRate: number;
  readonly budget: number;
  readonly availability: number;
  readonly throughput: number;
}

export interface ScenarioTeam {
  readonly team: number;
  readonly credits: number;
  run: SimRun;
  pending: { playerId: string; action: SimAction }[];
  log: LogEntry[];
  feed: FeedItem[];
  history: Sample[];
  /** Every simulation event of the round (for the post-mortem timeline). */
  events: SimEvent[];
  /** Findings of the last diagnostic, by cause. */
  findings: string[];
}

export interface ScenarioTeamResult {
  readonly team: number;
  readonly report: RunReport;
  readonly points: number;
  readonly rankBefore: number;
  readonly rankAfter: number;
  readonly credits: number;
  readonly log: readonly LogEntry[];
  readonly history: readonly Sample[];
  readonly events: readonly SimEvent[];
}

export interface ScenarioRound {
  readonly round: number;
  readonly cardId: string;
  readonly seed: number;
  readonly durationTicks: number;
  readonly teams: ScenarioTeam[];
  /** Roles of each player for this round. */
  readonly roles: Record<string, Role[]>;
  endedAtTick: number | null;
  results: ScenarioTeamResult[] | null;
  /** The teacher's faults this round, each applied at its tick (absent in rounds from before faults existed). */
  injections?: TeacherFault[];
}

export type ActionRefusal = { ok: false; code: 'wrong_phase' | 'not_a_player' | 'role' | 'bad_action' | 'not_enough_credits' | 'out_of_range' | 'not_applicable' | 'run_over'; reason: string };
export type ActionResult = { ok: true; cost: number } | ActionRefusal;

/**
 * Roles for a team's members, in join order. Four or more: round robin over the four roles.
 * Fewer: roles merge, so every control has an owner (Observability goes with Edge for three).
 */
export function assignRoles(memberIds: readonly string[]): Record<string, Role[]> {
  const out: Record<string, Role[]> = {};
  const n = memberIds.length;
  const merged: Record<number, Role[][]> = {
    1: [[...ROLES]],
    2: [['edge', 'compute'], ['data', 'observability']],
    3: [['compute'], ['data'], ['edge', 'observability']],
  };
  memberIds.forEach((id, i) => {
    out[id] = n >= 4 ? [ROLES[i % ROLES.length]!] : [...(merged[n]?.[i] ?? ROLES)];
  });
  return out;
}

/** Credits from the team's quiz results in the previous round (mean points per member). */
export function creditsFromQuiz(meanPoints: number | null): number {
  if (meanPoints === null) return SCENARIO.defaultCredits;
  return Math.max(SCENARIO.minCredits, Math.min(SCENARIO.maxCredits, SCENARIO.minCredits + Math.round(meanPoints / SCENARIO.pointsPerCredit)));
}

export function scenarioSeed(gameSeed: number, round: number, cardId: string): number {
  return hashString(`${gameSeed}:${round}:${cardId}`);
}

export interface StartScenarioInput {
  readonly round: number;
  readonly cardId: string;
  readonly gameSeed: number;
  /** Member ids per team, in join order. */
  readonly members: readonly (readonly string[])[];
  /** Credits per team. */
  readonly credits: readonly number[];
  readonly durationTicks?: number | null;
}

export function startScenario(input: StartScenarioInput): ScenarioRound | null {
  const card = getScenario(input.cardId);
  if (!card) return null;
  const seed = scenarioSeed(input.gameSeed, input.round, input.cardId);
  const durationTicks = input.durationTicks ?? card.durationTicks;
  const roles: Record<string, Role[]> = {};
  const teams = input.members.map((ids, team) => {
    Object.assign(roles, assignRoles(ids));
    const credits = input.credits[team] ?? SCENARIO.defaultCredits;
    return { team, credits, run: createRun(card, seed, { credits, durationTicks }), pending: [], log: [], feed: [], history: [], events: [], findings: [] } satisfies ScenarioTeam;
  });
  return { round: input.round, cardId: card.id, seed, durationTicks, teams, roles, endedAtTick: null, results: null };
}

/** A late joiner (or a player moved mid-round) gets the role with the fewest holders in the team. */
export function addToScenario(s: ScenarioRound, playerId: string, teamMembers: readonly string[]): void {
  if (s.roles[playerId]) return;
  const counts = new Map<Role, number>(ROLES.map((r) => [r, 0]));
  for (const id of teamMembers) for (const r of s.roles[id] ?? []) counts.set(r, (counts.get(r) ?? 0) + 1);
  const least = [...counts.entries()].sort((a, b) => a[1] - b[1])[0]![0];
  s.roles[playerId] = [least];
}

/** Validates an action from a player and queues it for the next tick. */
export function submitAction(s: ScenarioRound, playerId: string, team: number, raw: unknown): ActionResult {
  if (s.results) return { ok: false, code: 'wrong_phase', reason: 'The scenario round is over.' };
  const t = s.teams[team];
  const roles = s.roles[playerId];
  if (!t || !roles) return { ok: false, code: 'not_a_player', reason: 'Only players of this round can act.' };
  const shape = checkActionShape(raw);
  if (!shape.ok) return { ok: false, code: shape.code === 'unknown_action' || shape.code === 'bad_params' ? 'bad_action' : refusalCode(shape.code), reason: shape.reason };
  const action = raw as SimAction;
  const owner = ACTIONS[action.type].role;
  if (!roles.includes(owner)) return { ok: false, code: 'role', reason: `This control belongs to the ${owner} role.` };
  const v = validateAction(t.run, action);
  if (!v.ok) return { ok: false, code: v.code === 'unknown_action' || v.code === 'bad_params' ? 'bad_action' : refusalCode(v.code), reason: v.reason };
  const cost = actionCost(t.run, action);
  const queued = t.pending.reduce((sum, p) => sum + actionCost(t.run, p.action), 0);
  if (cost + queued > t.run.credits) return { ok: false, code: 'not_enough_credits', reason: `Costs ${cost} credits; ${t.run.credits - queued} left.` };
  t.pending.push({ playerId, action });
  return { ok: true, cost };
}

function refusalCode(code: string): ActionRefusal['code'] {
  return code === 'not_enough_credits' || code === 'out_of_range' || code === 'not_applicable' || code === 'run_over' ? code : 'bad_action';
}

const FEED_KINDS: Partial<Record<SimEvent['type'], FeedItem['kind']>> = {
  'incident-started': 'incident',
  'incident-detected': 'detected',
  'incident-recovered': 'recovered',
  'alert-fired': 'alert',
  'action-applied': 'action',
  'action-refused': 'refused',
  diagnostic: 'diagnosis',
  announcement: 'announcement',
};

function feedDetail(e: SimEvent): string {
  switch (e.type) {
    case 'incident-started':
    case 'announcement':
      return e.cause;
    case 'alert-fired':
      return e.severity;
    case 'action-applied':
    case 'action-refused':
      return String(e.action);
    case 'diagnostic':
      return e.findings.map((f) => f.cause).join(',');
    default:
      return '';
  }
}

/** Steps every team one tick with its queued actions. Returns true when the round has run out. */
export function stepScenario(s: ScenarioRound): boolean {
  if (s.results) return true;
  let done = true;
  for (const t of s.teams) {
    const tick = t.run.tick;
    if (tick >= t.run.durationTicks) continue;
    for (const f of s.injections ?? []) {
      if (f.tick !== tick || (f.target !== 'all' && f.target !== t.team)) continue;
      injectFault(t.run, f.event);
      t.log.push(f);
      t.feed.push({ tick, kind: 'injected', detail: f.fault });
      if (t.feed.length > SCENARIO.feedLength) t.feed.shift();
    }
    const actions = t.pending.map((p) => p.action);
    for (const p of t.pending) t.log.push({ tick, playerId: p.playerId, action: p.action });
    t.pending = [];
    const { metrics, events } = stepRun(t.run, actions);
    for (const e of events) {
      if (e.type === 'instance-ready' || e.type === 'action-effective' || e.type === 'deploy' || e.type === 'alert-resolved') continue;
      t.events.push(e);
      const kind = FEED_KINDS[e.type];
      if (kind) {
        t.feed.push({ tick: e.tick, kind, detail: feedDetail(e) });
        if (t.feed.length > SCENARIO.feedLength) t.feed.shift();
      }
      if (e.type === 'diagnostic') t.findings = e.findings.map((f) => f.cause);
    }
    if (t.run.tick % SCENARIO.historyEveryTicks === 0) {
      t.history.push({ tick: t.run.tick, p95: Math.round(metrics.p95), errorRate: Math.round(metrics.errorRate * 10_000) / 10_000, budget: Math.round(metrics.budgetRemaining * 1000) / 1000, availability: Math.round(metrics.availability * 10_000) / 10_000, throughput: Math.round(metrics.throughput) });
    }
    if (t.run.tick < t.run.durationTicks) done = false;
  }
  return done;
}

/** Points a team earns for the game total from its report's score. */
export function scenarioPoints(report: RunReport): number {
  return Math.max(0, Math.round(report.score * SCENARIO.pointsPerScore));
}

/**
 * Ends the round (on time or early): a report per team, its points, and the ranks before and
 * after adding them. `addPoints(team, points)` applies them to the game and `ranks()` reads the
 * team ranks; both come from the game rules so this module stays about the simulation.
 */
export function finishScenario(s: ScenarioRound, ranks: () => number[], addPoints: (team: number, points: number) => void): ScenarioTeamResult[] {
  if (s.results) return s.results;
  const before = ranks();
  s.endedAtTick = Math.max(...s.teams.map((t) => t.run.tick));
  const partial = s.teams.map((t) => {
    const report = runReport(t.run);
    const points = scenarioPoints(report);
    addPoints(t.team, points);
    return { t, report, points };
  });
  const after = ranks();
  s.results = partial.map(({ t, report, points }) => ({
    team: t.team,
    report,
    points,
    rankBefore: before[t.team] ?? 0,
    rankAfter: after[t.team] ?? 0,
    credits: t.credits,
    log: t.log,
    history: t.history,
    events: t.events,
  }));
  return s.results;
}

/**
 * Feeds a replay the log entries due at the run's tick, from `k` on, as the live tick did: the
 * teacher's faults are injected, the players' actions go into `batch` for the step. Returns the
 * next index.
 */
export function feedLog(run: SimRun, log: readonly LogEntry[], k: number, batch: SimAction[]): number {
  batch.length = 0;
  while (k < log.length && log[k]!.tick <= run.tick) {
    const e = log[k++]!;
    if (isTeacherFault(e)) injectFault(run, e.event);
    else batch.push(e.action);
  }
  return k;
}

/** Rebuilds one team's run from the round's inputs and its log: the same report, byte for byte. */
export function replayTeam(card: ScenarioCard, seed: number, credits: number, durationTicks: number, log: readonly LogEntry[], endTick: number): RunReport {
  const run = createRun(card, seed, { credits, durationTicks });
  let k = 0;
  const batch: SimAction[] = [];
  while (run.tick < Math.min(endTick, durationTicks)) {
    k = feedLog(run, log, k, batch);
    stepRun(run, batch);
  }
  return runReport(run);
}

export { summarize };
export type { Role, RunReport, SimAction };
