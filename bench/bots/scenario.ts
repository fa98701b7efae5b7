// What a phone bot does in a scenario round. Called on every state change of every phone bot
// (2–5 a second during a scenario), so it acts on a small share of calls: about one action per
// bot every few seconds, chosen from its own roles (bench/scenario-actions.ts).
import { botScenarioAction } from '../scenario-actions.ts';

const ACT_PROBABILITY = 0.05;

export function scenarioAction(state: unknown, playerId: string, random: () => number): { type: string; [k: string]: unknown } | undefined {
  if (!playerId || random() > ACT_PROBABILITY) return undefined;
  const details = Array.from((state as { scenario?: { details?: ArrayLike<never> } }).scenario?.details ?? [])[0];
  return botScenarioAction(details, playerId, random);
}
