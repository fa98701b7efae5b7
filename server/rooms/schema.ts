// The synced state: only what the screens need, bounded in size whatever the number of
// players. Phones get the shared fields; the roster (`players`) is tagged .view() and reaches
// only the host's StateView. Per-player results travel as messages, not state.
import { schema, t, type SchemaType } from '@colyseus/schema';

export const TeamState = schema(
  {
    score: t.uint32().default(0),
    members: t.uint16().default(0),
    rank: t.uint8().default(0),
  },
  'Team',
);
export type TeamState = SchemaType<typeof TeamState>;

export const QuestionState = schema(
  {
    seq: t.uint32().default(0),
    type: t.string().default(''),
    text: t.string().default(''),
    options: t.array('string'),
    index: t.uint8().default(0),
    count: t.uint8().default(0),
    limitMs: t.uint32().default(0),
    min: t.float64().default(0),
    max: t.float64().default(0),
    step: t.float64().default(1),
    unit: t.string().default(''),
  },
  'Question',
);
export type QuestionState = SchemaType<typeof QuestionState>;

export const RevealState = schema(
  {
    seq: t.uint32().default(0),
    /** Choice types: the correct option indices. Ordering: the shown positions in the right order. */
    correct: t.array('uint8'),
    answer: t.float64().default(0),
    tolerance: t.float64().default(0),
    distribution: t.array('uint16'),
    answered: t.uint16().default(0),
    eligible: t.uint16().default(0),
    explanation: t.string().default(''),
    skipped: t.boolean().default(false),
  },
  'Reveal',
);
export type RevealState = SchemaType<typeof RevealState>;

export const TopPlayerState = schema(
  {
    name: t.string().default(''),
    team: t.uint8().default(0),
    score: t.uint32().default(0),
  },
  'TopPlayer',
);
export type TopPlayerState = SchemaType<typeof TopPlayerState>;

export const PlayerState = schema(
  {
    name: t.string().default(''),
    team: t.uint8().default(0),
    score: t.uint32().default(0),
    connected: t.boolean().default(true),
  },
  'Player',
);
export type PlayerState = SchemaType<typeof PlayerState>;

export const GameState = schema(
  {
    code: t.string().default(''),
    lang: t.string().default('es'),
    phase: t.string().default('lobby'),
    paused: t.boolean().default(false),
    locked: t.boolean().default(false),
    hostConnected: t.boolean().default(false),
    planTitle: t.string().default(''),
    roundIndex: t.uint8().default(0),
    roundCount: t.uint8().default(0),
    roundTitle: t.string().default(''),
    question: t.ref(QuestionState),
    reveal: t.ref(RevealState),
    /** Server time (ms since the epoch) at which the current phase ends; 0 = no countdown. */
    timerEndsAt: t.float64().default(0),
    timerRemainingMs: t.uint32().default(0),
    timerDurationMs: t.uint32().default(0),
    answered: t.uint16().default(0),
    playerCount: t.uint16().default(0),
    connectedCount: t.uint16().default(0),
    teamCount: t.uint8().default(0),
    teams: t.array(TeamState),
    top: t.array(TopPlayerState),
    speedScoring: t.boolean().default(true),
    sound: t.boolean().default(true),
    players: t.map(PlayerState).view(),
  },
  'GameState',
);
export type GameState = SchemaType<typeof GameState>;
