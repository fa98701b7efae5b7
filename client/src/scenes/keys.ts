// Scene keys, in one place.
export const SCENES = {
  hostLobby: 'host-lobby',
  hostRoundIntro: 'host-round-intro',
  hostQuestion: 'host-question',
  hostReveal: 'host-reveal',
  hostLeaderboard: 'host-leaderboard',
  hostPodium: 'host-podium',
  hostOpsCenter: 'host-ops-center',
  hostScenarioReport: 'host-scenario-report',
} as const;
