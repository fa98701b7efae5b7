// Words and numbers the projector tells a scenario round with: the clock, availability as a
// percentage, "12 s ago" from ticks, the incident as the team's monitoring names it, the feed,
// and the live ranking of the round. Pure apart from the catalog lookups.
import { t } from '../i18n.ts';
import type { OpsSummaryView, TeamReportView } from './model.ts';

/** m:ss of a duration (rounded up: the clock shows 0:00 only when the time is up). */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * An availability synced in hundredths of a percent, as "99.2 %" in the page's language: one
 * decimal, rounded down so a team that lost requests never reads 100 %.
 */
export function percent(hundredths: number, lang: string, digits = 1): string {
  const f = 10 ** digits;
  const value = Math.floor((hundredths / 100) * f + 1e-9) / f;
  return `${new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)} %`;
}

export function count(n: number, lang: string): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(n);
}

/** Colour of an availability against the 99 % SLO: green, yellow under it, red well under. */
export function availabilityColor(hundredths: number): string {
  return hundredths >= 9900 ? '#2ecc71' : hundredths >= 9500 ? '#f1c40f' : '#ff6b6b';
}

/** Real seconds between two ticks at the room's live pace. */
export function secondsBetween(fromTick: number, toTick: number, ticksPerSecond: number): number {
  return Math.max(0, Math.floor((toTick - fromTick) / Math.max(0.001, ticksPerSecond)));
}

export function agoText(seconds: number): string {
  return seconds < 60 ? t('ops.ago', { s: seconds }) : t('ops.agoMin', { m: Math.floor(seconds / 60) });
}

/** The incident the team's monitoring shows, in words, or '' when there is none. */
export function incidentWords(o: Pick<OpsSummaryView, 'incident' | 'incidentParams'>): string {
  if (!o.incident) return '';
  let params: Record<string, unknown> = {};
  try {
    const parsed: unknown = o.incidentParams ? JSON.parse(o.incidentParams) : {};
    if (parsed && typeof parsed === 'object') params = parsed as Record<string, unknown>;
  } catch {
    // a bad parameter string still names the incident
  }
  return t(o.incident, params);
}

export function feedText(kind: string, detail: string): string {
  const cause = (d: string) => t(`ops.causes.${d}`);
  switch (kind) {
    case 'incident':
      return `${t('ops.feed.incident')}: ${cause(detail)}`;
    case 'announcement':
      return t('ops.feed.announcement', { detail: cause(detail) });
    case 'alert':
      return t('ops.feed.alert', { detail: t(`ops.severity.${detail}`) });
    case 'action':
      return t('ops.feed.action', { detail: t(`ops.actions.${detail}`, { zone: '' }).trim() });
    case 'refused':
      return t('ops.feed.refused', { detail: t(`ops.actions.${detail}`, { zone: '' }).trim() });
    case 'diagnosis': {
      const found = detail.split(',').filter(Boolean).map(cause);
      return found.length ? `${t('ops.feed.diagnosis')}: ${found.join(', ')}` : t('ops.feed.diagnosisNothing');
    }
    default:
      return t(`ops.feed.${kind}`);
  }
}

/**
 * The round's live ranking: most error-budget lives left first, then the higher availability
 * over the round so far; ties keep the team order. Returns each team's rank (1 = first).
 */
export function liveRanks(ops: readonly Pick<OpsSummaryView, 'lives' | 'availability'>[]): number[] {
  const order = ops.map((o, team) => ({ o, team })).sort((a, b) => b.o.lives - a.o.lives || b.o.availability - a.o.availability || a.team - b.team);
  const ranks = new Array<number>(ops.length);
  order.forEach((entry, i) => (ranks[entry.team] = i + 1));
  return ranks;
}

/** Rows in the order of this round's result: points, then availability, then team. */
export function reportOrder(reports: readonly TeamReportView[]): TeamReportView[] {
  return [...reports].sort((a, b) => b.points - a.points || b.availability - a.availability || a.team - b.team);
}

/** The incident causes of the round, the one most teams had first. */
export function incidentCauses(reports: readonly TeamReportView[]): string[] {
  const seen = new Map<string, { teams: number; first: number }>();
  for (const r of reports) {
    for (const cause of new Set(r.incidents.map((i) => i.cause))) {
      const first = Math.min(...r.incidents.filter((i) => i.cause === cause).map((i) => i.startedAt));
      const s = seen.get(cause) ?? { teams: 0, first };
      seen.set(cause, { teams: s.teams + 1, first: Math.min(s.first, first) });
    }
  }
  return [...seen.entries()].sort((a, b) => b[1].teams - a[1].teams || a[1].first - b[1].first).map(([cause]) => cause);
}
