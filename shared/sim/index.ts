// The service simulation, public API. One tick = TICK_SECONDS simulated seconds.
//
//   const run = createRun(getScenario('bad-deploy')!, seed, { credits: 120 });
//   const { metrics, events } = stepRun(run, actionsThisTick); // mutates run; metrics is reused next tick
//   summarize(run) → what screens show; runReport(run) → the end-of-round report
//   replay(card, seed, [{ tick, action }], options) → the same report, byte for byte
//   injectFault(run, event) → a fault from outside the card starts at the next step (a teacher's game day)
//
// A run is plain JSON data (RNG state inside): JSON.parse(JSON.stringify(run)) resumes exactly.
// validateAction answers { ok } or { ok: false, code, reason } and never throws.
export { createRun, stepRun } from './engine.ts';
export { injectFault } from './timeline.ts';
export { currentMetrics, runReport, summarize, replay, playToEnd, budgetSpent, scoreOf } from './report.ts';
export type { SimSummary } from './report.ts';
export { incidentSignal, livesFor, recentAvailability, parseIncidentParams } from './signal.ts';
export type { IncidentSignal } from './signal.ts';
export { ACTIONS, ACTION_TYPES, validateAction, checkActionShape, actionCost, costWith, actionLogSchema, PHONE_CHOICES, phoneCannotSend } from './actions.ts';
export type { ActionSpec, ParamSpec } from './actions.ts';
export { SCENARIOS, getScenario } from './scenarios.ts';
export { TICK_SECONDS, LIVE_TICKS_PER_SECOND, DEFAULTS, LIVES_MAX } from './constants.ts';
export { ROLES, ZONES, COMPONENTS } from './types.ts';
export type * from './types.ts';
export { AUDIT, STRATEGIES, audit, auditCard, auditTable, firstSymptom, missedShare, strategyLog, usersFirstProblems } from './audit.ts';
export type { AuditResult, AuditRow, Strategy } from './audit.ts';
