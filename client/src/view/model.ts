// The synced state as plain data (what server/rooms/schema.ts sends), for the pages and scenes.
import type { RosterRow } from '../../../shared/protocol.ts';
export interface QuestionView {
  seq: number;
  type: 'single' | 'truefalse' | 'multi' | 'order' | 'numeric' | 'poll' | '';
  text: string;
  options: string[];
  index: number;
  count: number;
  limitMs: number;
  min: number;
  max: number;
  step: number;
  unit: string;
}

export interface RevealView {
  seq: number;
  correct: number[];
  answer: number;
  tolerance: number;
  distribution: number[];
  answered: number;
  eligible: number;
  explanation: string;
  skipped: boolean;
}

export interface OpsSummaryView {
  health: number[];
  availability: number;
  /** Availability over the recent window, hundredths of a percent. */
  availabilityRecent: number;
  /** Error-budget lives left, 0..LIVES_MAX (shared/sim). */
  lives: number;
  /** i18n key of the incident monitoring shows ('' = none) and its parameters as JSON. */
  incident: string;
  incidentParams: string;
  p95: number;
  budget: number;
  errorRate: number;
  throughput: number;
  spend: number;
  incidents: number;
  alerts: number;
  feed: { tick: number; kind: string; detail: string }[];
}

export interface OpsDetailView {
  team: number;
  credits: number;
  util: number[];
  failedBy: number[];
  shed: number;
  p50: number;
  p99: number;
  burnRate: number;
  cacheHit: number;
  instancesA: number;
  instancesB: number;
  booting: number;
  desiredA: number;
  desiredB: number;
  cdnOn: boolean;
  rateLimit: number;
  blockOn: boolean;
  lbPolicy: string;
  autoscaleOn: boolean;
  autoscaleTarget: number;
  breakerOn: boolean;
  drainedA: boolean;
  drainedB: boolean;
  canRollback: boolean;
  replicas: number;
  alerts: { id: number; severity: string; firedAt: number; acked: boolean }[];
  findings: string[];
  members: { playerId: string; name: string; roles: string }[];
  pending: number;
}

export interface TeamReportView {
  team: number;
  availability: number;
  p95: number;
  cost: number;
  score: number;
  points: number;
  rankBefore: number;
  rankAfter: number;
  incidents: { cause: string; startedAt: number; ttd: number; ttr: number }[];
}

export interface ScenarioView {
  cardId: string;
  title: string;
  description: string;
  concept: string;
  tick: number;
  durationTicks: number;
  /** Live ticks per real second: ticks → real seconds ("12 s ago"). */
  ticksPerSecond: number;
  ops: OpsSummaryView[];
  details: OpsDetailView[];
  reports: TeamReportView[];
}

/** The order of components in health/util arrays (shared/sim COMPONENTS). */
export const COMPONENT_IDS = ['edge', 'lb', 'zoneA', 'zoneB', 'cache', 'db', 'payments'] as const;
export const FAILURE_IDS = ['edge', 'noHealthy', 'overflow', 'timeout', 'error', 'database', 'dependency', 'circuitOpen'] as const;
export const HEALTH_IDS = ['ok', 'degraded', 'down'] as const;

export interface GameView {
  code: string;
  lang: string;
  phase: 'lobby' | 'round-intro' | 'question' | 'reveal' | 'leaderboard' | 'scenario' | 'scenario-report' | 'podium';
  paused: boolean;
  locked: boolean;
  hostConnected: boolean;
  planTitle: string;
  roundIndex: number;
  roundCount: number;
  roundTitle: string;
  question: QuestionView;
  reveal: RevealView;
  timerEndsAt: number;
  timerRemainingMs: number;
  timerDurationMs: number;
  /** The class's time for the open question is up; it stays open for students with extra time. */
  overtime?: boolean;
  teamCount: number;
  teams: { score: number; rank: number }[];
  /** Teacher only. */
  counts?: { answered: number; playerCount: number; connectedCount: number; teamMembers: number[] };
  top: { name: string; team: number; score: number }[];
  speedScoring: boolean;
  sound: boolean;
  /** How students get nicknames from now on, and whether new typed ones wait for the teacher. */
  nicknames: 'typed' | 'generated';
  holdNames: boolean;
  /** Whether speed counted in the scored questions so far: 'all', 'some', 'none', or '' before any (the podium says it). */
  speedCounted: 'all' | 'some' | 'none' | '';
  /**
   * Teacher only: the roster, from host:roster messages (not synced state). `held`: the nickname
   * waits for the teacher's approval and no shared screen shows it; extraTime/noSpeed: accommodations.
   */
  players?: Record<string, RosterEntry>;
  scenario: ScenarioView;
}

/** A roster row as the teacher's page keeps it, by player id (the host:roster message's rows). */
export type RosterEntry = Omit<RosterRow, 'id'>;

export function snapshot(state: unknown): GameView {
  const s = state as { toJSON?: () => unknown };
  return (typeof s?.toJSON === 'function' ? s.toJSON() : s) as GameView;
}

/** Milliseconds left on the phase timer, given the offset between the server's clock and ours. */
export function timeLeftMs(v: GameView, clockOffsetMs: number, now = Date.now()): number {
  if (v.paused) return v.timerRemainingMs;
  if (!v.timerEndsAt) return 0;
  return Math.max(0, v.timerEndsAt - (now + clockOffsetMs));
}
