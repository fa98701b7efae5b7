// What a bot phone does in a scenario round: now and then, one plausible action for one of its
// roles, read from its team's synced details, and like the phone's console, never one the team
// cannot afford (those buttons are greyed out). Used by the room and load benchmarks.
import { costWith, type SimAction } from '../shared/sim/index.ts';

type Details = {
  credits: number;
  members: ArrayLike<{ playerId: string; roles: string }>;
  cdnOn: boolean;
  desiredA: number;
  desiredB: number;
  autoscaleOn: boolean;
  breakerOn: boolean;
  alerts: ArrayLike<{ id: number }>;
};

export function botScenarioAction(details: Details | undefined, playerId: string, random: () => number): { type: string; [k: string]: unknown } | undefined {
  const action = pickAction(details, playerId, random);
  return action && details && costWith([details.desiredA, details.desiredB], action as SimAction) <= details.credits ? action : undefined;
}

function pickAction(details: Details | undefined, playerId: string, random: () => number): { type: string; [k: string]: unknown } | undefined {
  if (!details) return undefined;
  const me = Array.from(details.members).find((m) => m.playerId === playerId);
  const roles = me?.roles.split(',').filter(Boolean) ?? [];
  if (roles.length === 0) return undefined;
  const role = roles[Math.floor(random() * roles.length)];
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  switch (role) {
    case 'edge':
      return pick([{ type: 'cdn', on: !details.cdnOn }, { type: 'rate-limit', rps: pick([0, 2500, 5000]) }, { type: 'lb-policy', policy: pick(['round-robin', 'least-connections']) }]);
    case 'compute': {
      const zone = pick(['a', 'b']);
      const desired = zone === 'a' ? details.desiredA : details.desiredB;
      return pick([{ type: 'scale', zone, count: Math.max(1, Math.min(6, desired + pick([-1, 1, 1]))) }, { type: 'autoscale', on: !details.autoscaleOn, target: 0.6 }]);
    }
    case 'data':
      return pick([{ type: 'warm-cache' }, { type: 'circuit-breaker', on: !details.breakerOn }]);
    case 'observability': {
      const alerts = Array.from(details.alerts);
      return alerts.length > 0 ? { type: 'ack', alert: alerts[0]!.id } : { type: 'diagnose' };
    }
    default:
      return undefined;
  }
}
