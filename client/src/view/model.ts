// The synced state as plain data (what server/rooms/schema.ts sends), for the pages and scenes.
export interface QuestionView {
  seq: number;
  type: 'single' | 'truefalse' | 'multi' | 'order' | 'numeric' | 'poll' | '';
  text: string;
  options: string[];
  index: number;
  count: number;
  limitMs: number;
  min: number;
  max: number;
  step: number;
  unit: string;
}

export interface RevealView {
  seq: number;
  correct: number[];
  answer: number;
  tolerance: number;
  distribution: number[];
  answered: number;
  eligible: number;
  explanation: string;
  skipped: boolean;
}

export interface GameView {
  code: string;
  lang: string;
  phase: 'lobby' | 'round-intro' | 'question' | 'reveal' | 'leaderboard' | 'podium';
  paused: boolean;
  locked: boolean;
  hostConnected: boolean;
  planTitle: string;
  roundIndex: number;
  roundCount: number;
  roundTitle: string;
  question: QuestionView;
  reveal: RevealView;
  timerEndsAt: number;
  timerRemainingMs: number;
  timerDurationMs: number;
  answered: number;
  playerCount: number;
  connectedCount: number;
  teamCount: number;
  teams: { score: number; members: number; rank: number }[];
  top: { name: string; team: number; score: number }[];
  speedScoring: boolean;
  sound: boolean;
  players?: Record<string, { name: string; team: number; score: number; connected: boolean }>;
}

export function snapshot(state: unknown): GameView {
  const s = state as { toJSON?: () => unknown };
  return (typeof s?.toJSON === 'function' ? s.toJSON() : s) as GameView;
}

/** Milliseconds left on the phase timer, given the offset between the server's clock and ours. */
export function timeLeftMs(v: GameView, clockOffsetMs: number, now = Date.now()): number {
  if (v.paused) return v.timerRemainingMs;
  if (!v.timerEndsAt) return 0;
  return Math.max(0, v.timerEndsAt - (now + clockOffsetMs));
}
