// HOOK for scenario rounds (being built elsewhere): given the synced state while phase is
// 'scenario', return the action a phone bot sends as { action }, or undefined to send nothing.
// Until the scenario state and actions are settled, bots stay idle during scenarios, which
// makes the benchmark's scenario figures a lower bound. Replace the body when they land,
// keeping it cheap (it runs on every state change of every phone bot).
export function scenarioAction(_state: unknown, _random: () => number): { type: string; [k: string]: unknown } | undefined {
  return undefined;
}
