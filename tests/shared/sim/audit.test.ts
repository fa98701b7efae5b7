// The card audit (npm run sim -- --audit) run in-process: every built-in card keeps the rules that
// keep the score honest, and the audit does catch a card that breaks them.
import { describe, expect, it } from 'vitest';
import { AUDIT, LIVE_TICKS_PER_SECOND, PHONE_CHOICES, SCENARIOS, STRATEGIES, usersFirstProblems, audit, auditCard, auditTable, firstSymptom, getScenario, phoneCannotSend, strategyLog, type ScenarioCard, type Strategy } from '../../../shared/sim/index.ts';

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

  it('catches a score that ranks serving users at a price below letting them fail for free', () => {
    // maximum scale on one server's card: nobody is left without an answer (nothing: ~42 %), and
    // a score that charged the bill linearly (six times the bill: -1,000 points) ranked it below nothing
    const row = auditCard(getScenario('single-server')!, [1]);
    expect(row.missed.maxScale[0]).toBeLessThan(0.01);
    expect(row.missed.nothing[0]).toBeGreaterThan(0.4);
    expect(row.scores.maxScale[0]).toBeGreaterThan(row.scores.nothing[0]!);
    // the rule itself: a strategy leaving 5 % of users without a good answer against nothing's 20 %
    // that scores no more than nothing is named; one leaving 15 % (not half) may cost more
    const scores = Object.fromEntries(STRATEGIES.map((st) => [st, [100]])) as Record<Strategy, number[]>;
    const missed = Object.fromEntries(STRATEGIES.map((st) => [st, [0.2]])) as Record<Strategy, number[]>;
    missed.maxScale = [0.05];
    scores.maxScale = [90];
    missed.everything = [0.15];
    scores.everything = [40];
    expect(usersFirstProblems([7], scores, missed)).toEqual(['seed 7: maxScale leaves 5.0 % of users without a good answer (nothing: 20.0 %) but scores 90, not above nothing 100']);
  });

  it('catches a script a phone cannot play (a rate limit off the phone\'s list)', () => {
    const base = getScenario('retry-storm')!;
    const odd: ScenarioCard = { ...base, id: 'odd', recommended: base.recommended.map((e) => (e.action.type === 'rate-limit' && e.action.rps > 0 ? { ...e, action: { ...e.action, rps: 900 } } : e)) };
    expect(auditCard(odd, [1]).problems).toContain(`recommended rate-limit at tick ${odd.recommended[0]!.tick}: a phone offers ${PHONE_CHOICES.rateLimitRps.join(', ')} per second, not 900`);
    expect(phoneCannotSend({ type: 'rate-limit', rps: 0 })).toBeNull();
    expect(phoneCannotSend({ type: 'autoscale', on: true, target: PHONE_CHOICES.autoscaleTarget })).toBeNull();
    expect(phoneCannotSend({ type: 'autoscale', on: true, target: 0.8 })).toMatch(/60 %/);
  });

  it('plays the late variants 10 and 20 real seconds later at the live pace', () => {
    const card = getScenario('db-failover')!;
    const rec = strategyLog(card, 'recommended');
    const late = strategyLog(card, 'late20');
    expect(late.map((e) => e.tick)).toEqual(rec.map((e) => e.tick + Math.round(AUDIT.lateSec[1] * LIVE_TICKS_PER_SECOND)));
    expect(late.map((e) => e.action)).toEqual(rec.map((e) => e.action));
  });
});
