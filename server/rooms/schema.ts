// The synced state: only what the screens need, bounded in size whatever the number of
// players. Phones get the shared fields; the live counters (`counts`) are tagged .view() and
// reach only the host's StateView. The roster and per-player results travel as messages.
import { schema, t, type SchemaType } from '@colyseus/schema';

export const TeamState = schema(
  {
    score: t.uint32().default(0),
    rank: t.uint8().default(0),
  },
  'Team',
);
export type TeamState = SchemaType<typeof TeamState>;

export const QuestionState = schema(
  {
    seq: t.uint32().default(0),
    type: t.string().default(''),
    text: t.string().default(''),
    /** Option (ordering: item) texts in the order this game shows them; answers name a position in this list. */
    options: t.array('string'),
    index: t.uint8().default(0),
    count: t.uint8().default(0),
    limitMs: t.uint32().default(0),
    min: t.float64().default(0),
    max: t.float64().default(0),
    step: t.float64().default(1),
    unit: t.string().default(''),
  },
  'Question',
);
export type QuestionState = SchemaType<typeof QuestionState>;

export const RevealState = schema(
  {
    seq: t.uint32().default(0),
    /** Choice types: the correct options' positions in question.options. Ordering: the shown positions in the right order. */
    correct: t.array('uint8'),
    answer: t.float64().default(0),
    tolerance: t.float64().default(0),
    /** Choice types: answers per position in question.options. Ordering: per item (in the right order), players who put it in its place. Estimates: per tenth of the range. */
    distribution: t.array('uint16'),
    answered: t.uint16().default(0),
    eligible: t.uint16().default(0),
    explanation: t.string().default(''),
    skipped: t.boolean().default(false),
  },
  'Reveal',
);
export type RevealState = SchemaType<typeof RevealState>;

export const TopPlayerState = schema(
  {
    name: t.string().default(''),
    team: t.uint8().default(0),
    score: t.uint32().default(0),
  },
  'TopPlayer',
);
export type TopPlayerState = SchemaType<typeof TopPlayerState>;


// ---------- scenario rounds ----------

export const FeedItemState = schema(
  {
    tick: t.uint16().default(0),
    kind: t.string().default(''),
    detail: t.string().default(''),
  },
  'FeedItem',
);
export type FeedItemState = SchemaType<typeof FeedItemState>;

/**
 * Every team's service at a glance: what the projector's ops center draws. Quantized, synced once
 * a second. From shared/sim's SimSummary (see the top of shared/sim/report.ts): `availabilityRecent`
 * (the recent window, so a recovered team turns green), `lives` (0..LIVES_MAX from shared/sim),
 * `incident` + `incidentParams` (catalog key and its parameters as JSON; '' = none). Feed items
 * carry ticks: screens say "12 s ago" with ScenarioState.ticksPerSecond.
 */
export const OpsSummaryState = schema(
  {
    /** Per component (edge, lb, zoneA, zoneB, cache, db, payments): 0 ok, 1 degraded, 2 down. */
    health: t.array('uint8'),
    /** Availability so far, in hundredths of a percent (9995 = 99.95 %). */
    availability: t.uint16().default(10000),
    /** Availability over the recent window (shared/sim DISPLAY.recentWindowSec), hundredths of a percent. */
    availabilityRecent: t.uint16().default(10000),
    /** Error-budget lives left, 0..LIVES_MAX (shared/sim). */
    lives: t.uint8().default(0),
    /** The incident the team's monitoring shows: an i18n key such as 'ops.incident.zoneLost', or '' for none. */
    incident: t.string().default(''),
    /** Its parameters as a JSON object of strings and numbers (e.g. {"zone":"A","count":2}); '' when none. */
    incidentParams: t.string().default(''),
    p95: t.uint16().default(0),
    /** Error budget left, percent. */
    budget: t.uint8().default(100),
    /** Error rate this tick, hundredths of a percent. */
    errorRate: t.uint16().default(0),
    throughput: t.uint32().default(0),
    spend: t.uint16().default(0),
    incidents: t.uint8().default(0),
    alerts: t.uint8().default(0),
    feed: t.array(FeedItemState),
  },
  'OpsSummary',
);
export type OpsSummaryState = SchemaType<typeof OpsSummaryState>;

export const AlertState = schema({ id: t.uint16().default(0), severity: t.string().default(''), firedAt: t.uint16().default(0), acked: t.boolean().default(false) }, 'Alert');
export type AlertState = SchemaType<typeof AlertState>;

export const MemberRoleState = schema({ playerId: t.string().default(''), name: t.string().default(''), roles: t.string().default('') }, 'MemberRole');
export type MemberRoleState = SchemaType<typeof MemberRoleState>;

/** One team's controls and dashboards: only that team's phones (and the teacher) receive it. */
export const OpsDetailState = schema(
  {
    team: t.uint8().default(0),
    credits: t.uint16().default(0),
    /** Smoothed utilization per component, percent. */
    util: t.array('uint8'),
    /** Failures by reason this tick: edge, noHealthy, overflow, timeout, error, database, dependency, circuitOpen. */
    failedBy: t.array('uint32'),
    shed: t.uint32().default(0),
    p50: t.uint16().default(0),
    p99: t.uint16().default(0),
    burnRate: t.uint16().default(0),
    cacheHit: t.uint8().default(0),
    instancesA: t.uint8().default(0),
    instancesB: t.uint8().default(0),
    booting: t.uint8().default(0),
    desiredA: t.uint8().default(0),
    desiredB: t.uint8().default(0),
    cdnOn: t.boolean().default(false),
    rateLimit: t.uint32().default(0),
    blockOn: t.boolean().default(false),
    lbPolicy: t.string().default(''),
    autoscaleOn: t.boolean().default(false),
    autoscaleTarget: t.uint8().default(0),
    breakerOn: t.boolean().default(false),
    drainedA: t.boolean().default(false),
    drainedB: t.boolean().default(false),
    canRollback: t.boolean().default(false),
    replicas: t.uint8().default(0),
    alerts: t.array(AlertState),
    findings: t.array('string'),
    members: t.array(MemberRoleState),
    pending: t.uint8().default(0),
  },
  'OpsDetail',
);
export type OpsDetailState = SchemaType<typeof OpsDetailState>;

export const IncidentResultState = schema({ cause: t.string().default(''), startedAt: t.uint16().default(0), ttd: t.int16().default(-1), ttr: t.int16().default(-1) }, 'IncidentResult');
export const TeamReportState = schema(
  {
    team: t.uint8().default(0),
    availability: t.uint16().default(0),
    p95: t.uint16().default(0),
    cost: t.uint16().default(0),
    score: t.int16().default(0),
    points: t.uint32().default(0),
    rankBefore: t.uint8().default(0),
    rankAfter: t.uint8().default(0),
    incidents: t.array(IncidentResultState),
  },
  'TeamReport',
);
export type TeamReportState = SchemaType<typeof TeamReportState>;

export const ScenarioState = schema(
  {
    cardId: t.string().default(''),
    title: t.string().default(''),
    description: t.string().default(''),
    concept: t.string().default(''),
    tick: t.uint16().default(0),
    durationTicks: t.uint16().default(0),
    /** Live scenario ticks per real second (the room's pace): turns ticks into real seconds ("12 s ago"). */
    ticksPerSecond: t.float32().default(0),
    ops: t.array(OpsSummaryState),
    details: t.array(OpsDetailState).view(),
    reports: t.array(TeamReportState),
  },
  'Scenario',
);
export type ScenarioState = SchemaType<typeof ScenarioState>;

/** Counters that change with every join and answer: the teacher's screen needs them, phones do not
 *  (in a room of 2,000 they would send every phone a patch five times a second). */
export const CountsState = schema(
  {
    answered: t.uint16().default(0),
    playerCount: t.uint16().default(0),
    connectedCount: t.uint16().default(0),
    teamMembers: t.array('uint16'),
  },
  'Counts',
);
export type CountsState = SchemaType<typeof CountsState>;

export const GameState = schema(
  {
    code: t.string().default(''),
    lang: t.string().default('es'),
    phase: t.string().default('lobby'),
    paused: t.boolean().default(false),
    locked: t.boolean().default(false),
    hostConnected: t.boolean().default(false),
    planTitle: t.string().default(''),
    roundIndex: t.uint8().default(0),
    roundCount: t.uint8().default(0),
    roundTitle: t.string().default(''),
    question: t.ref(QuestionState),
    reveal: t.ref(RevealState),
    /** Server time (ms since the epoch) at which the current phase ends; 0 = no countdown. */
    timerEndsAt: t.float64().default(0),
    timerRemainingMs: t.uint32().default(0),
    timerDurationMs: t.uint32().default(0),
    teamCount: t.uint8().default(0),
    teams: t.array(TeamState),
    top: t.array(TopPlayerState),
    speedScoring: t.boolean().default(true),
    sound: t.boolean().default(true),
    /** The class's time for the open question is up; it stays open for students with extra time (who, is never said). */
    overtime: t.boolean().default(false),
    /** Whether speed counted in the scored questions so far: 'all', 'some', 'none', or '' before any (the podium says it). */
    speedCounted: t.string().default(''),
    /** The nickname policy for players who join from now on (the teacher's settings panel shows it). */
    nicknames: t.string().default('typed'),
    holdNames: t.boolean().default(false),
    counts: t.ref(CountsState).view(),
    scenario: t.ref(ScenarioState),
  },
  'GameState',
);
export type GameState = SchemaType<typeof GameState>;
