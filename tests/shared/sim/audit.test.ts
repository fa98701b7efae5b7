// The card audit (npm run sim -- --audit) run in-process: every built-in card keeps the rules that
// keep the score honest, and the audit does catch a card that breaks them.
import { describe, expect, it } from 'vitest';
import { AUDIT, LIVE_TICKS_PER_SECOND, SCENARIOS, audit, auditCard, auditTable, firstSymptom, getScenario, strategyLog, type ScenarioCard } from '../../../shared/sim/index.ts';

describe('card audit', () => {
  // thousands of runs: no short timeout, a busy machine only makes it slower
  it('every card keeps the rules on seeds 1–5 (recommended, late play, harmful, generic shortcuts, human pace)', { timeout: 600_000 }, () => {
    const result = audit(SCENARIOS);
    const problems = result.rows.flatMap((r) => r.problems.map((p) => `${r.card}: ${p}`));
    expect(problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(auditTable(result)).toMatch(/every card keeps the rules/);
  });

  it('catches a card whose recommended response is no better than doing nothing', () => {
    const base = getScenario('bad-deploy')!;
    const lazy: ScenarioCard = { ...base, id: 'lazy', recommended: [{ tick: 400, action: { type: 'diagnose' } }] };
    const row = auditCard(lazy, [1]);
    expect(row.problems.some((p) => p.includes('does not beat nothing'))).toBe(true);
  });

  it('catches a harmful script that helps, and a reaction faster than a class can give', () => {
    const base = getScenario('bad-deploy')!;
    const fast: ScenarioCard = { ...base, id: 'fast', recommended: [{ tick: firstSymptom(base, 1) + 2, action: { type: 'rollback' } }], harmful: [...base.recommended] };
    const row = auditCard(fast, [1]);
    expect(row.problems.some((p) => p.includes('harmful'))).toBe(true);
    expect(row.problems.some((p) => p.includes('earlier than 10 real s after the first symptom'))).toBe(true);
  });

  it('plays the late variants 10 and 20 real seconds later at the live pace', () => {
    const card = getScenario('db-failover')!;
    const rec = strategyLog(card, 'recommended');
    const late = strategyLog(card, 'late20');
    expect(late.map((e) => e.tick)).toEqual(rec.map((e) => e.tick + Math.round(AUDIT.lateSec[1] * LIVE_TICKS_PER_SECOND)));
    expect(late.map((e) => e.action)).toEqual(rec.map((e) => e.action));
  });
});
