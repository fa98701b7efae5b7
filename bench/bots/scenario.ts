// What a phone bot does in a scenario round. Called on every state change of every phone bot
// (once a second during a scenario: the room patches at the simulation's 1 Hz sync), so it acts
// on a share of calls: about one action per bot every 6–7 s, chosen from its own roles
// (bench/scenario-actions.ts).
import { botScenarioAction } from '../scenario-actions.ts';

const ACT_PROBABILITY = 0.15;

export function scenarioAction(state: unknown, playerId: string, random: () => number): { type: string; [k: string]: unknown } | undefined {
  if (!playerId || random() > ACT_PROBABILITY) return undefined;
  const details = Array.from((state as { scenario?: { details?: ArrayLike<never> } }).scenario?.details ?? [])[0];
  return botScenarioAction(details, playerId, random);
}
