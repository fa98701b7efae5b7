// Words for the debrief: team names, simulated times, actions with their parameters, timeline entries.
import { list, t } from '../i18n.ts';
import type { SimAction } from '../../../shared/sim/index.ts';
import type { TimelineEntry } from '../../../shared/rules/debrief.ts';
import { faultInWords, roundClock, targetInWords } from '../../../shared/rules/fault-catalog.ts';

let ownNames: readonly string[] | undefined;
/** A results document's own team names (a homework's: each attempt's student), used before the catalog's. */
export function useTeamNames(names: readonly string[] | undefined): void {
  ownNames = names;
}

export const teamLabel = (team: number): string => ownNames?.[team] ?? t('teams.team', { name: list('teams.names')[team] ?? String(team + 1) });

/** Simulated seconds as m:ss. */
export function simTime(tick: number): string {
  const s = Math.max(0, Math.round(tick));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export const pct = (x: number, digits = 0): string => (x * 100).toFixed(digits);

const onOff = (on: boolean) => t(on ? 'ops.on' : 'ops.off');

export function actionText(a: SimAction): string {
  const name = (vars?: Record<string, unknown>) => t(`ops.actions.${a.type}`, vars);
  switch (a.type) {
    case 'cdn':
    case 'block-abuse':
    case 'circuit-breaker':
      return `${name()}: ${onOff(a.on)}`;
    case 'rate-limit':
      return `${name()}: ${a.rps === 0 ? t('ops.rateOff') : `${a.rps} rps`}`;
    case 'lb-policy':
      return `${name()}: ${t(`ops.policies.${a.policy}`)}`;
    case 'scale':
      return `${name()}: ${t('ops.zone', { zone: a.zone.toUpperCase() })} → ${a.count}`;
    case 'restart':
      return name({ zone: a.zone.toUpperCase() });
    case 'drain':
      return `${name({ zone: a.zone.toUpperCase() })}: ${onOff(a.on)}`;
    case 'autoscale':
      return `${name()}: ${onOff(a.on)}${a.on && a.target !== undefined ? ` (${t('ops.target', { pct: Math.round(a.target * 100) })})` : ''}`;
    default:
      return name();
  }
}

/** One line of the post-mortem: what happened, in words (the kind's label comes separately). */
export function entryText(e: TimelineEntry, playerName: (id: string) => string): string {
  switch (e.kind) {
    case 'incident':
    case 'announcement':
      return t(`ops.causes.${e.detail}`);
    case 'symptom':
      return t(`results.signals.${e.detail}`);
    case 'alert':
      return t(`ops.severity.${e.detail}`);
    case 'detected':
      return e.detail ? t(`results.detectedBy.${e.detail}`) : '';
    case 'diagnosis':
      return e.detail
        .split(',')
        .filter(Boolean)
        .map((c) => t(`ops.causes.${c}`))
        .join(', ');
    case 'action':
    case 'ack':
    case 'refused':
      return `${e.action ? actionText(e.action) : e.detail}${e.playerId ? ` (${playerName(e.playerId)})` : ''}`;
    case 'injected':
      return e.fault ? `${faultInWords(e.fault, t)} · ${targetInWords(e.fault, t, teamLabel)} · ${t('faults.by', { time: roundClock(e.fault.roundMs) })}` : t(`faults.names.${e.detail}`);
    default:
      return '';
  }
}

/** A glyph per timeline kind, so markers are told apart without colour. */
export const KIND_GLYPH: Record<TimelineEntry['kind'], string> = {
  injected: '⚡',
  announcement: 'i',
  incident: '✖',
  symptom: '◆',
  alert: '!',
  ack: '✓',
  action: '▶',
  refused: '⊘',
  diagnosis: '?',
  detected: '◉',
  recovered: '✔',
};

export const KIND_COLOR: Record<TimelineEntry['kind'], string> = {
  injected: '#e056fd',
  announcement: '#9fb3c8',
  incident: '#ff6b6b',
  symptom: '#ff9f43',
  alert: '#f1c40f',
  ack: '#5dade2',
  action: '#2ecc71',
  refused: '#b0b0b0',
  diagnosis: '#c39bd3',
  detected: '#48c9b0',
  recovered: '#7bed9f',
};
