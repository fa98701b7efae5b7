// One-way mirror of the scenario round into the synced state: every team's summary (shared: the
// projector's ops center), each team's details (view-tagged: that team's phones only),
// and the end-of-round reports. Numbers are quantized to what the screens show, so a 1 Hz sync
// sends only what visibly changed.
import { ArraySchema } from '@colyseus/schema';
import { setArray, setFields as set, setRows } from './schema-util.ts';
import { pick } from '../../shared/i18n-types.ts';
import { COMPONENTS, getScenario, summarize } from '../../shared/sim/index.ts';
import { currentScenario, publicName, type GameModel } from '../../shared/rules/game.ts';
import { AlertState, FeedItemState, IncidentResultState, MemberRoleState, OpsDetailState, OpsSummaryState, ScenarioState, TeamReportState } from './schema.ts';

const HEALTH = { ok: 0, degraded: 1, down: 2 } as const;
const clamp16 = (n: number) => Math.max(0, Math.min(65535, Math.round(n)));

export function createScenarioState(teamCount: number): ScenarioState {
  const s = new ScenarioState();
  s.ops = new ArraySchema<OpsSummaryState>();
  s.details = new ArraySchema<OpsDetailState>();
  s.reports = new ArraySchema<TeamReportState>();
  for (let team = 0; team < teamCount; team++) {
    const ops = new OpsSummaryState();
    ops.health = new ArraySchema<number>(...COMPONENTS.map(() => 0));
    ops.feed = new ArraySchema<FeedItemState>();
    s.ops.push(ops);
    const d = new OpsDetailState();
    d.team = team;
    d.util = new ArraySchema<number>(...COMPONENTS.map(() => 0));
    d.failedBy = new ArraySchema<number>(0, 0, 0, 0, 0, 0, 0, 0);
    d.alerts = new ArraySchema<AlertState>();
    d.findings = new ArraySchema<string>();
    d.members = new ArraySchema<MemberRoleState>();
    s.details.push(d);
  }
  return s;
}

/** At the start of a scenario round: the card's texts, the roles, cleared reports. */
export function syncScenarioStart(s: ScenarioState, g: GameModel): void {
  const round = currentScenario(g);
  const card = round ? getScenario(round.cardId) : undefined;
  if (!round || !card) return;
  set(s, { cardId: card.id, title: pick(card.title, g.lang), description: pick(card.description, g.lang), concept: pick(card.concept, g.lang), durationTicks: round.durationTicks, ticksPerSecond: 1000 / g.scenarioTickMs, tick: 0 });
  s.reports.clear();
  syncRoles(s, g);
  syncScenarioLive(s, g);
}

export function syncRoles(s: ScenarioState, g: GameModel): void {
  const round = currentScenario(g);
  if (!round) return;
  s.details.forEach((d) => {
    const members = g.order.map((id) => g.players[id]).filter((p) => p && p.team === d.team && round.roles[p.id]);
    setRows(d.members, members, () => new MemberRoleState(), (target, p) => set(target, { playerId: p!.id, name: publicName(p!), roles: (round.roles[p!.id] ?? []).join(',') }));
  });
}

/** Syncs every team, or only those `only` accepts (the room spreads teams over ticks to keep each tick short). */
export function syncScenarioLive(s: ScenarioState, g: GameModel, only: (team: number) => boolean = () => true): void {
  const round = currentScenario(g);
  if (!round) return;
  let tick = 0;
  for (const team of round.teams) {
    tick = Math.max(tick, team.run.tick);
    if (!only(team.team)) continue;
    const sum = summarize(team.run);
    const run = team.run;
    const ops = s.ops[team.team];
    const d = s.details[team.team];
    if (!ops || !d) continue;
    setArray(ops.health, COMPONENTS.map((c) => HEALTH[sum.components[c].health]));
    const incident = sum.incident;
    set(ops, {
      availability: clamp16(sum.availability * 10_000),
      availabilityRecent: clamp16(sum.availabilityRecent * 10_000),
      lives: sum.lives,
      incident: incident ? incident.key : '',
      incidentParams: incident ? JSON.stringify(incident.params) : '',
      p95: clamp16(sum.p95),
      budget: Math.max(0, Math.min(100, Math.round(sum.budgetRemaining * 100))),
      errorRate: clamp16(sum.errorRate * 10_000),
      throughput: Math.round(sum.throughput / 10) * 10,
      spend: clamp16(sum.spend),
      incidents: sum.incidents.filter((i) => !i.recovered).length,
      alerts: sum.alerts.filter((a) => !a.acked).length,
    });
    setRows(ops.feed, team.feed, () => new FeedItemState(), (target, f) => set(target, { tick: f.tick, kind: f.kind, detail: f.detail }));
    setArray(d.util, COMPONENTS.map((c) => Math.max(0, Math.min(255, Math.round(sum.components[c].util * 100)))));
    const fb = sum.failedBy;
    setArray(d.failedBy, [fb.edge, fb.noHealthy, fb.overflow, fb.timeout, fb.error, fb.database, fb.dependency, fb.circuitOpen].map((n) => Math.round(n)));
    set(d, {
      credits: clamp16(sum.credits),
      shed: Math.round(sum.shed),
      p50: clamp16(sum.p50),
      p99: clamp16(sum.p99),
      burnRate: clamp16(sum.burnRate * 100),
      cacheHit: Math.round(sum.cacheHitRatio * 100),
      instancesA: sum.instances.a,
      instancesB: sum.instances.b,
      booting: sum.instances.booting,
      desiredA: run.desired[0],
      desiredB: run.desired[1],
      cdnOn: run.cdnOn,
      rateLimit: run.rateLimitRps,
      blockOn: run.blockOn,
      lbPolicy: run.lbPolicy,
      autoscaleOn: run.autoscaleOn,
      autoscaleTarget: Math.round(run.autoscaleTarget * 100),
      breakerOn: run.breakerOn,
      drainedA: run.drained[0],
      drainedB: run.drained[1],
      canRollback: run.deployed,
      replicas: run.replicas.filter((r) => r.up).length,
      pending: team.pending.length,
    });
    setRows(d.alerts, sum.alerts.filter((a) => !a.acked).slice(-6), () => new AlertState(), (target, a) => set(target, { id: a.id, severity: a.severity, firedAt: a.firedAt, acked: a.acked }));
    setArray(d.findings, team.findings);
  }
  set(s, { tick });
}

export function syncScenarioReports(s: ScenarioState, g: GameModel): void {
  const round = currentScenario(g);
  if (!round?.results) return;
  setRows(s.reports, round.results, () => {
    const r = new TeamReportState();
    r.incidents = new ArraySchema();
    return r;
  }, (target, r) => {
    set(target, {
      team: r.team,
      availability: clamp16(r.report.availability * 10_000),
      p95: clamp16(r.report.p95LatencyMs),
      cost: clamp16(r.report.cost),
      score: Math.round(r.report.score),
      points: r.points,
      rankBefore: r.rankBefore,
      rankAfter: r.rankAfter,
    });
    setRows(target.incidents, r.report.incidents, () => new IncidentResultState(), (i, inc) =>
      set(i, { cause: inc.cause, startedAt: inc.startedAt, ttd: inc.timeToDetect === null ? -1 : Math.min(32767, Math.round(inc.timeToDetect)), ttr: inc.timeToRecover === null ? -1 : Math.min(32767, Math.round(inc.timeToRecover)) }),
    );
  });
}
