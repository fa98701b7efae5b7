import { beforeAll, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { CATALOGS } from '../../shared/i18n/index.ts';
import { agoText, formatClock, incidentCauses, liveRanks, percent, reportOrder, secondsBetween } from '../../client/src/view/story.ts';
import type { TeamReportView } from '../../client/src/view/model.ts';

beforeAll(async () => {
  await i18next.init({ lng: 'en', resources: { en: { translation: CATALOGS.en }, es: { translation: CATALOGS.es } }, interpolation: { escapeValue: false } });
});

const report = (team: number, points: number, availability: number, causes: [string, number][] = []): TeamReportView => ({
  team, points, availability, p95: 0, cost: 0, score: 0, rankBefore: 1, rankAfter: 1, incidents: causes.map(([cause, startedAt]) => ({ cause, startedAt, ttd: 1, ttr: 2 })),
});

describe('the words of a scenario round', () => {
  it('shows the time left rounded up, and availability rounded down', () => {
    expect(formatClock(61_001)).toBe('1:02');
    expect(formatClock(0)).toBe('0:00');
    expect(percent(9999, 'en')).toBe('99.9 %');
    expect(percent(10_000, 'es')).toBe('100,0 %');
    expect(percent(9760, 'es', 2)).toBe('97,60 %');
  });
  it('says how long ago a feed entry happened in real seconds, at the room’s pace', () => {
    expect(secondsBetween(100, 220, 10)).toBe(12);
    expect(secondsBetween(100, 220, 20)).toBe(6);
    expect(agoText(12)).toBe('12 s ago');
    expect(agoText(125)).toBe('2 min ago');
  });
  it('ranks the round live by lives left, then availability over the round', () => {
    expect(liveRanks([{ lives: 3, availability: 9990 }, { lives: 5, availability: 9000 }, { lives: 3, availability: 9995 }])).toEqual([3, 1, 2]);
  });
  it('orders the report by this round’s points, not the game total', () => {
    const rows = reportOrder([report(0, 2211, 9000), report(1, 2220, 9990), report(2, 2220, 9500)]);
    expect(rows.map((r) => r.team)).toEqual([1, 2, 0]);
  });
  it('heads the incident columns with what most teams went through', () => {
    expect(incidentCauses([report(0, 0, 0, [['instance-crash', 50], ['traffic-spike', 600]]), report(1, 0, 0, [['traffic-spike', 600]]), report(2, 0, 0, [])])).toEqual(['traffic-spike', 'instance-crash']);
  });
});
