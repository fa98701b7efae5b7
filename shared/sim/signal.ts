// What a team's monitoring shows of the current incident: a catalog key (ops.incident.*, in
// shared/i18n) and its parameters, built only from what dashboards and health checks see.
// Before a diagnostic the screens get the symptom ("zone A: 2 instances down", "errors at 30 %");
// the root cause ("bad deploy") only once a diagnostic has revealed it or it shows on any
// dashboard by itself (a cold cache, a database that refuses connections, a slow dependency).
import { LIVE_TICKS_PER_SECOND, LIVES } from './constants.ts';
import type { Incident, SimRun } from './types.ts';

/** The current incident as a catalog key and parameters; screens call t(key, params). */
export interface IncidentSignal {
  key: string;
  params: Record<string, string | number>;
}

const ZONE = ['A', 'B'] as const;
const pct = (x: number): number => Math.round(x * 100);

/** Lives left (0..LIVES_MAX) for the share of the round's error budget spent (1 = all of it). */
export function livesFor(spent: number): number {
  const marks = LIVES.spentMarks;
  let lost = 0;
  while (lost < marks.length && spent >= marks[lost]!) lost++;
  return marks.length - lost;
}

/** Instances a zone is short of what is wanted, as the load balancer's target list shows (dead, or a replacement still booting). */
function downIn(run: SimRun, z: 0 | 1): number {
  let up = 0;
  for (const inst of run.instances) if (inst.zone === z && (inst.state === 'up' || inst.state === 'draining')) up++;
  return Math.max(0, run.desired[z] - up);
}

/** The symptom every dashboard shows when nothing more specific is visible. */
function symptom(run: SimRun): IncidentSignal | null {
  const m = run.metrics;
  if (m.errorRate >= 0.01) return { key: 'ops.incident.errors', params: { pct: Math.max(1, pct(m.errorRate)) } };
  if (m.p95 > run.sloLatencyMs) return { key: 'ops.incident.slow', params: { ms: Math.round(m.p95), slo: run.sloLatencyMs } };
  return null;
}

/** What monitoring shows for one open incident, or null while it has no visible sign. */
function signalOf(run: SimRun, inc: Incident): IncidentSignal | null {
  const m = run.metrics;
  switch (inc.cause) {
    case 'instance-crash':
    case 'zone-outage': {
      const z = inc.component === 'zoneB' ? 1 : 0;
      if (inc.cause === 'zone-outage' && run.zoneDown[z]) return { key: 'ops.incident.zoneLost', params: { zone: ZONE[z] } };
      const count = downIn(run, z);
      return count > 0 ? { key: 'ops.incident.instancesLost', params: { zone: ZONE[z], count } } : symptom(run);
    }
    case 'traffic-spike': {
      const base = run.card.traffic.baseRps;
      const factor = base > 0 ? m.fresh / base : 1;
      return factor >= 1.3 ? { key: 'ops.incident.trafficSurge', params: { pct: pct(factor - 1) } } : symptom(run);
    }
    case 'bot-flood':
      if (inc.diagnosed) return { key: 'ops.incident.botFlood', params: { rps: Math.round(run.botRps) } };
      return { key: 'ops.incident.trafficSurge', params: { pct: pct(m.fresh / Math.max(1, run.card.traffic.baseRps) - 1) } };
    case 'db-primary-failure':
      return m.health.db === 'down' ? { key: 'ops.incident.dbDown', params: {} } : symptom(run);
    case 'replication-lag':
      return run.lagSec > 1 ? { key: 'ops.incident.dbLag', params: { sec: Math.round(run.lagSec) } } : symptom(run);
    case 'dependency':
      return { key: 'ops.incident.dependencySlow', params: { ms: Math.round(run.depLatencyMs) } };
    case 'cache-flush':
      return { key: 'ops.incident.cacheCold', params: { pct: pct(run.cacheHit) } };
    case 'partition':
      return inc.diagnosed ? { key: 'ops.incident.partition', params: {} } : symptom(run);
    case 'config-error':
      return inc.diagnosed ? { key: inc.component === 'edge' ? 'ops.incident.configErrorEdge' : 'ops.incident.configErrorLb', params: {} } : symptom(run);
    case 'bad-deploy':
      return inc.diagnosed ? { key: 'ops.incident.badDeploy', params: {} } : symptom(run);
    case 'memory-leak': {
      if (inc.diagnosed) return { key: 'ops.incident.memoryLeak', params: {} };
      const down = downIn(run, 0) + downIn(run, 1);
      return down > 0 ? { key: 'ops.incident.instancesLost', params: { zone: down === downIn(run, 0) ? 'A' : 'B', count: down } } : symptom(run);
    }
    default: {
      const never: never = inc.cause;
      return never;
    }
  }
}

/**
 * The incident the team's monitoring shows now: the most recent open one that has a visible
 * sign, else a planned maintenance that was announced and has not started, else null.
 */
export function incidentSignal(run: SimRun): IncidentSignal | null {
  for (let i = run.incidents.length - 1; i >= 0; i--) {
    const inc = run.incidents[i]!;
    if (inc.recoveredAt >= 0) continue;
    // a fault nobody can see yet (no impact, no alert, no diagnosis) shows nothing; lost instances always show
    const fleet = inc.cause === 'instance-crash' || inc.cause === 'zone-outage';
    if (!fleet && inc.impactedAt < 0 && inc.detectedAt < 0 && !inc.diagnosed && run.metrics.errorRate < 0.01) continue;
    const s = signalOf(run, inc);
    if (s) return s;
  }
  const t = run.tick;
  for (const e of run.card.timeline) {
    if (!e.announce || t < e.at - e.announce || t >= e.at) continue;
    const zone = e.event.type === 'zone-outage' ? (e.event.zone === 'a' ? 'A' : 'B') : '';
    return { key: 'ops.incident.planned', params: { zone, seconds: Math.ceil((e.at - t) / LIVE_TICKS_PER_SECOND) } };
  }
  return null;
}

/** Availability over the last DISPLAY.recentWindowSec s (1 when nothing was answered). */
export function recentAvailability(run: SimRun): number {
  const [answered, failed] = run.recent;
  return answered > 1e-9 ? Math.max(0, Math.min(1, 1 - failed / answered)) : 1;
}

/** Reads OpsSummaryState.incidentParams back (never throws): only string and number values survive. */
export function parseIncidentParams(json: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (!json) return out;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return out;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return out;
  for (const [k, v] of Object.entries(data)) if (k !== '__proto__' && (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)))) out[k] = v;
  return out;
}
